"""Killed runs: kill -9 of an ingestion leaves no partial document, and the next run completes
the rest with no duplicate. One test kills a run inside a document's transaction (a worker that
stops there on purpose); the other is a short version of `python -m greffe.stress --kills 20`
(the full one is run by hand, see the README)."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from greffe import ingest
from greffe.db import CHILD_TABLES
from greffe.stress import run_ingestion, stress
from test_hostile_inputs import order_text, xml_decision

CORPUS_PDF = Path(__file__).resolve().parent.parent / "corpus" / "pdf"

# An ingestion that writes every row of its second decision, says so, then waits to be killed
# before the commit. The first decision is committed alone (the first batch of a run is one
# decision); the second is written alone or in a batch with the third (greffe.ingest.store).
STOPS_INSIDE = textwrap.dedent("""
    import sys, time
    from greffe import db
    from greffe.stress import run_ingestion
    real, real_many = db._insert_children, db._insert_many
    def stop_at(ids):
        if any(i.endswith("_20250602") for i in ids):
            print("inside", flush=True)
            time.sleep(600)
    def slow(con, d, tm):
        real(con, d, tm)
        stop_at([d.id])
    def slow_many(con, items, *rest):
        real_many(con, items, *rest)
        stop_at([d.id for d, _ in items])
    db._insert_children, db._insert_many = slow, slow_many
    run_ingestion([sys.argv[2]], sys.argv[1])
""")


def count(con, sql: str) -> int:
    return con.execute(sql).fetchone()[0]


@pytest.mark.slow
def test_a_kill_inside_a_transaction_leaves_nothing_of_that_document(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for numero, date, day in (("2599301", "2025-06-01", "1er juin 2025"), ("2599302", "2025-06-02", "2 juin 2025"),
                              ("2599303", "2025-06-03", "3 juin 2025")):
        (folder / f"{numero}.xml").write_text(xml_decision(numero, date, order_text(numero, day)))
    base = tmp_path / "g.duckdb"
    proc = subprocess.Popen([sys.executable, "-c", STOPS_INSIDE, str(base), str(folder)],
                            stdout=subprocess.PIPE, text=True, start_new_session=True)
    try:
        assert proc.stdout.readline().strip() == "inside"
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    with ingest.open_writer(base) as con:
        assert count(con, "SELECT count(*) FROM decisions") == 1          # the first one, whole
        assert count(con, "SELECT count(*) FROM ledger") == 1
        for table in CHILD_TABLES:
            assert count(con, f"SELECT count(*) FROM {table} WHERE decision_id = 'TA69_2599302_20250602'") == 0
    run_ingestion([str(folder)], str(base))                               # the next run does the rest
    with ingest.open_writer(base) as con:
        assert count(con, "SELECT count(*) FROM decisions") == 3
        assert count(con, "SELECT count(*) FROM sources") == 3
        assert con.execute("SELECT list(outcome ORDER BY path) FROM ledger").fetchone()[0] == ["loaded"] * 3
        assert count(con, "SELECT count(*) FROM case_numbers") == 3               # no duplicate row


@pytest.mark.slow
def test_the_stress_script_kills_a_real_ingestion_three_times(tmp_path):
    sources = [CORPUS_PDF / name for name in       # with hostile neighbours: 7 files, 3 decisions
               ("TA38_2506085_20250721.pdf", "TA06_2404873_20250325.pdf", "TA59_2410058_20241211.pdf")]
    lines: list[str] = []
    failures = stress(3, sources, tmp_path, seed=20251126, log=lines.append)
    assert failures == [], "\n".join(lines + failures)
    assert sum(line.startswith("kill ") for line in lines) == 3
    assert any("same as the reference" in line for line in lines)
