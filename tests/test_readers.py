"""Readers during ingestion: `greffe search` / `status` (and `greffe sql` once it exists), and a
plain DuckDB client on the published snapshot (what the DuckDB CLI does), loop in other processes
while ingestions run and publish; no read fails, and no ingestion waits for or fails because of
a reader. Readers open the newest published snapshot, never the base being written."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from greffe import db, ingest
from greffe.errors import DatabaseNotFound
from greffe.publish import published_dir, snapshots
from greffe.stress import run_ingestion

CORPUS_PDF = Path(__file__).resolve().parent.parent / "corpus" / "pdf"
BIN = Path(sys.executable).parent
BATCHES = [["TA38_2506085_20250721.pdf"], ["TA13_2409914_20241205.pdf", "TA21_2502950_20250915.pdf"],
           ["TA69_2408813_20241003.pdf", "TA44_2411452_20250204.pdf"]]

# A reader process: loops until `stop` exists, each round through greffe.db (as `greffe search`
# and `greffe status` do) and through a plain duckdb client on current.duckdb (as the DuckDB CLI
# does); writes {ok, failures, decisions seen} to `out`.
READER = textwrap.dedent("""
    import json, os, sys, time, traceback
    import duckdb
    from greffe import db
    base, stop, out = sys.argv[1:4]
    ok, failures, counts = 0, [], set()
    current = base + ".published/current.duckdb"
    while not os.path.exists(stop):
        try:
            with db.connect_reader(base) as con:
                db.search(con, "préfet", limit=3)
                counts.add(db.status(con)["decisions"])
            with duckdb.connect(current, read_only=True) as raw:
                raw.execute("SELECT count(*) FROM decisions").fetchone()
            ok += 1
        except Exception as e:
            failures.append(f"{type(e).__name__}: {e}")
        time.sleep(0.05)
    json.dump({"ok": ok, "failures": failures[:20], "counts": sorted(counts)}, open(out, "w"))
""")


def start_reader(base: Path, tmp_path: Path, name: str) -> tuple[subprocess.Popen, Path, Path]:
    stop, out = tmp_path / f"{name}.stop", tmp_path / f"{name}.json"
    proc = subprocess.Popen([sys.executable, "-c", READER, str(base), str(stop), str(out)])
    return proc, stop, out


def stop_reader(proc: subprocess.Popen, stop: Path, out: Path) -> dict:
    stop.touch()
    assert proc.wait(timeout=120) == 0
    return json.loads(out.read_text())


def inbox(tmp_path: Path, batch: list[str], n: int) -> Path:
    folder = tmp_path / f"batch{n}"
    folder.mkdir()
    for name in batch:
        shutil.copyfile(CORPUS_PDF / name, folder / name)
    return folder


def test_a_base_never_published_is_not_opened_by_readers(tmp_path):
    base = tmp_path / "g.duckdb"
    ingest.open_writer(base).close()              # the first ingestion has begun, not published
    with pytest.raises(DatabaseNotFound, match="nothing published yet"):
        db.connect_reader(base)
    with ingest.open_writer(base) as con:         # and the reader left no lock behind
        assert con.execute("SELECT count(*) FROM decisions").fetchone()[0] == 0


@pytest.mark.slow
def test_readers_loop_while_ingestions_run_and_publish(tmp_path):
    base = tmp_path / "g.duckdb"
    run_ingestion([str(inbox(tmp_path, BATCHES[0], 0))], str(base))
    readers = [start_reader(base, tmp_path, f"reader{i}") for i in range(2)]
    try:
        time.sleep(2)
        for n, batch in enumerate(BATCHES[1:], start=1):   # each run opens the base 4 times
            run_ingestion([str(inbox(tmp_path, batch, n))], str(base))
        time.sleep(2)
    finally:
        results = [stop_reader(*r) for r in readers]
    for r in results:
        assert r["failures"] == [] and r["ok"] > 10
        assert r["counts"][0] >= 1 and r["counts"][-1] == 5          # they saw the new snapshots
    with db.connect_reader(base) as con:
        assert db.status(con)["decisions"] == 5
    assert len(snapshots(base)) == 3


def _greffe(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / "greffe"), *args], capture_output=True, text=True, timeout=600)


@pytest.mark.slow
def test_the_command_line_reads_while_greffe_ingest_runs(tmp_path):
    """`greffe ingest` (the real Prefect flow) in one process, `greffe search` / `greffe status`
    (and `greffe sql` when it exists) in a loop in another: every command succeeds."""
    base = tmp_path / "g.duckdb"
    run_ingestion([str(inbox(tmp_path, BATCHES[0], 0))], str(base))
    folder = inbox(tmp_path, BATCHES[1], 1)
    env = dict(os.environ, PREFECT_HOME=str(tmp_path / "prefect"))
    ingestion = subprocess.Popen([str(BIN / "greffe"), "ingest", str(folder), "--db", str(base),
                                  "--format", "json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                 text=True, env=env)
    has_sql = _greffe("sql", "--help").returncode == 0
    commands = [("search", "préfet", "--db", str(base)), ("status", "--db", str(base), "--format", "json")]
    if has_sql:
        commands.append(("sql", "SELECT count(*) FROM decisions", "--db", str(base)))
    failures, rounds = [], 0
    while ingestion.poll() is None and rounds < 200:
        for cmd in commands:
            proc = _greffe(*cmd)
            if proc.returncode:
                failures.append((cmd[0], proc.stderr[-500:]))
        rounds += 1
    out, err = ingestion.communicate(timeout=600)
    assert ingestion.returncode == 0, err[-2000:]
    assert json.loads(out)["loaded"] == 2
    assert failures == [] and rounds >= 1
    status = json.loads(_greffe("status", "--db", str(base), "--format", "json").stdout)
    assert status["decisions"] == 3 and status["quarantine"] == []
    assert (published_dir(base) / "current.duckdb").resolve() == snapshots(base)[-1]
