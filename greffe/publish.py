"""One writer, many readers.

DuckDB lets one process write a file, and while it does no other process can open it, not even
read-only. So readers never open the base that ingestion writes (`greffe.duckdb`): at the end of
each run the writer publishes a copy under a new, versioned name, and readers open the newest:

    greffe.duckdb                      the base of record, written by `greffe ingest` only
    greffe.duckdb.tantivy/             its full-text index (greffe.searchindex), same writer
    greffe.duckdb.published/
        000007.duckdb                  snapshots, read-only, each complete and consistent
        000007.tantivy/                the full-text index as committed with that snapshot
        000008.duckdb
        000008.tantivy/
        current.duckdb -> 000008.duckdb

A snapshot is written under a temporary name and renamed into place, so a reader never sees a
half-copied file (the index is published first, so a snapshot always has its index); the link `current.duckdb` is swapped atomically for the DuckDB CLI. Readers
resolve the link to the versioned name first (a process that reopens a path it already opened
gets DuckDB's cached instance of it). Old snapshots and their index are removed after `KEEP`
newer ones exist.
"""
from __future__ import annotations

import logging
import os
import re
import shutil
from pathlib import Path

from .errors import DatabaseNotFound

log = logging.getLogger(__name__)

KEEP = 3
_SNAPSHOT = re.compile(r"^(\d{6,})\.duckdb$")


def index_dir(db_file: str | os.PathLike) -> Path:
    """The full-text index that belongs to a DuckDB file: `X.duckdb` -> `X.duckdb.tantivy/` for
    the base, `X.duckdb.published/000007.duckdb` -> `000007.tantivy/` for a snapshot."""
    path = Path(db_file)
    if path.parent.name.endswith(".published") and _SNAPSHOT.match(path.name):
        return path.with_suffix(".tantivy")
    return Path(f"{os.fspath(path)}.tantivy")


def published_dir(db_path: str | os.PathLike) -> Path:
    return Path(f"{os.fspath(db_path)}.published")


def snapshots(db_path: str | os.PathLike) -> list[Path]:
    """The published snapshots of a base, oldest first."""
    d = published_dir(db_path)
    if not d.is_dir():
        return []
    found = [(int(m.group(1)), p) for p in d.iterdir() if (m := _SNAPSHOT.match(p.name))]
    return [p for _, p in sorted(found)]


def publish(db_path: str | os.PathLike) -> Path:
    """Copy the base (closed and checkpointed by the caller, its full-text index committed:
    greffe.db.sync_index) to the next snapshot, its index beside it; returns the snapshot."""
    src = Path(db_path)
    d = published_dir(src)
    d.mkdir(parents=True, exist_ok=True)
    existing = snapshots(src)
    number = int(_SNAPSHOT.match(existing[-1].name).group(1)) + 1 if existing else 1
    target = d / f"{number:06d}.duckdb"
    tmp = d / f".{number:06d}.duckdb.tmp"
    _publish_index(src, index_dir(target))
    shutil.copyfile(src, tmp)
    with open(tmp, "rb+") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, target)
    link_tmp = d / ".current.tmp"
    if link_tmp.is_symlink() or link_tmp.exists():
        link_tmp.unlink()
    link_tmp.symlink_to(target.name)
    os.replace(link_tmp, d / "current.duckdb")
    for old in snapshots(src)[:-KEEP]:
        old.unlink(missing_ok=True)
        shutil.rmtree(index_dir(old), ignore_errors=True)
    return target


def _publish_index(src: Path, dest: Path) -> None:
    """The committed state of the base's full-text index, copied to `dest` (a leftover of a
    publish killed before its snapshot was renamed into place is replaced)."""
    from .textindex import TextIndex
    index = index_dir(src)
    if not (index / "meta.json").is_file():
        log.warning("%s has no full-text index to publish; readers will build it from the "
                    "snapshot (greffe.db.sync_index makes it at the end of each run)", src)
        return
    if dest.exists():
        shutil.rmtree(dest)
    TextIndex(index).publish(dest)


def newest(db_path: str | os.PathLike) -> Path:
    """What a reader should open: the newest snapshot, else (never published yet) the base itself."""
    snaps = snapshots(db_path)
    if snaps:
        return snaps[-1]
    base = Path(db_path)
    if base.exists():
        return base
    raise DatabaseNotFound(f"{os.fspath(db_path)}: no such base; create it with "
                           f"`greffe ingest FOLDER --db {os.fspath(db_path)}`")
