"""Idempotent and exactly once, through greffe.ingest (plan, skip, process_all, store): the
ledger records every document seen (hash, path, outcome, reason, extractor version, time); the
same bytes under two names are one document with two paths; a new version of a decision is
kept beside the first; a new extractor version re-extracts; a load that fails (disk full, an
I/O error) leaves nothing behind, is marked retriable and loads on the next run; quarantined
documents are tried again on request. Open-data XML written here keeps these tests fast."""
from __future__ import annotations

import datetime as dt
import hashlib
import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pytest

from extractors import EXTRACTOR_VERSION
from greffe import db, ingest
from greffe.errors import UnreadableDocument
from greffe.db import CHILD_TABLES
from test_hostile_inputs import order_text, xml_decision

V1, V2 = EXTRACTOR_VERSION, EXTRACTOR_VERSION + "+next"


def write_xml(folder: Path, name: str, numero: str, date: str, day: str, extra: str = "") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    p = folder / name
    p.write_text(xml_decision(numero, date, order_text(numero, day) + extra))
    return p


def run(con, paths, version: str = V1, **kw) -> ingest.RunSummary:
    todo, done = ingest.plan([str(p) for p in paths], con, version, **kw)
    summary = ingest.RunSummary(seen=len(todo) + len(done))
    ingest.skip(con, done, summary, version)
    ingest.store(con, ingest.process_all(todo), summary, version)
    return summary


def ledger(con) -> list[tuple]:
    return con.execute("SELECT path, outcome, reason, decision_id, extractor_version FROM ledger "
                       "ORDER BY path, extractor_version").fetchall()


def count(con, table: str) -> int:
    return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


@pytest.fixture
def con(tmp_path):
    c = ingest.open_writer(tmp_path / "g.duckdb")
    yield c
    c.close()


@pytest.fixture
def inbox(tmp_path) -> Path:
    write_xml(tmp_path / "in", "a.xml", "2599201", "2025-05-02", "2 mai 2025")
    write_xml(tmp_path / "in", "b.xml", "2599202", "2025-05-05", "5 mai 2025")
    return tmp_path / "in"


def test_the_ledger_records_hash_path_outcome_version_and_time(con, inbox):
    before = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    summary = run(con, [inbox])
    assert (summary.seen, summary.loaded) == (2, 2)
    rows = con.execute("SELECT sha256, path, outcome, reason, extractor_version, seen_at FROM ledger "
                       "ORDER BY path").fetchall()
    assert [(r[1], r[2], r[3], r[4]) for r in rows] == [
        (str(inbox / "a.xml"), "loaded", None, V1), (str(inbox / "b.xml"), "loaded", None, V1)]
    assert [r[0] for r in rows] == [hashlib.sha256((inbox / n).read_bytes()).hexdigest()
                                    for n in ("a.xml", "b.xml")]
    assert all(r[5] >= before - dt.timedelta(seconds=5) for r in rows)


def test_a_second_run_skips_everything_and_changes_nothing(con, inbox):
    run(con, [inbox])
    loaded_at = con.execute("SELECT list(loaded_at ORDER BY id) FROM decisions").fetchone()[0]
    again = run(con, [inbox])
    assert (again.seen, again.loaded, again.skipped) == (2, 0, 2)
    assert count(con, "decisions") == 2 and count(con, "sources") == 2 and count(con, "ledger") == 2
    assert con.execute("SELECT list(loaded_at ORDER BY id) FROM decisions").fetchone()[0] == loaded_at


def test_the_same_bytes_under_two_names_are_one_document_with_two_paths(con, inbox, tmp_path):
    copy = tmp_path / "elsewhere" / "a-copy.xml"
    copy.parent.mkdir()
    copy.write_bytes((inbox / "a.xml").read_bytes())
    summary = run(con, [inbox, copy])                   # both in one run: read once
    assert (summary.loaded, summary.skipped) == (2, 1)
    later = tmp_path / "later" / "a-third.xml"          # and again in a later run
    later.parent.mkdir()
    later.write_bytes(copy.read_bytes())
    assert run(con, [later]).skipped == 1
    assert count(con, "decisions") == 2 and count(con, "sources") == 2
    sha = con.execute("SELECT sha256 FROM ledger WHERE path = ?", [str(inbox / "a.xml")]).fetchone()[0]
    rows = con.execute("SELECT path, outcome, reason FROM ledger WHERE sha256 = ? ORDER BY path", [sha]).fetchall()
    assert rows == [(str(copy), "skipped", "duplicate"), (str(inbox / "a.xml"), "loaded", None),
                    (str(later), "skipped", "already-seen")]


def test_a_duplicate_recorded_before_its_twin_loaded_does_not_hide_the_twin(con, inbox, tmp_path):
    # a run killed after `skip` wrote the duplicate's row and before the twin was loaded
    copy = tmp_path / "a-copy.xml"
    copy.write_bytes((inbox / "a.xml").read_bytes())
    todo, done = ingest.plan([str(inbox), str(copy)], con, V1)
    ingest.skip(con, done, ingest.RunSummary(), V1)     # ... and the run dies here
    summary = run(con, [inbox, copy])
    assert summary.loaded == 2
    assert con.execute("SELECT outcome FROM ledger WHERE path = ?", [str(inbox / "a.xml")]).fetchone()[0] == "loaded"


def test_a_new_version_of_a_decision_is_kept_as_a_second_source_of_the_same_decision(con, inbox):
    run(con, [inbox])
    first = con.execute("SELECT text_sha256 FROM decisions WHERE id = 'TA69_2599201_20250502'").fetchone()[0]
    corrected = write_xml(inbox.parent / "v2", "a.xml", "2599201", "2025-05-02", "2 mai 2025",
                          extra="\nErratum : le nom du requérant est M. B. A.")
    summary = run(con, [corrected])
    assert summary.loaded == 1
    assert count(con, "decisions") == 2
    shas = con.execute("SELECT list(sha256) FROM sources WHERE decision_id = 'TA69_2599201_20250502'"
                       ).fetchone()[0]
    assert len(shas) == 2 and first in shas                     # both versions are sources
    text, text_sha = con.execute("SELECT text, text_sha256 FROM decisions "
                                 "WHERE id = 'TA69_2599201_20250502'").fetchone()
    assert "Erratum" in text and text_sha != first               # the text is the newest version
    paths = con.execute("SELECT list(path ORDER BY path) FROM ledger WHERE decision_id = "
                        "'TA69_2599201_20250502'").fetchone()[0]
    assert paths == [str(inbox / "a.xml"), str(corrected)]


def test_a_new_extractor_version_re_extracts_and_an_equal_one_skips(con, inbox):
    run(con, [inbox], V1)
    summary = run(con, [inbox], V2)
    assert summary.loaded == 2 and summary.skipped == 0
    assert con.execute("SELECT list(DISTINCT extractor_version) FROM decisions").fetchone()[0] == [V2]
    assert count(con, "decisions") == 2 and count(con, "sources") == 2
    assert [r[4] for r in ledger(con)] == [V1, V2, V1, V2]
    assert run(con, [inbox], V2).skipped == 2


# ------------------------------------------------------------------ a load that fails

@pytest.mark.parametrize("error, outcome, reason", [
    (duckdb.IOException("Could not write file: No space left on device"), "retriable", "write-failed"),
    (OSError(28, "No space left on device"), "retriable", "write-failed"),
    (duckdb.ConstraintException("CHECK constraint failed: parties"), "quarantined", "load-refused"),
])
def test_a_load_that_fails_leaves_nothing_and_the_run_goes_on(con, inbox, monkeypatch, error, outcome, reason):
    real = db._insert_children

    def fail_on_b(c, d, tm):
        real(c, d, tm)                               # the decision's rows are written ... then
        if d.id == "TA69_2599202_20250505":
            raise error
    monkeypatch.setattr(db, "_insert_children", fail_on_b)
    summary = run(con, [inbox])
    assert summary.loaded == 1
    assert count(con, "decisions") == 1 and count(con, "sources") == 1
    for table in ("case_numbers", "parties", "injunctions", "deadlines", "zones"):
        assert con.execute(f"SELECT count(*) FROM {table} WHERE decision_id = 'TA69_2599202_20250505'"
                           ).fetchone()[0] == 0, table
    state, why, message = con.execute("SELECT outcome, reason, message FROM ledger WHERE path = ?",
                                      [str(inbox / "b.xml")]).fetchone()
    assert (state, why) == (outcome, reason)
    assert str(inbox / "b.xml") in message and ("next run" in message or "report it" in message)
    monkeypatch.undo()
    after = run(con, [inbox])
    assert after.loaded == (1 if outcome == "retriable" else 0)   # retriable: loaded by the next run
    if outcome == "retriable":
        assert count(con, "decisions") == 2 and db.status(con)["retriable"] == []


def test_when_not_even_the_ledger_can_be_written_the_run_stops_with_what_to_do(con, inbox, monkeypatch):
    def no_space(*a, **k):
        raise duckdb.IOException("Could not write file: No space left on device")
    monkeypatch.setattr(db, "load", no_space)
    monkeypatch.setattr(db, "record_retriable", no_space)
    with pytest.raises(ingest.WriteFailed, match="free disk space"):
        run(con, [inbox])
    monkeypatch.undo()
    assert count(con, "decisions") == 0 and count(con, "ledger") == 0
    assert run(con, [inbox]).loaded == 2


def test_an_extractor_that_crashes_sets_the_document_aside_and_the_run_goes_on(con, inbox, monkeypatch):
    import greffe.pipeline as pipeline
    real = pipeline.extract_one

    def crash_on_a(doc, nlp):
        if doc.source.path.endswith("a.xml"):
            raise IndexError("list index out of range")
        return real(doc, nlp)
    monkeypatch.setattr(pipeline, "extract_one", crash_on_a)
    summary = run(con, [inbox])
    assert summary.loaded == 1
    [(path, reason, message)] = summary.quarantined
    assert reason == "extractor-failed" and "IndexError" in message and "report it" in message
    monkeypatch.undo()
    assert run(con, [inbox], V2).loaded == 2                   # a fixed extractor reads it again


# ------------------------------------------------------------------ retry the quarantined

def test_retry_quarantined_tries_them_again(con, inbox, monkeypatch):
    import greffe.opendata as opendata
    real = opendata.read_xml

    def overloaded(data, path):
        if path.endswith("b.xml"):
            raise UnreadableDocument("timeout", f"{path}: parsing took too long and was stopped")
        return real(data, path)
    monkeypatch.setattr(opendata, "read_xml", overloaded)
    assert [r for _, r, _ in run(con, [inbox]).quarantined] == ["timeout"]
    monkeypatch.undo()
    again = run(con, [inbox])                                  # a plain run leaves it aside
    assert again.loaded == 0 and again.skipped == 2
    assert [(q["path"], q["reason"]) for q in db.status(con)["quarantine"]] == [(str(inbox / "b.xml"), "timeout")]
    retried = run(con, [inbox], retry_quarantined=True)
    assert retried.loaded == 1 and retried.skipped == 1
    st = db.status(con)
    assert st["quarantine"] == [] and st["quarantined"] == 0 and st["decisions"] == 2


# A real write error: the ingestion runs with a file-size limit (RLIMIT_FSIZE, SIGXFSZ ignored),
# so that DuckDB's writes beyond it fail with EFBIG, as on a full disk.
FULL_DISK = textwrap.dedent("""
    import os, resource, signal, sys
    from greffe import ingest
    from extractors import EXTRACTOR_VERSION as V
    base, inbox, limit = sys.argv[1], sys.argv[2], int(sys.argv[3])
    con = ingest.open_writer(base)
    con.execute("CHECKPOINT")
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    summary = ingest.RunSummary()
    todo, done = ingest.plan([inbox], con, V)
    try:
        ingest.store(con, ingest.process_all(todo), summary, V)
    except ingest.WriteFailed as e:
        print("stopped:", e)
    print("loaded", summary.loaded)
    for path, reason, message in summary.retriable + summary.quarantined:
        print("set aside:", reason, message)
""")


@pytest.mark.slow
def test_a_real_write_error_leaves_nothing_partial_and_the_next_run_loads_the_rest(tmp_path):
    inbox = tmp_path / "in"
    for i in range(4):
        n = f"25994{i:02d}"
        write_xml(inbox, f"{n}.xml", n, f"2025-07-0{i + 1}", f"{i + 1} juillet 2025")
    base = tmp_path / "g.duckdb"
    proc = subprocess.run([sys.executable, "-c", FULL_DISK, str(base), str(inbox), "10000"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = proc.stdout
    assert "stopped:" in out or "set aside: write-failed" in out, out
    assert "load-refused" not in out and ("free disk space" in out)
    with ingest.open_writer(base) as con:
        loaded = count(con, "decisions")
        assert loaded < 4
        for table in CHILD_TABLES:
            assert con.execute(f"SELECT count(*) FROM {table} t WHERE NOT EXISTS "
                               "(SELECT 1 FROM decisions d WHERE d.id = t.decision_id)").fetchone()[0] == 0, table
        assert con.execute("SELECT count(*) FROM ledger WHERE outcome = 'loaded'").fetchone()[0] == loaded
        summary = run(con, [inbox])                       # room again: the rest loads
        assert summary.loaded == 4 - loaded
        assert count(con, "decisions") == 4 and count(con, "case_numbers") == 4
        assert db.status(con)["retriable"] == [] and db.status(con)["quarantine"] == []
