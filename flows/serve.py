"""The flow that `greffe serve` serves: collect what is new in the watched folders -> ingest it
(with the ingestion filters) -> run report, alerts, archives (greffe.serve.after_run) -> publish.

Only steps; the work is in greffe.serve and greffe.feed. One run at a time is the deployment's
concurrency limit (greffe.serve.serve), not this file.
"""
from __future__ import annotations

import datetime as dt

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.runtime import flow_run

from extractors import EXTRACTOR_VERSION
from greffe import db, serve
from greffe.feed import IngestFilters


@task(name="collect", cache_policy=NO_CACHE)
def collect_task(db_path: str, dirs: list[str], filters: IngestFilters):
    return serve.collect(db_path, dirs, filters)


@task(name="ingest", cache_policy=NO_CACHE)
def ingest_task(db_path: str, paths: list[str], filters: IngestFilters, jobs: int):
    return serve.ingest_paths(db_path, paths, filters, jobs, EXTRACTOR_VERSION)


@task(name="report-and-alerts", cache_policy=NO_CACHE, retries=1, retry_delay_seconds=2)
def after_task(db_path: str, summary, counts, started_at: dt.datetime, paths: list[str],
               filters: IngestFilters, webhook: str | None, outbox: str | None) -> dict:
    archives = [p for p in paths if p.lower().endswith(".zip")]
    with db.connect(db_path) as con:
        return serve.after_run(con, summary, None, started_at, run_id=str(flow_run.id or "") or None,
                               archives=archives, filters=filters, filtered=counts.filtered,
                               webhook=webhook, outbox=outbox)


@task(name="publish", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=1)
def publish_task(db_path: str) -> str:
    return serve.publish_base(db_path)


@flow(name="greffe-watch", log_prints=False)
def watch_flow(watch: list[str], db_path: str, opendata: list[str] | None = None, jobs: int = 1,
               court: list[str] | None = None, since: str | None = None,
               topic: list[str] | None = None, webhook: str | None = None,
               outbox: str | None = None) -> dict:
    started_at = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    filters = IngestFilters.parse(court, since, topic)
    paths, skipped_archives = collect_task(db_path, [*watch, *(opendata or [])], filters)
    summary, counts = ingest_task(db_path, paths, filters, jobs)
    report = after_task(db_path, summary, counts, started_at, paths, filters, webhook, outbox)
    report["published"] = publish_task(db_path)       # readers see this run's report
    get_run_logger().info("greffe-watch: %s new, %s updated, %s skipped, %s quarantined, "
                          "%s filtered, %s archives skipped whole, %s alert matches",
                          report["new"], report["updated"], report["skipped"],
                          report["quarantined"], report["filtered"], len(skipped_archives),
                          report["alerts_matched"])
    report["archives_skipped"] = len(skipped_archives)
    return report
