"""Loading in batches (greffe.db.load_many, greffe.ingest.store) writes exactly what loading one
decision per transaction writes; a batch that fails on one decision still loads the others and
sets the bad one aside; the ledger questions of a run are asked once per chunk of files
(db.seen_many, db.record_skips) with the same answers as one file at a time."""
from __future__ import annotations

import dataclasses

import duckdb
import pytest

from extractors import EXTRACTOR_VERSION
from greffe import db, ingest, pipeline
from greffe.nlp import LazyNLP
from test_db import as_record, caa_paris, ce, counts, page_map, shown_record, ta_cergy, ta_grenoble
from test_ledger import write_xml

V = "0.1.0"


def xml_inbox(tmp_path, first: int, n: int):
    """n open-data orders 25{first}00, 25{first}01, ... of the 1st, 2nd ... of July 2025."""
    inbox = tmp_path / "in"
    for i in range(n):
        numero = f"25{first}{i:02d}"
        write_xml(inbox, f"{numero}.xml", numero, f"2025-07-{i + 1:02d}", f"{i + 1} juillet 2025")
    return inbox


def fresh(tmp_path, name: str):
    return db.connect(tmp_path / f"{name}.duckdb")


def tables(con) -> dict:
    """Every row of every table of a decision, without the load times."""
    out = {}
    for table in ("decisions", "sources", "ledger", *db.CHILD_TABLES):
        cols = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()
                if r[0] not in ("loaded_at", "seen_at")]
        out[table] = sorted(map(repr, con.execute(f"SELECT {', '.join(cols)} FROM {table}").fetchall()))
    return out


@pytest.mark.parametrize("batch", [
    # four new decisions of four courts: the one-INSERT-per-table path
    [ta_grenoble(), ta_cergy(), ce(), caa_paris()],
    # the XML and the PDF of the Grenoble order in one batch: one decision, two sources
    [ta_grenoble(fmt="xml"), ta_cergy(), ta_grenoble(fmt="pdf", pages=2)],
    # one decision alone
    [ce()],
])
def test_a_batch_writes_what_one_by_one_writes(tmp_path, batch):
    one, many = fresh(tmp_path, "one"), fresh(tmp_path, "many")
    for d in batch:
        db.load(one, d, None, V)
    db.load_many(many, [(d, None) for d in batch], V)
    assert tables(many) == tables(one)
    for d in batch:
        assert shown_record(many, d.id) == shown_record(one, d.id)


def test_a_batch_with_a_pdf_keeps_its_pages_and_boxes(tmp_path):
    pdf = ta_grenoble(fmt="pdf", pages=2)
    tm = page_map(pdf.text, "O R D O N N E")
    one, many = fresh(tmp_path, "one"), fresh(tmp_path, "many")
    db.load(one, pdf, tm, V)
    db.load(one, ce(), None, V)
    db.load_many(many, [(pdf, tm), (ce(), None)], V)
    assert tables(many) == tables(one)
    assert counts(many)["pages"] == 2


def test_a_batch_over_a_known_decision_replaces_it_like_load(tmp_path):
    one, many = fresh(tmp_path, "one"), fresh(tmp_path, "many")
    for con in (one, many):
        db.load(con, ta_grenoble(), None, V)
    again = ta_grenoble(formation=None)                 # a new extractor reads it again
    db.load(one, again, None, "0.2.0")
    db.load(one, ta_cergy(), None, "0.2.0")
    db.load_many(many, [(again, None), (ta_cergy(), None)], "0.2.0")
    assert tables(many) == tables(one)
    assert shown_record(many, ta_cergy().id) == as_record(ta_cergy())


def test_a_failed_batch_leaves_nothing_and_store_loads_the_others(tmp_path):
    con = fresh(tmp_path, "g")
    bad = dataclasses.replace(ta_cergy(), outcomes=("gagné",))       # outside the vocabulary
    with pytest.raises(duckdb.ConstraintException):
        db.load_many(con, [(ta_grenoble(), None), (bad, None), (ce(), None)], V)
    assert all(n == 0 for n in counts(con).values()), counts(con)
    # the same three through store: a batch of 1 (Grenoble), then a batch of 2 that fails on
    # Cergy and is written again one by one
    outs = [ingest.Extracted(ingest.Item(f"/in/{d.id}.xml", "xml"), d.source.sha256, d, None)
            for d in (ta_grenoble(), bad, ce())]
    summary = ingest.RunSummary()
    ingest.store(con, outs, summary, V)
    assert summary.loaded == 2
    assert [(p, r) for p, r, _ in summary.quarantined] == [(f"/in/{bad.id}.xml", "load-refused")]
    assert {r[0] for r in con.execute("SELECT id FROM decisions").fetchall()} == {ta_grenoble().id, ce().id}
    assert con.execute("SELECT outcome FROM ledger WHERE sha256 = ?", [bad.source.sha256]).fetchall() \
        == [("quarantined",)]


@pytest.mark.parametrize("outcome, reason, include_quarantined, expected", [
    ("loaded", None, True, True),
    ("quarantined", "encrypted", True, True),
    ("quarantined", "encrypted", False, False),
    ("retriable", "io-error", True, False),            # the next run tries it again
    ("skipped", "already-seen", True, False),          # points to another row
    ("skipped", "duplicate", True, False),             # written before its twin is loaded
    ("skipped", "older-version", True, True),          # a verdict on the content itself
])
def test_seen_many_answers_like_seen(tmp_path, outcome, reason, include_quarantined, expected):
    con = fresh(tmp_path, "g")
    sha = "ab" * 32
    con.execute("INSERT INTO ledger VALUES (?, '/in/a.pdf', ?, ?, ?, NULL, ?, now())",
                [sha, V, outcome, reason, "X" if outcome == "loaded" else None])
    assert db.seen(con, sha, V, include_quarantined=include_quarantined) is expected
    found = db.seen_many(con, [sha, "cd" * 32], V, include_quarantined=include_quarantined)
    assert (sha in found) is expected
    assert db.seen_many(con, [sha], "0.2.0") == set()          # another extractor version


def test_a_rerun_records_one_skip_per_file_and_copies_as_duplicates(tmp_path):
    inbox = xml_inbox(tmp_path, 996, 3)
    (inbox / "copy.xml").write_bytes((inbox / "2599600.xml").read_bytes())
    con = db.connect(tmp_path / "g.duckdb")
    todo, done = ingest.plan([str(inbox)], con, EXTRACTOR_VERSION)
    assert len(todo) == 3 and [i.path for i, _ in done] == [str(inbox / "copy.xml")]
    summary = ingest.RunSummary()
    ingest.skip(con, done, summary, EXTRACTOR_VERSION)
    ingest.store(con, ingest.process_all(todo), summary, EXTRACTOR_VERSION)
    assert summary.loaded == 3 and summary.skipped == 1
    assert con.execute("SELECT reason FROM ledger WHERE path = ?", [str(inbox / "copy.xml")]).fetchall() \
        == [("duplicate",)]
    todo, done = ingest.plan([str(inbox)], con, EXTRACTOR_VERSION)          # the re-run
    assert list(todo) == [] and len(done) == 4
    again = ingest.RunSummary()
    ingest.skip(con, done, again, EXTRACTOR_VERSION)
    assert again.skipped == 4
    assert con.execute("SELECT outcome, count(*) FROM ledger GROUP BY ALL ORDER BY 1").fetchall() \
        == [("loaded", 3), ("skipped", 1)]                                # a skip never hides 'loaded'


@pytest.mark.slow
def test_two_workers_give_the_outcomes_in_order(tmp_path):
    inbox = xml_inbox(tmp_path, 997, 13)          # 13: tasks of 4 documents, the last one of 1
    con = db.connect(tmp_path / "g.duckdb")
    todo, _ = ingest.plan([str(inbox)], con, EXTRACTOR_VERSION)
    assert len(todo) == 13
    outs = list(ingest.process_all(todo, jobs=2))
    assert [o.item.path for o in outs] == [i.path for i, _ in todo]
    assert all(isinstance(o, ingest.Extracted) for o in outs)



@pytest.mark.slow
def test_the_workers_of_a_run_start_before_its_plan_and_stop_with_it(tmp_path):
    """pipeline.worker_pool starts the workers at once (they are copies of the writer as it is
    before the plan, not after: bench figure 4), and process_all on them gives what it gives
    on workers of its own."""
    import multiprocessing
    inbox = xml_inbox(tmp_path, 1200, 6)
    con = db.connect(tmp_path / "g.duckdb")
    before = set(multiprocessing.active_children())
    with pipeline.worker_pool(2) as pool:
        started = set(multiprocessing.active_children()) - before
        assert len(started) == 2 and all(p.is_alive() for p in started)      # before any work
        todo, _ = ingest.plan([str(inbox)], con, EXTRACTOR_VERSION)
        outs = list(ingest.process_all(todo, jobs=2, pool=pool))
    assert not any(p.is_alive() for p in started)                            # stopped at the end
    assert [o.item.path for o in outs] == [i.path for i, _ in todo]
    own = list(ingest.process_all(todo, jobs=2))
    assert [o.decision for o in outs] == [o.decision for o in own]
    with pipeline.worker_pool(1) as pool:
        assert pool is None and set(multiprocessing.active_children()) == before   # extracts here

def test_lazy_nlp_loads_spacy_only_when_called(nlp):
    lazy = LazyNLP()
    doc = lazy("Fait à Grenoble, Julien Morel et Sandrine Roux.")
    assert [t.text for t in doc][:3] == ["Fait", "à", "Grenoble"]
    assert lazy.pipe_names == nlp.pipe_names
