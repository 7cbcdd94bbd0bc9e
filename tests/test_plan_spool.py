"""A run's plan (to do, already done) is kept on disk, not in the writer's memory
(greffe.pipeline.Spool): its entries come back whole and in order, and planning thousands of
files leaves nothing of them in memory."""
from __future__ import annotations

import gc

import pytest

from extractors import EXTRACTOR_VERSION
from greffe import ingest
from greffe.errors import UnreadableDocument
from greffe.pipeline import Item, Spool


def test_a_spool_gives_back_its_entries_whole_and_in_order():
    refused = UnreadableDocument("xml-malformed", "a.zip!b.xml: not well-formed XML (line 3)")
    entries = [(Item("/in/a.pdf", "pdf"), "ab" * 32),
               (Item("b.xml", "xml", error=refused, archive="/in/a.zip"), None),
               (Item("c.xml", "xml", archive="/in/a.zip"), "cd" * 32)]
    spool = Spool(entries)
    assert len(spool) == 3 and spool
    back = list(spool)
    assert [(item.path, item.kind, item.archive, sha) for item, sha in back] == \
        [(item.path, item.kind, item.archive, sha) for item, sha in entries]
    error = back[1][0].error
    assert isinstance(error, UnreadableDocument)
    assert (error.reason, str(error)) == ("xml-malformed", "a.zip!b.xml: not well-formed XML (line 3)")
    assert [i.path for i, _ in spool] == ["/in/a.pdf", "b.xml", "c.xml"]     # read again: the same
    spool.append((Item("/in/d.pdf", "pdf"), "ef" * 32))                     # after a reading: at the end
    assert [i.path for i, _ in spool] == ["/in/a.pdf", "b.xml", "c.xml", "/in/d.pdf"]
    assert not Spool() and list(Spool()) == []


def test_a_spool_refuses_an_append_or_a_second_reading_while_it_is_read():
    spool = Spool([(Item("/in/a.pdf", "pdf"), None), (Item("/in/b.pdf", "pdf"), None)])
    reading = iter(spool)
    next(reading)
    with pytest.raises(RuntimeError, match="append while"):
        spool.append((Item("/in/c.pdf", "pdf"), None))
    with pytest.raises(RuntimeError, match="twice at once"):
        next(iter(spool))
    assert [i.path for i, _ in reading] == ["/in/b.pdf"]
    spool.append((Item("/in/c.pdf", "pdf"), None))                           # done reading: allowed
    assert len(spool) == 3


def test_planning_thousands_of_files_keeps_none_of_them_in_memory(tmp_path):
    inbox = tmp_path / "in"
    inbox.mkdir()
    n = 4000
    for i in range(n):
        (inbox / f"decision_{i:05d}_with_a_name_as_long_as_the_open_data_ones.xml").write_text(f"<x>{i}</x>")
    def items_alive() -> int:
        gc.collect()
        return sum(1 for o in gc.get_objects() if isinstance(o, Item))
    with ingest.open_writer(tmp_path / "g.duckdb") as con:
        before = items_alive()                    # an earlier test's, if any
        todo, done = ingest.plan([str(inbox)], con, EXTRACTOR_VERSION)
        held = items_alive() - before
        assert (len(todo), len(done)) == (n, 0)
        assert held == 0, f"{held} planned items are held in memory"     # lists: all 4 000
        first = next(iter(todo))
        assert first[0].path.endswith("decision_00000_with_a_name_as_long_as_the_open_data_ones.xml")


def test_a_plan_that_cannot_be_kept_on_disk_stops_the_run_with_what_to_do(tmp_path, monkeypatch):
    import tempfile

    from greffe.errors import SpoolFailed
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.xml").write_text("<x/>")
    not_a_folder = tmp_path / "tmp-is-a-file"
    not_a_folder.write_text("")
    with ingest.open_writer(tmp_path / "g.duckdb") as con:
        monkeypatch.setattr(tempfile, "tempdir", str(not_a_folder))    # TMPDIR, as the OS sees it
        with pytest.raises(SpoolFailed) as failed:
            ingest.plan([str(tmp_path / "in")], con, EXTRACTOR_VERSION)
    assert str(not_a_folder) in str(failed.value) and "TMPDIR" in str(failed.value)
