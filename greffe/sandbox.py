"""Parse a PDF in a child process with OS limits, so that nothing a hostile or broken file
does (a 4 KB stream that inflates to gigabytes, an endless content stream, a crash in C code)
can take the parent down.

The parent reads the file once (checking that it did not change meanwhile), hashes it, refuses
at once what is plainly not a whole PDF, and starts `python -m greffe.sandbox`, which:

1. sets RLIMIT_AS (address space) and RLIMIT_CPU to their base values, with hard ceilings,
   and imports the PDF readers;
2. reads its order (one JSON line: path, fixed limits, OCR or not) then the bytes from its
   stdin, and counts the pages with pypdfium2 (cheap, no content parsed), then raises its soft
   limits by a per-page allowance, so that a valid 1 000-page document loads while a one-page
   bomb is stopped by the base limit;
3. runs `greffe.pdf.parse_pdf` and writes the result to its stdout.

Each child parses one document. The next child is started ahead of time (`prestart`), so that
its start-up (0.3 to 0.5 s of imports) overlaps with other work: the parent extracting and
writing the current document, or `greffe ingest` starting Prefect.

The result travels as JSON plus two raw arrays (the text map), not as a pickle: a child that a
malicious file took over cannot make the parent run code. The parent enforces the wall clock
(base plus a per-page allowance, once the child has said how many pages there are) and kills
the child's whole process group (Tesseract included) when it runs out.

Every failure is an `UnreadableDocument` whose reason is one of: `empty`, `not-a-pdf`,
`truncated`, `encrypted`, `corrupt`, `no-text`, `too-large` (the memory limit was hit),
`timeout` (wall clock or CPU), `crashed` (the child died by a signal or without a word),
`changed-while-read`, `ocr-unavailable`, `ocr-failed`.
"""
from __future__ import annotations

import atexit
import hashlib
import json
import os
import selectors
import signal
import subprocess
import sys
import threading
import time
from array import array
from dataclasses import dataclass

from .errors import UnreadableDocument
from .model import ParsedDocument, Source, TextMap

BASE_MEMORY_MB = 1536          # address space for a short document (pdfminer, pdfium, images)
PAGE_MEMORY_MB = 2             # and this much more per page
MAX_MEMORY_MB = 8192
MAX_PAGES = 100_000            # the ceiling the soft limits may grow to
BASE_SECONDS = 60.0            # wall clock and CPU for a short document
PAGE_SECONDS = 30.0            # and per page: an OCR page takes 3-5 s on an idle core, 15-20 s on a loaded one
MAX_RESULT_BYTES = 512 * 1024 * 1024
MAX_FILE_BYTES = 1024 * 1024 * 1024  # a 1 000-page scan is a few hundred MB
EXIT_MEMORY = 75               # the child ran out of memory and said so by this exit status
_STDERR_TAIL = 4096


# ---------------------------------------------------------------------------------------------
# the limits

@dataclass(frozen=True, slots=True)
class Limits:
    """What the child may use: address space (MB), CPU seconds, wall-clock seconds."""
    memory_mb: int
    cpu_seconds: int
    wall_seconds: float


def limits_for(pages: int | None, *, timeout: float | None = None, memory_mb: int | None = None) -> Limits:
    """The limits for a document of `pages` pages (None: not counted yet). A limit given by
    the caller is fixed; the others start from `BASE_*` and grow by `PAGE_*` a page, so that a
    1 000-page decision loads and a one-page bomb is stopped early."""
    n = pages or 0
    mem = memory_mb or min(MAX_MEMORY_MB, BASE_MEMORY_MB + PAGE_MEMORY_MB * n)
    wall = timeout or BASE_SECONDS + PAGE_SECONDS * n
    return Limits(memory_mb=int(mem), cpu_seconds=int(wall) + 1, wall_seconds=float(wall))


# ---------------------------------------------------------------------------------------------
# the parent

def read_stable(path: str) -> bytes:
    """The bytes of `path`, read once; `changed-while-read` if the file moved meanwhile."""
    try:
        before = os.stat(path)
        if before.st_size > MAX_FILE_BYTES:
            raise UnreadableDocument("too-large", f"{path}: {before.st_size >> 20} MB is far beyond any decision "
                                     f"(limit {MAX_FILE_BYTES >> 20} MB); the file was set aside")
        with open(path, "rb") as fh:
            data = fh.read()
            after = os.fstat(fh.fileno())
        again = os.stat(path)
    except FileNotFoundError as e:
        raise UnreadableDocument("missing", f"{path}: the file is gone; was it moved while the run went on?") from e
    except IsADirectoryError as e:
        raise UnreadableDocument("not-a-pdf", f"{path}: a folder, not a PDF file") from e
    except PermissionError as e:
        raise UnreadableDocument("unreadable", f"{path}: permission denied; check the file's rights") from e
    stamps = {(s.st_size, s.st_mtime_ns, s.st_ino) for s in (before, after, again)}
    if len(stamps) != 1 or len(data) != before.st_size:
        raise UnreadableDocument("changed-while-read", f"{path}: the file changed while it was read "
                                 "(still being copied or downloaded?); it will be read again on the next run")
    return data


def parse_in_child(path: str, *, timeout: float | None = None, memory_mb: int | None = None,
                   ocr: bool = True) -> ParsedDocument:
    """Parse the PDF at `path` in a child process with OS limits; raises `UnreadableDocument`.

    `timeout` (seconds, wall clock) and `memory_mb` (address space) fix the limits; left to
    None they grow with the page count from `BASE_*` by `PAGE_*` per page.
    """
    from .pdf import check_header

    data = read_stable(path)
    digest = hashlib.sha256(data).hexdigest()
    check_header(data, path)
    order = json.dumps({"path": path, "timeout": timeout, "memory_mb": memory_mb, "ocr": ocr},
                       ensure_ascii=False).encode("utf-8") + b"\n"
    proc = _take_spare() or _start_child()
    prestart()                  # the next document's child imports while this one parses
    try:
        return _talk(proc, order + data, path, digest, timeout, memory_mb)
    finally:
        _discard(proc)


def _start_child() -> subprocess.Popen:
    """`python -m greffe.sandbox`, in a session of its own, its imports under way at once."""
    env = dict(os.environ, OMP_THREAD_LIMIT="1", PYTHONDONTWRITEBYTECODE="1")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (_package_root(), env.get("PYTHONPATH")) if p)
    return subprocess.Popen([sys.executable, "-m", "greffe.sandbox"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                            start_new_session=True)


def _discard(proc: subprocess.Popen) -> None:
    """Kill the child if it still runs (and its process group), and close its pipes."""
    if proc.poll() is None:
        _kill(proc)
    for fh in (proc.stdin, proc.stdout, proc.stderr):
        if fh:
            fh.close()


# A child started ahead of its document (`prestart`): it imports the PDF readers (0.3 to 0.5 s
# of CPU) while the parent is busy elsewhere: starting Prefect before the first document,
# extracting and writing the previous one after that. Each child still parses exactly one
# document; a process keeps at most one such child waiting, killed when it exits.
_SPARE: tuple[int, str, subprocess.Popen] | None = None   # (our pid, interpreter, child)
_SPARE_LOCK = threading.Lock()


def prestart() -> None:
    """Start the child of the next `parse_in_child` now, so that its start-up overlaps with
    what the caller does meanwhile (`greffe ingest` does it before importing Prefect). The
    child waits for its document; it is killed when this process exits unused."""
    global _SPARE
    with _SPARE_LOCK:
        stale = _SPARE
        if _usable(stale):
            return                                    # one is waiting already
        _SPARE = (os.getpid(), sys.executable, _start_child())
    if stale is not None and stale[0] == os.getpid():   # dead, or of another interpreter
        _discard(stale[2])


def _usable(spare: tuple[int, str, subprocess.Popen] | None) -> bool:
    """Started by this process (not inherited by a fork), with this interpreter, still alive."""
    return spare is not None and spare[:2] == (os.getpid(), sys.executable) and spare[2].poll() is None


def _take_spare() -> subprocess.Popen | None:
    """The prestarted child, if it is usable (`_usable`); None otherwise. A spare inherited by a
    forked worker belongs to the process that started it and is left alone."""
    global _SPARE
    with _SPARE_LOCK:
        if _SPARE is None or _SPARE[0] != os.getpid():
            return None
        spare, _SPARE = _SPARE, None
    if _usable(spare):
        return spare[2]
    _discard(spare[2])
    return None


def _drop_spare() -> None:
    proc = _take_spare()
    if proc is not None:
        _discard(proc)


atexit.register(_drop_spare)


def _package_root() -> str:
    return os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _kill(proc: subprocess.Popen) -> None:
    """Kill the child and anything it started (its own process group)."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait()


def _talk(proc, data: bytes, path: str, digest: str, timeout: float | None,
          memory_mb: int | None) -> ParsedDocument:
    def feed() -> None:
        try:
            proc.stdin.write(data)
            proc.stdin.close()
        except (BrokenPipeError, OSError):
            pass          # the child stopped reading: its exit status says why

    err_tail = bytearray()

    def drain() -> None:
        for chunk in iter(lambda: proc.stderr.read(65536), b""):
            err_tail.extend(chunk)
            del err_tail[:-_STDERR_TAIL]

    threads = [threading.Thread(target=feed, daemon=True), threading.Thread(target=drain, daemon=True)]
    for t in threads:
        t.start()
    start = time.monotonic()
    deadline = start + limits_for(None, timeout=timeout, memory_mb=memory_mb).wall_seconds
    out = bytearray()
    timed_out = False
    too_big = False
    sel = selectors.DefaultSelector()
    sel.register(proc.stdout, selectors.EVENT_READ)
    fd = proc.stdout.fileno()
    pages_seen = False
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            timed_out = True
            _kill(proc)
            break
        if not sel.select(timeout=min(left, 1.0)):
            continue
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            break
        out.extend(chunk)
        if len(out) > MAX_RESULT_BYTES:
            too_big = True
            _kill(proc)
            break
        if not pages_seen and b"\n" in out:
            pages_seen = True
            first = bytes(out[:out.index(b"\n")])
            if first.startswith(b"P ") and first[2:].isdigit():
                pages = int(first[2:])
                deadline = start + limits_for(pages, timeout=timeout, memory_mb=memory_mb).wall_seconds
    sel.close()
    if not timed_out and not too_big:
        try:        # stdout closed: the child is about to exit (or hangs after it: a timeout)
            proc.wait(timeout=max(1.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            timed_out = True
            _kill(proc)
    rc = proc.wait()
    for t in threads:
        t.join(timeout=5)
    stderr = bytes(err_tail).decode("utf-8", "replace").strip()
    if timed_out:
        spent = time.monotonic() - start
        raise UnreadableDocument("timeout", f"{path}: parsing took more than {spent:.1f} s and was stopped; "
                                 "a valid decision parses in seconds, check the file (or raise the timeout)")
    if too_big:
        raise UnreadableDocument("too-large", f"{path}: the parsed text is beyond {MAX_RESULT_BYTES >> 20} MB; "
                                 "this is not one decision")
    return _result(bytes(out), rc, path, digest, stderr, memory_mb)


def _result(out: bytes, rc: int, path: str, digest: str, stderr: str, memory_mb: int | None) -> ParsedDocument:
    body = out
    if out.startswith(b"P "):
        body = out.split(b"\n", 1)[1] if b"\n" in out else b""
    if body.startswith(b"E "):
        head = body[2:].split(b"\n", 1)[0].decode("utf-8", "replace")
        reason, _, message = head.partition("\t")
        raise UnreadableDocument(reason, message)
    if rc == EXIT_MEMORY:
        raise UnreadableDocument("too-large", f"{path}: reading it needed more than the {memory_mb or BASE_MEMORY_MB} MB "
                                 "(plus a per-page allowance) that a PDF may use: a compression bomb or a "
                                 "huge image; the file was set aside")
    if rc < 0:
        sig = -rc
        name = signal.Signals(sig).name if sig in signal.Signals._value2member_map_ else str(sig)
        if sig == signal.SIGXCPU:
            raise UnreadableDocument("timeout", f"{path}: parsing used up its CPU time limit ({name}); "
                                     "the file makes the PDF reader loop, it was set aside")
        raise UnreadableDocument("crashed", f"{path}: the PDF reader died by signal {name}"
                                 + (" (out of memory?)" if sig in (signal.SIGKILL, signal.SIGSEGV, signal.SIGABRT) else "")
                                 + "; the file was set aside, report it if it opens in a PDF reader")
    if not body.startswith(b"R "):
        tail = stderr.splitlines()[-1] if stderr else "no output"
        if "MemoryError" in stderr:
            raise UnreadableDocument("too-large", f"{path}: reading it ran out of memory; the file was set aside")
        raise UnreadableDocument("crashed", f"{path}: the parsing process stopped with status {rc} ({tail}); "
                                 "the file was set aside, report it if it opens in a PDF reader")
    return decode_result(body, path, digest)


# ---------------------------------------------------------------------------------------------
# the wire format: "R <json bytes> <pages bytes> <boxes bytes>\n" then the three parts

def encode_result(doc: ParsedDocument) -> bytes:
    tm = doc.textmap or TextMap.empty()
    head = json.dumps({"text": doc.text, "warnings": list(doc.warnings),
                       "source": {"path": doc.source.path, "sha256": doc.source.sha256,
                                  "pages": doc.source.pages, "ocr": doc.source.ocr}},
                      ensure_ascii=False).encode("utf-8")
    pages = tm.pages.tobytes()
    boxes = tm.boxes.tobytes()
    return b"R %d %d %d\n" % (len(head), len(pages), len(boxes)) + head + pages + boxes


def decode_result(body: bytes, path: str, digest: str) -> ParsedDocument:
    first, _, rest = body.partition(b"\n")
    try:
        n_head, n_pages, n_boxes = (int(x) for x in first[2:].split())
        head = json.loads(rest[:n_head].decode("utf-8"))
        pages = array("H")
        pages.frombytes(rest[n_head:n_head + n_pages])
        boxes = array("f")
        boxes.frombytes(rest[n_head + n_pages:n_head + n_pages + n_boxes])
        textmap = TextMap(pages, boxes)
        text = head["text"]
        src = head["source"]
    except (ValueError, KeyError, TypeError) as e:
        raise UnreadableDocument("crashed", f"{path}: the parsing process sent a broken result ({e}); "
                                 "the file was set aside") from e
    if len(textmap) != len(text):
        raise UnreadableDocument("crashed", f"{path}: the parsing process sent a text map that does not fit its text")
    source = Source(path=path, sha256=digest, format="pdf", pages=src.get("pages"), ocr=bool(src.get("ocr")))
    return ParsedDocument(text=text, source=source, textmap=textmap, warnings=tuple(head.get("warnings", ())))


# ---------------------------------------------------------------------------------------------
# the child

def count_pages(data: bytes, path: str = "<bytes>") -> int:
    """The number of pages, by pypdfium2 (reads the page tree only). Raises `UnreadableDocument`
    for a file pdfium cannot open (wrong password, not a PDF)."""
    import pypdfium2 as pdfium
    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        code = getattr(e, "err_code", None)
        if code == 4:
            raise UnreadableDocument("encrypted", f"{path}: the PDF is protected by a password; ask the sender "
                                     "for an unprotected copy (or decrypt it with qpdf --decrypt)") from e
        if code == 5:
            raise UnreadableDocument("encrypted", f"{path}: the PDF uses an encryption that cannot be read; "
                                     "ask the sender for an unprotected copy") from e
        raise UnreadableDocument("corrupt", f"{path}: the PDF cannot be opened ({e}); open it in a PDF reader "
                                 "and print it again to PDF, or fetch it again") from e
    try:
        return len(doc)
    finally:
        doc.close()


def _set_limit(kind: int, soft: int, hard: int | None = None) -> None:
    import resource
    cur_soft, cur_hard = resource.getrlimit(kind)
    if hard is None:
        hard = cur_hard
    if cur_hard != resource.RLIM_INFINITY:
        hard = min(hard, cur_hard)
    soft = min(soft, hard) if hard != resource.RLIM_INFINITY else soft
    resource.setrlimit(kind, (soft, hard))


def _child(argv: list[str]) -> int:
    """One document: its order (a JSON line: path, timeout, memory_mb, ocr) then its bytes, on
    stdin; the readers are imported first, under the base limits, before the order comes."""
    import resource

    if argv:
        print("python -m greffe.sandbox takes no arguments: it reads its order and the PDF from "
              "stdin (greffe.sandbox.parse_in_child writes them)", file=sys.stderr)
        return 2
    def apply(lim: Limits, ceiling: Limits) -> None:
        _set_limit(resource.RLIMIT_AS, lim.memory_mb << 20, ceiling.memory_mb << 20)
        _set_limit(resource.RLIMIT_CPU, lim.cpu_seconds, ceiling.cpu_seconds + 5)

    apply(limits_for(None), limits_for(MAX_PAGES))
    import pdfminer.layout  # noqa: F401 - the readers, imported before the order comes
    import pdfplumber  # noqa: F401
    import pypdfium2  # noqa: F401
    from .pdf import parse_pdf
    order = json.loads(sys.stdin.buffer.readline() or b"{}")
    path = str(order.get("path") or "<stdin>")
    fixed = {"timeout": order.get("timeout"), "memory_mb": order.get("memory_mb")}
    ceiling = limits_for(MAX_PAGES, **fixed)
    apply(limits_for(None, **fixed), ceiling)
    out = sys.stdout.buffer
    oom = f"E too-large\t{path}: reading it needed more than the memory a PDF may use " \
          "(a compression bomb or a huge image); the file was set aside\n".encode()
    try:
        data = sys.stdin.buffer.read()
        pages = count_pages(data, path)
        apply(limits_for(pages, **fixed), ceiling)
        out.write(b"P %d\n" % pages)
        out.flush()
        doc = parse_pdf(data, path, ocr=order.get("ocr", True))
        payload = encode_result(doc)
        del doc
        out.write(payload)
        out.flush()
    except UnreadableDocument as e:
        if e.reason == "too-large":
            os.write(1, oom)
            return EXIT_MEMORY
        message = str(e).replace("\n", " ")
        out.write(f"E {e.reason}\t{message}\n".encode())
        out.flush()
        return 2
    except MemoryError:
        os.write(1, oom)
        return EXIT_MEMORY
    return 0


if __name__ == "__main__":
    sys.exit(_child(sys.argv[1:]))
