"""Alerts (greffe.alerts): saved searches matched against the decisions a run brought in,
delivered to a JSONL outbox always and to a webhook (a local HTTP server on 127.0.0.1 here)
with retries and an idempotency key, so that a retried delivery is counted once."""
from __future__ import annotations

import datetime as dt
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from greffe import alerts, db, serve
from greffe.errors import InvalidFilter
from test_sql_queries import V, the_decision

G = "TA38_2506085_20250721"


class Receiver:
    """A webhook receiver on 127.0.0.1 that counts each idempotency key once. `fail_first`: the
    first request of each key is recorded but answered 500 (the answer lost, as in a timeout),
    so the sender retries the same delivery. `status`: answer every request with it."""

    def __init__(self, fail_first: bool = False, status: int = 200):
        self.requests: list[dict] = []
        self.keys: dict[str, dict] = {}
        self.fail_first, self.status = fail_first, status
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                key = self.headers["Idempotency-Key"]
                first = key not in receiver.keys
                receiver.requests.append({"key": key, "body": body})
                receiver.keys.setdefault(key, body)
                code = 500 if receiver.fail_first and first else receiver.status
                self.send_response(code)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def con():
    c = db.connect(":memory:")
    db.load(c, the_decision(), None, V)
    yield c
    c.close()


# ---------------------------------------------------------------- saving alerts

@pytest.mark.parametrize("name, query, filters, webhook, message", [
    ("cimade 38", "rendez-vous", {}, None, "alert name"),
    ("cimade-38", "rendez-vous", {"court_kind": "tribunal"}, None, "court_kind"),
    ("cimade-38", "rendez-vous", {"since": "21/07/2025"}, None, "YYYY-MM-DD"),
    ("cimade-38", "rendez-vous", {"juge": "Morel"}, None, "unknown filter"),
    ("cimade-38", "  ", {}, None, "needs words"),
    ("cimade-38", "rendez-vous", {}, "ftp://example.org/x", "http"),
])
def test_a_bad_alert_says_what_to_fix(con, name, query, filters, webhook, message):
    with pytest.raises(InvalidFilter, match=message):
        alerts.add_alert(con, name, query, filters, webhook)


# ---------------------------------------------------------------- matching

@pytest.mark.parametrize("query, filters, found", [
    ("rendez-vous", {}, True),
    ("préfecture", {}, True),                                    # stemmed: the text says « préfectures »
    ('"non dématérialisé"', {}, True),
    ("« accès non dématérialisé »", {}, True),
    ('"non dématérialisée"', {}, True),                          # masculine or feminine, as search
    ('"dématérialisé non"', {}, False),                          # a phrase keeps its order
    ("rendez-vous", {"astreinte": True}, False),                 # G's fixture pronounces none
    ("rendez-vous", {"has_injunction": True}, True),
    ("rendez-vous astreinte", {}, False),                        # every word must occur
    ("rendez-vous", {"court_code": "TA38"}, True),
    ("rendez-vous", {"court_code": "TA69"}, False),
    ("rendez-vous", {"city": "grenoble", "procedure": "refere-liberte"}, True),
    ("rendez-vous", {"since": "2025-08-01"}, False),
    (None, {"authority": "prefet:isere"}, True),                 # filters only
    (None, {"topic": "anef"}, False),
])
def test_an_alert_matches_what_search_would_find(con, query, filters, found):
    alerts.add_alert(con, "a1", query, filters)
    assert alerts.match_new(con, [G], "run-1") == ([("a1", G)] if found else [])


def test_a_decision_matches_an_alert_once(con):
    alerts.add_alert(con, "a1", "rendez-vous")
    assert alerts.match_new(con, [G], "run-1") == [("a1", G)]
    assert alerts.match_new(con, [G], "run-2") == []
    assert alerts.list_alerts(con)[0]["matches"] == 1


# ---------------------------------------------------------------- delivery

def test_the_outbox_gets_each_match_once(con, tmp_path):
    outbox = tmp_path / "alerts.jsonl"
    alerts.add_alert(con, "a1", "rendez-vous")
    alerts.match_new(con, [G], "run-1")
    assert alerts.deliver(con, outbox=outbox).outbox == 1
    assert alerts.deliver(con, outbox=outbox).outbox == 0
    lines = [json.loads(x) for x in outbox.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 1
    d = lines[0]["decision"]
    assert (d["id"], d["citation"], lines[0]["alert"]["name"]) == \
        (G, "TA Grenoble, ord., 21 juill. 2025, n° 2506085", "a1")
    assert "injonction (préfet de l'Isère) : fixer un rendez-vous" in d["summary"]


def test_a_retried_webhook_delivery_is_counted_once(con, tmp_path):
    alerts.add_alert(con, "a1", "rendez-vous")
    alerts.add_alert(con, "a2", "préfet", {"court_code": "TA38"})
    alerts.match_new(con, [G], "run-1")
    waits = []
    with Receiver(fail_first=True) as rx:
        report = alerts.deliver(con, outbox=tmp_path / "o.jsonl", webhook=rx.url, backoff_s=0.5,
                                sleep=waits.append)
    assert (report.sent, report.pending, report.failed) == (2, 0, 0)
    assert len(rx.requests) == 4                       # each delivery tried twice
    assert len(rx.keys) == 2                           # and counted once
    assert waits == [0.5, 0.5]                         # back-off before each retry
    assert {b["alert"]["name"] for b in rx.keys.values()} == {"a1", "a2"}
    assert all(r["key"] == r["body"]["idempotency_key"] for r in rx.requests)
    assert {r["key"] for r in rx.requests} == {alerts.idempotency_key("a1", G),
                                               alerts.idempotency_key("a2", G)}


def test_an_unreachable_webhook_is_tried_again_next_run(con, tmp_path):
    alerts.add_alert(con, "a1", "rendez-vous")
    alerts.add_alert(con, "a2", "préfet")
    alerts.match_new(con, [G], "run-1")
    with Receiver() as rx:
        url = rx.url
    waits = []                                          # the receiver is gone: refused
    report = alerts.deliver(con, outbox=None, webhook=url, attempts=3, backoff_s=1.0,
                            sleep=waits.append)
    # the first delivery backs off 1 s then 2 s; the second is not tried against a dead URL
    assert (report.sent, report.pending, waits) == (0, 2, [1.0, 2.0])
    assert alerts.list_alerts(con)[0]["webhook_deliveries"] == {"pending": 1}
    alerts.remove_alert(con, "a2")
    # the next run, the receiver is back on another port: the alert's own webhook now
    with Receiver() as rx:
        alerts.add_alert(con, "a1", "rendez-vous", webhook=rx.url)
        report = alerts.deliver(con, outbox=None, webhook=None, sleep=waits.append)
    assert (report.sent, report.pending, len(rx.keys)) == (1, 0, 1)
    row = con.execute("SELECT status, attempts FROM deliveries WHERE channel = 'webhook'").fetchone()
    assert row == ("sent", 4)


def test_a_refusing_webhook_is_not_hammered(con):
    alerts.add_alert(con, "a1", "rendez-vous")
    alerts.match_new(con, [G], "run-1")
    with Receiver(status=404) as rx:
        report = alerts.deliver(con, outbox=None, webhook=rx.url, sleep=lambda s: None)
        again = alerts.deliver(con, outbox=None, webhook=rx.url, sleep=lambda s: None)
    assert (report.failed, len(rx.requests), again.failed) == (1, 1, 0)
    assert "HTTP 404" in report.errors[0]


# ---------------------------------------------------------------- after_run and the commands

def test_after_run_records_the_run_and_delivers(tmp_path):
    base = tmp_path / "base.duckdb"
    started = dt.datetime.now(dt.timezone.utc)
    with db.connect(base) as con:
        alerts.add_alert(con, "a1", "rendez-vous")
        db.load(con, the_decision(), None, V)
        with Receiver() as rx:
            report = serve.after_run(con, {"seen": 1, "loaded": 1, "skipped": 0, "quarantined": 0},
                                     None, started, webhook=rx.url)
        assert len(rx.keys) == 1
        assert (report["new"], report["updated"], report["alerts_matched"], report["alerts_sent"]) == \
            (1, 0, 1, 1)
        assert report["outbox"] == str(base) + ".alerts.jsonl"
        assert serve.last_runs(con)[0]["new"] == 1
        assert serve.status_extra(con)["last_report"].startswith("1 new, 0 updated")


@pytest.mark.slow
def test_alert_commands(tmp_path, capsys):
    base = str(tmp_path / "base.duckdb")
    with db.connect(base) as con:
        db.load(con, the_decision(), None, V)
    assert serve.main(["alert", "add", "cimade-38", '"non dématérialisé"', "--court", "TA38",
                       "--db", base]) == 0
    assert "alert cimade-38" in capsys.readouterr().out
    assert serve.main(["alert", "add", "x", "--since", "demain", "--db", base]) == 1
    assert "YYYY-MM-DD" in capsys.readouterr().err
    with db.connect(base) as con:
        alerts.match_new(con, [G], "run-1")
    assert serve.main(["alert", "list", "--db", base]) == 0
    out = capsys.readouterr().out
    assert "cimade-38" in out and "1 matches" in out and G in out
    assert serve.main(["alert", "list", "--db", base, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["last_matches"] == [G]
    assert serve.main(["alert", "remove", "cimade-38", "--db", base]) == 0
    assert serve.main(["alert", "remove", "cimade-38", "--db", base]) == 1
