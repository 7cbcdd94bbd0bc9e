"""Small factories shared by the tests."""
from __future__ import annotations

import struct
import zlib


def in_zone(zone: str, sentence: str) -> str:
    """A minimal decision holding `sentence` in `zone` (visas, motifs or dispositif)."""
    parts = {"visas": "", "motifs": "", "dispositif": ""}
    parts[zone] = sentence + "\n"
    return ("Vu la procédure suivante :\n" + parts["visas"] + "Vu les autres pièces du dossier ;\n"
            "Considérant ce qui suit :\n" + parts["motifs"] + "1. ...\nO R D O N N E :\n" + parts["dispositif"] +
            "Article 9 : La présente ordonnance sera notifiée à M. A.\nFait à Paris, le 2 novembre 2021\n")


def bomb_pdf(inflated_mb: int) -> bytes:
    """A page whose content stream is a few KB that inflates to `inflated_mb` MB of zeros.

    Zeros are deflated one 1 MB chunk at a time with a full flush after each, so that every
    chunk gives the same bytes: one chunk is compressed, its bytes repeated, and the Adler-32
    of n zeros written by hand (a = 1, b = n mod 65521). That deflate stream is deflated again
    (`/Filter [/FlateDecode /FlateDecode]`)."""
    chunk = 1 << 20
    n_chunks = max(1, inflated_mb)
    z = zlib.compressobj(9)
    first = z.compress(bytes(chunk)) + z.flush(zlib.Z_FULL_FLUSH)     # with the zlib header
    again = z.compress(bytes(chunk)) + z.flush(zlib.Z_FULL_FLUSH)
    end = z.flush()[:-4]                                              # the last (empty) block
    total = n_chunks * chunk
    adler = ((total % 65521) << 16) | 1
    inner = first + again * (n_chunks - 1) + end + struct.pack(">I", adler)
    stream = zlib.compress(inner, 9)
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>",
            b"<< /Length %d /Filter [/FlateDecode /FlateDecode] >>\nstream\n" % len(stream) + stream + b"\nendstream"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def kill_when_it_says(code: str, args: list[str], line: str) -> None:
    """Run `python -c code *args` (the tests and the project importable) in a session of its own,
    wait until it prints `line`, then kill -9 its whole process group."""
    import os
    import signal
    import subprocess
    import sys
    from pathlib import Path
    tests = Path(__file__).resolve().parent
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tests), str(tests.parent)])}
    proc = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE, text=True,
                            start_new_session=True, env=env)
    try:
        assert proc.stdout.readline().strip() == line
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
