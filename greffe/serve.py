"""greffe unattended: `greffe serve` (a Prefect deployment served by the process, that ingests
what is new in watched folders on a schedule), what every ingestion run does at its end
(`after_run`: run report, alert matching and delivery, archive bookkeeping), and the command
handlers of `greffe serve` and `greffe alert`.

    greffe serve --watch /data/pdf --opendata /data/opendata --cron "0 3 * * *" --db base.duckdb
    greffe alert add cimade-38 '"non dématérialisé"' --court TA38 --webhook https://...
    greffe alert list

One run at a time: the deployment has a Prefect concurrency limit of 1 with the collision
strategy CANCEL_NEW, so a run that comes due while the previous one still writes is cancelled
(DuckDB allows one writer). After downtime, `serve` first deletes the runs whose time passed
while it was down (they would all start at once) and marks as Crashed the runs a killed
process left `Running` (they would hold the concurrency slot); the next run comes at its time.

Wiring (the lead's files): greffe/cli.py calls `add_subcommands(sub, db_arg)` in build_parser and
`add_ingest_filters(sp)` on the `ingest` parser; flows/ingest.py calls `after_run` (see there).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from . import alerts, db, feed
from .errors import GreffeError

DEPLOYMENT = "greffe-watch"          # the deployment's name; the flow is `greffe-watch` too


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def default_outbox(con) -> str | None:
    """$GREFFE_ALERT_OUTBOX, else `<base>.alerts.jsonl` beside the base (None for :memory:)."""
    if os.environ.get("GREFFE_ALERT_OUTBOX"):
        return os.environ["GREFFE_ALERT_OUTBOX"]
    row = con.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()"
                      ).fetchone()
    return None if not row or not row[0] else row[0] + ".alerts.jsonl"


# ---------------------------------------------------------------- the end of every run

def after_run(con, summary, new_decision_ids: Sequence[str] | None, started_at: dt.datetime, *,
              run_id: str | None = None, archives: Sequence[str] | None = None,
              filters: feed.IngestFilters = feed.IngestFilters(), filtered: int = 0,
              outbox: str | Path | None = None, webhook: str | None = None,
              attempts: int = alerts.WEBHOOK_ATTEMPTS,
              backoff_s: float = alerts.WEBHOOK_BACKOFF_S) -> dict[str, Any]:
    """What every ingestion run does at its end, on the writer connection, before publishing:

    * archives: record the open-data archives this run went through (`archives`; None: those
      whose members the ledger saw since `started_at`), so that the next run skips them;
    * alerts: match the decisions loaded by this run (`new_decision_ids` plus every decision
      that got a source since `started_at`) against the saved alerts, append the new matches to
      the outbox (`outbox`; default $GREFFE_ALERT_OUTBOX, else `<base>.alerts.jsonl`) and POST
      them to the webhook (the alert's, else `webhook`, else $GREFFE_ALERT_WEBHOOK);
    * the run report (table `runs`): new, updated, skipped, quarantined, filtered, archives,
      alerts matched / sent / pending, duration.

    `summary`: greffe.ingest.RunSummary (or its as_dict()). Returns the report as a dict."""
    started_at = feed._naive_utc(started_at)
    run_id = run_id or uuid.uuid4().hex
    s = summary.as_dict() if hasattr(summary, "as_dict") else dict(summary or {})
    done_archives = feed.record_archives(con, archives, started_at, filters)
    changed = dict(db.run(con, "runs_changed", since=started_at).fetchall())
    for i in new_decision_ids or ():
        changed.setdefault(i, False)
    matched = alerts.match_new(con, list(changed), run_id)
    if outbox is None:
        outbox = default_outbox(con)
    webhook = webhook or os.environ.get("GREFFE_ALERT_WEBHOOK") or None
    delivered = alerts.deliver(con, outbox=outbox, webhook=webhook, attempts=attempts,
                               backoff_s=backoff_s)
    finished = _utcnow()
    report = {
        "run_id": run_id, "started_at": started_at.isoformat(), "finished_at": finished.isoformat(),
        "duration_s": round((finished - started_at).total_seconds(), 3),
        "seen": int(s.get("seen") or 0),
        "new": sum(1 for u in changed.values() if not u),
        "updated": sum(1 for u in changed.values() if u),
        "skipped": int(s.get("skipped") or 0),
        "quarantined": _count(s.get("quarantined")),
        "filtered": filtered, "archives": len(done_archives),
        "alerts_matched": len(matched), "alerts_sent": delivered.sent,
        "alerts_pending": delivered.pending, "published": s.get("published"),
    }
    db.run(con, "runs_record", **{**report, "started_at": started_at, "finished_at": finished})
    report.update(new_ids=sorted(i for i, u in changed.items() if not u),
                  updated_ids=sorted(i for i, u in changed.items() if u),
                  matches=[{"alert": a, "decision": d} for a, d in matched],
                  outbox=str(outbox) if outbox else None, deliveries=delivered.as_dict(),
                  archives_done=done_archives)
    return report


def _count(value) -> int:
    if isinstance(value, (list, tuple)):
        return len(value)
    return int(value or 0)


def last_runs(con, n: int = 5) -> list[dict[str, Any]]:
    """The `n` newest run reports, newest first ([] on a base made before run reports)."""
    if not _has_table(con, "runs"):
        return []
    cur = db.run(con, "runs_last", n=n)
    names = [c[0] for c in cur.description]
    out = []
    for row in cur.fetchall():
        r = dict(zip(names, row))
        for k in ("started_at", "finished_at"):
            r[k] = r[k].isoformat()
        out.append(r)
    return out


def _has_table(con, name: str) -> bool:
    return bool(con.execute("SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'main' "
                            "AND table_name = ?", [name]).fetchone()[0])


def status_extra(con) -> dict[str, Any]:
    """Scalars for `greffe status` about the last run: {'last_report': '3 new, 1 updated, ...',
    'last_report_at': ISO}; {} when there is none."""
    runs = last_runs(con, 1)
    if not runs:
        return {}
    r = runs[0]
    return {"last_report_at": r["finished_at"],
            "last_report": f"{r['new']} new, {r['updated']} updated, {r['skipped']} skipped, "
                           f"{r['quarantined']} quarantined, {r['filtered']} filtered, "
                           f"{r['alerts_matched']} alert matches ({r['alerts_sent']} sent by "
                           f"webhook, {r['alerts_pending']} pending), {r['duration_s']:.1f} s"}


# ---------------------------------------------------------------- the steps of a served run

def collect(db_path: str, dirs: Sequence[str], filters: feed.IngestFilters) -> tuple[list[str], list[str]]:
    """(files to look at, archives skipped whole) under the watched folders."""
    dirs = [d for d in dirs if d]
    with db.connect(db_path) as con:
        return feed.pending_paths(con, dirs, filters)


def ingest_paths(db_path: str, paths: Sequence[str], filters: feed.IngestFilters, jobs: int,
                 extractor_version: str):
    """plan -> skip the known -> filter -> parse + extract -> filter -> load, as `greffe ingest`
    does (greffe.ingest), with the ingestion filters and the open-data versions (greffe.feed).
    Returns (RunSummary, FeedCounts)."""
    from . import ingest
    summary = ingest.RunSummary()
    counts = feed.FeedCounts()
    if not paths:
        return summary, counts
    with ingest.open_writer(db_path) as con:
        todo, done = ingest.plan(list(paths), con, extractor_version)
        summary.seen = len(todo) + len(done)
        ingest.skip(con, done, summary, extractor_version)
        todo = feed.select(todo, filters, counts)
        if todo:
            outcomes = feed.filter_outcomes(con, ingest.process_all(todo, jobs=jobs), filters,
                                            extractor_version, counts)
            ingest.store(con, outcomes, summary, extractor_version)
        summary.skipped += counts.older
    return summary, counts


def publish_base(db_path: str) -> str:
    """Publish a snapshot for readers (with this run's report) and its full-text index, brought
    in step with the decisions first (`db.end_run`, under the writer's memory bound)."""
    from . import ingest
    from .publish import publish
    with ingest.open_writer(db_path) as con:
        db.end_run(con)
    return str(publish(db_path))


# ---------------------------------------------------------------- Prefect housekeeping

def prefect_api_url() -> str | None:
    from prefect.settings import PREFECT_API_URL
    return os.environ.get("PREFECT_API_URL") or PREFECT_API_URL.value() or None


def clear_backlog(deployment: str = f"{DEPLOYMENT}/{DEPLOYMENT}", *,
                  now: dt.datetime | None = None) -> dict[str, int]:
    """Before serving again after downtime: delete the scheduled runs whose time has passed
    (Prefect would start them all at once) and mark Crashed the runs still `Running` or
    `Pending` (a killed process leaves them so, holding the concurrency slot). Returns
    {'deleted': n, 'crashed': n}; nothing when the deployment does not exist yet."""
    import anyio
    return anyio.run(_clear_backlog, deployment, now)


async def _clear_backlog(deployment: str, now: dt.datetime | None) -> dict[str, int]:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import (DeploymentFilter, DeploymentFilterId,
                                                FlowRunFilter, FlowRunFilterState,
                                                FlowRunFilterStateType)
    from prefect.client.schemas.objects import StateType
    from prefect.exceptions import ObjectNotFound
    from prefect.states import Crashed
    now = now or dt.datetime.now(dt.timezone.utc)
    out = {"deleted": 0, "crashed": 0}
    async with get_client() as client:
        try:
            dep = await client.read_deployment_by_name(deployment)
        except ObjectNotFound:
            return out
        dep_filter = DeploymentFilter(id=DeploymentFilterId(any_=[dep.id]))
        runs = await client.read_flow_runs(
            deployment_filter=dep_filter,
            flow_run_filter=FlowRunFilter(state=FlowRunFilterState(type=FlowRunFilterStateType(
                any_=[StateType.SCHEDULED, StateType.PENDING, StateType.RUNNING]))),
            limit=200)
        for r in runs:
            if r.state_type == StateType.SCHEDULED:
                when = r.expected_start_time or r.next_scheduled_start_time
                if when is not None and when <= now:
                    await client.delete_flow_run(r.id)
                    out["deleted"] += 1
            else:
                state = Crashed(message="the `greffe serve` process running it stopped; "
                                        "the next run takes up what it left")
                result = await client.set_flow_run_state(r.id, state, force=True)
                out["crashed"] += result.status.value == "ACCEPT"
    return out


def serve(watch: Sequence[str], opendata: Sequence[str], db_path: str, *, cron: str | None = None,
          interval: float | None = None, filters: feed.IngestFilters = feed.IngestFilters(),
          jobs: int = 1, webhook: str | None = None, outbox: str | None = None,
          name: str = DEPLOYMENT) -> None:
    """Serve the deployment until the process is stopped (Ctrl-C, SIGTERM)."""
    from prefect.client.schemas.objects import ConcurrencyLimitConfig, ConcurrencyLimitStrategy

    from flows.serve import watch_flow
    if not prefect_api_url():
        raise GreffeError("greffe serve needs a Prefect server: start one with `prefect server "
                          "start` and set PREFECT_API_URL=http://127.0.0.1:4200/api (see README, "
                          "Running unattended)")
    if (cron is None) == (interval is None):
        raise GreffeError("give exactly one of --cron (e.g. \"0 3 * * *\") or --interval SECONDS")
    for d in [*watch, *opendata]:
        if not Path(d).is_dir():
            raise FileNotFoundError(f"{d}: no such folder to watch")
    cleared = clear_backlog(f"{watch_flow.name}/{name}")
    if cleared["deleted"] or cleared["crashed"]:
        print(f"greffe serve: {cleared['deleted']} runs missed while stopped were dropped, "
              f"{cleared['crashed']} runs left Running were marked Crashed", file=sys.stderr)
    params = {"watch": [str(Path(d).resolve()) for d in watch],
              "opendata": [str(Path(d).resolve()) for d in opendata],
              "db_path": str(Path(db_path).resolve()), "jobs": jobs,
              "court": list(filters.courts), "since": filters.since.isoformat() if filters.since else None,
              "topic": list(filters.topics), "webhook": webhook, "outbox": outbox}
    watch_flow.serve(
        name=name, cron=cron, interval=interval, parameters=params,
        global_limit=ConcurrencyLimitConfig(limit=1,
                                            collision_strategy=ConcurrencyLimitStrategy.CANCEL_NEW),
        description="greffe: ingest what is new in the watched folders, then alerts",
        print_starting_message=True)


# ---------------------------------------------------------------- command line

def add_ingest_filters(parser: argparse.ArgumentParser) -> None:
    """--court, --since, --topic: what an ingestion keeps (greffe.feed.IngestFilters)."""
    g = parser.add_argument_group("ingestion filters (keep a base of your own courts)")
    g.add_argument("--court", dest="ingest_court", metavar="CODES",
                   help="keep only these courts, open-data codes separated by commas: TA38,TA69")
    g.add_argument("--since", dest="ingest_since", metavar="YYYY-MM-DD",
                   help="keep only decisions read on or after this date")
    g.add_argument("--topic", dest="ingest_topic", metavar="TOPICS",
                   help="keep only decisions with one of these topics: anef,asile")


def filters_from_args(args) -> feed.IngestFilters:
    return feed.IngestFilters.parse(getattr(args, "ingest_court", None),
                                    getattr(args, "ingest_since", None),
                                    getattr(args, "ingest_topic", None))


def add_subcommands(subparsers, db_arg) -> None:
    """Declare `serve`, `alert add`, `alert list` and `alert remove` on the `greffe` parser."""
    sp = subparsers.add_parser("serve", help="ingest watched folders on a schedule (Prefect)")
    sp.add_argument("--watch", action="append", default=[], metavar="DIR",
                    help="a folder of PDF / XML files to ingest (repeatable)")
    sp.add_argument("--opendata", action="append", default=[], metavar="DIR",
                    help="a folder of open-data monthly archives (TA_202503.zip; repeatable)")
    when = sp.add_mutually_exclusive_group(required=True)
    when.add_argument("--cron", help='when to run, cron syntax in UTC: "0 3 * * *" (03:00 daily)')
    when.add_argument("--interval", type=float, metavar="SECONDS", help="run every N seconds")
    db_arg(sp)
    sp.add_argument("--jobs", type=int, default=1, help="worker processes for extraction")
    sp.add_argument("--webhook", help="POST alert matches to this URL (default $GREFFE_ALERT_WEBHOOK)")
    sp.add_argument("--outbox", help="the JSONL file of alert matches (default <db>.alerts.jsonl)")
    sp.add_argument("--name", default=DEPLOYMENT, help=f"the deployment's name (default {DEPLOYMENT})")
    sp.add_argument("-v", "--verbose", action="store_true", help="show Prefect's flow and task logs")
    add_ingest_filters(sp)
    sp.set_defaults(func=cmd_serve)

    al = subparsers.add_parser("alert", help="saved searches checked by every ingestion run")
    asub = al.add_subparsers(dest="alert_command", required=True, metavar="ACTION")
    sp = asub.add_parser("add", help="save a search as an alert (replaces one of the same name)")
    sp.add_argument("name", help="a short name: cimade-38")
    sp.add_argument("query", nargs="?", default=None, help='words and "quoted phrases", as for search')
    db_arg(sp)
    sp.add_argument("--webhook", help="POST this alert's matches to this URL")
    from .cli import add_search_filters
    add_search_filters(sp)
    sp.set_defaults(func=cmd_alert_add)
    sp = asub.add_parser("list", help="the alerts and their last matches")
    db_arg(sp)
    sp.add_argument("--format", choices=["table", "json"], default="table")
    sp.set_defaults(func=cmd_alert_list)
    sp = asub.add_parser("remove", help="delete an alert and what it matched")
    sp.add_argument("name")
    db_arg(sp)
    sp.set_defaults(func=cmd_alert_remove)


def cmd_serve(args) -> int:
    """Serve the ingestion deployment until stopped."""
    from .cli import prefect_defaults
    db.check_setup()
    prefect_defaults(verbose=args.verbose)
    if not args.watch and not args.opendata:
        raise GreffeError("nothing to watch: give --watch DIR and/or --opendata DIR")
    serve(args.watch, args.opendata, args.db, cron=args.cron, interval=args.interval,
          filters=filters_from_args(args), jobs=args.jobs, webhook=args.webhook,
          outbox=args.outbox, name=args.name)
    return 0


def _writer(db_path: str, tries: int = 20, wait_s: float = 0.5):
    """The base for writing; a run holding it (DuckDB: one writer) is waited for a little."""
    import duckdb
    for i in range(tries):
        try:
            return db.connect(db_path)
        except duckdb.IOException as e:
            if "lock" not in str(e).lower() or i == tries - 1:
                raise GreffeError(f"{db_path}: the base is busy (an ingestion run is writing it); "
                                  "try again when it is done") from e
            time.sleep(wait_s)
    raise AssertionError("unreachable")


def cmd_alert_add(args) -> int:
    """Save a search as an alert."""
    filters = {k: getattr(args, k, None) for k in db.SEARCH_FILTERS}
    with _writer(args.db) as con:
        a = alerts.add_alert(con, args.name, args.query, filters, webhook=args.webhook)
    shown = " ".join(f"--{k.replace('_', '-')} {v}" for k, v in a["filters"].items())
    print(f"alert {a['name']}: {a['query'] or '(no words)'} {shown}".rstrip()
          + (f" -> {a['webhook']}" if a["webhook"] else ""))
    return 0


def cmd_alert_remove(args) -> int:
    """Delete an alert."""
    with _writer(args.db) as con:
        alerts.remove_alert(con, args.name)
    print(f"alert {args.name} removed")
    return 0


def cmd_alert_list(args) -> int:
    """The alerts and their last matches."""
    import duckdb
    try:
        con = db.connect(args.db, read_only=True)          # the base itself: the newest alerts
    except duckdb.IOException:
        con = db.connect_reader(args.db)                   # a run writes it: the last snapshot
    with con:
        rows = alerts.list_alerts(con) if _has_table(con, "alerts") else []
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return 0
    if not rows:
        print("no alert; add one with: greffe alert add NAME \"words\" [--court TA38 ...]")
    for a in rows:
        filters = " ".join(f"{k}={v}" for k, v in a["filters"].items())
        print(f"{a['name']}: {a['query'] or '(no words)'} {filters}".rstrip())
        hook = a["webhook_deliveries"]
        print(f"  {a['matches']} matches, last {a['last_match_at'] or '-'}"
              + (f"; webhook {a['webhook']}" if a["webhook"] else "")
              + ("; deliveries " + ", ".join(f"{n} {k}" for k, n in sorted(hook.items())) if hook else ""))
        for i in a["last_matches"]:
            print(f"    {i}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m greffe.serve serve|alert ...` (the same commands as `greffe serve|alert`)."""
    from .cli import default_db
    p = argparse.ArgumentParser(prog="greffe")
    sub = p.add_subparsers(dest="command", required=True)

    def db_arg(sp):
        sp.add_argument("--db", default=default_db())
    add_subcommands(sub, db_arg)
    args = p.parse_args(argv)
    try:
        return args.func(args)
    except (GreffeError, FileNotFoundError) as e:
        print(f"greffe: {e}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
