"""Alerts: saved searches that each ingestion run checks against the decisions it brought in.

    add_alert(con, "cimade-38", '"non dématérialisé"', {"court_code": "TA38"}, webhook=None)
    matches = match_new(con, ["TA38_2506085_20250721"], run_id)    # [(alert, decision_id)]
    report = deliver(con, outbox="greffe.duckdb.alerts.jsonl", webhook=None)
    list_alerts(con)                                                  # with their last matches

A decision matches an alert when it contains every word of the alert's query (stemmed, accents
and case aside, as `greffe search`) and every quoted phrase, and passes its filters; the match
is made by DuckDB for the filters (sql/alerts_match.sql), then in the full-text index for the
words, among the decisions of the run only. An (alert, decision) pair matches once, whatever the number of runs.

Delivery: each match is appended to a JSONL outbox file, always, once; and POSTed as JSON to a
webhook when one is configured (the alert's own, else the run's), retried with exponential
back-off. The body and the `Idempotency-Key` header carry a key that is the same for every
attempt of one (alert, decision), so a receiver that saw a delivery whose answer was lost
counts it once. A webhook delivery still failing after its attempts stays `pending` and the next
run tries it again; a 4xx answer (other than 408 and 429) marks it `failed` (the URL or the
receiver must be fixed; `greffe alert list` shows it).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import time
import urllib.error
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import db
from .citation import citation
from .errors import GreffeError, InvalidFilter

NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")       # cimade-38, gisti.anef
WEBHOOK_ATTEMPTS = 4
WEBHOOK_BACKOFF_S = 1.0                                 # 1 s, 2 s, 4 s between attempts
WEBHOOK_TIMEOUT_S = 10.0


class AlertNotFound(GreffeError):
    """No alert has that name."""


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def _check_filters(filters: dict[str, Any]) -> dict[str, Any]:
    unknown = set(filters) - set(db.SEARCH_FILTERS)
    if unknown:
        raise InvalidFilter(f"unknown filter(s) {', '.join(sorted(unknown))}; the filters are "
                            f"{', '.join(db.SEARCH_FILTERS)}")
    given = {k: v for k, v in filters.items() if v not in (None, "")}
    checked = db._filters(limit=1, **{k: given.get(k) for k in db.SEARCH_FILTERS})
    return {k: (v.isoformat() if isinstance(v, dt.date) else v)
            for k, v in checked.items() if k in given}


def add_alert(con, name: str, query: str | None, filters: dict[str, Any] | None = None,
              webhook: str | None = None) -> dict[str, Any]:
    """Save (or replace) the alert `name`. InvalidFilter for a bad name, filter or URL."""
    if not NAME.fullmatch(name or ""):
        raise InvalidFilter(f"alert name {name!r}: use letters, digits, '-', '_' or '.', "
                            "e.g. cimade-38")
    checked = _check_filters(filters or {})
    if query is not None and not query.strip():
        query = None
    if query is None and not checked:
        raise InvalidFilter("an alert needs words to look for or at least one filter; "
                            'e.g. greffe alert add anef-38 "ANEF" --court TA38')
    if webhook is not None and not re.match(r"https?://", webhook):
        raise InvalidFilter(f"webhook {webhook!r}: give an http:// or https:// URL")
    db.run(con, "alerts_add", name=name, query=query, filters=json.dumps(checked, sort_keys=True),
           webhook=webhook, now=_utcnow())
    return {"name": name, "query": query, "filters": checked, "webhook": webhook}


def remove_alert(con, name: str) -> None:
    if db.run(con, "alerts_remove", name=name).fetchone() is None:
        raise AlertNotFound(f"no alert is named {name!r}; `greffe alert list` shows them")


def list_alerts(con, last: int = 5) -> list[dict[str, Any]]:
    """Every alert with its number of matches, its `last` newest matched decisions and the state
    of its deliveries ({'sent': n, 'pending': n, 'failed': n})."""
    out = []
    for name, query, filters, webhook, created_at, n, last_at, recent, states in \
            db.run(con, "alerts_list", last=max(0, last)).fetchall():
        out.append({"name": name, "query": query, "filters": json.loads(filters),
                    "webhook": webhook, "created_at": _iso(created_at), "matches": n,
                    "last_match_at": _iso(last_at), "last_matches": list(recent or ()),
                    "webhook_deliveries": {k: v for k, v in (states or {}).items()}})
    return out


def _iso(t: dt.datetime | None) -> str | None:
    return None if t is None else t.isoformat()


def matches(con, alert: dict[str, Any], ids: list[str]) -> list[str]:
    """The decisions among `ids` that the alert (a row of list_alerts) finds: its filters in
    DuckDB (sql/alerts_match.sql), then its words in the full-text index, as `greffe search`."""
    if not ids:
        return []
    params = db._filters(limit=None, **{k: alert["filters"].get(k) for k in db.SEARCH_FILTERS})
    params.pop("limit")
    found = [r[0] for r in db.run(con, "alerts_match", ids=ids, **params).fetchall()]
    if not alert["query"] or not found:
        return found
    from .searchindex import search_ids
    return sorted(h.id for h in search_ids(con, alert["query"], limit=None, within=found))


def match_new(con, ids: Iterable[str], run_id: str) -> list[tuple[str, str]]:
    """Record which of `ids` each alert matches (an (alert, decision) pair only once) and give
    the pairs recorded now."""
    ids = sorted(set(ids))
    found = []
    now = _utcnow()
    for alert in list_alerts(con, last=0):
        for decision_id in matches(con, alert, ids):
            if db.run(con, "alerts_match_record", alert_name=alert["name"], decision_id=decision_id,
                      run_id=run_id, now=now).fetchone() is not None:
                found.append((alert["name"], decision_id))
    return found


def idempotency_key(alert_name: str, decision_id: str) -> str:
    """The same for every delivery attempt of one (alert, decision)."""
    return hashlib.sha256(f"greffe-alert\0{alert_name}\0{decision_id}".encode()).hexdigest()[:32]


def payload(con, alert_name: str, decision_id: str) -> dict[str, Any]:
    """What an alert delivers about one decision: enough to read it and find it again."""
    row = db.run(con, "alerts_payload", alert_name=alert_name, decision_id=decision_id).fetchone()
    (query, filters, matched_at, kind, city, code, name, date, dtype, procedure, outcomes,
     numbers) = row
    court = {"kind": kind, "city": city, "code": code, "name": name}
    day = None if date is None else date.isoformat()
    return {
        "idempotency_key": idempotency_key(alert_name, decision_id),
        "alert": {"name": alert_name, "query": query, "filters": json.loads(filters)},
        "matched_at": _iso(matched_at),
        "decision": {"id": decision_id, "citation": citation(court, dtype, day, tuple(numbers or ())),
                     "court": court, "decision_date": day, "decision_type": dtype,
                     "procedure": procedure, "case_numbers": list(numbers or ()),
                     "outcomes": list(outcomes or ()), "summary": db.summary(con, decision_id)},
    }


@dataclass
class DeliveryReport:
    outbox: int = 0                  # matches written to the outbox by this call
    sent: int = 0                    # webhook deliveries that succeeded
    pending: int = 0                 # webhook deliveries to try again next run
    failed: int = 0                  # refused by the receiver (4xx): not tried again
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"outbox": self.outbox, "sent": self.sent, "pending": self.pending,
                "failed": self.failed, "errors": self.errors}


def deliver(con, *, outbox: str | Path | None, webhook: str | None = None,
            attempts: int = WEBHOOK_ATTEMPTS, backoff_s: float = WEBHOOK_BACKOFF_S,
            timeout_s: float = WEBHOOK_TIMEOUT_S, sleep=time.sleep) -> DeliveryReport:
    """Deliver every match not delivered yet: to the outbox (when given) and to the alert's
    webhook, else `webhook` (when either is set). Also retries the webhook deliveries left
    pending by earlier runs. A URL that failed every attempt is not tried again in this call:
    its other deliveries stay pending for the next run (a receiver that is down does not hold
    the run for attempts x back-off per match)."""
    report = DeliveryReport()
    now = _utcnow()
    todo = db.run(con, "alerts_undelivered", default_webhook=webhook,
                  with_outbox=outbox is not None).fetchall()
    lines = []
    down: dict[str, str] = {}           # URLs that failed every attempt in this call: not retried
    for alert_name, decision_id, url, need_outbox, need_webhook, tried in todo:
        body = payload(con, alert_name, decision_id)
        key = body["idempotency_key"]
        if need_outbox and outbox is not None:
            lines.append((json.dumps(body, ensure_ascii=False, sort_keys=True), key, alert_name,
                          decision_id))
        if need_webhook and url:
            if url in down:
                status, n, error = "pending", 0, down[url]
            else:
                status, n, error = post(url, body, attempts=attempts, backoff_s=backoff_s,
                                        timeout_s=timeout_s, sleep=sleep)
                if status == "pending":
                    down[url] = error or "unreachable"
            db.run(con, "alerts_delivery", idempotency_key=key, channel="webhook",
                   alert_name=alert_name, decision_id=decision_id, target=url, status=status,
                   attempts=tried + n, last_error=error, now=_utcnow())
            setattr(report, status, getattr(report, status) + 1)
            if error:
                report.errors.append(f"{alert_name} {decision_id}: {error}")
    if lines:
        path = Path(outbox)
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "a", encoding="utf-8") as fh:
            for line, *_ in lines:
                fh.write(line + "\n")
            fh.flush()
        for _, key, alert_name, decision_id in lines:
            db.run(con, "alerts_delivery", idempotency_key=key, channel="outbox",
                   alert_name=alert_name, decision_id=decision_id, target=str(path), status="sent",
                   attempts=1, last_error=None, now=now)
        report.outbox = len(lines)
    return report


def post(url: str, body: dict[str, Any], *, attempts: int = WEBHOOK_ATTEMPTS,
         backoff_s: float = WEBHOOK_BACKOFF_S, timeout_s: float = WEBHOOK_TIMEOUT_S,
         sleep=time.sleep) -> tuple[str, int, str | None]:
    """POST `body` as JSON; (status 'sent' | 'pending' | 'failed', attempts made, last error).
    Retried after backoff_s, 2*backoff_s, ... on a network error, a timeout, a 5xx, 408 or 429."""
    data = json.dumps(body, ensure_ascii=False).encode("utf-8")
    error = None
    for attempt in range(1, attempts + 1):
        req = urllib.request.Request(url, data=data, method="POST", headers={
            "Content-Type": "application/json; charset=utf-8",
            "Idempotency-Key": body["idempotency_key"], "User-Agent": "greffe-alerts"})
        try:
            with urllib.request.urlopen(req, timeout=timeout_s) as resp:
                resp.read()
            return "sent", attempt, None
        except urllib.error.HTTPError as e:
            error = f"HTTP {e.code} from {url}"
            if 400 <= e.code < 500 and e.code not in (408, 429):
                return "failed", attempt, error
        except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as e:
            error = f"{url}: {getattr(e, 'reason', None) or e}"
        if attempt < attempts:
            sleep(backoff_s * 2 ** (attempt - 1))
    return "pending", attempts, error
