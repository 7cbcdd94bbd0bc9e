"""The full-text index that belongs to a base: where it lives, keeping it in step, opening it.

DuckDB is the base of record; the tantivy index (greffe.textindex) beside it answers the words
of `greffe search`. Each DuckDB file has its own index directory (greffe.publish.index_dir):

    greffe.duckdb                 greffe.duckdb.tantivy/        written by `greffe ingest` only
    greffe.duckdb.published/
        000008.duckdb             000008.tantivy/               published together, read-only

Keeping it in step (`sync`, the writer, once at the end of each run and before a search on the
writer): the table `text_index` records the fingerprint of each decision as the index holds it
(greffe_index_docs in sql/search_macros.sql); the decisions whose fingerprint differs are
(re)added, the ids the base lost are deleted, the index is committed, then `text_index` is
updated with what that commit holds. The base is read a page of _BATCH rows at a time (`docs`),
only the pages that hold a decision whose row changed since it was indexed (text_index also
records the fingerprint of each decision's row: sql/index_pages.sql), and the index committed
every _COMMIT added decisions: the memory of a sync does not grow with the base, and its time
is mostly that of the pages the run touched. A run killed anywhere in between leaves
`text_index` behind the index, never ahead of it, so the next sync redoes what was lost (adding
an id replaces it). When the index does not hold as many decisions as `text_index` says (a
directory deleted, copied from elsewhere), or cannot be opened, it is rebuilt from the base,
with a message on the log.
"""
from __future__ import annotations

import ctypes
import functools
import json
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import duckdb

from . import db
from .publish import index_dir
from .textindex import Hit, IndexDoc, TextIndex, TextIndexError

log = logging.getLogger(__name__)

# Rows of the decisions table read at a time (a page). The query of a page's decisions needs
# 35 MB of DuckDB's memory on a base of 10 000 decisions (greffe_index_docs, which reads
# greffe_decision_facts: sql/search_macros.sql; 47 MB with a subquery per child table); what
# grows with the page is what its rows, texts and IndexDocs take. Measured (a sync of 10 000
# decisions after their store, peak RSS): 289 MB with pages of 1 024 rows, 234-254 with 256,
# and a sync 20 % faster (10.6 s vs 13.2 s).
_BATCH = 256
# Decisions added to the index between two commits. tantivy queues the documents it is given
# until its thread indexes them, and a commit waits for the queue and writes them as a segment:
# what it holds in between grows with this. Measured (a sync of 10 000 decisions, writer alone,
# DuckDB bounded at 40 MB): peak RSS 292 MB with 5 000, 219 with 1 000, 205 with 500, 210 with
# 250 (a sync of 17, 17, 24 and 22 s); without intermediate commits ~100 MB more than 1 000.
_COMMIT = 500
_OPEN: dict[str, TextIndex] = {}   # one TextIndex per directory in this process
_SYNCED: dict[str, tuple] = {}     # the base's stamp when its index was last synced here


def _stamp(con: duckdb.DuckDBPyConnection) -> tuple:
    """Changes whenever a load, a deletion or a second source touches the decisions (cheap)."""
    return con.execute("SELECT (SELECT count(*) FROM decisions), (SELECT count(*) FROM sources), "
                       "(SELECT max(loaded_at) FROM sources), "
                       "(SELECT count(*) FROM text_index)").fetchone()


def db_file(con: duckdb.DuckDBPyConnection) -> str | None:
    """The file `con` is open on; None for an in-memory base."""
    return con.execute("SELECT path FROM duckdb_databases() "
                       "WHERE database_name = current_database()").fetchone()[0]


def writable(con: duckdb.DuckDBPyConnection) -> bool:
    return con.execute("SELECT current_setting('access_mode')").fetchone()[0] != "read_only"


def path_of(con: duckdb.DuckDBPyConnection) -> Path:
    """The index directory of the base `con` is open on (a temporary one for an in-memory base,
    remembered in the connection's variable `greffe_index_dir`)."""
    file = db_file(con)
    if file:
        return index_dir(file)
    found = con.execute("SELECT getvariable('greffe_index_dir')").fetchone()[0]
    if found is None:
        found = tempfile.mkdtemp(prefix="greffe-memory-index-")
        con.execute("SET VARIABLE greffe_index_dir = $dir", {"dir": found})
    return Path(found)


def docs(con: duckdb.DuckDBPyConnection, *, stale: bool = True
         ) -> Iterator[tuple[IndexDoc, tuple[str, str]]]:
    """(IndexDoc, (fingerprint, row fingerprint)) of the decisions the index lacks or holds in
    an older state (sql/index_stale.sql), or with stale=False of every decision (a snapshot's
    index built anew).

    The base is read a page of _BATCH rows at a time, in the order DuckDB stores them (rowid):
    the rows of greffe_index_docs of the page, then the texts of its stale decisions
    (sql/index_texts.sql), so that neither Python nor DuckDB's buffers hold more than a page,
    and a page with nothing stale costs no text. Only the pages that hold a decision whose row
    changed since it was indexed, or that was never indexed, are read (sql/index_pages.sql: it
    reads `decisions` and `text_index` only): the cost of a sync is that of the pages a run
    touched, not that of the base. The pages are read in one transaction on a
    cursor of `con` (its snapshot: the rowids cannot move under the walk; what `con` writes
    meanwhile, text_index, does not change which decisions are stale)."""
    reader = con.cursor()
    try:
        reader.execute(db.sql_text("search_macros"))      # the temporary macros are per connection
        reader.begin()
        if stale:
            firsts = [page * _BATCH for (page,) in db.run(reader, "index_pages", batch=_BATCH).fetchall()]
        else:
            end = reader.execute("SELECT max(rowid) + 1 FROM decisions").fetchone()[0] or 0
            firsts = range(0, end, _BATCH)
        for first in firsts:
            page = {"first_row": first, "end_row": first + _BATCH}
            if stale:
                rows = db._dicts(db.run(reader, "index_stale", **page))
            else:
                rows = db._dicts(reader.execute(
                    "SELECT * FROM greffe_index_docs(first_row := $first_row, end_row := $end_row)", page))
            if not rows:
                continue
            _give_back_memory()
            texts = dict(db.run(reader, "index_texts", ids=[r["id"] for r in rows]).fetchall())
            for r in rows:
                yield IndexDoc(
                    id=r["id"], text=texts.pop(r["id"], None) or "", court_kind=r["court_kind"],
                    city=r["city"], code=r["code"], decision_date=r["decision_date"],
                    decision_type=r["decision_type"], procedure=r["procedure"],
                    outcomes=tuple(r["outcomes"] or ()), authorities=tuple(r["authorities"] or ()),
                    topics=tuple(r["topics"] or ()), case_numbers=tuple(r["case_numbers"] or ()),
                    has_injunction=bool(r["has_injunction"]),
                    astreinte_amounts=tuple(r["astreinte_amounts"] or ()),
                    shown=r["shown"] or ""), (r["fingerprint"], r["row_fingerprint"])
    finally:
        reader.close()


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    try:
        return ctypes.CDLL(None).malloc_trim      # glibc
    except (OSError, AttributeError):
        return None


def _give_back_memory() -> None:
    """Return the C heap's free pages to the system before the next page's texts (glibc keeps
    them: measured, a sync of 10 000 decisions peaked 46 MB higher without it, 1 000 the same)."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


def _open(path: Path, *, set_aside: bool = True) -> TextIndex:
    """The index at `path`, opened once per process; a directory tantivy cannot read is set
    aside (`NAME.broken-TIME`) and an empty index takes its place, to be filled from the base
    (with set_aside=False: TextIndexError)."""
    key = os.fspath(path)
    if key in _OPEN and path.is_dir():
        return _OPEN[key]
    for gone in [k for k in _OPEN if not Path(k).is_dir()]:   # pruned snapshots: free their files
        del _OPEN[gone]
    try:
        index = TextIndex(path)
    except TextIndexError as error:
        if not set_aside:
            raise
        aside = path.with_name(f"{path.name}.broken-{time.strftime('%Y%m%dT%H%M%S')}")
        log.warning("%s; it is moved to %s and rebuilt from the base", error, aside)
        path.rename(aside)
        index = TextIndex(path)
    _OPEN[key] = index
    return index


def forget(path: str | os.PathLike) -> None:
    """Drop this process's handle on an index directory (before deleting it)."""
    index = _OPEN.pop(os.fspath(path), None)
    if index is not None:
        index.close()


def sync(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Bring the index of the writable base `con` in step with its decisions (see the module
    docstring): a commit every _COMMIT added decisions and one at the end, each followed by
    the record of what it holds. Returns {'added': n, 'deleted': n, 'rebuilt': 0 or 1}."""
    path = path_of(con)
    index = _open(path)
    held = con.execute("SELECT count(*) FROM text_index").fetchone()[0]
    rebuilt = len(index) != held
    if rebuilt:
        if held:
            log.warning("the full-text index %s holds %d decisions where %d were indexed; "
                        "rebuilding it from the base", index.path, len(index), held)
        con.execute("DELETE FROM text_index")
        index.clear()
    gone = [r[0] for r in db.run(con, "index_gone").fetchall()]
    if gone:
        index.delete(gone)
    added, deleted = 0, len(gone)
    pending: list[tuple[str, tuple[str, str]]] = []     # (id, fingerprints) added since the last commit
    for doc, fingerprints in docs(con):
        index.add([doc])
        pending.append((doc.id, fingerprints))
        if len(pending) >= _COMMIT:
            index.commit()
            added += _record(con, pending, gone)
            pending, gone = [], []
    if pending or gone or rebuilt or added:
        index.close()                   # the last commit; releases the writer lock
        added += _record(con, pending, gone)
    _SYNCED[os.fspath(path)] = _stamp(con)
    return {"added": added, "deleted": deleted, "rebuilt": int(rebuilt)}


def _record(con: duckdb.DuckDBPyConnection, added: list[tuple[str, tuple[str, str]]],
            gone: list[str]) -> int:
    """Write in text_index what the index holds since its last commit: the (id, (fingerprint,
    row fingerprint)) `added`, the ids `gone`. The count added."""
    rows = [{"decision_id": i, "fingerprint": f, "row_fingerprint": r} for i, (f, r) in added]
    db.run(con, "index_record", rows=json.dumps(rows, ensure_ascii=False), gone=gone, clear=False)
    return len(added)


def for_reading(con: duckdb.DuckDBPyConnection) -> TextIndex:
    """The index of the base or snapshot `con` is open on: synced first on a writable base; on
    a read-only snapshot whose index is missing or unreadable, built from the snapshot (into a
    new directory renamed into place, so that readers racing to build it do no harm)."""
    path = path_of(con)
    if writable(con):
        if _SYNCED.get(os.fspath(path)) != _stamp(con) or not path.is_dir():
            db.sync_index(con)          # with headroom for DuckDB (db.with_headroom)
        return _open(path)
    if (path / "meta.json").is_file():
        try:
            return _open(path, set_aside=False)
        except TextIndexError as error:
            log.warning("%s", error)
    log.warning("%s: the full-text index of this snapshot is missing or unreadable; "
                "building it from the snapshot (it takes a while once)", path)
    return _open(_build_beside(con, path))


def _build_beside(con: duckdb.DuckDBPyConnection, path: Path) -> Path:
    tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", dir=path.parent))
    try:
        with TextIndex(tmp) as fresh:
            for n, (doc, _) in enumerate(docs(con, stale=False), start=1):
                fresh.add([doc])
                if n % _COMMIT == 0:
                    fresh.commit()      # bounds tantivy's queue (see _COMMIT)
        if path.exists() and not (path / "meta.json").is_file():
            shutil.rmtree(path, ignore_errors=True)
        elif path.exists():
            path.rename(path.with_name(f"{path.name}.broken-{time.strftime('%Y%m%dT%H%M%S')}"))
        tmp.chmod(0o755)                # mkdtemp makes it private; readers may be other users
        try:
            tmp.rename(path)
        except OSError:                 # another reader built it first: use theirs
            pass
        return path
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def search_ids(con: duckdb.DuckDBPyConnection, query: str | None, *, limit: int | None,
               within: list[str] | None = None, **filters: Any) -> list[Hit]:
    """The hits (id, BM25 score, `shown`) of the decisions matching the words of `query` and
    `filters` (checked by db._filters), best first (no words: newest first); `within` keeps
    only those ids."""
    return for_reading(con).search(query, limit=limit, ids=within, **filters)
