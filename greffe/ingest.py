"""What an ingestion run does, as plain functions; `flows/ingest.py` only sequences them as
Prefect tasks. The base is the truth about what was ingested: every document seen gets a ledger
row, each decision is written whole in one transaction (shared by a batch of decisions), and a
document already loaded by the same extractor version is skipped.

    con = open_writer("greffe.duckdb")
    todo, done = plan(["inbox/"], con, EXTRACTOR_VERSION)       # discover, sha256, ledger check
    skip(con, done, summary, EXTRACTOR_VERSION)                  # ledger: 'skipped'
    store(con, process_all(todo), summary, EXTRACTOR_VERSION)    # one transaction per batch

What happens to a document that does not load:
  * it cannot be read whole or is not a decision (`UnreadableDocument`), or an extractor failed
    on it: ledger 'quarantined' with the reason; it is tried again only with
    `retry_quarantined` (greffe ingest --retry-quarantined) or under a new extractor version;
  * a passing condition (the file changed or vanished while it was read, it could not be read,
    or writing it to the base failed: disk full, I/O error): ledger 'retriable'; the next run
    tries it again by itself (`db.seen` ignores 'retriable').
A run killed at any moment (kill -9) leaves every document either wholly loaded (with its
ledger row, in the same transaction) or absent; the next run does the rest (greffe.stress).
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from . import db, pipeline
from .errors import GreffeError, UnreadableDocument, first_line
from .pipeline import Extracted, Item, Outcome, Refused, Spool, discover, fingerprint  # noqa: F401

# Reasons of `UnreadableDocument` that say nothing about the document itself, only about the
# moment it was read: the next run tries it again by itself.
RETRIABLE_REASONS = frozenset({"changed-while-read", "missing", "vanished", "io-error", "unreadable"})


class WriteFailed(GreffeError):
    """The base cannot be written at all (not even the ledger row of a failed document)."""


@dataclass
class RunSummary:
    """Counts of one run, and the reason of each document set aside."""
    seen: int = 0
    loaded: int = 0
    skipped: int = 0
    quarantined: list[tuple[str, str, str]] = field(default_factory=list)   # (path, reason, message)
    published: str | None = None        # the snapshot readers now open
    retriable: list[tuple[str, str, str]] = field(default_factory=list)     # (path, reason, message)

    def as_dict(self) -> dict:
        return {"seen": self.seen, "loaded": self.loaded, "skipped": self.skipped,
                "quarantined": len(self.quarantined),
                "quarantine": [{"path": p, "reason": r, "message": m} for p, r, m in self.quarantined],
                "quarantine_reasons": dict(Counter(r for _, r, _ in self.quarantined)),
                "retriable": [{"path": p, "reason": r, "message": m} for p, r, m in self.retriable],
                "published": self.published}


def plan(paths: Sequence[str], con, extractor_version: str, *, retry_quarantined: bool = False
         ) -> tuple[Spool, Spool]:
    """Split what `paths` hold into (to do, already done), each a Spool. Already done: the same
    bytes were loaded by this extractor version (or quarantined, unless `retry_quarantined`), or
    they are a second copy of a file to do in this run (same bytes under another name: one
    document, read once; `skip` records the second path). Memory: one PLAN_CHUNK of items and
    the digests of the files to do (a set of 32-byte digests, to find the second copies)."""
    todo, done = Spool(), Spool()
    planned: set[bytes] = set()
    for chunk in pipeline.chunks(_fingerprinted(discover(paths)), PLAN_CHUNK):
        known = db.seen_many(con, (sha for _, sha in chunk if sha), extractor_version,
                             include_quarantined=not retry_quarantined)
        for item, sha in chunk:
            digest = bytes.fromhex(sha) if sha else None
            if digest and (sha in known or digest in planned):
                done.append((item, sha))
            else:
                if digest:
                    planned.add(digest)
                todo.append((item, sha))
    return todo, done


def _fingerprinted(items: Iterable[Item]) -> Iterator[tuple[Item, str | None]]:
    """(item without the bytes of its ZIP member, sha256) for each of `items`: a plan keeps the
    names of an archive's members, not their bytes (Item.unloaded)."""
    for item in items:
        sha = fingerprint(item)
        yield item.unloaded(), sha


# `plan` asks the ledger about this many files at once; `skip` records as many per statement.
PLAN_CHUNK = 1000


# An extractor that runs away on a crafted text (100 000 characters of legal keywords) must not
# stall the run: extraction gets this many seconds per document, in any thread (the main thread
# of `greffe ingest`, a `--jobs` worker process, a Dask worker thread): see `_extract_limited`.
EXTRACT_SECONDS = 300.0


class _ExtractionTimeout(BaseException):
    """Extraction ran beyond EXTRACT_SECONDS. A BaseException, as KeyboardInterrupt is: an
    `except Exception` inside an extractor or a library it calls must not swallow it."""


def _extract_limited(doc, nlp, seconds: float | None):
    """`pipeline.extract_one(doc, nlp)`, stopped with _ExtractionTimeout after `seconds`.

    In the main thread, SIGALRM: its handler runs between two bytecodes, and also inside a long
    regex search (the `re` engine checks for signals as it backtracks). In any other thread
    (a Dask worker runs its tasks in threads), where signals cannot be used, a timer thread
    raises _ExtractionTimeout in the extracting thread (`_raise_in`); Python delivers it at the
    next bytecode that thread runs, so pure-Python code stops at once, but a long C call (one
    regex search, a spaCy component) only when it returns."""
    import threading
    if not seconds:
        return pipeline.extract_one(doc, nlp)
    if threading.current_thread() is threading.main_thread():
        return _with_alarm(pipeline.extract_one, (doc, nlp), seconds)
    return _with_timer(pipeline.extract_one, (doc, nlp), seconds)


def _with_alarm(fn, args, seconds: float):
    import signal

    def expire(signum, frame):
        raise _ExtractionTimeout
    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return fn(*args)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class _Deadline:
    """The deadline of one extraction in a thread. The lock makes `fire` (timer thread) and
    `disarm` (extracting thread) exclusive: once disarmed, nothing can be raised any more, and
    `disarm` says whether the exception was sent (delivered already, or still pending)."""

    def __init__(self, thread_id: int):
        import threading
        self.thread_id = thread_id
        self.lock = threading.Lock()
        self.armed, self.fired = True, False

    def fire(self) -> None:
        with self.lock:
            if self.armed:
                self.armed, self.fired = False, True
                _raise_in(self.thread_id, _ExtractionTimeout)

    def disarm(self) -> bool:
        with self.lock:
            self.armed = False
            return self.fired


def _with_timer(fn, args, seconds: float):
    import threading
    deadline = _Deadline(threading.get_ident())
    timer = threading.Timer(seconds, deadline.fire)
    timer.daemon = True
    timer.start()
    try:
        result = fn(*args)
    finally:
        timer.cancel()
        if deadline.disarm():
            # Time ran out just as `fn` ended (or `fn` swallowed the exception): the exception
            # may still be pending for this thread. Withdraw it, so that it cannot hit whatever
            # this thread runs next, and report the timeout here. Delivered in between, it is
            # the same _ExtractionTimeout, raised a few bytecodes earlier.
            _raise_in(threading.get_ident(), None)
            raise _ExtractionTimeout
    return result


def _raise_in(thread_id: int, exc: type[BaseException] | None) -> None:
    """Raise `exc` in the thread `thread_id` at its next bytecode (None: withdraw a pending one)."""
    import ctypes
    set_async_exc = ctypes.pythonapi.PyThreadState_SetAsyncExc
    n = set_async_exc(ctypes.c_ulong(thread_id), ctypes.py_object(exc) if exc else None)
    if n > 1:       # more than one thread state has that id (never expected): undo
        set_async_exc(ctypes.c_ulong(thread_id), None)


def process_one(item: Item, sha: str | None, nlp) -> Outcome:
    """`pipeline.process` (read, then extract) with two guards: an extractor that fails on a document (a bug, not the
    document's fault) or runs beyond EXTRACT_SECONDS sets that document aside instead of
    stopping (or stalling) the run."""
    try:
        doc = pipeline.read(item)
    except UnreadableDocument as e:
        return Refused(item, sha, e.reason, str(e))
    try:
        return Extracted(item, doc.source.sha256, _extract_limited(doc, nlp, EXTRACT_SECONDS), doc.textmap)
    except _ExtractionTimeout:
        return Refused(item, doc.source.sha256, "extraction-timeout",
                       f"{item.path}: extracting the decision took more than {EXTRACT_SECONDS:.0f} s "
                       f"({len(doc.text)} characters) and was stopped; a decision takes seconds: "
                       "report the file; the document will be read again after an upgrade")
    except GreffeError:
        raise                     # the installation is broken (SetupError...): stop the run
    except Exception as e:        # noqa: BLE001 - any bug of an extractor, on this document only
        return Refused(item, doc.source.sha256, "extractor-failed",
                       f"{item.path}: an extractor failed on this document ({type(e).__name__}: "
                       f"{str(e)[:200]}); this is a bug in greffe, please report it with the file; "
                       "the document will be read again after an upgrade (new extractor version)")


def process_all(todo: Iterable[tuple[Item, str | None]], *, jobs: int = 1,
                pool: ProcessPoolExecutor | None = None) -> Iterator[Outcome]:
    """`process_one` over every item, in order, on `jobs` worker processes (1: in this one;
    `pool`: the run's workers, started before its plan by `pipeline.worker_pool`), at most a
    few documents per worker ahead of the writer (`pipeline.run_all`)."""
    return pipeline.run_all(process_one, todo, jobs=jobs, pool=pool)


# duckdb errors that come from the machine (disk full, I/O, memory), not from the document; a
# COMMIT whose write failed ("Failed to commit: Could not write file ...") is a TransactionException
_PASSING_DB_ERRORS = (duckdb.IOException, duckdb.OutOfMemoryException, duckdb.TransactionException,
                      OSError)


# The writer commits decisions in batches: the first of 1 decision, each next one twice as large
# up to BATCH, and a batch is written as soon as its oldest decision waited FLUSH_SECONDS (a slow
# stream of PDFs is not held back). A kill -9 loses at most the batch being written, wholly.
BATCH = 64
FLUSH_SECONDS = 2.0


def store(con, outcomes: Iterable[Outcome], summary: RunSummary, extractor_version: str,
          on_progress: Callable[[RunSummary], None] | None = None) -> None:
    """Write the outcomes and count them: the decisions in batches, each batch in one transaction
    (db.load_many); a batch that fails is written again one decision per transaction, so that a
    load that fails leaves nothing of that document (db.load rolls back): a failure of the disk or
    of the base marks it 'retriable' (the next run loads it), a document the base refuses is
    quarantined; the run goes on either way. WriteFailed when even the ledger row cannot be
    written."""
    import time
    batch: list[Extracted] = []
    size, started = 1, 0.0
    for out in outcomes:
        if isinstance(out, Extracted):
            if not batch:
                started = time.monotonic()
            batch.append(out)
            if len(batch) >= size or time.monotonic() - started >= FLUSH_SECONDS:
                _store_batch(con, batch, summary, extractor_version, on_progress)
                batch, size = [], min(2 * size, BATCH)
            continue
        if out.reason in RETRIABLE_REASONS:
            _set_aside(con, out, summary, extractor_version, retriable=True,
                       reason=out.reason, message=out.message)
        else:
            _set_aside(con, out, summary, extractor_version, retriable=False,
                       reason=out.reason, message=out.message)
        if on_progress:
            on_progress(summary)
    _store_batch(con, batch, summary, extractor_version, on_progress)


def _store_batch(con, batch: list[Extracted], summary: RunSummary, extractor_version: str,
                 on_progress: Callable[[RunSummary], None] | None) -> None:
    if not batch:
        return
    if len(batch) > 1:
        try:
            db.load_many(con, [(out.decision, out.textmap) for out in batch], extractor_version)
        except (*_PASSING_DB_ERRORS, duckdb.Error) as e:
            _stop_if_fatal(e, batch[0])
            # one document of the batch, or the disk: one by one below
        else:
            for _ in batch:
                summary.loaded += 1
                if on_progress:
                    on_progress(summary)
            return
    for out in batch:
        _store_one(con, out, summary, extractor_version)
        if on_progress:
            on_progress(summary)


def _store_one(con, out: Extracted, summary: RunSummary, extractor_version: str) -> None:
    try:
        db.load(con, out.decision, out.textmap, extractor_version)
        summary.loaded += 1
    except _PASSING_DB_ERRORS as e:
        _set_aside(con, out, summary, extractor_version, retriable=True, reason="write-failed",
                   message=f"{out.item.path}: writing it to the base failed ({first_line(e)}); "
                           "nothing of it was kept; free disk space or check the disk, the "
                           "next run loads it")
    except duckdb.Error as e:
        _stop_if_fatal(e, out)
        _set_aside(con, out, summary, extractor_version, retriable=False, reason="load-refused",
                   message=f"{out.item.path}: the base refused the extracted record "
                           f"({first_line(e)}); this is a bug in greffe, please report it "
                           "with the file")


def _set_aside(con, out: Outcome, summary: RunSummary, extractor_version: str, *,
               retriable: bool, reason: str, message: str) -> None:
    record = db.record_retriable if retriable else db.quarantine
    try:
        record(con, out.item.path, out.sha256, reason, message, extractor_version)
    except (*_PASSING_DB_ERRORS, duckdb.Error) as e:
        _stop_if_fatal(e, out)
        raise WriteFailed(f"the base cannot be written ({first_line(e)}) while recording "
                          f"{out.item.path} ({reason}); nothing partial was kept: free disk space "
                          "or check the disk, then run greffe ingest again") from e
    (summary.retriable if retriable else summary.quarantined).append((out.item.path, reason, message))


def _stop_if_fatal(error: BaseException, out: Outcome) -> None:
    """WriteFailed when DuckDB invalidated the base after a fatal error (FatalException): it
    refuses every later statement of this process, so each next document would be set aside
    for a fault of neither the document nor the disk. Seen under a small memory bound, its
    out-of-memory kind stopped by db._transaction (CommitOutOfMemory) when it comes from a
    commit."""
    if isinstance(error, duckdb.FatalException):
        raise WriteFailed(
            f"DuckDB stopped on a fatal error while writing {out.item.path} ({first_line(error)}) "
            "and refuses any further write in this process; the base file holds every write "
            "committed before and nothing partial: run greffe ingest again, it loads what this "
            "run did not") from error


def skip(con, done: Iterable[tuple[Item, str | None]], summary: RunSummary,
         extractor_version: str) -> None:
    """Record in the ledger every document `plan` found done: 'already-seen', or 'duplicate'
    (the same bytes as another file of this run, which is read once)."""
    for chunk in pipeline.chunks(done, PLAN_CHUNK):
        known = db.seen_many(con, (sha for _, sha in chunk), extractor_version,
                             include_quarantined=True)
        db.record_skips(con, [
            (item.path, sha, "already-seen", None) if sha in known else
            (item.path, sha, "duplicate", f"{item.path}: the same bytes as another file of this "
                                          "run; loaded once, under the other name")
            for item, sha in chunk], extractor_version)
        summary.skipped += len(chunk)


def open_writer(path: str | Path):
    """The one writer's connection to the base at `path`, DuckDB's memory bounded
    (`db.limit_writer_memory`, raised when a step needs more). DuckDB replays into memory the
    log a run killed before its checkpoint left (`<base>.wal`): the writer checkpoints it into
    the file first, so that it starts, as after any run, from the base's last texts
    (`db._room_to_write`). Only then: on a new base, a checkpoint before the first run made
    DuckDB hold 3.5 MB more while it stored 1 000 decisions (22 MB instead of 18.5)."""
    replayed = Path(f"{path}.wal").is_file()
    con = db.connect(path)
    if replayed:
        con.execute("CHECKPOINT")
    db.limit_writer_memory(con)
    return con
