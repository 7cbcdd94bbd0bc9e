"""Parsing and extraction on a Dask cluster, through Prefect's Dask task runner (prefect-dask);
the base stays with its single writer, in the flow's process.

    greffe ingest inbox/ --workers 2                      # a LocalCluster of 2 processes
    greffe ingest /srv/inbox --dask tcp://scheduler:8786  # a cluster that is already running

The flow runs with `task_runner(...)`; `submitted` sends the documents to the workers in small
batches (one Prefect task run per batch) and yields their outcomes back in the order of the
documents, with at most `in_flight` batches out at once: memory stays flat however many
documents there are, and `greffe.ingest.store` writes each outcome as it comes, exactly as on
one machine. In the same order as the single-process run, so the base is the same whatever the
speed of each worker.

On a worker, a batch goes through `greffe.ingest.process_one`, the same function as without
Dask: a refused or quarantined document comes back with the same reason and message. spaCy is
loaded once per worker process (`greffe.nlp.load_nlp` caches it); PDFs are parsed in the
sandbox child (`greffe.sandbox`, a subprocess of the worker).

What a worker needs: greffe installed, with the spaCy model and Tesseract, and the paths given
to `greffe ingest` readable under the same names (a shared file system). The workers report
their task runs to the Prefect API of the flow (`shared_prefect_api`): on a cluster of several
machines, run a Prefect server that they can reach and set PREFECT_API_URL.

The 300 s limit on extracting one document (`greffe.ingest.EXTRACT_SECONDS`) holds on a worker
too: a Dask worker runs its tasks in a thread, where a timer thread stops a runaway extraction
(`greffe.ingest._extract_limited`), as soon as the extractor's Python code runs again after a
long C call (one regex search).
"""
from __future__ import annotations

import logging
import os
import sys
from collections import deque
from contextlib import contextmanager
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice

from .errors import GreffeError
from .pipeline import Item, Outcome

# Documents per task run: a Prefect task run costs a few API calls, a document 0.1-1 s.
BATCH = 4


class ClusterError(GreffeError):
    """The Dask cluster cannot be reached or lost the work sent to it."""


def task_runner(address: str | None = None, workers: int = 0):
    """The Prefect task runner of `greffe ingest --dask ADDRESS` (a running scheduler) or
    `--workers N` (a LocalCluster of N processes, one thread each, started for the run)."""
    from prefect_dask import DaskTaskRunner
    if address:
        return DaskTaskRunner(address=address)
    if workers < 1:
        raise ValueError("workers must be at least 1")
    return DaskTaskRunner(cluster_kwargs={"n_workers": workers, "threads_per_worker": 1,
                                          "processes": True, "dashboard_address": ":0"})


def current_runner():
    """The flow's DaskTaskRunner, or None when the flow runs without Dask."""
    if "prefect_dask.task_runners" not in sys.modules:     # never imported: not on Dask
        return None
    from prefect.context import FlowRunContext
    from prefect_dask import DaskTaskRunner
    runner = getattr(FlowRunContext.get(), "task_runner", None)
    return runner if isinstance(runner, DaskTaskRunner) else None


def process_batch(batch: Sequence[tuple[Item, str | None]]) -> list[Outcome]:
    """Read and extract a batch of documents on a worker (`greffe.ingest.process_one` each)."""
    from .ingest import process_one
    from .nlp import load_nlp
    nlp = load_nlp()
    return [process_one(item, sha, nlp) for item, sha in batch]


def submitted(extract_task, todo: Iterable[tuple[Item, str | None]], *, batch: int = BATCH,
              in_flight: int | None = None) -> Iterator[Outcome]:
    """Submit `todo` to the flow's Dask task runner as `extract_task` runs of `batch` documents
    (call it from the flow, not from inside a task) and yield each outcome in the order of
    `todo`, keeping at most `in_flight` batches submitted and not yet consumed (default: two
    per worker). ClusterError when the cluster cannot be reached or lost a batch: what was
    stored so far stays, the next run does the rest."""
    runner = current_runner()
    if runner is None:
        raise RuntimeError("submitted() needs a flow running with greffe.distributed.task_runner()")
    if in_flight is None:
        in_flight = 2 * max(1, _worker_count(runner))
    pending: deque = deque()
    items = iter(todo)
    try:
        while chunk := list(islice(items, batch)):
            pending.append(extract_task.submit(chunk))
            if len(pending) >= in_flight:
                yield from _outcomes(pending.popleft())
        while pending:
            yield from _outcomes(pending.popleft())
    finally:
        for future in pending:              # the writer stopped early: drop what is left
            future.wrapped_future.cancel()


def _worker_count(runner) -> int:
    where = runner.address or "a local cluster"
    try:
        return len(runner.client.scheduler_info().get("workers", {}))
    except OSError as e:                    # distributed raises OSError when it cannot connect
        raise ClusterError(f"cannot reach the Dask scheduler at {where} ({e}); check that it is "
                           "running (`dask scheduler`) and reachable from this machine") from e


def _outcomes(future) -> list[Outcome]:
    from concurrent.futures import CancelledError
    from distributed import KilledWorker
    from distributed.comm import CommClosedError
    try:
        return future.result()
    except (KilledWorker, CancelledError, CommClosedError) as e:
        raise ClusterError(f"the Dask cluster lost a batch of documents ({type(e).__name__}: {e}); "
                           "the documents stored so far are kept: run greffe ingest again for "
                           "the rest (a worker that dies again on the same files points at them)"
                           ) from e


def on_cluster(flow, paths: list[str], *, address: str | None, workers: int | None, jobs: int = 1,
               quiet: bool = True):
    """`flow` with the Dask task runner of `greffe ingest --dask ADDRESS` / `--workers N`, and the
    paths the workers will read (absolute for a cluster of its own: its workers do not share
    this directory). `quiet`: Dask's own logs only for errors (its workers' start and stop)."""
    if jobs > 1:
        raise ClusterError("--jobs is for worker processes on this machine; with --dask or "
                           "--workers the Dask workers do the work: drop --jobs")
    if not address and (workers or 0) < 1:
        raise ClusterError(f"--workers {workers}: give at least 1 worker process")
    if address:
        paths = [os.path.abspath(p) for p in paths]
    if quiet:      # read by distributed when it is imported, here and in the local workers
        os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "error")
    runner = task_runner(address, workers or 0)
    if quiet:      # distributed was imported already: set the level it did not read
        logging.getLogger("distributed").setLevel(logging.ERROR)
    dask_flow = flow.with_options(task_runner=runner)

    def run(**parameters):
        with shared_prefect_api():
            return dask_flow(**parameters)
    return run, paths


@contextmanager
def shared_prefect_api() -> Iterator[None]:
    """Make the workers report to the flow's Prefect API. With no PREFECT_API_URL, Prefect
    starts a temporary server in each process that needs one: every Dask worker would start its
    own (10 to 40 s each, and the runs scattered over several servers). Instead, start the
    temporary server here and hand its address to the flow and to the workers (in the settings
    Prefect sends with each task, and in the environment of the local workers). It listens on
    127.0.0.1: workers on other machines need a Prefect server of their own to reach."""
    from prefect.settings import PREFECT_API_URL, temporary_settings
    if PREFECT_API_URL.value():
        yield
        return
    from prefect.server.api.server import SubprocessASGIServer
    server = SubprocessASGIServer()
    server.start()                          # stopped when this process exits
    previous = os.environ.get("PREFECT_API_URL")
    os.environ["PREFECT_API_URL"] = server.api_url
    try:
        with temporary_settings(updates={PREFECT_API_URL: server.api_url}):
            yield
    finally:
        if previous is None:
            os.environ.pop("PREFECT_API_URL", None)
        else:
            os.environ["PREFECT_API_URL"] = previous
