"""The limit on extracting one document (`greffe.ingest.EXTRACT_SECONDS`) holds in any thread:
the main thread (SIGALRM), a plain thread and a Dask worker thread (an exception sent by a
timer thread). A runaway extraction comes back as `Refused(..., "extraction-timeout")`, a fast
one is not touched, and no late exception hits the thread once extraction has ended."""
from __future__ import annotations

import threading
import time

import pytest

from greffe import ingest, pipeline
from greffe.pipeline import Extracted, Item, Refused
from test_hostile_inputs import keyword_salad, order_text, xml_decision

LIMIT = 0.5           # seconds instead of 300: every extraction made slow below runs far longer
RUNAWAY = 60.0        # a slow extraction gives up by itself after this (a broken limit fails, not hangs)


def xml_item(numero: str) -> Item:
    """A short open-data order (the one of test_hostile_inputs) as a ZIP member would come."""
    return Item(f"OR{numero}.xml", "xml", xml_decision(numero, "2025-04-01",
                                                       order_text(numero, "1er avril 2025")).encode())


def salad_item() -> Item:
    """The order with 100 000 characters of legal keywords in its reasons: the extractor of
    astreintes runs for minutes on it (tests/test_hostile_inputs.py)."""
    salad = "".join(keyword_salad(i) for i in range(2000))[:100_000]
    body = order_text("2599109", "9 avril 2025").replace(
        "Considérant ce qui suit :", "Considérant ce qui suit :\n" + salad)
    return Item("salad.xml", "xml", xml_decision("2599109", "2025-04-09", body).encode())


def busy(seconds: float) -> int:
    """Pure-Python work (bytecodes, no sleep, no C call) for `seconds`."""
    end, n = time.monotonic() + seconds, 0
    while time.monotonic() < end:
        n += 1
    return n


def slow_extract(doc, nlp):
    busy(RUNAWAY)
    return "extracted"


def stubborn_extract(doc, nlp):
    """An extractor that swallows every Exception and goes on."""
    for _ in range(int(RUNAWAY)):
        try:
            busy(1.0)
        except Exception:       # noqa: BLE001 - what a careless extractor does
            pass
    return "extracted"


def in_thread(fn, *args):
    """`fn(*args)` in a new (non-main) thread: its result, or the exception it raised."""
    box: dict = {}

    def run():
        try:
            box["result"] = fn(*args)
        except BaseException as e:   # noqa: BLE001 - the test wants to see anything that escapes
            box["raised"] = e
    t = threading.Thread(target=run)
    t.start()
    t.join()
    if "raised" in box:
        raise AssertionError(f"the thread raised {box['raised']!r}")
    return box["result"]


def in_main(fn, *args):
    assert threading.current_thread() is threading.main_thread()
    return fn(*args)


@pytest.fixture
def limit(monkeypatch):
    monkeypatch.setattr(ingest, "EXTRACT_SECONDS", LIMIT)


@pytest.mark.parametrize("run", [in_thread, in_main], ids=["thread", "main"])
@pytest.mark.parametrize("extractor", [slow_extract, stubborn_extract], ids=["busy", "swallows-Exception"])
def test_a_runaway_extraction_is_set_aside(run, extractor, limit, monkeypatch):
    monkeypatch.setattr(pipeline, "extract_one", extractor)
    item = xml_item("2599110")
    out = run(ingest.process_one, item, None, None)
    assert isinstance(out, Refused), out
    assert out.reason == "extraction-timeout"
    assert out.item == item and out.sha256          # the ledger gets the document's bytes
    assert "report the file" in out.message


def process_then_work(item: Item, after: float) -> Extracted | Refused:
    """process_one, then more pure-Python work in the same thread for `after` seconds, where
    a late exception of the limit would land."""
    out = ingest.process_one(item, None, None)
    busy(after)
    return out


@pytest.mark.parametrize("run", [in_thread, in_main], ids=["thread", "main"])
def test_a_fast_extraction_is_not_touched_and_nothing_comes_late(run, limit, monkeypatch):
    monkeypatch.setattr(pipeline, "extract_one", lambda doc, nlp: ("decision of", doc.source.sha256))
    item = xml_item("2599111")
    out = run(process_then_work, item, 3 * LIMIT)
    assert isinstance(out, Extracted), out
    assert out.decision == ("decision of", out.sha256)


def test_extractions_that_end_at_the_deadline_leave_nothing_behind(monkeypatch):
    """The race: the timer fires just as extraction ends. Whichever wins, the document comes
    back whole (Extracted) or set aside (Refused), and the thread's next work runs undisturbed."""
    monkeypatch.setattr(ingest, "EXTRACT_SECONDS", 0.02)
    monkeypatch.setattr(pipeline, "extract_one", lambda doc, nlp: busy(0.02))
    item = xml_item("2599112")

    def many():
        return [type(process_then_work(item, 0.03)) for _ in range(30)]
    kinds = in_thread(many)
    assert set(kinds) <= {Extracted, Refused}


@pytest.mark.slow
def test_the_keyword_salad_is_stopped_in_a_thread(nlp, monkeypatch):
    """No mock: the real extractors on the hostile text, in a thread, with a 2 s limit."""
    monkeypatch.setattr(ingest, "EXTRACT_SECONDS", 2.0)
    in_thread(ingest.process_one, xml_item("2599113"), None, nlp)    # spaCy loaded, not timed
    out = in_thread(ingest.process_one, salad_item(), None, nlp)
    assert isinstance(out, Refused) and out.reason == "extraction-timeout", out
    after = in_thread(ingest.process_one, xml_item("2599114"), None, nlp)
    assert isinstance(after, Extracted), after
    assert "2599114" in after.decision.case_numbers


@pytest.mark.slow
def test_the_keyword_salad_is_stopped_on_a_dask_worker(monkeypatch):
    """A real Dask worker (a thread of this process, so that the limit can be set to 2 s) runs
    `greffe.distributed.process_batch`, the function of `greffe ingest --workers/--dask`, on the
    hostile order and on a good one after it: the first is set aside, the worker goes on."""
    distributed = pytest.importorskip("distributed")
    from greffe.distributed import process_batch
    monkeypatch.setattr(ingest, "EXTRACT_SECONDS", 2.0)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  dashboard_address=":0") as cluster, distributed.Client(cluster) as client:
        assert client.submit(lambda: threading.current_thread() is threading.main_thread()).result() is False
        client.submit(process_batch, [(xml_item("2599115"), None)]).result()   # spaCy loaded
        outs = client.submit(process_batch, [(salad_item(), None), (xml_item("2599116"), None)]).result()
    assert [type(o) for o in outs] == [Refused, Extracted], outs
    assert outs[0].reason == "extraction-timeout"
    assert "2599116" in outs[1].decision.case_numbers
