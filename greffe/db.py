"""The DuckDB side of greffe: the schema, loading a decision, the ledger, full-text search.

Every statement lives in `sql/` (the package `greffe.sql`) and is loaded by name; every value
is a bound parameter (`$name`), never spliced into the SQL.

    con = connect("greffe.duckdb")                  # fts loaded, schema applied
    if not seen(con, sha256, EXTRACTOR_VERSION):
        load(con, decision, textmap, EXTRACTOR_VERSION)   # one transaction, ledger row 'loaded'
    quarantine(con, path, sha256, "encrypted", "...", EXTRACTOR_VERSION)
    sync_index(con)                                 # once, at the end of an ingestion run
    with connect_reader("greffe.duckdb") as ro:     # the newest published snapshot and its index
        hits = search(ro, '"non dématérialisé" préfecture', city="Grenoble")
        record = show(ro, "TA38_2506085_20250721")
        figures = status(ro)

Public functions
    duckdb_version() -> str
    check_setup() -> Path                       the fts extension file; SetupError when duckdb and
                                                duckdb-extension-fts do not match (`greffe doctor`)
    connect(path, *, read_only=False)           a connection with fts loaded; a writable one gets the
                                                schema (sql/schema.sql, idempotent)
    connect_reader(db_path)                     read-only, on the newest published snapshot
    seen(con, sha256, extractor_version, *, include_quarantined=True)
                                                True when that content was loaded, skipped or
                                                quarantined under that extractor version
    load(con, decision, textmap, extractor_version)
    quarantine / record_retriable(con, path, sha256, reason, message, extractor_version)
    record_skip(con, path, sha256, extractor_version, reason="already-seen", message=None)
    seen_many(con, sha256s, extractor_version, *, include_quarantined=True) -> set[str]
    record_skips(con, [(path, sha256, reason, message)], extractor_version)
    load_many(con, [(decision, textmap)], extractor_version)
                                                a batch of decisions in one transaction
    sync_index(con) -> dict                     the tantivy index beside the base brought in step
                                                with its decisions, one commit (greffe.searchindex)
    reader_index(con) -> TextIndex              the index of the base or snapshot `con` is open on
    search(con, query, *, limit=10, marks=("**", "**"), **filters) -> list[Hit]
                                                filters: SEARCH_FILTERS (InvalidFilter lists the
                                                valid ones)
    search_ids(con, query, *, limit=None, **filters) -> list[str]   the same hits, ids only
    summary(con, id) / summaries(con, ids)      the one line of a hit: injunction · délai · astreinte
    rebuild_fts(con), fts_state(con)            opt-in DuckDB fts index for SQL users (not used by
                                                search)
    show(con, id) -> dict                       the record rebuilt from the tables
    status(con) -> dict
    run(con, query, **params)                   run sql/<query>.sql with its parameters (for tools)
    sql_text(name), sql_names(), statements(name), parameters(name)   the files of sql/

The ledger has one row per (sha256, path, extractor_version): outcome 'loaded', 'skipped',
'quarantined' or 'retriable', with a reason code and a message. The view `quarantine` lists what
is set aside now (the newest quarantine of each file whose content never loaded).

How a decision is loaded (`load`), in one transaction that leaves nothing behind if it fails:
  * the same source again (re-extraction): the decision's rows are replaced;
  * another source of the same decision id (the XML of a PDF, a second PDF): the source is
    recorded beside the first; the rows come from the new extraction unless its text ranks below
    the one stored (a digital PDF, with pages and boxes, over the XML, over a PDF read by OCR:
    `_text_rank`), and in either case a court,
    date, type, formation or procedure that one source states and the other does not is kept;
  * a source that was loaded before under another id (an extractor fixed the id): it moves to
    the new id, and the old decision is deleted when no source is left to it;
  * the ledger gets (sha256, path, extractor_version) -> 'loaded'.
Values carry their page, and their box on it when the source was a PDF (`TextMap.box`).

Search: the words go to the tantivy index beside the base (greffe.textindex: the text, the
parties' names and the injunctions' measures, French Snowball stems with accents folded:
`prefecture` finds `préfectures`; a word also matches its twin with or without a final `e`:
`dématérialisé` / `dématérialisée`); every word must occur (BM25 ranking); quoted phrases
(`"non dématérialisé"`, `« voie non dématérialisée »`) must occur as phrases. The filters are
fields of the same index; the page of hits (citation, snippet, summary) is read from DuckDB.
Characters such as `%`, `_`, `'` and `;` are never wildcards, syntax or SQL: they are only
word separators, and filter values are exact terms or bound parameters.

Timestamps are UTC. DuckDB allows one writer per file and no reader beside it: readers open the
published snapshot, read-only (see DESIGN.md).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import logging
import math
import os
import re
import tempfile
import weakref
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from decimal import Decimal
from functools import cache
from importlib import metadata, resources
from pathlib import Path
from typing import Any, TypeVar

import duckdb

from .citation import citation, court_label
from .errors import (CommitOutOfMemory, DatabaseNotFound, DecisionNotFound, InvalidFilter,
                     SetupError, first_line)
from .textindex import TextIndex, _folded_bytes
from .model import (DECISION_TYPES, OUTCOMES, PROCEDURES, Astreinte, Decision, Deadline, Span,
                    TextMap)

log = logging.getLogger(__name__)
T = TypeVar("T")

SCHEMA_VERSION = 1
COURT_KINDS = ("TA", "CAA", "CE")
# The keyword filters of search(), for the command line.
SEARCH_FILTERS = ("court_kind", "court_code", "city", "since", "until", "outcome", "decision_type",
                  "procedure", "topic", "authority", "case_number", "has_injunction", "astreinte",
                  "min_amount", "max_amount")
LEDGER_OUTCOMES = ("loaded", "skipped", "quarantined", "retriable")

# Nothing is ever installed or auto-loaded; the directory only has to exist somewhere harmless
# so that DuckDB never writes into ~/.duckdb.
_CONFIG = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}

# DuckDB's block: what it reads, writes, caches and pins at a time; a table's column takes its new
# rows into its last block, so a COMMIT holds a block per column of every table it writes to. A
# base is created with 16 KB blocks instead of DuckDB's 256 KB (`connect`: DuckDB's setting
# default_block_size, which only a new file takes; a base keeps the size it was created with,
# and DuckDB < 1.2 cannot open one of 16 KB blocks). Measured (session 9, writer alone, the
# bench's 10 000 decisions): the indexes of the keys take half the memory (3.5 MB instead of
# 7), and the store gets through under a 40 MB bound (COMMITs then need 28-32 MB beside the keys:
# under 28 one ran out of it, and DuckDB's rollback too); with 256 KB blocks it needs 64.
BLOCK_SIZE = 16 * 1024
DUCKDB_BLOCK_SIZE = 256 * 1024

# DuckDB's memory on the writer of an ingestion (`limit_writer_memory`). Unbounded (80 % of the
# RAM by default), DuckDB keeps in its buffers every block it reads or writes, so the writer grew
# with the base (bench figure 4). The writer works on batches (at most 64 decisions a statement,
# pages of 256 rows for the text index); beyond the limit DuckDB drops cached blocks (read again
# from the file) and spills what it must keep to <base>.tmp. What it cannot drop is what was
# written since the last checkpoint (60 MB at 10 000 decisions), so a run checkpoints before its
# index sync (`end_run`), and the indexes of the keys, which grow with the base (the child tables
# have no key for that reason: sql/schema.sql), and the overflow blocks of the last texts written;
# the bound is raised, by steps, to leave a COMMIT room beside them (`_room_to_write`). Measured
# on the bench's 10 000 decisions (session 4), the writer peaked at 340 MB with a 128 MB bound
# and no checkpoint before the sync, at 285 MB with this one.
# Readers are not bounded. When DuckDB still runs out of it, the writer doubles it and does the
# step again (`with_headroom`), up to a quarter of the RAM: a larger base needs more.
WRITER_MEMORY_MB = 40
# The same on a base created before session 9, of DuckDB's 256 KB blocks (DUCKDB_BLOCK_SIZE).
WRITER_MEMORY_MB_LARGE_BLOCKS = 64
# The bound while the writer brings the text index in step at the end of a run (`end_run`): what
# was written is checkpointed by then, so DuckDB's cache is all it could keep. A page of the
# sync needs more than 32 MB on a base of 10 000 decisions (sql/search_macros.sql,
# greffe_decision_facts; under 32 the writer doubled its bound). Measured, the sync of 10 000
# decisions (writer alone, 256 KB blocks): peak RSS 213-226 MB with 40 MB, 231-242 with 64, and
# the last checkpoint 162-197 instead of 213-220; with 16 KB blocks and 40 MB, 199.
WRITER_SYNC_MEMORY_MB = 40
WRITER_MEMORY_CEILING_MB = max(WRITER_MEMORY_MB,
                               os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") // (4 << 20))


class SearchIndexMissing(SetupError):
    """The base has no full-text index yet (greffe.db.rebuild_fts builds it)."""


# ---------------------------------------------------------------- setup and connection

def fts_extension_path() -> Path:
    """Where duckdb-extension-fts keeps the extension built for the installed duckdb."""
    try:
        import duckdb_extension_fts
    except ImportError as e:
        raise SetupError("the package duckdb-extension-fts is not installed; install the pinned "
                         "pair: pip install -c constraints.txt -e .") from e
    root = Path(duckdb_extension_fts.__file__).parent / "extensions"
    return root / f"v{duckdb.__version__}" / "fts.duckdb_extension"


def check_setup() -> Path:
    """The fts extension file for this duckdb; SetupError saying what to install when the pair
    (duckdb, duckdb-extension-fts) does not match."""
    path = fts_extension_path()
    if path.is_file():
        return path
    shipped = sorted(p.name.removeprefix("v") for p in path.parent.parent.glob("v*") if p.is_dir())
    try:
        package = metadata.version("duckdb-extension-fts")
    except metadata.PackageNotFoundError:
        package = "unknown"
    raise SetupError(
        f"duckdb {duckdb.__version__} is installed, but duckdb-extension-fts {package} ships the "
        f"full-text extension for duckdb {', '.join(shipped) or '(none)'}; the two must be the "
        f"same version: pip install -c constraints.txt -e . (duckdb==1.5.5 "
        f"duckdb-extension-fts==1.5.5)")


# The write-ahead log of the writer may grow this much before DuckDB checkpoints it into the
# base file (the default, 16 MB, checkpointed every ~600 decisions, and each checkpoint costs
# more as the base grows: 20 000 decisions took 49 s to store instead of 30 s, and the writer
# kept 60 MB more). The flow checkpoints at the end of each run; a killed run's log is replayed
# when the base is next opened.
WRITER_CHECKPOINT_THRESHOLD = "1GB"


# The writer's statements are small (a batch of decisions, a page of the text index): DuckDB's
# own threads (one per core by default) only took CPU from the worker processes (measured with
# 2 workers on 2 cores: the writer's process used 1.1 s of CPU per 400 decisions instead of 1.4-1.7).
WRITER_THREADS = 1


def limit_writer_memory(con: duckdb.DuckDBPyConnection, limit_mb: int | None = None) -> None:
    """Bound DuckDB's memory on the writable base `con` to `limit_mb` (None: WRITER_MEMORY_MB,
    or WRITER_MEMORY_MB_LARGE_BLOCKS on a base of 256 KB blocks; why and how much: there), let
    its log grow to WRITER_CHECKPOINT_THRESHOLD between checkpoints, and give it WRITER_THREADS
    threads."""
    if limit_mb is None:
        large = block_size(con) >= DUCKDB_BLOCK_SIZE
        limit_mb = WRITER_MEMORY_MB_LARGE_BLOCKS if large else WRITER_MEMORY_MB
    _recent_texts_of(con)              # the base's last texts, counted before the bound
    con.execute(f"SET memory_limit = '{int(limit_mb)}MB'")
    con.execute(f"SET VARIABLE greffe_writer_mb = {int(limit_mb)}")
    con.execute(f"SET checkpoint_threshold = '{WRITER_CHECKPOINT_THRESHOLD}'")
    con.execute(f"SET threads = {WRITER_THREADS}")


def block_size(con: duckdb.DuckDBPyConnection) -> int:
    """The size of the blocks of the base `con` is open on, in bytes (0: an in-memory base)."""
    return con.execute("SELECT block_size FROM pragma_database_size() "
                       "WHERE database_name = current_database()").fetchone()[0]


def _writer_mb(con: duckdb.DuckDBPyConnection) -> int | None:
    """The writer's bound in MB that `limit_writer_memory` set on `con` (None: not a writer)."""
    return con.execute("SELECT getvariable('greffe_writer_mb')").fetchone()[0]


def _raised_bound(current: int | None) -> int | None:
    """The writer's bound after DuckDB ran out of `current` MB (what it cannot drop grows with
    the base: the indexes of its keys): doubled, up to WRITER_MEMORY_CEILING_MB; None when there
    is no bound to raise."""
    if current is None or current >= WRITER_MEMORY_CEILING_MB:
        return None
    raised = min(2 * current, WRITER_MEMORY_CEILING_MB)
    log.warning("DuckDB needed more than %d MB on the writer; its bound is now %d MB", current, raised)
    return raised


def _more_writer_memory(con: duckdb.DuckDBPyConnection) -> bool:
    """Raise the writer's bound (`_raised_bound`); False when there is no bound to raise."""
    raised = _raised_bound(_writer_mb(con))
    if raised is not None:
        limit_writer_memory(con, raised)
    return raised is not None


def with_headroom(con: duckdb.DuckDBPyConnection, step: Callable[[], T],
                  texts: Sequence[str] = ()) -> T:
    """Run `step` (a whole transaction, or a step that a second run redoes safely) once the
    writer's bound leaves a COMMIT its room (`_room_to_write`: beside the keys, and beside the
    last texts written when `step` writes `texts` too); when DuckDB runs out of the bound, raise
    it (unless the step's `_transaction` did before rolling back) and run the step again."""
    sizes = [_text_bytes(text) for text in texts]
    while True:
        bound = _room_to_write(con, sum(sizes) if sizes else None)
        try:
            result = step()
        except duckdb.OutOfMemoryException:
            if _writer_mb(con) == bound and not _more_writer_memory(con):
                raise
        else:
            if bound is not None:
                _recent_texts_of(con).add(sizes)
            return result


# The indexes of the base's keys (decisions, sources, ledger, text_index: ART_INDEX in
# duckdb_memory()) stay in the writer's memory, pinned, and grow with the base (0.35 MB per 1 000
# decisions with 16 KB blocks, 0.7 with 256 KB). A COMMIT needs room beside them, and a COMMIT
# that runs out of memory is what must not happen (_transaction): before each step the writer's
# bound is raised, by steps of KEYS_STEP_MB, until it leaves KEYS_ROOM_MB beside the keys.
# Measured: COMMITs needed 26-32 MB beside the keys (session 8, 256 KB blocks: one ran out of a
# 40 MB bound beside 8 MB of keys; session 9, 16 KB blocks: out of 28 MB beside 3.5). Until
# session 8 the bound was doubled whenever the keys took a quarter of it: a run of 250 000
# decisions ended its store with a 512 MB bound, which DuckDB filled with its cache; until
# session 9 the keys could take a quarter of it (16 KB blocks leave too little room that way).
KEYS_ROOM_MB = 36
KEYS_STEP_MB = 8

# DuckDB writes a string of 4 KB or more (a decision's text) to overflow blocks, and keeps those
# of about the last TEXT_WINDOW rows written in memory, pinned, until a checkpoint: a COMMIT
# needs them beside the keys, and COMMIT_ROOM_MB more. Measured (session 12), DuckDB alone (one
# table, texts of 10, 24, 36 and 60 KB, 16 rows a transaction, 16 KB or 256 KB blocks): a COMMIT
# ran out of memory, and then DuckDB's rollback, under 24, 48 (52 with 256 KB blocks), 76 and
# 120 MB, and got through under 28, 56, 80 and 136 MB: 2 048 texts and 4-8 MB. In greffe, the
# bench's decisions (10 KB of text, 21 MB for 2 048) got through under 32 MB and not 28; with
# their texts doubled (43 MB for 2 048), under 56 MB and not 48: what a run of long judgments
# would have met under the 36 MB beside the keys of sessions 8-11, CommitOutOfMemory after
# 1 000-2 000 decisions, and again at each run. So the room beside the keys is the larger of
# KEYS_ROOM_MB and the last TEXT_WINDOW texts plus COMMIT_ROOM_MB: unchanged for texts of 10 KB,
# more for longer texts; it follows the length of the texts, not the length of the run.
TEXT_WINDOW = 2048
COMMIT_ROOM_MB = 12


class _RecentTexts:
    """The sizes in bytes of the last TEXT_WINDOW texts written on a writer, and their sum."""

    def __init__(self) -> None:
        self.sizes: deque[int] = deque(maxlen=TEXT_WINDOW)

    def add(self, sizes: Iterable[int]) -> None:
        self.sizes.extend(sizes)

    @property
    def total(self) -> int:
        return sum(self.sizes)


# Per writer connection, for as long as it is open (the bound it applies to is its database's).
_recent_texts: weakref.WeakKeyDictionary[duckdb.DuckDBPyConnection, _RecentTexts] = \
    weakref.WeakKeyDictionary()


def _recent_texts_of(con: duckdb.DuckDBPyConnection) -> _RecentTexts:
    """The last texts written on the writer `con`, starting from the last TEXT_WINDOW texts of
    the base (sql/last_texts.sql; `limit_writer_memory` reads them before it bounds DuckDB's
    memory: a vector of 2 048 texts of 30 KB does not fit in 40 MB). A writer appends to the row
    group the run before it ended, and DuckDB reads that row group's last texts back into
    memory: with only its own texts counted, the second run into a base of 30 KB texts stopped
    at its first COMMIT (CommitOutOfMemory)."""
    recent = _recent_texts.get(con)
    if recent is None:
        recent = _recent_texts[con] = _RecentTexts()
        recent.add(size for (size,) in run(con, "last_texts", n=TEXT_WINDOW).fetchall())
    return recent


def _text_bytes(text: str) -> int:
    return len(text.encode("utf-8", "surrogatepass"))


def keys_mb(con: duckdb.DuckDBPyConnection) -> float:
    """What the indexes of the base's keys take of DuckDB's memory on `con`, in MB."""
    return con.execute("SELECT coalesce(sum(memory_usage_bytes), 0) / 1e6 FROM duckdb_memory() "
                       "WHERE tag = 'ART_INDEX'").fetchone()[0]


def duckdb_memory_mb(con: duckdb.DuckDBPyConnection) -> tuple[float, float]:
    """(what DuckDB holds in memory on `con`, what it has spilled to its temporary files), in MB,
    as DuckDB counts them (duckdb_memory(); its allocator keeps more resident than it counts)."""
    return con.execute("SELECT coalesce(sum(memory_usage_bytes), 0) / 1e6, "
                       "coalesce(sum(temporary_storage_bytes), 0) / 1e6 FROM duckdb_memory()").fetchone()


def _room_to_write(con: duckdb.DuckDBPyConnection, pending: int | None = None) -> int | None:
    """Raise the writer's bound until it leaves a COMMIT its room beside the indexes of the keys:
    KEYS_ROOM_MB, or, for a step that writes `pending` bytes of texts (None: no text; the index
    sync after a checkpoint), the last TEXT_WINDOW texts written and those plus COMMIT_ROOM_MB
    when that is more; the bound (None: not a writer). The bound is never lowered here."""
    bound = _writer_mb(con)
    if bound is None:
        return None
    keys = keys_mb(con)
    texts = 0.0 if pending is None else (_recent_texts_of(con).total + pending) / 1e6
    room = max(KEYS_ROOM_MB, texts + COMMIT_ROOM_MB)
    if keys + room <= bound:
        return bound
    raised = min(KEYS_STEP_MB * math.ceil((keys + room) / KEYS_STEP_MB), WRITER_MEMORY_CEILING_MB)
    if raised <= bound:
        return bound
    log.info("the indexes of the base's keys (%d MB) and its last texts written (%d MB) need "
             "more than the writer's %d MB; its bound is now %d MB", keys, texts, bound, raised)
    limit_writer_memory(con, raised)
    return raised


def _commit_out_of_memory(error: BaseException) -> bool:
    """A COMMIT that could not allocate or pin a block (`Failed to commit: ...`)."""
    text = str(error)
    return isinstance(error, duckdb.TransactionException) and "Failed to commit" in text and (
        "could not allocate block" in text or "failed to pin block" in text)


def _fatal_out_of_memory(error: BaseException) -> bool:
    """DuckDB ran out of memory and then again while rolling back on its own (`FATAL Error:
    Failed to rollback transaction ... Out of Memory Error`): the database is invalidated, every
    later statement of this process is refused. Seen at a commit early in a run of 10 000
    decisions under a 32 MB bound (a statement out of memory is rolled back by `_transaction`,
    after it raised the bound: that rollback did not run out)."""
    return isinstance(error, duckdb.FatalException) and "Out of Memory" in str(error)


def duckdb_version() -> str:
    return duckdb.__version__


def connect_reader(db_path: str | Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection to what readers should open: the newest published snapshot of the
    base at `db_path` (greffe.publish). Usable as `with ... as con`. Never the base itself: a
    reader holding it would block the next ingestion (DuckDB: one writer and no reader beside
    it), so a base never published raises DatabaseNotFound (the first ingestion is running)."""
    from .publish import newest, snapshots
    if not snapshots(db_path) and Path(db_path).exists():
        raise DatabaseNotFound(f"{db_path}: nothing published yet; the first `greffe ingest` "
                               "publishes the base when it finishes: try again then")
    return connect(newest(db_path), read_only=True)


def connect(path: str | Path, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """A connection to the base at `path` (":memory:" for a throwaway one) with the fts extension
    loaded. Writable: the schema is created or brought up to date. Read-only: the base must exist
    and be a greffe base (DatabaseNotFound otherwise)."""
    ext = check_setup()
    target = str(path)
    if read_only and target != ":memory:" and not Path(target).is_file():
        raise DatabaseNotFound(f"{target}: no such base; create it with `greffe ingest` or check --db")
    ext_dir = Path(tempfile.gettempdir()) / "greffe-duckdb-extensions"
    config = {**_CONFIG, "extension_directory": str(ext_dir), "default_block_size": BLOCK_SIZE}
    con = duckdb.connect(target, read_only=read_only, config=config)
    try:
        con.execute("LOAD '" + str(ext).replace("'", "''") + "'")
        if read_only:
            _check_schema(con, target)
        else:
            _apply_ddl(con)
            _check_schema(con, target)
        con.execute(sql_text("search_macros"))      # greffe_filter, greffe_index_docs (temporary)
    except BaseException:
        con.close()
        raise
    return con


# The DDL a writable connection applies: the tables (archives, alerts and run reports of
# greffe.feed in schema_feed) and the researchers' views (decisions_v, ...). Idempotent.
_DDL = ("schema", "schema_feed", "views")


@cache
def _ddl_digest() -> str:
    return hashlib.sha256("\0".join(sql_text(n) for n in _DDL).encode()).hexdigest()


# The child tables of a decision, keyed (decision_id, ordinal) by convention (sql/schema.sql).
CHILD_TABLES = ("case_numbers", "judges", "parties", "injunctions", "astreintes", "deadlines",
                "legal_refs", "cited_decisions", "zones", "pages")


def _apply_ddl(con: duckdb.DuckDBPyConnection) -> None:
    """Apply _DDL unless this base already has exactly this DDL (its digest in ddl_applied), in
    one transaction. A child table that still has the PRIMARY KEY of the bases made before
    session 5 (sql/schema.sql says why it went) is made again without it, rows and CHECKs kept."""
    digest = _ddl_digest()
    try:
        applied = run(con, "ddl_applied").fetchone()
    except duckdb.CatalogException:            # a new base, or one made before ddl_applied
        applied = None
    if applied and applied[0] == digest:
        return
    with _transaction(con):
        keyed = [t for (t,) in con.execute(
            "SELECT DISTINCT table_name FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY' "
            "AND schema_name = 'main' AND list_contains($tables, table_name) ORDER BY 1",
            {"tables": list(CHILD_TABLES)}).fetchall()]
        for table in keyed:
            con.execute(f"ALTER TABLE {table} RENAME TO {table}__keyed")
        for name in _DDL:
            con.execute(sql_text(name))
        for table in keyed:
            con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM {table}__keyed")
            con.execute(f"DROP TABLE {table}__keyed")
        run(con, "ddl_record", sha256=digest)
    if keyed:
        log.info("the tables %s no longer have a PRIMARY KEY (see sql/schema.sql)", ", ".join(keyed))


def _check_schema(con: duckdb.DuckDBPyConnection, target: str) -> None:
    tables = {r[0] for r in con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main'").fetchall()}
    if "schema_version" not in tables:
        raise DatabaseNotFound(f"{target}: not a greffe base (no schema_version table); "
                               "point --db at a base made by `greffe ingest`")
    version = con.execute("SELECT max(version) FROM schema_version").fetchone()[0]
    if version is None or version > SCHEMA_VERSION:
        raise SetupError(f"{target}: schema version {version}, but this greffe knows up to "
                         f"{SCHEMA_VERSION}; upgrade greffe")


# ---------------------------------------------------------------- SQL files

_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
# `x IN ($name)` in a file: the list $name as constants, `x IN ($name_0, $name_1, ...)` (`run`).
_IN_LIST = re.compile(r"\bIN\s*\(\s*\$([A-Za-z_][A-Za-z0-9_]*)\s*\)", re.IGNORECASE)


@cache
def sql_text(name: str) -> str:
    """The text of sql/<name>.sql."""
    resource = resources.files("greffe.sql").joinpath(f"{name}.sql")
    if not resource.is_file():
        raise FileNotFoundError(f"no query sql/{name}.sql")
    return resource.read_text(encoding="utf-8")


def sql_names() -> list[str]:
    """The names of every file in sql/ (without `.sql`)."""
    return sorted(p.name[:-4] for p in resources.files("greffe.sql").iterdir()
                  if p.name.endswith(".sql"))


@cache
def statements(name: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The statements of sql/<name>.sql, comments removed, each with its parameter names."""
    out = []
    for stmt in _split(sql_text(name)):
        out.append((stmt, tuple(dict.fromkeys(_PARAM.findall(stmt)))))
    return tuple(out)


def parameters(name: str) -> set[str]:
    """Every parameter that sql/<name>.sql binds."""
    return {p for _, names in statements(name) for p in names}


def _split(text: str) -> Iterator[str]:
    """Statements split at `;`, with `--` comments dropped; quotes are respected."""
    buf: list[str] = []
    i, n, quote = 0, len(text), None
    while i < n:
        c = text[i]
        if quote:
            buf.append(c)
            if c == quote:
                quote = None
        elif c in "'\"":
            quote = c
            buf.append(c)
        elif c == "-" and text.startswith("--", i):
            while i < n and text[i] != "\n":
                i += 1
            continue
        elif c == ";":
            stmt = "".join(buf).strip()
            if stmt:
                yield stmt
            buf = []
        else:
            buf.append(c)
        i += 1
    stmt = "".join(buf).strip()
    if stmt:
        yield stmt


def run(con: duckdb.DuckDBPyConnection, query: str, /, **params: Any) -> duckdb.DuckDBPyConnection:
    """Run every statement of sql/<query>.sql, each with the parameters it names (a parameter
    missing or unknown to the file is a TypeError; `IN ($name)` takes a list: `_in_lists`); the
    connection is returned positioned on the last statement's result."""
    unknown = set(params) - parameters(query)
    if unknown:
        raise TypeError(f"sql/{query}.sql has no parameter(s) {', '.join(sorted(unknown))}")
    for stmt, names in statements(query):
        missing = [p for p in names if p not in params]
        if missing:
            raise TypeError(f"sql/{query}.sql needs the parameter(s) {', '.join(missing)}")
        bound = {p: params[p] for p in names}
        if _list_names(stmt):
            stmt, bound = _in_lists(stmt, bound)
        con.execute(stmt, bound or None)
    return con


@cache
def _list_names(stmt: str) -> tuple[str, ...]:
    """The parameters of `stmt` written `IN ($name)`: lists (`_in_lists`)."""
    return tuple(_IN_LIST.findall(stmt))


def _in_lists(stmt: str, params: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """`stmt` and `params` with each `IN ($name)` written as the constants of the list $name,
    `IN ($name_0, $name_1, ...)` (`IN (NULL)` for an empty list: no row). DuckDB pushes a list
    of constants into the scan of the table, which then reads the other columns of the rows
    that pass only; a list parameter (`list_contains($ids, id)`, `id IN (SELECT
    unnest($ids))`) is a filter on the rows the scan has read, with every column the query asks
    for. Measured (a base of 10 000 decisions, the texts of 256 of them): 8 MB more resident
    this way, 55-61 MB with a list parameter (the texts of a whole 2 048-row vector)."""
    def expand(match: re.Match) -> str:
        name = match[1]
        values = list(params.pop(name))
        params.update({f"{name}_{i}": v for i, v in enumerate(values)})
        return f"IN ({', '.join(f'${name}_{i}' for i in range(len(values))) or 'NULL'})"
    params = dict(params)
    return _IN_LIST.sub(expand, stmt), params


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


# ---------------------------------------------------------------- ledger

def seen(con: duckdb.DuckDBPyConnection, sha256: str, extractor_version: str, *,
         include_quarantined: bool = True) -> bool:
    """Was this content loaded, skipped or (unless include_quarantined=False) quarantined under
    this extractor version? A 'retriable' outcome, or an older extractor version: do it again."""
    return bool(run(con, "seen", sha256=sha256, extractor_version=extractor_version,
                    include_quarantined=include_quarantined).fetchone()[0])


def quarantine(con: duckdb.DuckDBPyConnection, path: str, sha256: str | None, reason: str,
               message: str, extractor_version: str) -> None:
    """Set a document aside with a stable reason code (`encrypted`, `truncated`, ...) and the
    message that says what to do. `sha256` is that of the bytes read; None when they could not
    be read at all (stored as ''; the path tells such files apart)."""
    _record(con, "quarantined", path, sha256, reason, message, extractor_version)


def record_retriable(con: duckdb.DuckDBPyConnection, path: str, sha256: str | None, reason: str,
                     message: str, extractor_version: str) -> None:
    """A failure that the next run should try again (a timeout under load, a locked file)."""
    _record(con, "retriable", path, sha256, reason, message, extractor_version)


def record_skip(con: duckdb.DuckDBPyConnection, path: str, sha256: str, extractor_version: str,
                reason: str = "already-seen", message: str | None = None) -> None:
    """A document deliberately not loaded (by default: `seen` said it was dealt with already;
    or `duplicate`, `not-a-decision`, ...). A skip never replaces an earlier outcome of the same
    (content, path, extractor version); it only records that a run saw it again."""
    run(con, "ledger_skip", sha256=sha256, path=str(path), extractor_version=extractor_version,
        reason=reason, message=message, now=_utcnow())


def seen_many(con: duckdb.DuckDBPyConnection, sha256s: Iterable[str], extractor_version: str, *,
              include_quarantined: bool = True) -> set[str]:
    """`seen` for many contents in one query: those of `sha256s` that were dealt with."""
    shas = [s for s in dict.fromkeys(sha256s) if s]
    if not shas:
        return set()
    return {r[0] for r in run(con, "seen_many", shas=json.dumps(shas),
                               extractor_version=extractor_version,
                               include_quarantined=include_quarantined).fetchall()}


def record_skips(con: duckdb.DuckDBPyConnection,
                 skips: Iterable[tuple[str, str, str, str | None]], extractor_version: str) -> None:
    """`record_skip` for many documents in one statement: (path, sha256, reason, message) each;
    a (content, path) given twice is recorded once (its last reason)."""
    rows = {(sha, str(path)): {"sha256": sha, "path": str(path), "reason": reason, "message": message}
            for path, sha, reason, message in skips}
    if rows:
        run(con, "ledger_skip_many", rows=_json(list(rows.values())),
            extractor_version=extractor_version, now=_utcnow())


def _record(con: duckdb.DuckDBPyConnection, outcome: str, path: str, sha256: str | None,
            reason: str, message: str, extractor_version: str) -> None:
    run(con, "ledger_record", sha256=sha256 or "", path=str(path), extractor_version=extractor_version,
        outcome=outcome, reason=reason, message=message, decision_id=None, now=_utcnow())


# ---------------------------------------------------------------- load

_MERGED = ("court_kind", "court_city", "court_code", "court_name", "decision_date",
           "decision_type", "formation", "procedure")
# What the open data states outright: when a decision has an XML source, these come from it
# whatever the order the sources arrived in (the text and its values come from the best text).
_OPEN_DATA = ("court_kind", "court_city", "court_code", "court_name", "decision_date", "formation")


def load(con: duckdb.DuckDBPyConnection, decision: Decision, textmap: TextMap | None,
         extractor_version: str) -> None:
    """Write one decision, its source and its ledger row in one transaction (see the module
    docstring for what happens when the decision or the source is already there). Any error
    rolls the whole document back and is raised again: the caller quarantines the document."""
    def step() -> None:
        with _transaction(con):
            _load(con, decision, textmap, extractor_version, _utcnow())
    with_headroom(con, step, [decision.text])


@contextmanager
def _transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """BEGIN ... COMMIT; any error rolls back and is raised again.

    When a statement ran out of the writer's memory bound, the bound is raised before the
    rollback (`_raised_bound`): the rollback needs memory too, and one that runs out of it
    invalidates the database (FatalException, every later statement refused; seen after 20 000
    decisions in one run); `with_headroom` then runs the step again under the new bound.

    When the COMMIT itself ran out of memory, DuckDB 1.5 has rolled the rows back but left their
    keys in the indexes of the keys: the same rows are then refused as duplicates, and a checkpoint
    (at the end of the run, or when the base is closed) would write those keys into the file for
    good. So the base is closed without a checkpoint (its log replayed at the next open has no
    such keys) and CommitOutOfMemory stops the run; the next run loads what this one did not.
    When DuckDB's own rollback ran out of memory too (`_fatal_out_of_memory`: the database is
    invalidated), CommitOutOfMemory stops the run the same way."""
    bound = _writer_mb(con)
    con.begin()
    try:
        yield
        con.commit()
    except BaseException as error:
        if _fatal_out_of_memory(error):
            try:
                con.rollback()
            except duckdb.Error:
                pass    # invalidated: DuckDB refuses it too (and has rolled back what it could)
            raise CommitOutOfMemory(
                f"DuckDB ran out of memory while writing and could not roll the write back "
                f"({first_line(error)}): this process can no longer use the base, whose file "
                "holds every write committed before. Run it again: it loads what this one did "
                "not (and give the writer more memory if it happens again: "
                "greffe.db.WRITER_MEMORY_MB)") from error
        if _commit_out_of_memory(error):
            _database_setting(con, "PRAGMA disable_checkpoint_on_shutdown")
            raise CommitOutOfMemory(
                f"DuckDB ran out of memory while committing a write ({first_line(error)}); the "
                "run stops without a checkpoint so that the base stays sound: run it again, it "
                "loads what this one did not (and give the writer more memory if it happens "
                "again: greffe.db.WRITER_MEMORY_MB)") from error
        raised = _raised_bound(bound) if isinstance(error, duckdb.OutOfMemoryException) else None
        if raised is not None:
            _database_setting(con, f"SET memory_limit = '{raised}MB'")
        try:
            con.rollback()
        except duckdb.TransactionException:
            pass        # a COMMIT that failed (disk full) has ended the transaction already
        if raised is not None:
            limit_writer_memory(con, raised)
        raise


def _database_setting(con: duckdb.DuckDBPyConnection, statement: str) -> None:
    """Run a SET or PRAGMA of the whole database while `con`'s transaction is aborted (which
    refuses any statement): on another connection to the same database."""
    other = con.cursor()
    try:
        other.execute(statement)
    finally:
        other.close()


def load_many(con: duckdb.DuckDBPyConnection, items: Sequence[tuple[Decision, TextMap | None]],
              extractor_version: str) -> None:
    """`load` for a batch of decisions in ONE transaction (an ingestion run writes its decisions
    in batches: the cost of a transaction and of a statement is paid once per batch, not once per
    document). The new decisions (an id and a file content the base does not know, each once in
    the batch) go in with one INSERT per table for the whole batch; the others (a second source,
    a re-extraction) take `load`'s own steps. All or nothing: any error rolls the whole batch
    back and is raised again; the caller then loads its documents one by one with `load`, so
    that only the bad one is set aside."""
    if not items:
        return
    now = _utcnow()

    def step() -> None:
        with _transaction(con):
            fresh, others = _split_fresh(con, items)
            _insert_many(con, fresh, extractor_version, now)
            for decision, textmap in others:
                _load(con, decision, textmap, extractor_version, now)
    with_headroom(con, step, [d.text for d, _ in items])


def _split_fresh(con: duckdb.DuckDBPyConnection, items: Sequence[tuple[Decision, TextMap | None]]
                 ) -> tuple[list[tuple[Decision, TextMap | None]], list[tuple[Decision, TextMap | None]]]:
    """(new decisions, the others): new when neither its id nor its file content is in the base
    and both occur once in the batch."""
    ids = Counter(d.id for d, _ in items)
    shas = Counter(d.source.sha256 for d, _ in items)
    known_ids = {i for (i,) in run(con, "known_decisions", ids=json.dumps(list(ids))).fetchall()}
    known_shas = {s for (s,) in run(con, "known_sources", shas=json.dumps(list(shas))).fetchall()}
    fresh, others = [], []
    for d, tm in items:
        new = (ids[d.id] == 1 and shas[d.source.sha256] == 1 and d.id not in known_ids
               and d.source.sha256 not in known_shas)
        (fresh if new else others).append((d, tm))
    return fresh, others


def _insert_many(con: duckdb.DuckDBPyConnection, items: Sequence[tuple[Decision, TextMap | None]],
                 extractor_version: str, now: dt.datetime) -> None:
    """Every row of new decisions (see `_split_fresh`), one statement per table."""
    if not items:
        return
    stamp = now.isoformat(sep=" ")
    decisions, sources, ledger = [], [], []
    children: dict[str, list[dict[str, Any]]] = {}
    for d, tm in items:
        decisions.append({**_decision_row(d, extractor_version, now), "now": stamp})
        for query, rows in _child_rows(d, tm).items():
            children.setdefault(query, []).extend(rows)
        src = d.source
        sources.append({"sha256": src.sha256, "decision_id": d.id, "path": src.path,
                        "format": src.format, "pages": src.pages, "ocr": bool(src.ocr),
                        "extractor_version": extractor_version, "now": stamp})
        ledger.append({"sha256": src.sha256, "path": src.path, "outcome": "loaded", "reason": None,
                       "message": None, "decision_id": d.id})
    _insert(con, "insert_decisions", decisions)
    for query, rows in children.items():
        _insert(con, query, rows)
    _insert(con, "insert_sources", sources)
    run(con, "ledger_record_many", rows=_json(ledger), extractor_version=extractor_version, now=now)


def _load(con: duckdb.DuckDBPyConnection, decision: Decision, textmap: TextMap | None,
          extractor_version: str, now: dt.datetime) -> None:
    src = decision.source
    row = _decision_row(decision, extractor_version, now)
    state = run(con, "decision_state", id=decision.id).fetchone()
    before = None if state is None else dict(zip(("text_sha256", "format", "ocr", *_MERGED), state))
    previous_ids = [r[0] for r in run(con, "other_decisions_of_source",
                                      sha256=src.sha256, id=decision.id).fetchall()]
    other_text = before is not None and before["text_sha256"] != src.sha256
    if other_text and _text_rank(src.format, src.ocr) < _text_rank(before["format"], before["ocr"]):
        run(con, "fill_decision", **{k: row[k] for k in ("id", *_MERGED)})
        if src.format == "xml":
            run(con, "prefer_metadata", **{k: row[k] for k in ("id", *_OPEN_DATA)})
    else:
        if before is not None and (other_text or run(con, "other_sources_count", id=decision.id,
                                                     sha256=src.sha256).fetchone()[0]):
            for k in _MERGED:
                if row[k] is None or (k in _OPEN_DATA and before["format"] == "xml" and before[k] is not None):
                    row[k] = before[k]
        if before is not None:
            run(con, "delete_decision", id=decision.id)
        run(con, "insert_decision", **row)
        _insert_children(con, decision, textmap)
    run(con, "upsert_source", sha256=src.sha256, decision_id=decision.id, path=src.path,
        format=src.format, pages=src.pages, ocr=bool(src.ocr),
        extractor_version=extractor_version, now=now)
    for old in previous_ids:
        if run(con, "source_count", id=old).fetchone()[0] == 0:
            run(con, "delete_decision", id=old)
    run(con, "ledger_record", sha256=src.sha256, path=src.path, extractor_version=extractor_version,
        outcome="loaded", reason=None, message=None, decision_id=decision.id, now=now)


def _text_rank(fmt: str | None, ocr: bool | None) -> int:
    """Which source's text a decision keeps when it has several: a digital PDF (pages, boxes,
    the court's own characters), then the open-data XML, then a PDF read by OCR."""
    if fmt == "pdf":
        return 1 if ocr else 3
    return 2


def _decision_row(d: Decision, extractor_version: str, now: dt.datetime) -> dict[str, Any]:
    return {
        "id": d.id, "court_kind": d.court.kind, "court_city": d.court.city,
        "court_code": d.court.code, "court_name": d.court.name,
        "decision_date": d.decision_date, "decision_type": d.decision_type,
        "formation": d.formation, "procedure": d.procedure,
        "outcomes": list(d.outcomes), "topics": list(d.topics), "warnings": list(d.warnings),
        "text": d.text, "text_sha256": d.source.sha256,
        "extractor_version": extractor_version, "now": now,
    }


def _located(span: Span | None, textmap: TextMap | None) -> dict[str, Any]:
    """span_start, span_end, page and box columns of one value."""
    cols: dict[str, Any] = {"span_start": None, "span_end": None, "page": None,
                            "box_x0": None, "box_top": None, "box_x1": None, "box_bottom": None}
    if span is None:
        return cols
    cols.update(span_start=span.start, span_end=span.end, page=span.page)
    if textmap is not None and len(textmap):
        found = textmap.box(span.start, span.end)
        if found is not None:
            page, (x0, top, x1, bottom) = found
            cols.update(page=page, box_x0=x0, box_top=top, box_x1=x1, box_bottom=bottom)
        elif span.page is None:
            cols["page"] = textmap.page_at(span.start)
    return cols


def _page(span: Span | None, textmap: TextMap | None) -> int | None:
    if span is None:
        return None
    if textmap is not None and len(textmap):
        return textmap.page_at(span.start)
    return span.page


def _deadline_cols(dl: Deadline | None, textmap: TextMap | None) -> dict[str, Any]:
    if dl is None:
        return {k: None for k in ("deadline_text", "deadline_days", "deadline_months",
                                  "deadline_anchor", "deadline_status", "deadline_start",
                                  "deadline_end", "deadline_page")}
    return {"deadline_text": dl.text, "deadline_days": dl.days, "deadline_months": dl.months,
            "deadline_anchor": dl.anchor, "deadline_status": dl.status,
            "deadline_start": dl.span.start if dl.span else None,
            "deadline_end": dl.span.end if dl.span else None,
            "deadline_page": _page(dl.span, textmap)}


def _astreinte_cols(a: Astreinte | None, textmap: TextMap | None) -> dict[str, Any]:
    if a is None:
        return {k: None for k in ("astreinte_amount_eur", "astreinte_period", "astreinte_status",
                                  "astreinte_text", "astreinte_start", "astreinte_end",
                                  "astreinte_page")}
    return {"astreinte_amount_eur": a.amount_eur, "astreinte_period": a.period,
            "astreinte_status": a.status, "astreinte_text": a.text,
            "astreinte_start": a.span.start if a.span else None,
            "astreinte_end": a.span.end if a.span else None,
            "astreinte_page": _page(a.span, textmap)}


def _child_rows(d: Decision, tm: TextMap | None) -> dict[str, list[dict[str, Any]]]:
    """The rows of one decision's child tables, by the sql/insert_*.sql that writes them."""
    key = {"decision_id": d.id}
    rows = {
        "insert_case_number": [{**key, "ordinal": i, "number": n} for i, n in enumerate(d.case_numbers)],
        "insert_judge": [{**key, "ordinal": i, "name": n} for i, n in enumerate(d.judges)],
        "insert_party": [
            {**key, "ordinal": i, "name": p.name, "role": p.role, "kind": p.kind,
             "authority": p.authority, **_located(p.span, tm)} for i, p in enumerate(d.parties)],
        "insert_injunction": [
            {**key, "ordinal": i, "addressee": inj.addressee, "authority": inj.authority,
             "measure": inj.measure, **_located(inj.span, tm), **_deadline_cols(inj.deadline, tm),
             **_astreinte_cols(inj.astreinte, tm)} for i, inj in enumerate(d.injunctions)],
        "insert_astreinte": [
            {**key, "ordinal": i, "amount_eur": a.amount_eur, "period": a.period, "status": a.status,
             "text": a.text, **_located(a.span, tm)} for i, a in enumerate(d.astreintes)],
        "insert_deadline": [
            {**key, "ordinal": i, "text": dl.text, "days": dl.days, "months": dl.months,
             "anchor": dl.anchor, "status": dl.status, **_located(dl.span, tm)}
            for i, dl in enumerate(d.deadlines)],
        "insert_legal_ref": [
            {**key, "ordinal": i, "article": r.article, "code": r.code, **_located(r.span, tm)}
            for i, r in enumerate(d.legal_refs)],
        "insert_cited_decision": [
            {**key, "ordinal": i, "court": c.court, "date": c.date, "number": c.number,
             **_located(c.span, tm)} for i, c in enumerate(d.cited_decisions)],
        "insert_zone": [
            {**key, "ordinal": i, "name": z.name, "start_offset": z.start, "end_offset": z.end}
            for i, z in enumerate(d.zones)],
        "insert_page": [] if tm is None else [
            {**key, "page": page, "start_offset": start, "end_offset": end}
            for page, start, end in page_ranges(tm, len(d.text))],
    }
    return rows


def _insert_children(con: duckdb.DuckDBPyConnection, d: Decision, tm: TextMap | None) -> None:
    for query, rows in _child_rows(d, tm).items():
        _insert(con, query, rows)


def _insert(con: duckdb.DuckDBPyConnection, query: str, rows: list[dict[str, Any]]) -> None:
    """Insert rows through sql/<query>.sql, which reads them from one JSON parameter."""
    if rows:
        run(con, query, rows=_json(rows))


def _json(rows: list[dict[str, Any]]) -> str:
    return json.dumps(rows, ensure_ascii=False, allow_nan=False)


def page_ranges(textmap: TextMap, text_length: int) -> list[tuple[int, int, int]]:
    """(page, start, end) of the characters of the text that came from each page: from the
    first to one past the last character of that page (inserted characters, page 0, between)."""
    first: dict[int, int] = {}
    last: dict[int, int] = {}
    pages = textmap.pages
    for i in range(min(len(pages), text_length)):
        p = pages[i]
        if p:
            if p not in first:
                first[p] = i
            last[p] = i
    return [(p, first[p], last[p] + 1) for p in sorted(first)]


# ---------------------------------------------------------------- full-text index

def sync_index(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Bring the full-text index beside the writable base `con` (X.duckdb.tantivy/) in step with
    its decisions: add the new and changed ones, delete the gone ones, one commit; repairs what
    a killed run left behind (greffe.searchindex). {'added': n, 'deleted': n, 'rebuilt': 0|1}."""
    from .searchindex import sync
    return with_headroom(con, lambda: sync(con))


def end_run(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """What the writer does once a run has loaded its decisions, so that the base file is whole
    for publish: a checkpoint (the rows written since the last one go from memory and the log
    into the file), DuckDB's memory given back (setting its bound again, to
    WRITER_SYNC_MEMORY_MB, drops the blocks it caches and returns what it freed: measured,
    115 MB after 10 000 decisions), the full-text index brought in step (`sync_index`) and a
    last checkpoint; then the writer's bound as it was (or as a step raised it). Returns what
    sync_index did."""
    con.execute("CHECKPOINT")
    bound = _writer_mb(con)
    if bound is not None:                 # each step of the sync makes the keys' room again
        limit_writer_memory(con, min(bound, WRITER_SYNC_MEMORY_MB))
    try:
        synced = sync_index(con)
        con.execute("CHECKPOINT")
    finally:                              # the next writes of this writer (greffe serve) get it back
        if bound is not None:
            limit_writer_memory(con, max(bound, _writer_mb(con)))
    return synced


def reader_index(con: duckdb.DuckDBPyConnection) -> TextIndex | None:
    """The full-text index that belongs to the base or snapshot `con` is open on: a snapshot's
    own (published with it), never the writer's; on the writable base, synced first. A
    snapshot whose index is missing or unreadable gets it rebuilt from its rows (logged)."""
    from .searchindex import for_reading
    return for_reading(con)


def rebuild_fts(con: duckdb.DuckDBPyConnection) -> None:
    """Opt-in, for researchers who want BM25 in SQL: the stemmed copies of every decision
    (search_docs: text, parties' names, injunctions; made here, not at load, where they cost 60 %
    of the writing) and DuckDB's fts index over them, built whole again (minutes at 100 000
    decisions; `greffe search` does not use it: it uses the tantivy index)."""
    run(con, "rebuild_fts", now=_utcnow())


def fts_state(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """{'built': bool, 'built_at': ISO str | None, 'stale': bool} of the opt-in DuckDB fts
    index: stale when decisions were loaded or removed since it was built."""
    built, built_at, stale = run(con, "fts_ready").fetchone()
    return {"built": bool(built), "built_at": _iso(built_at), "stale": bool(built and stale)}


# ---------------------------------------------------------------- search

@dataclasses.dataclass(frozen=True)
class Hit:
    """One decision found by `search`: what a result line shows."""
    id: str
    case_numbers: tuple[str, ...]
    court: dict[str, str | None] = dataclasses.field(hash=False)
    decision_date: str | None
    decision_type: str | None
    outcomes: tuple[str, ...]
    citation: str
    score: float | None          # BM25; None when the search had no words (newest first)
    snippet: str                 # matched words between the marks (default **...**)
    summary: str                 # 'injonction (préfet de l'Isère) : ... · délai 15 jours · astreinte 100 €/jour'

    def as_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self) | {"case_numbers": list(self.case_numbers),
                                           "outcomes": list(self.outcomes)}


# "non dématérialisé", « voie non dématérialisée », “rendez-vous”
_QUOTED = re.compile(r'"([^"]*)"|«([^»]*)»|“([^”]*)”')
# A word as greffe_terms (sql/schema.sql) sees it: Latin letters and digits.
_WORD = re.compile(r"[0-9A-Za-zÀ-ÖØ-öø-ÿ\u0100-\u024f]+")


def parse_query(query: str) -> tuple[str, list[str]]:
    """(every word of the query, the quoted phrases): `"non dématérialisé" préfet` ->
    (`non dématérialisé  préfet`, [`non dématérialisé`])."""
    phrases = [" ".join(next(g for g in m.groups() if g is not None).split())
               for m in _QUOTED.finditer(query)]
    words = _QUOTED.sub(lambda m: " " + next(g for g in m.groups() if g is not None) + " ", query)
    return words, [p for p in phrases if p]


def search(con: duckdb.DuckDBPyConnection, query: str | None, *, limit: int = 10,
           marks: tuple[str, str] = ("**", "**"), **filters: Any) -> list[Hit]:
    """Decisions that contain every word of `query` (stemmed, accents and case aside) and every
    quoted phrase, best BM25 first (the tantivy index: `reader_index`); with no query, the
    newest decisions that pass the filters. The rows of the page come from DuckDB.

    Filters (SEARCH_FILTERS; None: any): court_kind `TA`/`CAA`/`CE`; court_code `TA38`; city
    `Grenoble` (accents and case aside); since/until ISO dates, inclusive; outcome,
    decision_type, procedure from the contract's vocabularies; topic `anef`; authority
    `prefet:isere` (a party or an injunction's addressee); case_number `2506085`;
    has_injunction True/False; astreinte True: a pronounced astreinte (status 'prononcee');
    min_amount / max_amount: the amount of a pronounced astreinte, euros per period as stated,
    inclusive (implies astreinte). A value outside its vocabulary, or an unknown filter, raises
    InvalidFilter."""
    params = _filters(limit=limit, **filters)
    ranked = _ranked(con, query, params)
    rows = {r["id"]: r for r in _dicts(run(con, "search", ids=[i for i, _, _ in ranked]))}
    # case numbers, dispositif and summary come with the hit (IndexDoc.shown, greffe_index_docs)
    found = [rows[i] | {"score": score} | json.loads(shown or "{}") for i, score, shown in ranked if i in rows]
    cuts = snippets(con, [(r["text"], r.get("dispositif_start") or 0) for r in found],
                    query=parse_query(query)[0] if query else None, marks=marks)
    return [_hit(r, _summary_line(r.get("injunction"), r.get("deadline"), r.get("astreinte")), cut)
            for r, cut in zip(found, cuts)]


def search_ids(con: duckdb.DuckDBPyConnection, query: str | None, *, limit: int | None = None,
               **filters: Any) -> list[str]:
    """The ids of the decisions `search` finds, in its order (limit None: every one): best BM25
    first for words, newest first without."""
    return [i for i, _, _ in _ranked(con, query, _filters(limit=limit, **filters))]


def _ranked(con: duckdb.DuckDBPyConnection, query: str | None,
            params: dict[str, Any]) -> list[tuple[str, float | None, str | None]]:
    """(id, score, shown) of the hits: words through the tantivy index; filters alone, a page of them
    through the index too (newest first: 5 ms where DuckDB sorts the base in 40 ms at 100 000),
    every one of them through DuckDB (sql/browse.sql, the filters of greffe_filter)."""
    words = query is not None and query.strip()
    if words or params["limit"] is not None:
        from .searchindex import search_ids as index_search
        f = {("code" if k == "court_code" else k): v for k, v in params.items() if k != "limit"}
        hits = index_search(con, query if words else None, limit=params["limit"], **f)
        return [(h.id, h.score if words else None, h.shown) for h in hits]
    return [(r[0], None, None) for r in run(con, "browse", **params).fetchall()]


def _filters(**f: Any) -> dict[str, Any]:
    """The filters checked and normalised, every one of SEARCH_FILTERS present (None: any), and
    `limit` (None: no limit). InvalidFilter names the valid values."""
    unknown = set(f) - set(SEARCH_FILTERS) - {"limit"}
    if unknown:
        raise InvalidFilter(f"unknown filter(s) {', '.join(sorted(unknown))}; the filters are "
                            f"{', '.join(SEARCH_FILTERS)}")
    limit = f.get("limit")
    if limit is not None and (not isinstance(limit, int) or isinstance(limit, bool) or limit < 1):
        raise InvalidFilter(f"limit: {limit!r} is not a positive whole number")
    out = {k: f.get(k) for k in SEARCH_FILTERS} | {"limit": limit}
    if out["court_kind"] is not None:
        out["court_kind"] = _closed("court_kind", out["court_kind"].upper(), COURT_KINDS)
    if out["court_code"] is not None:
        out["court_code"] = out["court_code"].upper()
    for name, vocabulary in (("outcome", OUTCOMES), ("decision_type", DECISION_TYPES),
                             ("procedure", PROCEDURES)):
        if out[name] is not None:
            out[name] = _closed(name, out[name], vocabulary)
    for name in ("since", "until"):
        out[name] = _date_filter(name, out[name])
    for name in ("has_injunction", "astreinte"):
        if out[name] is not None and not isinstance(out[name], bool):
            raise InvalidFilter(f"{name}: {out[name]!r} is not true or false")
    for name in ("min_amount", "max_amount"):
        out[name] = _amount_filter(name, out[name])
    if out["min_amount"] is not None or out["max_amount"] is not None:
        if out["astreinte"] is False:
            raise InvalidFilter("min_amount / max_amount look for a pronounced astreinte: "
                                "they cannot go with astreinte=False")
        out["astreinte"] = True
    return out


def _amount_filter(name: str, value: Any) -> float | None:
    """An astreinte amount in euros (per period, as the court states it): `100`, `12.5`."""
    if value is None:
        return None
    try:
        amount = float(str(value).replace(",", ".").replace("€", "").strip())
    except ValueError as e:
        raise InvalidFilter(f"{name}: {value!r} is not an amount in euros; write it as a number "
                            "(e.g. 100 or 12.5)") from e
    if amount != amount or amount < 0 or amount == float("inf"):
        raise InvalidFilter(f"{name}: {value!r} is not an amount in euros (0 or more)")
    return amount


def _closed(name: str, value: str, vocabulary: Iterable[str]) -> str:
    vocabulary = tuple(vocabulary)
    if value not in vocabulary:
        raise InvalidFilter(f"{name}: {value!r} is not one of {', '.join(vocabulary)}")
    return value


def _date_filter(name: str, value: str | dt.date | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError as e:
        raise InvalidFilter(f"{name}: {value!r} is not a date; write it YYYY-MM-DD "
                            "(e.g. 2025-07-21)") from e


def _dicts(cursor: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def _hit(r: dict[str, Any], line: str, cut: str) -> Hit:
    court = {"kind": r["court_kind"], "city": r["court_city"], "code": r["court_code"],
             "name": r["court_name"]}
    date = _iso(r["decision_date"])
    numbers = tuple(r.get("case_numbers") or ())
    return Hit(id=r["id"], case_numbers=numbers, court=court, decision_date=date,
               decision_type=r["decision_type"], outcomes=tuple(r["outcomes"]),
               citation=citation(court, r["decision_type"], date, numbers),
               score=r["score"],
               snippet=cut,
               summary=line)


def snippet(con: duckdb.DuckDBPyConnection, text: str, terms: set[str], *, width: int = 240,
            marks: tuple[str, str] = ("**", "**"), start: int = 0) -> str:
    """The stretch of `text` (about `width` characters) with the most distinct search terms, each
    matching word between `marks`; without terms (or none found), the text from `start` (search
    passes the start of the dispositif: what the court decided)."""
    return snippets(con, [(text, start)], terms, width=width, marks=marks)[0]


def snippets(con: duckdb.DuckDBPyConnection, texts: list[tuple[str, int]],
             terms: set[str] | None = None, *, query: str | None = None, width: int = 240,
             marks: tuple[str, str] = ("**", "**")) -> list[str]:
    """`snippet` of each (text, start), for the search `terms` (sql/terms.sql) or the words of
    `query`, every word stemmed by DuckDB in one query for them all."""
    asked = sorted({m.group().lower() for m in _WORD.finditer(query or "")})
    # only the words that could stem to a term go to DuckDB's stemmer: a stem keeps the first
    # letters of its word ('préfectures' -> 'prefectur'), found in the text folded to ASCII
    heads = sorted({t[:3].encode("ascii", "replace") for t in terms} if terms is not None else
                   {_folded_bytes(w[:3]) for w in asked})
    words_of: list[list[tuple[int, int, str]]] = [[] for _ in texts]
    term_of: dict[str, str] = {}
    if heads:
        candidate = re.compile(rb"(?<![0-9a-z])(?:" + b"|".join(map(re.escape, heads)) + rb")[0-9a-z]*")
        words_of = [[(m.start(), m.end(), text[m.start():m.end()].lower())
                     for m in candidate.finditer(_folded_bytes(text))] for text, _ in texts]
        distinct = sorted({w for words in words_of for _, _, w in words} | set(asked))
        term_of = dict(run(con, "snippet_terms", words=" ".join(distinct)).fetchall())
    if terms is None:
        terms = {term_of[w] for w in asked if term_of.get(w)}
    return [_cut(text, [(s, e, term_of[w]) for s, e, w in words if term_of.get(w) in terms],
                 start, width, marks) for (text, start), words in zip(texts, words_of)]


def _cut(text: str, matched: list[tuple[int, int, str]], start: int, width: int,
         marks: tuple[str, str]) -> str:
    if not matched:
        end = min(len(text), start + width)
    else:
        best, best_count = 0, -1
        for i, (s, _, _) in enumerate(matched):
            count = len({t for s2, _, t in matched[i:] if s2 < s + width})
            if count > best_count:
                best, best_count = i, count
        start = max(0, matched[best][0] - width // 4)
        end = min(len(text), start + width)
    start = _word_edge(text, start, -1)
    end = _word_edge(text, end, +1)
    out, pos = [], start
    for s, e, _ in matched:
        if s < start or e > end:
            continue
        out += [text[pos:s], marks[0], text[s:e], marks[1]]
        pos = e
    out.append(text[pos:end])
    body = " ".join("".join(out).split())
    return ("…" if start > 0 else "") + body + ("…" if end < len(text) else "")


def _word_edge(text: str, i: int, direction: int) -> int:
    """Move `i` out of the middle of a word (backwards or forwards)."""
    if direction < 0:
        while 0 < i < len(text) and text[i - 1].isalnum() and text[i].isalnum():
            i -= 1
    else:
        while 0 < i < len(text) and text[i - 1].isalnum() and text[i].isalnum():
            i += 1
    return i


def summary(con: duckdb.DuckDBPyConnection, decision_id: str) -> str:
    """One line on what the court ordered: `injonction (préfet de l'Isère) : délivrer un
    récépissé · délai 15 jours · astreinte 100 €/jour`; '' when it ordered none of it."""
    return summaries(con, [decision_id]).get(decision_id, "")


def summaries(con: duckdb.DuckDBPyConnection, ids: list[str]) -> dict[str, str]:
    """`summary` of each decision of `ids`, in one query (a page of search hits)."""
    if not ids:
        return {}
    return {i: _summary_line(inj, deadline, astreinte)
            for i, inj, deadline, astreinte in run(con, "hit_summary", ids=list(ids)).fetchall()}


def _summary_line(inj: dict[str, Any] | None, deadline: dict[str, Any] | None,
                  astreinte: dict[str, Any] | None) -> str:
    parts = []
    if inj is not None:
        measure = " ".join(inj["measure"].split())
        parts.append(f"injonction ({inj['addressee']}) : "
                     + (measure if len(measure) <= 90 else measure[:89].rstrip() + "…"))
        if inj["days"] is not None or inj["months"] is not None:
            deadline = {"days": inj["days"], "months": inj["months"], "text": None}
        if inj["status"] is not None:
            astreinte = {"amount_eur": inj["amount_eur"], "period": inj["period"],
                         "status": inj["status"]}
    if deadline is not None:
        counted = deadline["days"] is not None or deadline["months"] is not None
        parts.append(("délai " if counted else "") + _duration(deadline))   # `dans les plus brefs délais` as written
    if astreinte is not None:
        parts.append(_astreinte_label(astreinte))
    return " · ".join(parts)


def _duration(d: dict[str, Any]) -> str:
    if d["days"] is not None:
        return f"{d['days']} jour{'s' if d['days'] > 1 else ''}"
    if d["months"] is not None:
        return f"{d['months']} mois"
    text = " ".join((d["text"] or "").split())
    return text if len(text) <= 60 else text[:59] + "…"


def _astreinte_label(a: dict[str, Any]) -> str:
    label = "astreinte"
    if a["amount_eur"] is not None:
        label += " " + euros(a["amount_eur"])
        if a["period"]:
            label += f"/{a['period']}"
    if a["status"] == "liquidee":
        label += " (liquidée)"
    elif a["status"] == "refusee":
        label += " (refusée)"
    return label


def euros(amount: float | Decimal) -> str:
    """`1500` -> `1 500 €`; `12.5` -> `12,50 €`."""
    value = Decimal(str(amount))
    if value == value.to_integral_value():
        return f"{int(value):,} €".replace(",", " ")
    return f"{value:,.2f} €".replace(",", " ").replace(".", ",")


# ---------------------------------------------------------------- show and status

def show(con: duckdb.DuckDBPyConnection, decision_id: str) -> dict[str, Any]:
    """The whole decision rebuilt from the tables: the contract's record (`source` is the source
    its text comes from), each value with its `page` and `box` ([x0, top, x1, bottom] or None),
    then `citation`, the text of the `dispositif` zone (None without one), every source
    (`sources`), the character range of each PDF page (`pages`), `extractor_version` and
    `loaded_at`. DecisionNotFound when there is no such id."""
    rows = _dicts(run(con, "show", id=decision_id))
    if not rows:
        raise DecisionNotFound(f"no decision has the id {decision_id!r}; "
                               "`greffe search` lists the ids")
    r = rows[0]
    sources = [{"path": s["path"], "sha256": s["sha256"], "format": s["format"],
                "pages": s["pages"], "ocr": s["ocr"], "extractor_version": s["extractor_version"],
                "loaded_at": _iso(s["loaded_at"])} for s in r["sources"] or ()]
    text_source = next((s for s in sources if s["sha256"] == r["text_sha256"]), None)
    court = {"kind": r["court_kind"], "city": r["court_city"], "code": r["court_code"],
             "name": r["court_name"]}
    date = _iso(r["decision_date"])
    numbers = list(r["case_numbers"] or ())
    return {
        "id": r["id"],
        "source": None if text_source is None else
        {k: text_source[k] for k in ("path", "sha256", "format", "pages", "ocr")},
        "court": court,
        "case_numbers": numbers,
        "decision_date": date,
        "decision_type": r["decision_type"],
        "formation": r["formation"],
        "procedure": r["procedure"],
        "judges": list(r["judges"] or ()),
        "parties": [_value(p, ("name", "role", "kind", "authority")) for p in r["parties"] or ()],
        "outcomes": list(r["outcomes"]),
        "injunctions": [_injunction(i) for i in r["injunctions"] or ()],
        "astreintes": [_value(a, ("amount_eur", "period", "status", "text"))
                       for a in r["astreintes"] or ()],
        "deadlines": [_value(d, ("text", "days", "months", "anchor", "status"))
                      for d in r["deadlines"] or ()],
        "legal_refs": [_value(x, ("article", "code")) for x in r["legal_refs"] or ()],
        "cited_decisions": [_value(c, ("court", "date", "number")) for c in r["cited_decisions"] or ()],
        "topics": list(r["topics"]),
        "zones": [dict(z) for z in r["zones"] or ()],
        "text": r["text"],
        "warnings": list(r["warnings"]),
        "citation": citation(court, r["decision_type"], date, numbers),
        "dispositif": _zone_text(r["text"], r["zones"], "dispositif"),
        "sources": sources,
        "pages": [dict(p) for p in r["pages"] or ()],
        "extractor_version": r["extractor_version"],
        "loaded_at": _iso(r["loaded_at"]),
    }


def _zone_text(text: str, zones: list[dict[str, Any]] | None, name: str) -> str | None:
    zone = next((z for z in zones or () if z["name"] == name), None)
    return None if zone is None else text[zone["start"]:zone["end"]]


def _value(row: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    out = {k: _plain(row[k]) for k in keys}
    out["span"] = _span(row["span_start"], row["span_end"])
    out["page"] = row["page"]
    box = row["box"]
    out["box"] = None if box is None or any(v is None for v in box) else list(box)
    return out


def _injunction(i: dict[str, Any]) -> dict[str, Any]:
    out = _value(i, ("addressee", "measure", "authority"))
    out["deadline"] = None if i["deadline_status"] is None else {
        "text": i["deadline_text"], "days": i["deadline_days"], "months": i["deadline_months"],
        "anchor": i["deadline_anchor"], "status": i["deadline_status"],
        "span": _span(i["deadline_start"], i["deadline_end"]), "page": i["deadline_page"]}
    out["astreinte"] = None if i["astreinte_status"] is None else {
        "amount_eur": _plain(i["astreinte_amount_eur"]), "period": i["astreinte_period"],
        "status": i["astreinte_status"], "text": i["astreinte_text"],
        "span": _span(i["astreinte_start"], i["astreinte_end"]), "page": i["astreinte_page"]}
    return out


def _span(start: int | None, end: int | None) -> list[int] | None:
    return None if start is None else [start, end]


def _plain(value: Any) -> Any:
    """DECIMAL amounts as float, like the record."""
    return float(value) if isinstance(value, Decimal) else value


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def status(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """The figures of `greffe status`: decisions (distinct), sources (files loaded), quarantined
    (files set aside now), quarantine_reasons {reason: files}, last_run (newest ledger entry, UTC
    ISO), courts {'TA Grenoble': n, ...; '?' for an unrecognised court}, fts (fts_state),
    quarantine [{path, reason, message, seen_at}] (the files set aside, newest first: try them
    again with `greffe ingest --retry-quarantined`) and retriable (the same, for the files the
    next run tries again by itself)."""
    decisions, sources, quarantined, last_run, _ = run(con, "status").fetchone()
    reasons = {reason: n for reason, n in run(con, "status_reasons").fetchall()}
    courts: dict[str, int] = {}
    for kind, city, code, n in run(con, "status_courts").fetchall():
        label = court_label({"kind": kind, "city": city, "code": code}) or "?"
        courts[label] = courts.get(label, 0) + n
    return {"decisions": decisions, "sources": sources, "quarantined": quarantined,
            "quarantine_reasons": reasons, "last_run": _iso(last_run), "courts": courts,
            "fts": fts_state(con),
            "quarantine": _set_aside(run(con, "quarantine_list")),
            "retriable": _set_aside(run(con, "retriable_list"))}


def _set_aside(cursor: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """[{path, reason, message, seen_at (UTC ISO)}] of sql/quarantine_list or retriable_list."""
    return [{**r, "seen_at": _iso(r["seen_at"])} for r in _dicts(cursor)]
