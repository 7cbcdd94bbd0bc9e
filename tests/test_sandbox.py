"""greffe.sandbox: every way a PDF can be unreadable ends as an `UnreadableDocument` with a
precise reason, the parent survives, and valid files (owner-only encryption, a repairable xref)
load. The hostile files are built here; limits are small so that the tests stay fast."""
from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import time
import zlib
from pathlib import Path

import pytest

from factories import bomb_pdf
from greffe.errors import UnreadableDocument
from greffe.sandbox import BASE_MEMORY_MB, _result, count_pages, limits_for, parse_in_child

fpdf = pytest.importorskip("fpdf")

BODY = ("Le juge des référés ordonne au préfet de l'Isère de délivrer un récépissé "
        "dans un délai de huit jours.")


def small_pdf() -> bytes:
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.multi_cell(0, 8, BODY)
    return bytes(pdf.output())


def write(tmp_path: Path, name: str, data: bytes) -> str:
    p = tmp_path / name
    p.write_bytes(data)
    return str(p)


def reason_of(path: str, **limits) -> str:
    with pytest.raises(UnreadableDocument) as e:
        parse_in_child(path, **limits)
    assert str(e.value)                   # always a message that says what to do
    return e.value.reason


def test_valid_pdf_loads(tmp_path):
    doc = parse_in_child(write(tmp_path, "ok.pdf", small_pdf()))
    assert " ".join(doc.text.split()) == BODY
    assert doc.source.format == "pdf" and doc.source.pages == 1 and len(doc.source.sha256) == 64
    assert len(doc.textmap) == len(doc.text) and doc.textmap.page_at(0) == 1


@pytest.mark.parametrize("name, data, reason", [
    ("empty.pdf", b"", "empty"),
    ("blank.pdf", b" \n\n", "empty"),
    ("error.pdf", b"<!DOCTYPE html><html><head><title>404</title></head><body>Not found</body></html>", "not-a-pdf"),
    ("image.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "not-a-pdf"),
])
def test_not_a_pdf(tmp_path, name, data, reason):
    assert reason_of(write(tmp_path, name, data)) == reason


def test_html_message_says_what_it_is(tmp_path):
    with pytest.raises(UnreadableDocument, match="HTML"):
        parse_in_child(write(tmp_path, "page.pdf", b"<html><body>Erreur</body></html>"))


@pytest.mark.parametrize("cut", [0.3, 0.6, 0.95])
def test_truncated(tmp_path, cut):
    data = small_pdf()
    assert reason_of(write(tmp_path, "cut.pdf", data[: int(len(data) * cut)])) == "truncated"


def test_corrupt_body(tmp_path):
    data = b"%PDF-1.4\n" + os.urandom(2000) + b"\n%%EOF\n"
    assert reason_of(write(tmp_path, "noise.pdf", data)) == "corrupt"


def qpdf_encrypt(tmp_path: Path, user: str, owner: str) -> str:
    qpdf = shutil.which("qpdf")
    if not qpdf:
        pytest.skip("the qpdf program is not installed")
    src = write(tmp_path, "plain.pdf", small_pdf())
    dst = str(tmp_path / f"enc-{bool(user)}.pdf")
    subprocess.run([qpdf, "--encrypt", user, owner, "256", "--", src, dst], check=True)
    return dst


def test_encrypted_with_a_user_password(tmp_path):
    assert reason_of(qpdf_encrypt(tmp_path, "secret", "owner")) == "encrypted"


def test_encrypted_in_process_too(tmp_path):
    # pdfminer's PDFPasswordIncorrect has an empty message: the reason must not depend on it
    from greffe.pdf import parse_pdf
    data = Path(qpdf_encrypt(tmp_path, "secret", "owner")).read_bytes()
    with pytest.raises(UnreadableDocument) as e:
        parse_pdf(data, "enc.pdf")
    assert e.value.reason == "encrypted" and "password" in str(e.value)


def test_owner_only_encryption_loads(tmp_path):
    doc = parse_in_child(qpdf_encrypt(tmp_path, "", "owner"))
    assert " ".join(doc.text.split()) == BODY


def test_broken_xref_is_repaired(tmp_path):
    data = small_pdf()
    # fifty bytes after the header shift every object: each xref offset is now wrong
    head, rest = data.split(b"\n", 1)
    broken = head + b"\n" + b"%" + b" " * 48 + b"\n" + rest
    doc = parse_in_child(write(tmp_path, "xref.pdf", broken))
    assert " ".join(doc.text.split()) == BODY


@pytest.fixture(scope="module")
def bomb(tmp_path_factory) -> str:
    p = tmp_path_factory.mktemp("bomb") / "bomb.pdf"
    p.write_bytes(bomb_pdf(1024))
    return str(p)


def test_bomb_inflates_as_built():
    data = bomb_pdf(16)
    start = data.index(b"stream\n") + len(b"stream\n")
    stream = data[start:data.index(b"\nendstream")]
    inner = zlib.decompress(stream)
    assert len(zlib.decompress(inner)) == 16 << 20


def test_compression_bomb_is_stopped_by_the_memory_limit(bomb):
    assert os.path.getsize(bomb) < 8 * 1024                   # a few KB on disk, 1 GB inflated
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert reason_of(bomb, memory_mb=256, timeout=60) == "too-large"
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert after - before < 50 * 1024                         # KB: the parent stayed flat


def test_wall_clock_timeout(bomb):
    # memory enough to keep inflating, half a second of wall clock: the parent kills the child
    assert reason_of(bomb, memory_mb=6000, timeout=0.5) == "timeout"


def test_child_killed_by_a_signal(tmp_path, monkeypatch):
    # the "interpreter" dies by SIGSEGV at once: the parent must report it, not die with it
    fake = tmp_path / "python"
    fake.write_text("#!/bin/sh\nkill -SEGV $$\n")
    fake.chmod(0o755)
    monkeypatch.setattr("greffe.sandbox.sys.executable", str(fake))
    assert reason_of(write(tmp_path, "ok.pdf", small_pdf())) == "crashed"


@pytest.mark.parametrize("rc, reason", [
    (-signal.SIGSEGV, "crashed"), (-signal.SIGABRT, "crashed"), (-signal.SIGXCPU, "timeout"),
    (75, "too-large"), (1, "crashed"),
])
def test_exit_status_mapping(rc, reason):
    with pytest.raises(UnreadableDocument) as e:
        _result(b"P 1\n", rc, "x.pdf", "0" * 64, "", None)
    assert e.value.reason == reason


def test_file_changed_while_read(tmp_path, monkeypatch):
    path = write(tmp_path, "moving.pdf", small_pdf())
    real_fstat = os.fstat

    def growing(fd):
        st = real_fstat(fd)
        return os.stat_result((st.st_mode, st.st_ino, st.st_dev, st.st_nlink, st.st_uid, st.st_gid,
                               st.st_size + 4096, st.st_atime, st.st_mtime, st.st_ctime))
    monkeypatch.setattr("greffe.sandbox.os.fstat", growing)
    assert reason_of(path) == "changed-while-read"


def test_count_pages():
    assert count_pages(small_pdf()) == 1
    with pytest.raises(UnreadableDocument) as e:
        count_pages(b"%PDF-1.4\nnothing here\n%%EOF")
    assert e.value.reason == "corrupt"


def test_limits_grow_with_the_page_count():
    one, long = limits_for(1), limits_for(1000)
    assert one.memory_mb >= BASE_MEMORY_MB
    assert long.memory_mb > one.memory_mb + 1000 and long.wall_seconds > one.wall_seconds + 1000
    assert long.cpu_seconds >= long.wall_seconds
    fixed = limits_for(1000, timeout=5, memory_mb=300)     # what the caller fixes stays fixed
    assert (fixed.memory_mb, fixed.wall_seconds) == (300, 5)


# ---------------------------------------------------------------- a child started ahead

def test_a_prestarted_child_parses_the_next_document(tmp_path):
    from greffe import sandbox
    sandbox.prestart()
    spare = sandbox._SPARE[2]
    doc = parse_in_child(write(tmp_path, "ok.pdf", small_pdf()))
    assert spare.returncode == 0                                 # that child did the work, and ended
    assert sandbox._SPARE[2] is not spare and sandbox._SPARE[2].poll() is None   # the next one waits
    assert " ".join(doc.text.split()) == BODY


def test_a_prestarted_child_obeys_the_limits_of_its_order(bomb):
    from greffe import sandbox
    sandbox.prestart()
    assert reason_of(bomb, memory_mb=256) == "too-large"          # the order's own memory limit
    sandbox.prestart()
    assert reason_of(bomb, memory_mb=6000, timeout=0.5) == "timeout"


def test_a_dead_prestarted_child_is_replaced(tmp_path):
    from greffe import sandbox
    sandbox.prestart()
    sandbox._kill(sandbox._SPARE[2])
    assert " ".join(parse_in_child(write(tmp_path, "ok.pdf", small_pdf())).text.split()) == BODY


def test_the_waiting_child_is_killed_when_the_process_exits(tmp_path):
    import sys
    code = ("import sys; from greffe import sandbox; sandbox.prestart(); "
            "print(sandbox._SPARE[2].pid, flush=True)")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    pid = int(run.stdout)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and _alive(pid):
        time.sleep(0.05)
    assert not _alive(pid)


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"      # a zombie has ended


def test_the_child_refuses_arguments():
    import sys
    run = subprocess.run([sys.executable, "-m", "greffe.sandbox", "--path", "x.pdf"],
                         capture_output=True, text=True, input="")
    assert run.returncode == 2 and "stdin" in run.stderr
