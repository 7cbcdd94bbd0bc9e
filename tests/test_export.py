"""`greffe export`: the decisions a search selects, written as Parquet, CSV (one row per
decision, the columns of decisions_v) or JSON lines (one contract record per line), read back
and checked against the base."""
from __future__ import annotations

import json
import subprocess
import sys

import duckdb
import pytest

from corpus_base import base, gold, ro  # noqa: F401  (fixtures)
from greffe import db
from greffe.errors import InvalidFilter
from greffe.export import ExportError, export

pytestmark = pytest.mark.slow


def view_rows(con, ids=None) -> dict[str, dict]:
    cur = con.execute("SELECT * FROM decisions_v")
    names = [d[0] for d in cur.description]
    return {r[0]: dict(zip(names, r)) for r in cur.fetchall() if ids is None or r[0] in ids}


def test_parquet_holds_every_decision_with_the_columns_of_the_view(ro, tmp_path, corpus_dir):
    out = tmp_path / "all.parquet"
    assert export(ro, out, fmt="parquet") == len(gold(corpus_dir))
    back = duckdb.connect()
    cur = back.execute("SELECT * FROM read_parquet($p)", {"p": str(out)})
    names = [d[0] for d in cur.description]
    got = {r[0]: dict(zip(names, r)) for r in cur.fetchall()}
    assert names == [c[0] for c in ro.execute("SELECT * FROM decisions_v LIMIT 0").description]
    assert got == view_rows(ro)                       # every value, lists and amounts included
    grenoble = got["TA38_2506085_20250721"]
    assert (grenoble["citation"], float(grenoble["astreinte_max_eur"]), grenoble["deadline_months"]) == \
        ("TA Grenoble, ord., 21 juill. 2025, n° 2506085", 500.0, 2)
    dates = [r["decision_date"] for r in got.values()]
    assert dates == sorted(dates, reverse=True)       # without words: the newest first


@pytest.mark.parametrize("query, filters", [
    ("rendez-vous préfecture", {"court_kind": "TA", "since": "2025-01-01"}),
    (None, {"topic": "anef", "has_injunction": True}),
    ('"attestation de prolongation"', {}),
    (None, {"astreinte": True, "min_amount": 150}),
])
def test_csv_holds_what_search_selects_in_its_order(ro, tmp_path, query, filters):
    out = tmp_path / "sel.csv"
    n = export(ro, out, fmt="csv", query=query, **filters)
    want = db.search_ids(ro, query, limit=None, **filters)
    assert n == len(want) > 0
    back = duckdb.connect()
    cur = back.execute("SELECT * FROM read_csv($p, header = true, all_varchar = true)", {"p": str(out)})
    names = [d[0] for d in cur.description]
    got = [dict(zip(names, r)) for r in cur.fetchall()]
    assert [r["id"] for r in got] == want
    base = view_rows(ro, set(want))
    for r in got:
        b = base[r["id"]]
        assert r["citation"] == b["citation"] and r["court_code"] == b["court_code"]
        assert r["outcomes"] == "; ".join(b["outcomes"])          # a list is one cell
        assert r["astreinte_max_eur"] == (None if b["astreinte_max_eur"] is None else str(b["astreinte_max_eur"]))


def test_the_astreinte_filter_selects_what_the_gold_says(ro, tmp_path, corpus_dir):
    """Orders that pronounced an astreinte of 150 euros or more: read in corpus/gold."""
    out = tmp_path / "big.csv"
    export(ro, out, fmt="csv", astreinte=True, min_amount=150)
    got = {r[0] for r in duckdb.execute("SELECT id FROM read_csv($p)", {"p": str(out)}).fetchall()}
    want = {stem for stem, f in gold(corpus_dir).items()
            if any(a["status"] == "prononcee" and (a["amount_eur"] or 0) >= 150 for a in f["astreintes"])}
    assert got == want == {"TA38_2506085_20250721", "TA13_2409914_20241205", "TA06_2404873_20250325",
                           "TA77_2500936_20250206"}


def test_jsonl_records_follow_the_contract(ro, tmp_path, shared_dir):
    import jsonschema
    schema = json.loads((shared_dir / "contract" / "decision.schema.json").read_text(encoding="utf-8"))
    out = tmp_path / "anef.jsonl"
    n = export(ro, out, fmt="jsonl", query="ANEF")
    lines = out.read_text(encoding="utf-8").splitlines()
    assert n == len(lines) > 3
    validator = jsonschema.Draft202012Validator(schema)
    for line in lines:
        rec = json.loads(line)
        errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(rec)]
        assert errors == [], rec["id"]
        full = db.show(ro, rec["id"])
        assert rec["text"] == full["text"] and rec["court"] == full["court"]
        assert [(i["measure"], i["deadline"]) for i in rec["injunctions"]] == \
            [(i["measure"], i["deadline"]) for i in full["injunctions"]]
    assert [json.loads(x)["id"] for x in lines] == db.search_ids(ro, "ANEF", limit=None)


def test_an_existing_file_is_kept_unless_forced(ro, tmp_path):
    out = tmp_path / "x.csv"
    out.write_text("mine\n", encoding="utf-8")
    with pytest.raises(ExportError, match="--force"):
        export(ro, out, fmt="csv")
    assert out.read_text(encoding="utf-8") == "mine\n"
    export(ro, out, fmt="csv", force=True)
    assert out.read_text(encoding="utf-8").startswith("id,citation,")


def test_a_failed_export_leaves_nothing(ro, tmp_path):
    out = tmp_path / "bad.parquet"
    with pytest.raises(InvalidFilter, match="refere-liberte"):
        export(ro, out, fmt="parquet", procedure="refere-express")
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(ExportError, match="no such folder"):
        export(ro, tmp_path / "nope" / "x.csv", fmt="csv")
    with pytest.raises(ExportError, match="parquet, csv, jsonl"):
        export(ro, tmp_path / "x.xlsx", fmt="xlsx")


def test_the_command(base, tmp_path):
    out = tmp_path / "ta.parquet"
    args = [sys.executable, "-m", "greffe.cli", "export", "--db", str(base), "--format", "parquet",
            "--query", "rendez-vous", "--court-kind", "TA", "--out", str(out)]
    ok = subprocess.run(args, capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    n = int(ok.stderr.split()[0])
    assert duckdb.execute("SELECT count(*), count(DISTINCT court_kind) FROM read_parquet($p)",
                          {"p": str(out)}).fetchone() == (n, 1)
    again = subprocess.run(args, capture_output=True, text=True)
    assert again.returncode == 1 and "--force" in again.stderr
