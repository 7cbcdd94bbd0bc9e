"""`greffe ingest --workers N` and `--dask ADDRESS`: parsing and extraction on a Dask cluster
(prefect-dask), the base written by the flow's single writer. The base must be the same as after
a run on one process: every decision record, every ledger row, the refused files included."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from greffe import db

ROOT = Path(__file__).resolve().parent.parent

# What differs between two runs over the same files: when things happened.
_CLOCK_KEYS = {"loaded_at", "seen_at", "first_seen", "last_seen", "updated_at"}


def greffe(*args: str) -> dict:
    proc = subprocess.run([sys.executable, "-m", "greffe.cli", *args, "--format", "json"],
                          capture_output=True, text=True, cwd=ROOT, env=dict(os.environ))
    assert proc.returncode == 0, f"greffe {' '.join(args)} exited {proc.returncode}:\n{proc.stderr[-3000:]}"
    return json.loads(proc.stdout)


def without_clock(value):
    if isinstance(value, dict):
        return {k: without_clock(v) for k, v in value.items() if k not in _CLOCK_KEYS}
    if isinstance(value, list):
        return [without_clock(v) for v in value]
    return value


def base_contents(path: Path) -> tuple[dict, list]:
    """Every decision as `db.show` gives it, and every ledger row, without their timestamps."""
    con = db.connect_reader(path)
    try:
        ids = [r[0] for r in con.execute("SELECT id FROM decisions ORDER BY id").fetchall()]
        records = {i: without_clock(db.show(con, i)) for i in ids}
        ledger = con.execute("SELECT path, sha256, extractor_version, outcome, reason, message, "
                             "decision_id FROM ledger ORDER BY path, outcome").fetchall()
    finally:
        con.close()
    return records, ledger


@pytest.fixture(scope="module")
def inbox(tmp_path_factory, corpus_dir) -> Path:
    """Eight orders of the project's corpus, a second copy of one of them, and three files that
    must be refused: an error page saved as .pdf, an empty file, a PDF cut in half."""
    box = tmp_path_factory.mktemp("dask") / "inbox"
    box.mkdir()
    pdfs = sorted((corpus_dir / "pdf").glob("*.pdf"))[::4]
    assert len(pdfs) >= 6, "corpus/pdf should hold the project's tribunal orders"
    for p in pdfs:
        shutil.copy(p, box / p.name)
    shutil.copy(pdfs[0], box / "copie-du-premier.pdf")
    (box / "erreur-404.pdf").write_text("<html><body>Erreur 404 : page introuvable</body></html>")
    (box / "vide.pdf").write_bytes(b"")
    whole = pdfs[1].read_bytes()
    (box / "coupe.pdf").write_bytes(whole[: len(whole) // 2])
    return box


@pytest.fixture(scope="module")
def single(inbox, tmp_path_factory):
    """The reference: the same files ingested in one process (no Dask)."""
    base = tmp_path_factory.mktemp("single") / "greffe.duckdb"
    summary = greffe("ingest", str(inbox), "--db", str(base))
    return summary, base_contents(base)


def _same_run(summary: dict, contents, single) -> None:
    ref_summary, (ref_records, ref_ledger) = single
    records, ledger = contents
    for key in ("seen", "loaded", "skipped", "quarantined", "quarantine", "quarantine_reasons",
                "retriable"):
        assert summary[key] == ref_summary[key], key
    assert sorted(records) == sorted(ref_records)
    for decision_id, record in records.items():
        assert record == ref_records[decision_id], f"{decision_id} differs from the one-process run"
    assert ledger == ref_ledger


@pytest.mark.slow
def test_the_reference_run_loads_the_orders_and_refuses_the_bad_files(single, inbox):
    summary, (records, ledger) = single
    assert summary["loaded"] == len(records) >= 6
    assert summary["skipped"] == 1                       # the second copy: read once
    assert summary["quarantine_reasons"] == {"not-a-pdf": 1, "empty": 1, "truncated": 1}
    outcomes = {Path(path).name: (outcome, reason) for path, _, _, outcome, reason, _, _ in ledger}
    assert outcomes["copie-du-premier.pdf"] == ("skipped", "duplicate")
    assert outcomes["erreur-404.pdf"] == ("quarantined", "not-a-pdf")


@pytest.mark.slow
def test_workers_2_gives_the_same_base_as_one_process(single, inbox, tmp_path):
    base = tmp_path / "greffe.duckdb"
    summary = greffe("ingest", str(inbox), "--db", str(base), "--workers", "2")
    _same_run(summary, base_contents(base), single)



@pytest.mark.slow
def test_jobs_2_gives_the_same_base_as_one_process(single, inbox, tmp_path):
    """The flow's --jobs workers (pipeline.worker_pool, started before the plan, stopped
    before the report) give what one process gives, bad files included."""
    base = tmp_path / "greffe.duckdb"
    summary = greffe("ingest", str(inbox), "--db", str(base), "--jobs", "2")
    _same_run(summary, base_contents(base), single)

@pytest.mark.slow
def test_a_running_cluster_given_by_its_address_gives_the_same_base(single, inbox, tmp_path):
    from distributed import LocalCluster
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster:
        base = tmp_path / "greffe.duckdb"
        summary = greffe("ingest", str(inbox), "--db", str(base), "--dask", cluster.scheduler_address)
    _same_run(summary, base_contents(base), single)


@pytest.mark.slow
def test_an_unreachable_scheduler_is_one_line_saying_what_to_check(inbox, tmp_path):
    proc = subprocess.run([sys.executable, "-m", "greffe.cli", "ingest", str(inbox), "--db",
                           str(tmp_path / "greffe.duckdb"), "--dask", "tcp://127.0.0.1:9"],
                          capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "3s"})
    assert proc.returncode == 1
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in proc.stderr


@pytest.mark.slow
def test_jobs_and_workers_together_are_refused(inbox, tmp_path):
    proc = subprocess.run([sys.executable, "-m", "greffe.cli", "ingest", str(inbox), "--db",
                           str(tmp_path / "greffe.duckdb"), "--workers", "2", "--jobs", "2"],
                          capture_output=True, text=True, cwd=ROOT, env=dict(os.environ))
    assert proc.returncode == 1
    assert "drop --jobs" in proc.stderr


class _FakeFuture:
    """What `extract_task.submit` returns, for `submitted` without a cluster."""

    def __init__(self, batch, log):
        self.batch, self.log = batch, log
        self.wrapped_future = self

    def result(self):
        self.log.append(("result", [item for item, _ in self.batch]))
        return [f"outcome of {item}" for item, _ in self.batch]

    def cancel(self):
        self.log.append(("cancel", [item for item, _ in self.batch]))


class _FakeTask:
    def __init__(self):
        self.log = []

    def submit(self, batch):
        self.log.append(("submit", [item for item, _ in batch]))
        return _FakeFuture(batch, self.log)


def _in_flight_at_most(log) -> int:
    out, most = 0, 0
    for what, _ in log:
        out += {"submit": 1, "result": -1, "cancel": -1}[what]
        most = max(most, out)
    return most


def test_outcomes_come_back_in_order_with_a_bounded_number_of_batches_out(monkeypatch):
    from greffe import distributed
    monkeypatch.setattr(distributed, "current_runner", lambda: object())
    task = _FakeTask()
    todo = [(f"doc{i}.pdf", None) for i in range(10)]
    got = list(distributed.submitted(task, todo, batch=3, in_flight=2))
    assert got == [f"outcome of doc{i}.pdf" for i in range(10)]
    assert [b for what, b in task.log if what == "submit"] == [
        ["doc0.pdf", "doc1.pdf", "doc2.pdf"], ["doc3.pdf", "doc4.pdf", "doc5.pdf"],
        ["doc6.pdf", "doc7.pdf", "doc8.pdf"], ["doc9.pdf"]]
    assert _in_flight_at_most(task.log) == 2


def test_a_writer_that_stops_early_cancels_the_batches_still_out(monkeypatch):
    from greffe import distributed
    monkeypatch.setattr(distributed, "current_runner", lambda: object())
    task = _FakeTask()
    outcomes = distributed.submitted(task, [(f"doc{i}.pdf", None) for i in range(8)], batch=2,
                                     in_flight=3)
    assert next(outcomes) == "outcome of doc0.pdf"
    outcomes.close()                       # store() raised WriteFailed, say
    assert [b for what, b in task.log if what == "cancel"] == [["doc2.pdf", "doc3.pdf"],
                                                                ["doc4.pdf", "doc5.pdf"]]


def test_without_a_dask_flow_there_is_no_runner_and_submitted_refuses():
    from greffe import distributed
    assert distributed.current_runner() is None
    with pytest.raises(RuntimeError, match="task_runner"):
        next(distributed.submitted(_FakeTask(), [("doc.pdf", None)]))
