"""The ingestion flow: plan (discover, skip what is known, apply the ingestion filters) ->
parse + extract -> load -> report (run summary, alerts, full-text index) -> publish.
The flow opens the base once and its tasks share that writer connection (opening it costs
0.05 to 0.2 s, and `greffe ingest ONE.pdf` must stay fast).

A list of steps; the work is in `greffe.ingest` (plain functions the tests call without
Prefect). Retries only where I/O can fail for a passing reason; parsing is never retried (a bad
document is quarantined, not hammered).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

from extractors import EXTRACTOR_VERSION
from greffe import db, distributed, feed, ingest, pipeline, serve
from greffe.feed import FeedCounts, IngestFilters
from greffe.ingest import RunSummary
from greffe.publish import publish


@task(name="plan", cache_policy=NO_CACHE)
def plan_task(con, paths: Sequence[str], retry_quarantined: bool, summary: RunSummary,
              filters: IngestFilters, counts: FeedCounts):
    """What is to do: discover, skip what the ledger knows (recorded), apply the filters."""
    todo, done = ingest.plan(paths, con, EXTRACTOR_VERSION, retry_quarantined=retry_quarantined)
    summary.seen = len(todo) + len(done)
    ingest.skip(con, done, summary, EXTRACTOR_VERSION)
    return feed.select(todo, filters, counts)


@task(name="parse-extract-load", cache_policy=NO_CACHE)
def load_task(con, todo, jobs: int, pool, summary: RunSummary, filters: IngestFilters,
              counts: FeedCounts, on_progress: Callable[[RunSummary], None] | None):
    outcomes = feed.filter_outcomes(con, ingest.process_all(todo, jobs=jobs, pool=pool), filters,
                                    EXTRACTOR_VERSION, counts)
    ingest.store(con, outcomes, summary, EXTRACTOR_VERSION, on_progress)


@task(name="parse-extract", cache_policy=NO_CACHE)
def extract_task(batch):
    """Read and extract a few documents on a Dask worker (greffe ingest --dask / --workers)."""
    return distributed.process_batch(batch)


def load_from_dask(con, todo, summary: RunSummary, filters: IngestFilters,
                   counts: FeedCounts, on_progress: Callable[[RunSummary], None] | None) -> None:
    """load_task on a Dask cluster: extract_task runs on the workers, the writer stays here.
    Called from the flow itself (a task submitting tasks would send its own parameters, the
    whole to-do list, with each of them)."""
    outcomes = feed.filter_outcomes(con, distributed.submitted(extract_task, todo), filters,
                                    EXTRACTOR_VERSION, counts)
    ingest.store(con, outcomes, summary, EXTRACTOR_VERSION, on_progress)


@task(name="report", cache_policy=NO_CACHE)
def report_task(con, summary: RunSummary, started_at: dt.datetime, filters: IngestFilters,
                counts: FeedCounts) -> dict:
    """Run report and alerts, then the full-text index (committed once per run) and a
    checkpoint, so that the base file is whole for publish."""
    report = serve.after_run(con, summary, None, started_at, filters=filters, filtered=counts.filtered)
    db.end_run(con)
    return report


@task(name="publish", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=1)
def publish_task(db_path: str) -> str:
    return str(publish(db_path))


@flow(name="greffe-ingest", log_prints=False)
def ingest_flow(paths: list[str], db_path: str, jobs: int = 1, retry_quarantined: bool = False,
                filters: IngestFilters | None = None,
                on_progress: Callable[[RunSummary], None] | None = None) -> RunSummary:
    started_at = dt.datetime.now(dt.timezone.utc)
    filters = filters or IngestFilters()
    summary, counts = RunSummary(), FeedCounts()
    dask = distributed.current_runner() is not None
    with ingest.open_writer(db_path) as con:          # one writer connection for the whole run
        # the --jobs workers: started before the plan, stopped before the report
        with pipeline.worker_pool(1 if dask else jobs) as pool:
            todo = plan_task(con, paths, retry_quarantined, summary, filters, counts)
            if todo and dask:
                load_from_dask(con, todo, summary, filters, counts, on_progress)
            elif todo:
                load_task(con, todo, jobs, pool, summary, filters, counts, on_progress)
        report_task(con, summary, started_at, filters, counts)
    summary.published = publish_task(db_path)         # the writer is closed: the file is whole
    get_run_logger().info("ingest: %s loaded, %s skipped, %s quarantined",
                          summary.loaded, summary.skipped, len(summary.quarantined))
    return summary
