"""The ingestion flow: discover -> skip what is known -> parse + extract -> load -> publish.

A list of steps; the work is in `greffe.ingest` (plain functions the tests call without
Prefect). Retries only where I/O can fail for a passing reason; parsing is never retried (a bad
document is quarantined, not hammered).
"""
from __future__ import annotations

from collections.abc import Callable, Sequence

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

from extractors import EXTRACTOR_VERSION
from greffe import db, ingest
from greffe.ingest import RunSummary
from greffe.publish import publish, snapshots


@task(name="plan", cache_policy=NO_CACHE)
def plan_task(paths: Sequence[str], db_path: str, retry_quarantined: bool):
    with ingest.open_writer(db_path) as con:
        return ingest.plan(paths, con, EXTRACTOR_VERSION, retry_quarantined=retry_quarantined)


@task(name="parse-extract-load", cache_policy=NO_CACHE)
def load_task(todo, db_path: str, jobs: int, summary: RunSummary,
              on_progress: Callable[[RunSummary], None] | None):
    with ingest.open_writer(db_path) as con:
        ingest.store(con, ingest.process_all(todo, jobs=jobs), summary, EXTRACTOR_VERSION, on_progress)


@task(name="record-skips", cache_policy=NO_CACHE)
def skip_task(done, db_path: str, summary: RunSummary):
    with ingest.open_writer(db_path) as con:
        ingest.skip(con, done, summary, EXTRACTOR_VERSION)


@task(name="publish", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=1)
def publish_task(db_path: str) -> str:
    with ingest.open_writer(db_path) as con:
        db.rebuild_fts(con)
        con.execute("CHECKPOINT")
    return str(publish(db_path))


@flow(name="greffe-ingest", log_prints=False)
def ingest_flow(paths: list[str], db_path: str, jobs: int = 1, retry_quarantined: bool = False,
                on_progress: Callable[[RunSummary], None] | None = None) -> RunSummary:
    summary = RunSummary()
    todo, done = plan_task(paths, db_path, retry_quarantined)
    summary.seen = len(todo) + len(done)
    skip_task(done, db_path, summary)
    if todo:
        load_task(todo, db_path, jobs, summary, on_progress)
    if todo or not snapshots(db_path):
        summary.published = publish_task(db_path)
    get_run_logger().info("ingest: %s loaded, %s skipped, %s quarantined",
                          summary.loaded, summary.skipped, len(summary.quarantined))
    return summary
