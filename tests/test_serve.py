"""`greffe serve` for real: a Prefect server on 127.0.0.1, the deployment served by a child
process on a short interval, files dropped while it runs. Checked: every file is ingested
once, no two runs overlap (Prefect's concurrency limit cancels the newcomer), alerts reach a
local webhook once each, and a process killed and restarted does not start the runs it missed.
Slow (a real server: about 30-60 s to start on a busy machine)."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from greffe import alerts, db
from test_alerts import Receiver
from test_feed import opendata_xml, write_archive

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


T0 = time.monotonic()


def wait_for(what: str, check, timeout: float, every: float = 1.0):
    """Poll `check()` until it returns something true; fail after `timeout` seconds."""
    end = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            print(f"{time.monotonic() - T0:6.1f} s  {what}")
            return value
        if time.monotonic() > end:
            pytest.fail(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(every)


def stop(proc: subprocess.Popen, sig=signal.SIGTERM, timeout: float = 30) -> None:
    """Signal the process group we started (start_new_session) and wait for it."""
    if proc.poll() is None:
        os.killpg(proc.pid, sig)
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(10)


@pytest.fixture(scope="module")
def prefect_env(tmp_path_factory):
    """A real Prefect server of the test's own (PREFECT_HOME in a temp folder)."""
    home = tmp_path_factory.mktemp("prefect-home")
    port = free_port()
    env = {**os.environ, "PREFECT_HOME": str(home), "PREFECT_API_URL": f"http://127.0.0.1:{port}/api",
           "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "DO_NOT_TRACK": "1",
           "PREFECT_RUNNER_POLL_FREQUENCY": "2", "PREFECT_LOGGING_LEVEL": "WARNING",
           "PYTHONPATH": str(ROOT)}
    log = open(home / "server.log", "w")
    server = subprocess.Popen([str(Path(sys.executable).parent / "prefect"), "server", "start",
                               "--host", "127.0.0.1", "--port", str(port)],
                              env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)

    def healthy():
        if server.poll() is not None:
            pytest.fail(f"prefect server exited: {(home / 'server.log').read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/health", timeout=2) as r:
                return r.status == 200
        except OSError:
            return False
    try:
        wait_for("the Prefect server", healthy, timeout=180)
        yield env
    finally:
        stop(server)
        log.close()


def serve_process(env, tmp: Path, watch: Path, opendata: Path, base: Path, webhook: str,
                  name: str) -> subprocess.Popen:
    out = open(tmp / f"{name}.log", "w")
    return subprocess.Popen([sys.executable, "-m", "greffe.serve", "serve", "--watch", str(watch),
                             "--opendata", str(opendata), "--interval", "4", "--db", str(base),
                             "--webhook", webhook],
                            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
                            start_new_session=True)


def snapshot(base: Path, sql: str):
    """What readers see (the newest published snapshot); None before the first one."""
    try:
        with db.connect_reader(base) as con:
            return con.execute(sql).fetchall()
    except Exception:                    # noqa: BLE001 - not published yet, or being swapped
        return None


def flow_runs(env) -> list:
    code = ("import anyio, json\n"
            "from prefect.client.orchestration import get_client\n"
            "from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterState, FlowRunFilterStateType\n"
            "from prefect.client.schemas.objects import StateType\n"
            "from prefect.client.schemas.sorting import FlowRunSort\n"
            "async def main():\n"
            "    async with get_client() as c:\n"
            "        runs = await c.read_flow_runs(limit=200, sort=FlowRunSort.EXPECTED_START_TIME_DESC,\n"
            "                                      flow_run_filter=FlowRunFilter(state=FlowRunFilterState(\n"
            "                                          type=FlowRunFilterStateType(not_any_=[StateType.SCHEDULED]))))\n"
            "        print(json.dumps([{'state': r.state_type.value, 'message': r.state.message if r.state else None,\n"
            "                           'start': r.start_time.isoformat() if r.start_time else None,\n"
            "                           'end': r.end_time.isoformat() if r.end_time else None,\n"
            "                           'expected': r.expected_start_time.isoformat()} for r in runs]))\n"
            "anyio.run(main)\n")
    import json
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                         timeout=60, check=True).stdout
    return json.loads(out)


def test_serve_ingests_dropped_files_once_one_run_at_a_time(prefect_env, tmp_path):
    watch, opendata, base = tmp_path / "watch", tmp_path / "opendata", tmp_path / "base.duckdb"
    watch.mkdir()
    opendata.mkdir()
    with db.connect(base) as con:
        alerts.add_alert(con, "isere", '"non dématérialisé" rendez-vous', {"court_code": "TA38"})
    ids = ["TA38_2502403_20250314", "TA69_2501111_20250312", "TA38_2507777_20250402"]
    with Receiver(fail_first=True) as rx:
        first = serve_process(prefect_env, tmp_path, watch, opendata, base, rx.url, "serve-1")
        try:
            # a file dropped while the process serves
            (watch / "ORTA_2502403_20250314.xml").write_bytes(
                opendata_xml("TA38", "2502403", "2025-03-14", "2025-03-20"))
            wait_for("the first file in the published base",
                     lambda: snapshot(base, "SELECT id FROM decisions") == [(ids[0],)], timeout=150)
            # then a month of open data, and the first file again under another name
            write_archive(opendata / "TA_202504.zip", {
                "TA69/ORTA_2501111_20250312.xml": opendata_xml("TA69", "2501111", "2025-03-12", "2025-04-01"),
                "TA38/ORTA_2507777_20250402.xml": opendata_xml("TA38", "2507777", "2025-04-02", "2025-04-05"),
            })
            (watch / "copy-of-2502403.xml").write_bytes((watch / "ORTA_2502403_20250314.xml").read_bytes())
            wait_for("the archive in the published base",
                     lambda: len(snapshot(base, "SELECT id FROM decisions") or ()) == 3, timeout=120)
            runs_then = len(snapshot(base, "SELECT run_id FROM runs"))
            wait_for("one more run", lambda: len(snapshot(base, "SELECT run_id FROM runs") or ()) > runs_then,
                     timeout=60)
        finally:
            stop(first, signal.SIGKILL)           # a crash: no clean shutdown, runs left behind
        # downtime: scheduled runs come due meanwhile. Prefect's runner claims (Pending) the runs
        # due in its next 10 s (its prefetch), which the restart marks Crashed; the runs due
        # after those, every 4 s, are still Scheduled and the restart deletes them: 18 s of
        # downtime leave at least one of them whatever the time the restart takes
        time.sleep(18)
        second = serve_process(prefect_env, tmp_path, watch, opendata, base, rx.url, "serve-2")
        try:
            wait_for("the restarted deployment to clear its backlog",
                     lambda: "runs missed while stopped were dropped" in (tmp_path / "serve-2.log").read_text(),
                     timeout=60)
        finally:
            stop(second)
        keys = dict(rx.keys)
        requests = list(rx.requests)

    with db.connect(base, read_only=True) as con:
        # every file ingested once: three decisions, each source loaded once
        assert sorted(r[0] for r in con.execute("SELECT id FROM decisions").fetchall()) == sorted(ids)
        assert con.execute("SELECT count(*), count(DISTINCT sha256) FROM ledger WHERE outcome = 'loaded'"
                           ).fetchone() == (3, 3)
        assert con.execute("SELECT outcome, reason FROM ledger WHERE path LIKE '%copy-of-2502403.xml'"
                           ).fetchall() == [("skipped", "already-seen")]
        assert con.execute("SELECT count(*) FROM archives").fetchone() == (1,)
        # runs recorded in the base never overlap
        runs = con.execute("SELECT started_at, finished_at, new FROM runs ORDER BY started_at").fetchall()
        assert sum(r[2] for r in runs) == 3
        for (_, end, _), (start, _, _) in zip(runs, runs[1:]):
            assert end <= start
    # Prefect: completed runs never overlap; newcomers were cancelled by the concurrency limit
    prefect_runs = flow_runs(prefect_env)
    done = sorted((r["start"], r["end"]) for r in prefect_runs if r["state"] == "COMPLETED")
    assert len(done) >= len(runs) - 1
    for (_, end), (start, _) in zip(done, done[1:]):
        assert end <= start
    assert any(r["state"] == "CANCELLED" and "concurrency limit" in (r["message"] or "")
               for r in prefect_runs)
    # the runs that came due while the process was down were dropped, not started at once
    log = (tmp_path / "serve-2.log").read_text()
    dropped = int(log.split(" runs missed while stopped were dropped")[0].split()[-1])
    assert dropped >= 1
    # alerts: the two Grenoble orders, each delivered once although each was sent twice
    assert {b["decision"]["id"] for b in keys.values()} == {ids[0], ids[2]}
    assert set(keys) == {alerts.idempotency_key("isere", ids[0]), alerts.idempotency_key("isere", ids[2])}
    assert len(requests) >= 4
    outbox = [line for line in Path(str(base) + ".alerts.jsonl").read_text().splitlines() if line]
    assert len(outbox) == 2
