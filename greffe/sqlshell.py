"""`greffe sql`: one read-only SQL statement on the published base, for researchers.

The connection is opened on the newest published snapshot (never the base being written), read
only, then locked down before the user's statement runs:

- no file, network or extension access (`enable_external_access = false`): `read_csv('/etc/...')`,
  `COPY ... TO`, `ATTACH`, `INSTALL`, `LOAD` are refused;
- the configuration is locked (`lock_configuration = true`): `SET`, `PRAGMA memory_limit` ... fail;
- a memory limit, and a time limit enforced by interrupting the query;
- exactly one statement.

The statement is given on the command line or read from a file (`greffe sql --file
sql/research/astreinte_amounts_by_court.sql`): the ready-made research queries of sql/research/
run on the views of sql/views.sql (decisions_v, injunctions_v, astreintes_v, parties_v).
"""
from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

import duckdb

from .errors import GreffeError, first_line
from .publish import newest

DEFAULT_MEMORY = "2GB"
DEFAULT_SECONDS = 60.0


class QueryRefused(GreffeError):
    """The statement is not one read-only query, or it broke a limit."""


@dataclass(frozen=True)
class Result:
    columns: list[str]
    rows: list[tuple]


def statement_text(statement: str | None, file: str | Path | None) -> str:
    """The SQL to run: `statement`, or the text of `file` (exactly one of the two)."""
    if (statement is None) == (file is None):
        raise QueryRefused("give either one SQL statement or --file FILE.sql, not both and not neither")
    if file is None:
        return statement
    try:
        return Path(file).read_text(encoding="utf-8")
    except FileNotFoundError as e:
        raise QueryRefused(f"{file}: no such SQL file (the ready-made queries are in sql/research/)") from e
    except (OSError, UnicodeDecodeError) as e:
        raise QueryRefused(f"{file}: cannot be read as UTF-8 text ({e})") from e


def connect_locked(db_path: str | Path, *, memory_limit: str = DEFAULT_MEMORY, threads: int = 2):
    """A read-only, locked-down connection on the newest published snapshot of `db_path`."""
    con = duckdb.connect(str(newest(db_path)), read_only=True, config={
        "autoinstall_known_extensions": False,
        "autoload_known_extensions": False,
        "allow_community_extensions": False,
        "allow_unsigned_extensions": False,
        "enable_external_access": False,
        "memory_limit": memory_limit,
        "threads": threads,
    })
    con.execute("SET lock_configuration = true")
    return con


def run_one(db_path: str | Path, statement: str, *, seconds: float = DEFAULT_SECONDS,
            memory_limit: str = DEFAULT_MEMORY, max_rows: int | None = None) -> Result:
    """Run exactly one statement; refuse anything else, and stop it after `seconds`."""
    try:
        statements = duckdb.extract_statements(statement)
    except duckdb.Error as e:
        raise QueryRefused(f"the SQL does not parse: {first_line(e)}") from e
    if len(statements) != 1:
        raise QueryRefused(f"greffe sql runs exactly one statement; this text holds {len(statements)}")
    con = connect_locked(db_path, memory_limit=memory_limit)
    timer = threading.Timer(seconds, con.interrupt)
    timer.start()
    try:
        cur = con.execute(statement)
        columns = [d[0] for d in cur.description] if cur.description else []
        rows = cur.fetchmany(max_rows) if max_rows else cur.fetchall()
    except duckdb.InterruptException as e:
        raise QueryRefused(f"the query ran longer than {seconds:g} s and was stopped; "
                           "add filters or a LIMIT, or raise --timeout") from e
    except duckdb.OutOfMemoryException as e:
        raise QueryRefused(f"the query needed more than {memory_limit} of memory; "
                           "add filters or aggregate, or raise --memory") from e
    except duckdb.Error as e:
        raise QueryRefused(f"{first_line(e)} (greffe sql is read-only: no writes, files, "
                           "extensions or settings)") from e
    finally:
        timer.cancel()
        con.close()
    return Result(columns, rows)
