"""`greffe export`: the decisions a search selects, as a file for researchers.

    export(con, "ta-2025.parquet", fmt="parquet", query="rendez-vous", court_kind="TA",
           since="2025-01-01")                          -> 12 (rows written)

- parquet and csv: one row per decision, the columns of the view `decisions_v` (sql/views.sql),
  written by DuckDB itself (COPY ... TO, through the relation API: the file name is never
  spliced into SQL, and no pyarrow is needed). In csv a list (outcomes, topics, ...) is one cell,
  its items joined by '; '.
- jsonl: one decision record per line, in the shape of the shared contract
  (../shared/contract/decision.schema.json), each value with its span and page.

The selection is `greffe search`'s (greffe.db.search_ids, no limit): the words of `query`, best
first, and every filter; without words, the newest first. The file is written under a temporary
name beside `out` and renamed into place when complete, so a failed export leaves nothing
half-written; an existing `out` is refused unless `force`.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import duckdb

from . import db
from .errors import GreffeError

FORMATS = ("parquet", "csv", "jsonl")
# The keys of a record in the shared contract (decision.schema.json, `properties`).
CONTRACT_KEYS = ("id", "source", "court", "case_numbers", "decision_date", "decision_type",
                 "formation", "procedure", "judges", "parties", "outcomes", "injunctions",
                 "astreintes", "deadlines", "legal_refs", "cited_decisions", "topics", "zones",
                 "text", "warnings")
# a snapshot published before sql/views.sql existed
VIEWS_MISSING = ("this base has no view decisions_v (made by a greffe older than the views); "
                 "run `greffe ingest` once to add it")


class ExportError(GreffeError):
    """The export cannot be written (the file exists, unknown format, the folder is missing)."""


def export(con: duckdb.DuckDBPyConnection, out: str | os.PathLike, *, fmt: str,
           query: str | None = None, force: bool = False, **filters: Any) -> int:
    """Write the decisions selected by `query` and `filters` (those of greffe.db.search) to
    `out` in format `fmt` (FORMATS); returns the number of decisions written."""
    if fmt not in FORMATS:
        raise ExportError(f"format {fmt!r}: use one of {', '.join(FORMATS)}")
    out = Path(out)
    if out.exists() and not force:
        raise ExportError(f"{out} exists already; choose another --out or add --force to replace it")
    if not out.parent.is_dir():
        raise ExportError(f"{out.parent}: no such folder for --out")
    ids = db.search_ids(con, query, limit=None, **filters)
    tmp = out.with_name(f".{out.name}.tmp")
    try:
        if fmt == "jsonl":
            _write_jsonl(con, ids, tmp)
        else:
            _write_table(con, ids, tmp, fmt)
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    return len(ids)


def _write_table(con: duckdb.DuckDBPyConnection, ids: list[str], path: Path, fmt: str) -> None:
    columns = con.execute("SELECT column_name, data_type FROM duckdb_columns() "
                          "WHERE table_name = 'decisions_v' ORDER BY column_index").fetchall()
    if not columns:
        raise ExportError(VIEWS_MISSING)
    select = []
    for name, data_type in columns:
        quoted = '"' + name.replace('"', '""') + '"'
        if fmt == "csv" and data_type.endswith("[]"):
            select.append(f"array_to_string(v.{quoted}, '; ') AS {quoted}")
        else:
            select.append(f"v.{quoted}")
    relation = con.sql(
        f"SELECT {', '.join(select)} FROM decisions_v v "
        "JOIN (SELECT unnest($ids) AS id, generate_subscripts($ids, 1) AS rank) s ON s.id = v.id "
        "ORDER BY s.rank", params={"ids": ids})
    if fmt == "parquet":
        relation.write_parquet(str(path))
    else:
        relation.write_csv(str(path), header=True)


def record(con: duckdb.DuckDBPyConnection, decision_id: str) -> dict[str, Any]:
    """One decision as the contract's record (greffe.db.show without what it adds for reading:
    citation, dispositif, sources, pages, boxes)."""
    full = db.show(con, decision_id)
    rec = {k: full[k] for k in CONTRACT_KEYS}
    return _without_boxes(rec)


def _without_boxes(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_boxes(v) for k, v in value.items() if k != "box"}
    if isinstance(value, list):
        return [_without_boxes(v) for v in value]
    return value


def _write_jsonl(con: duckdb.DuckDBPyConnection, ids: list[str], path: Path) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for decision_id in ids:
            fh.write(json.dumps(record(con, decision_id), ensure_ascii=False, default=str))
            fh.write("\n")
