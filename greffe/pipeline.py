"""The steps between a path on disk and a decision record, as plain functions that the command
line, the Prefect flow and the tests all call: discover -> read -> extract.

Nothing here knows about Prefect or DuckDB.
"""
from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from .errors import SpoolFailed, UnreadableDocument
from .nlp import LazyNLP
from .model import Decision, ParsedDocument, TextMap

SUFFIXES = {".pdf": "pdf", ".xml": "xml", ".zip": "zip"}


@dataclass(frozen=True, slots=True)
class Item:
    """One document to ingest: a file, or one XML member of a ZIP archive (`archive!name`)."""
    path: str
    kind: str                      # pdf | xml
    data: bytes | None = None      # bytes read already (a ZIP member as discover found it)
    error: UnreadableDocument | None = None   # a member the archive reader already refused
    archive: str | None = None     # the ZIP archive of a member

    def unloaded(self) -> Item:
        """This item without the bytes of its ZIP member, which `content` reads again from the
        archive: what a run's to-do list keeps (greffe.ingest.plan). Measured: the plan of an
        archive of 3 000 decisions held 36 MB with them (a year of archives: gigabytes)."""
        return self if self.archive is None or self.data is None else replace(self, data=None)


def content(item: Item) -> bytes:
    """The bytes of `item`: read already, read again from its archive, or read from its file.
    UnreadableDocument when they cannot be read."""
    if item.data is not None:
        return item.data
    if item.archive is not None:
        from .opendata import read_member
        return read_member(item.archive, item.path)
    return _read_bytes(item.path)


class Spool:
    """A list of planned (item, sha256) that lives in an unnamed temporary file, not in memory:
    a run's to-do list and its list of documents already done grow with the run (a year of the
    tribunals, 250 000 files, held about 100 MB of Python objects in the writer; the 10 000 files
    of the benchmark, 4 MB). `append` writes an entry; iterating reads them back in order, one at
    a time. One iteration at a time, and no `append` during one. The file goes with the object
    (and with the process, however it ends: it has no name)."""

    def __init__(self, entries: Iterable[tuple[Item, str | None]] = ()):
        with _spooling():
            self._file = tempfile.TemporaryFile(prefix="greffe-plan-")
        self._count = 0
        self._reading = False
        for entry in entries:
            self.append(entry)

    def append(self, entry: tuple[Item, str | None]) -> None:
        if self._reading:
            raise RuntimeError("Spool: append while it is being read")
        with _spooling():
            pickle.dump(entry, self._file, protocol=pickle.HIGHEST_PROTOCOL)
        self._count += 1

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[tuple[Item, str | None]]:
        if self._reading:
            raise RuntimeError("Spool: read twice at once")
        self._reading = True
        try:
            with _spooling():
                self._file.seek(0)                  # writes out what the file's buffer holds
                for _ in range(self._count):
                    yield pickle.load(self._file)
        finally:
            self._file.seek(0, os.SEEK_END)        # where the next append writes
            self._reading = False

    def __repr__(self) -> str:
        return f"Spool({self._count} planned)"


@contextlib.contextmanager
def _spooling():
    """OSError of a Spool's file (a full or missing temporary folder) as SpoolFailed, which says
    what to do."""
    try:
        yield
    except OSError as e:
        raise SpoolFailed(
            f"the run's plan cannot be kept in a temporary file under {tempfile.gettempdir()} "
            f"({e.strerror or e}): free space there, or set TMPDIR to a folder on a disk that has "
            "some, and run greffe ingest again: it loads what this run did not") from e


def discover(paths: Iterable[str | os.PathLike]) -> Iterator[Item]:
    """Every PDF and XML below `paths` (files or folders, recursively, in name order), and every
    XML member of the ZIP archives found there. A path that does not exist raises FileNotFoundError."""
    for p in map(Path, paths):
        if p.is_dir():
            for f in _files_below(p):
                if f.suffix.lower() in SUFFIXES:
                    yield from _items(f)
        elif p.is_file():
            yield from _items(p)
        else:
            raise FileNotFoundError(f"{p}: no such file or folder")


def _files_below(folder: Path) -> Iterator[Path]:
    """The files below `folder`, in the order of sorted(folder.rglob("*")) (names compared part
    by part), listing one folder at a time instead of sorting every path of the tree at once;
    a link to a folder is not followed (rglob does not either)."""
    for name in sorted(os.listdir(folder)):
        path = folder / name
        if path.is_dir() and not path.is_symlink():
            yield from _files_below(path)
        elif path.is_file():
            yield path


def _items(f: Path) -> Iterator[Item]:
    kind = SUFFIXES.get(f.suffix.lower())
    if kind == "zip":
        from .opendata import iter_zip
        try:
            for member, data in iter_zip(str(f)):
                if isinstance(data, UnreadableDocument):
                    yield Item(member, "xml", error=data, archive=str(f))
                else:
                    yield Item(member, "xml", data=data, archive=str(f))
        except UnreadableDocument as e:
            yield Item(str(f), "zip", error=e)
    elif kind:
        yield Item(str(f), kind)
    else:
        # named explicitly but not a known kind: let the PDF reader say what it is
        yield Item(str(f), "pdf")


def read(item: Item, *, sandbox: bool = True) -> ParsedDocument:
    """Parse one item. PDFs are parsed in a child process with OS limits unless `sandbox` is off
    (tests of the parser itself). Raises UnreadableDocument."""
    if item.error is not None:
        raise item.error
    if item.kind == "xml":
        from .opendata import read_xml
        return read_xml(content(item), item.path)
    if sandbox:
        from .sandbox import parse_in_child
        return parse_in_child(item.path)
    from .pdf import parse_pdf
    return parse_pdf(_read_bytes(item.path), item.path)


def _read_bytes(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except FileNotFoundError as e:
        raise UnreadableDocument("vanished", f"{path}: the file disappeared before it could be read; "
                                 "if it was moved, ingest it from its new place") from e
    except OSError as e:
        raise UnreadableDocument("io-error", f"{path}: cannot be read ({e.strerror}); "
                                 "check its permissions and the disk") from e


def extract_one(doc: ParsedDocument, nlp) -> Decision:
    from extractors import extract
    return extract(doc, nlp)


@dataclass(frozen=True, slots=True)
class Extracted:
    item: Item
    sha256: str
    decision: Decision
    textmap: TextMap | None


@dataclass(frozen=True, slots=True)
class Refused:
    item: Item
    sha256: str | None
    reason: str
    message: str


Outcome = Extracted | Refused


def fingerprint(item: Item) -> str | None:
    """sha256 of the item's bytes, or None when they cannot be read (the reader will say why)."""
    if item.data is not None:
        return hashlib.sha256(item.data).hexdigest()
    if item.error is not None:
        return None
    h = hashlib.sha256()
    try:
        with open(item.path, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
    except OSError:
        return None
    return h.hexdigest()


def process(item: Item, sha: str | None, nlp) -> Outcome:
    """Read and extract one document; an unreadable one comes back as `Refused`, never raised."""
    try:
        doc = read(item)
        return Extracted(item, doc.source.sha256, extract_one(doc, nlp), doc.textmap)
    except UnreadableDocument as e:
        return Refused(item, sha, e.reason, str(e))


def process_all(todo: Iterable[tuple[Item, str | None]], *, jobs: int = 1) -> Iterator[Outcome]:
    """`process` over every item, in order, on `jobs` worker processes (1: in this process)."""
    return run_all(process, todo, jobs=jobs)


# How many documents per worker are handed out ahead of the one the consumer waits for, and how
# many go to a worker in one task (each task crosses the process boundary twice: fewer, larger
# crossings cost the writer's process less).
IN_FLIGHT = 8
TASK_SIZE = 4


def run_all(fn: Callable[[Item, str | None, object], Outcome], todo: Iterable[tuple[Item, str | None]],
            *, jobs: int = 1, pool: ProcessPoolExecutor | None = None) -> Iterator[Outcome]:
    """`fn(item, sha, nlp)` over every item, in order, on `jobs` worker processes (1: in this
    one). spaCy is loaded by a process when an extractor first calls it (`LazyNLP`). Streaming:
    the items go to the workers TASK_SIZE at a time, and at most IN_FLIGHT documents per worker
    are submitted ahead of the consumer (`pool.map` would submit them all and keep every result
    until the consumer took it). `fn` must be a function of a module (the workers import it by
    name). `pool`: the run's `jobs` workers, already started (`worker_pool`), instead of new ones."""
    if pool is not None:
        yield from _run_on(pool, fn, todo, jobs)
        return
    if jobs <= 1:
        for item, sha in todo:
            yield fn(item, sha, _NLP)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from _run_on(pool, fn, todo, jobs)


@contextlib.contextmanager
def worker_pool(jobs: int) -> Iterator[ProcessPoolExecutor | None]:
    """The `jobs` worker processes of a run (None: 1, the run extracts in its own process),
    started now. A run starts them before its plan: a worker begins as a copy (fork) of the
    process that starts it, and a writer that holds the run's to-do list gives each worker a
    copy of it (measured: 7 MB more per worker at 10 000 documents than at 1 000)."""
    if jobs <= 1:
        yield None
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for started in [pool.submit(os.getpid) for _ in range(jobs)]:
            started.result()
        yield pool


def _run_on(pool: ProcessPoolExecutor, fn: Callable[[Item, str | None, object], Outcome],
            todo: Iterable[tuple[Item, str | None]], jobs: int) -> Iterator[Outcome]:
    pending: deque = deque()
    for chunk in chunks(todo, TASK_SIZE):
        pending.append(pool.submit(_run_chunk, fn, chunk))
        if len(pending) * TASK_SIZE >= IN_FLIGHT * jobs:
            yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()


def _run_chunk(fn: Callable[[Item, str | None, object], Outcome],
               chunk: list[tuple[Item, str | None]]) -> list[Outcome]:
    return [fn(item, sha, _NLP) for item, sha in chunk]


def chunks(items: Iterable, size: int) -> Iterator[list]:
    """`items` in lists of `size` (the last one shorter)."""
    chunk: list = []
    for x in items:
        chunk.append(x)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


_NLP = LazyNLP()
