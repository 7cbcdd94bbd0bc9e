"""The full-text index that belongs to a base: where it lives, keeping it in step, opening it.

DuckDB is the base of record; the tantivy index (greffe.textindex) beside it answers the words
of `greffe search`. Each DuckDB file has its own index directory (greffe.publish.index_dir):

    greffe.duckdb                 greffe.duckdb.tantivy/        written by `greffe ingest` only
    greffe.duckdb.published/
        000008.duckdb             000008.tantivy/               published together, read-only

Keeping it in step (`sync`, the writer, once at the end of each run and before a search on the
writer): the table `text_index` records the fingerprint of each decision as the index holds it
(greffe_index_docs in sql/schema.sql); the decisions whose fingerprint differs are (re)added, the
ids the base lost are deleted, the index is committed once, then `text_index` is updated. A run
killed anywhere in between leaves `text_index` behind the index, never ahead of it, so the next
sync redoes what was lost (adding an id replaces it). When the index does not hold as many
decisions as `text_index` says (a directory deleted, copied from elsewhere), or cannot be
opened, it is rebuilt from the base, with a message on the log.
"""
from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb

from . import db
from .publish import index_dir
from .textindex import Hit, IndexDoc, TextIndex, TextIndexError

log = logging.getLogger(__name__)

_BATCH = 500                   # decisions fetched from DuckDB and added at a time
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


def docs(con: duckdb.DuckDBPyConnection, rows: list[dict[str, Any]]) -> Iterator[tuple[IndexDoc, str]]:
    """(IndexDoc, fingerprint) of each row of greffe_index_docs (sql/index_stale), its text
    read from DuckDB _BATCH decisions at a time (sql/index_texts)."""
    for start in range(0, len(rows), _BATCH):
        batch = rows[start:start + _BATCH]
        texts = dict(db.run(con, "index_texts", ids=[r["id"] for r in batch]).fetchall())
        for r in batch:
            yield IndexDoc(
                id=r["id"], text=texts.get(r["id"]) or "", court_kind=r["court_kind"], city=r["city"],
                code=r["code"], decision_date=r["decision_date"],
                decision_type=r["decision_type"], procedure=r["procedure"],
                outcomes=tuple(r["outcomes"] or ()), authorities=tuple(r["authorities"] or ()),
                topics=tuple(r["topics"] or ()), case_numbers=tuple(r["case_numbers"] or ()),
                has_injunction=bool(r["has_injunction"]),
                astreinte_amounts=tuple(r["astreinte_amounts"] or ()),
                shown=r["shown"] or ""), r["fingerprint"]


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
    docstring); one commit. Returns {'added': n, 'deleted': n, 'rebuilt': 0 or 1}."""
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
    rows = []
    for doc, fingerprint in docs(con, db._dicts(db.run(con, "index_stale"))):
        index.add([doc])
        rows.append({"decision_id": doc.id, "fingerprint": fingerprint})
    if rows or gone or rebuilt:
        index.delete(gone)
        index.close()                   # the one commit; releases the writer lock
        db.run(con, "index_record", rows=json.dumps(rows, ensure_ascii=False), gone=gone, clear=False)
    _SYNCED[os.fspath(path)] = _stamp(con)
    return {"added": len(rows), "deleted": len(gone), "rebuilt": int(rebuilt)}


def for_reading(con: duckdb.DuckDBPyConnection) -> TextIndex:
    """The index of the base or snapshot `con` is open on: synced first on a writable base; on
    a read-only snapshot whose index is missing or unreadable, built from the snapshot (into a
    new directory renamed into place, so that readers racing to build it do no harm)."""
    path = path_of(con)
    if writable(con):
        if _SYNCED.get(os.fspath(path)) != _stamp(con) or not path.is_dir():
            sync(con)
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
            for doc, _ in docs(con, db._dicts(con.execute("SELECT * FROM greffe_index_docs()"))):
                fresh.add([doc])
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
    return for_reading(con).search(query, limit=limit, ids=within, snippets=False, **filters)
