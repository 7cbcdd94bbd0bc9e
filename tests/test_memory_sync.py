"""The text index is kept in step a page of the base at a time (greffe.searchindex.docs), with a
commit every _COMMIT decisions: the memory of a sync does not grow with the base (bench figure
4). A sync by pages of 2 rows indexes what a sync in one page does, never asks DuckDB for more
than a page, and a run killed between two commits is repaired by the next one."""
from __future__ import annotations

import logging
import textwrap
from pathlib import Path

import pytest

from factories import kill_when_it_says
from greffe import db, searchindex
from greffe.textindex import TextIndex
from test_db import C, E, G, P, VERSION, caa_paris, ce, ids, ta_cergy, ta_grenoble

C2 = "TA95_2403399_20240313"


def five():
    return (ta_grenoble(), ta_cergy(), ce(), caa_paris(),
            ta_cergy(id=C2, numbers=("2403399",), date="2024-03-13", path="/in/other.xml"))


def _loaded(path: Path):
    con = db.connect(path)
    for d in five():
        db.load(con, d, None, VERSION)
    return con


def _held(con) -> set[str]:
    """The ids text_index records, after checking that none of them is stale."""
    assert db.run(con, "index_stale", first_row=None, end_row=None).fetchall() == []
    return {r[0] for r in con.execute("SELECT decision_id FROM text_index").fetchall()}


@pytest.fixture
def asked(monkeypatch) -> list[tuple[str, dict]]:
    """Every (SQL file, parameters) run through greffe.db.run from now on, in order."""
    calls: list[tuple[str, dict]] = []
    run = db.run

    def spy(con, name, /, **params):
        calls.append((name, params))
        return run(con, name, **params)
    monkeypatch.setattr(searchindex.db, "run", spy)
    return calls


def _pages(asked) -> list[int]:
    """The first rowid of each page index_stale was asked for."""
    return [p["first_row"] for name, p in asked if name == "index_stale"]


@pytest.mark.parametrize("query, expected", [
    ("préfet", {G, P}),                 # « préfet de l'Isère », « préfet de police »
    ("anef", {C, C2}),
    ('"pas lieu de statuer"', {E}),       # a phrase
])
def test_a_sync_by_pages_of_two_indexes_what_one_page_does(tmp_path, monkeypatch, asked, query, expected):
    whole = _loaded(tmp_path / "whole.duckdb")
    assert db.sync_index(whole) == {"added": 5, "deleted": 0, "rebuilt": 0}

    asked.clear()
    commits = []
    commit = TextIndex.commit

    def counted(self):
        commits.append(len(self))
        commit(self)
    monkeypatch.setattr(searchindex, "_BATCH", 2)
    monkeypatch.setattr(searchindex, "_COMMIT", 3)
    monkeypatch.setattr(TextIndex, "commit", counted)
    paged = _loaded(tmp_path / "paged.duckdb")
    assert db.sync_index(paged) == {"added": 5, "deleted": 0, "rebuilt": 0}

    stale = [p for name, p in asked if name == "index_stale"]
    assert len(stale) >= 3 and all(p["end_row"] - p["first_row"] == 2 for p in stale)
    assert all(len(p["ids"]) <= 2 for name, p in asked if name == "index_texts")
    assert commits == [0]               # one commit after 3 decisions, then the closing one
    assert _held(paged) == _held(whole) == {G, C, C2, E, P}
    assert ids(db.search(paged, query)) == ids(db.search(whole, query)) == expected
    assert db.sync_index(paged) == {"added": 0, "deleted": 0, "rebuilt": 0}
    whole.close()
    paged.close()


def test_a_sync_reads_only_the_pages_that_hold_a_new_or_changed_decision(tmp_path, monkeypatch, asked):
    monkeypatch.setattr(searchindex, "_BATCH", 2)
    con = _loaded(tmp_path / "g.duckdb")                    # rowids 0-4: pages 0, 2 and 4
    assert db.sync_index(con)["added"] == 5 and _pages(asked) == [0, 2, 4]
    asked.clear()
    assert db.sync_index(con) == {"added": 0, "deleted": 0, "rebuilt": 0} and _pages(asked) == []

    new = ce(id="CE_500001_20220110", numbers=("500001",), date="2022-01-10", path="/in/ce2.xml")
    db.load(con, new, None, VERSION)                        # rowid 5: page 4
    assert db.sync_index(con)["added"] == 1 and _pages(asked) == [4]
    asked.clear()

    # a PDF of a decision without its type, then its open data, which fills the type in (an
    # UPDATE of its row, sql/fill_decision.sql): its page is read again and it is indexed anew
    c3 = dict(id="TA95_2403400_20240314", numbers=("2403400",), date="2024-03-14")
    db.load(con, ta_cergy(**c3, decision_type=None, fmt="pdf", path="/in/c3.pdf"), None, VERSION)
    assert db.sync_index(con)["added"] == 1 and _pages(asked) == [6]
    assert c3["id"] not in ids(db.search(con, None, decision_type="ordonnance", limit=10))
    asked.clear()
    db.load(con, ta_cergy(**c3, path="/in/c3.xml"), None, VERSION)
    assert db.sync_index(con)["added"] == 1 and _pages(asked) == [6]
    assert c3["id"] in ids(db.search(con, None, decision_type="ordonnance", limit=10))
    con.close()


def test_a_base_indexed_before_row_fingerprints_is_indexed_once_again(tmp_path):
    path = tmp_path / "g.duckdb"
    con = _loaded(path)
    db.sync_index(con)
    con.execute("ALTER TABLE text_index DROP COLUMN row_fingerprint")   # as an older greffe made it
    con.execute("DELETE FROM ddl_applied")
    con.close()
    con = db.connect(path)                                  # the DDL adds the column back, empty
    assert con.execute("SELECT count(*) FROM text_index WHERE row_fingerprint IS NULL").fetchone() == (5,)
    assert db.sync_index(con) == {"added": 5, "deleted": 0, "rebuilt": 0}
    assert db.sync_index(con) == {"added": 0, "deleted": 0, "rebuilt": 0}
    assert ids(db.search(con, "anef")) == {C, C2}
    con.close()


# A run whose sync, by pages of 2 decisions and a commit every 2, is killed at its second commit
# (`commit`: 2 decisions committed and recorded, 2 more added but not committed) or after it,
# before its record (`record`: the index holds 4, text_index 2).
KILLED_BETWEEN_COMMITS = textwrap.dedent("""
    import sys, time
    from greffe import db, searchindex, textindex
    from test_memory_sync import VERSION, five
    con = db.connect(sys.argv[1])
    for d in five():
        db.load(con, d, None, VERSION)
    searchindex._BATCH, searchindex._COMMIT = 2, 2
    calls = []
    def stop(*args):
        calls.append(1)
        if len(calls) == 2:
            print("between two commits", flush=True)
            time.sleep(600)
        return original(*args)
    if sys.argv[2] == "commit":
        original = textindex.TextIndex.commit
        textindex.TextIndex.commit = stop
    else:
        original = searchindex._record
        searchindex._record = stop
    db.sync_index(con)
""")


@pytest.mark.slow
@pytest.mark.parametrize("where, held, repair", [
    ("commit", 2, {"added": 3, "deleted": 0, "rebuilt": 0}),   # the 3 not committed are added
    ("record", 2, {"added": 5, "deleted": 0, "rebuilt": 1}),   # index ahead of its record: rebuilt
])
def test_a_sync_killed_between_two_commits_is_repaired_by_the_next(tmp_path, where, held, repair):
    path = tmp_path / "greffe.duckdb"
    kill_when_it_says(KILLED_BETWEEN_COMMITS, [str(path), where], "between two commits")
    con = db.connect(path)
    assert con.execute("SELECT count(*) FROM text_index").fetchone()[0] == held
    assert db.sync_index(con) == repair
    assert ids(db.search(con, "anef")) == {C, C2}
    assert ids(db.search(con, "préfet")) == {G, P}
    assert ids(db.search(con, None, limit=10)) == {G, C, C2, E, P}
    assert db.sync_index(con) == {"added": 0, "deleted": 0, "rebuilt": 0}
    con.close()


# ---------------------------------------------------------------- the writer's memory bound

def test_the_writer_is_bounded(tmp_path):
    from greffe import ingest
    with ingest.open_writer(tmp_path / "g.duckdb") as con:
        assert con.execute("SELECT getvariable('greffe_writer_mb')").fetchone()[0] == db.WRITER_MEMORY_MB
        mib = db.WRITER_MEMORY_MB * 1000 ** 2 / 1024 ** 2
        assert con.execute("SELECT current_setting('memory_limit')").fetchone()[0] == f"{mib:.1f} MiB"
        assert con.execute("SELECT current_setting('threads')").fetchone()[0] == db.WRITER_THREADS
        assert con.execute("SELECT current_setting('checkpoint_threshold')").fetchone()[0].startswith("953.6 MiB")


def test_a_new_base_has_small_blocks_and_an_older_one_keeps_its_own(tmp_path, monkeypatch):
    """A base is created with BLOCK_SIZE blocks, and its writer bounded to WRITER_MEMORY_MB; a
    base created with DuckDB's 256 KB blocks (before session 9) keeps them, and its writer gets
    the bound it needs, WRITER_MEMORY_MB_LARGE_BLOCKS."""
    from greffe import ingest
    with ingest.open_writer(tmp_path / "new.duckdb") as con:
        assert db.block_size(con) == db.BLOCK_SIZE == 16384
        assert db._writer_mb(con) == db.WRITER_MEMORY_MB
    monkeypatch.setattr(db, "BLOCK_SIZE", db.DUCKDB_BLOCK_SIZE)
    with ingest.open_writer(tmp_path / "old.duckdb") as con:
        db.load_many(con, [(d, None) for d in five()], VERSION)
    monkeypatch.undo()
    with ingest.open_writer(tmp_path / "old.duckdb") as con:
        assert db.block_size(con) == db.DUCKDB_BLOCK_SIZE == 256 * 1024
        assert db._writer_mb(con) == db.WRITER_MEMORY_MB_LARGE_BLOCKS > db.WRITER_MEMORY_MB
        assert db.end_run(con) == {"added": 5, "deleted": 0, "rebuilt": 0}
        assert _held(con) == {G, C, C2, E, P}
    with db.connect(tmp_path / "old.duckdb", read_only=True) as con:
        assert db.block_size(con) == db.DUCKDB_BLOCK_SIZE == 256 * 1024


def test_the_end_of_a_run_checkpoints_then_syncs_the_index_under_the_sync_bound(tmp_path, monkeypatch):
    """(On a base of 256 KB blocks, whose writer's bound is above the sync's.)"""
    from greffe import ingest
    monkeypatch.setattr(db, "BLOCK_SIZE", db.DUCKDB_BLOCK_SIZE)
    path = tmp_path / "g.duckdb"
    wal = Path(f"{path}.wal")
    during = []
    sync_index = db.sync_index

    def watched(con):
        during.append(con.execute("SELECT getvariable('greffe_writer_mb')").fetchone()[0])
        return sync_index(con)
    monkeypatch.setattr(db, "sync_index", watched)
    with ingest.open_writer(path) as con:
        bound = con.execute("SELECT current_setting('memory_limit')").fetchone()[0]
        db.load_many(con, [(d, None) for d in five()], VERSION)
        assert wal.stat().st_size > 0                  # the run's rows are in the log
        assert db.end_run(con) == {"added": 5, "deleted": 0, "rebuilt": 0}
        assert during == [db.WRITER_SYNC_MEMORY_MB] < [db.WRITER_MEMORY_MB_LARGE_BLOCKS]
        assert not wal.exists() or wal.stat().st_size == 0
        assert _held(con) == {G, C, C2, E, P}
        assert con.execute("SELECT current_setting('memory_limit')").fetchone()[0] == bound  # given back
        assert db.end_run(con) == {"added": 0, "deleted": 0, "rebuilt": 0}


def test_a_step_beyond_the_bound_runs_again_with_more(tmp_path, caplog):
    from greffe import ingest
    caplog.set_level(logging.INFO, logger="greffe.db")
    with ingest.open_writer(tmp_path / "g.duckdb") as con:
        db.limit_writer_memory(con, 1)                    # far too little for any insert
        db.load_many(con, [(d, None) for d in five()], VERSION)
        assert con.execute("SELECT count(*) FROM decisions").fetchone()[0] == 5
        raised = con.execute("SELECT getvariable('greffe_writer_mb')").fetchone()[0]
        assert raised > 1 and "its bound is now" in caplog.text
        assert {h.id for h in db.search(con, "préfet", limit=10)} == {G, P}   # the sync too


def _keyed_chunk(con, j: int) -> None:
    """2 000 rows of a table with a VARCHAR key (whose index DuckDB keeps in memory, pinned), in
    one transaction."""
    with db._transaction(con):
        con.execute("INSERT INTO keyed SELECT md5(i || '-' || $j) || md5(i::VARCHAR), "
                    "repeat('x', 200) FROM range(2000) r(i)", {"j": j})


def test_the_bound_grows_before_the_keys_fill_it(tmp_path, caplog):
    """The index of a key grows with the rows and DuckDB cannot drop it: under a 16 MB bound,
    2 000-row transactions on a keyed table ran out of memory at their COMMIT after 100 000 rows.
    The writer raises its bound to leave room beside the keys: every row goes in."""
    from greffe import ingest
    caplog.set_level(logging.INFO, logger="greffe.db")
    with ingest.open_writer(tmp_path / "g.duckdb") as con:
        con.execute("CREATE TABLE keyed (id VARCHAR PRIMARY KEY, v VARCHAR)")
        db.limit_writer_memory(con, 16)
        for j in range(150):
            db.with_headroom(con, lambda: _keyed_chunk(con, j))
        assert con.execute("SELECT count(*) FROM keyed").fetchone() == (300_000,)
        assert db._writer_mb(con) > 16 and "its bound is now" in caplog.text


def test_the_bound_leaves_room_beside_the_keys_and_no_more(tmp_path):
    """The bound grows with the keys by steps, to leave a COMMIT KEYS_ROOM_MB beside them.
    Doubling it whenever the keys took a quarter gave 256 MB here, and 512 MB to a run of
    250 000 decisions, which DuckDB then filled with its cache; letting the keys take a quarter
    of it left a COMMIT 30 MB beside 10 MB of keys, not enough with 16 KB blocks."""
    from greffe import ingest
    with ingest.open_writer(tmp_path / "g.duckdb") as con:
        con.execute("CREATE TABLE keyed (id VARCHAR PRIMARY KEY, v VARCHAR)")
        assert db._room_to_write(con) == db.WRITER_MEMORY_MB       # no keys yet: as it was set
        db.limit_writer_memory(con, db.WRITER_SYNC_MEMORY_MB)       # the index sync's bound
        _keyed_chunk(con, 0)
        assert db._room_to_write(con) == db.WRITER_SYNC_MEMORY_MB   # a few keys: room enough
        for j in range(1, 150):
            db.with_headroom(con, lambda: _keyed_chunk(con, j))
            room = db._room_to_write(con) - db.keys_mb(con)
            assert room >= db.KEYS_ROOM_MB, f"{room:.1f} MB beside the keys after {j} chunks"
        bound = db._room_to_write(con)
        keys = db.keys_mb(con)
        assert keys > 16                                            # 300 000 keys of 64 characters
        assert keys + db.KEYS_ROOM_MB <= bound < keys + db.KEYS_ROOM_MB + db.KEYS_STEP_MB
        assert bound == db._writer_mb(con) and bound % db.KEYS_STEP_MB == 0


def _long_judgments(n: int, kb: int):
    """`n` decisions, each with its own id and file, whose texts take about `kb` KB: the Grenoble
    order (its spans unchanged) followed by reasons of its own, as a long judgment has."""
    order = ta_grenoble()
    reasons = "Considérant que le préfet n'a pas donné suite aux demandes de rendez-vous. " * 14
    for i in range(n):
        text = order.text + f"\n{i}. " + reasons * (kb * 1000 // len(reasons.encode()))
        yield ta_grenoble(id=f"TA38_{2600000 + i}_20250721", numbers=(str(2600000 + i),),
                          path=f"/in/long-{i}.xml", text=text), None


def test_a_run_of_long_judgments_gets_through(tmp_path):
    """DuckDB keeps the overflow blocks of about the last 2 048 texts written in memory, pinned,
    until a checkpoint. With texts of 30 KB, a run took the 36 MB left beside the keys after
    1 000-odd decisions: a COMMIT ran out of memory, then DuckDB's rollback, and the run stopped
    (CommitOutOfMemory), as the next run would have. The writer leaves a COMMIT room for the last
    texts written as well: every decision is loaded, under a bound that holds the last 2 048
    texts."""
    from greffe import ingest, pipeline
    with ingest.open_writer(tmp_path / "g.duckdb") as con:
        for batch in pipeline.chunks(_long_judgments(2200, 30), 64):
            db.load_many(con, batch, VERSION)
        assert con.execute("SELECT count(*) FROM decisions").fetchone() == (2200,)
        texts = 2048 * len(next(_long_judgments(1, 30))[0].text.encode()) / 1e6
        assert db._writer_mb(con) >= texts + db.COMMIT_ROOM_MB > db.KEYS_ROOM_MB + 30
        db.end_run(con)


def test_the_run_after_a_killed_run_of_long_judgments_gets_through(tmp_path):
    """A run killed before its checkpoint leaves its rows in DuckDB's log, which the next run's
    DuckDB replays into memory when it opens the base; and any run appends to the row group the
    run before it ended, whose last texts DuckDB reads back into memory. Counting only its own
    texts, the next run stopped at its first COMMIT (CommitOutOfMemory) in both cases. The
    writer checkpoints the replayed log when it opens the base, and counts the base's last
    texts before it bounds DuckDB's memory: the next run loads its decisions."""
    from greffe import ingest, pipeline
    path = tmp_path / "g.duckdb"
    judgments = list(_long_judgments(2500, 30))
    con = ingest.open_writer(path)
    for batch in pipeline.chunks(judgments[:2200], 64):
        db.load_many(con, batch, VERSION)
    con.execute("PRAGMA disable_checkpoint_on_shutdown")     # as if killed: the log stays
    con.close()
    assert (tmp_path / "g.duckdb.wal").stat().st_size > 2200 * 30_000
    with ingest.open_writer(path) as con:
        assert not (tmp_path / "g.duckdb.wal").exists() or \
            (tmp_path / "g.duckdb.wal").stat().st_size < 1_000_000          # checkpointed
        for batch in pipeline.chunks(judgments[2200:], 64):
            db.load_many(con, batch, VERSION)
        assert con.execute("SELECT count(*) FROM decisions").fetchone() == (2500,)


def test_the_room_for_texts_counts_the_last_ones_only():
    recent = db._RecentTexts()
    recent.add([10] * db.TEXT_WINDOW)
    recent.add([1000] * 100)
    assert recent.total == 10 * (db.TEXT_WINDOW - 100) + 1000 * 100
    assert len(recent.sizes) == db.TEXT_WINDOW


def test_a_commit_out_of_memory_stops_the_run_and_the_base_stays_sound(tmp_path):
    """Without that room, the COMMIT runs out of memory: DuckDB rolls the rows back but keeps their
    keys in the index, so that the same rows would be refused for ever once a checkpoint wrote it.
    The run stops (CommitOutOfMemory) and the base is closed without a checkpoint: opened again, it
    has every row committed before, and takes the failed rows."""
    from greffe import ingest
    from greffe.errors import CommitOutOfMemory
    path = tmp_path / "g.duckdb"
    with ingest.open_writer(path) as con:
        con.execute("CREATE TABLE keyed (id VARCHAR PRIMARY KEY, v VARCHAR)")
        con.execute("CHECKPOINT")
        db.limit_writer_memory(con, 16)
        with pytest.raises(CommitOutOfMemory, match="run it again"):
            for failed in range(150):            # no with_headroom: nothing makes room
                _keyed_chunk(con, failed)
    with ingest.open_writer(path) as con:
        assert con.execute("SELECT count(*) FROM keyed").fetchone() == (2000 * failed,)
        _keyed_chunk(con, failed)                  # its keys are not in the index any more
        assert con.execute("SELECT count(*) FROM keyed").fetchone() == (2000 * (failed + 1),)


def test_a_write_duckdb_cannot_roll_back_stops_the_run_and_says_why(tmp_path, monkeypatch):
    """Under a 32 MB bound a COMMIT ran out of memory and DuckDB's own rollback did too: it raised
    FatalException ("Failed to rollback transaction ... Out of Memory Error") and refused every
    later statement, so the run ended with WriteFailed's "free disk space or check the disk".
    That failure needs thousands of decisions to occur; here the batch's insert raises DuckDB's
    own message instead. The run stops with CommitOutOfMemory, which names the memory and says
    to run again; nothing of the batch is in the base, and the next attempt loads it."""
    import duckdb

    from greffe.errors import CommitOutOfMemory
    fatal = duckdb.FatalException(
        "FATAL Error: Failed to rollback transaction. Cannot continue operation.\n"
        "Original Error: Out of Memory Error: failed to pin block of size 256.0 KiB "
        "(30.3 MiB/30.5 MiB used)")
    insert_many = db._insert_many

    def failing(*args):
        raise fatal
    with db.connect(tmp_path / "g.duckdb") as con:
        monkeypatch.setattr(db, "_insert_many", failing)
        with pytest.raises(CommitOutOfMemory, match="could not roll the write back.*Run it again"):
            db.load_many(con, [(d, None) for d in five()], VERSION)
        assert con.execute("SELECT count(*) FROM decisions").fetchone() == (0,)
        monkeypatch.setattr(db, "_insert_many", insert_many)
        db.load_many(con, [(d, None) for d in five()], VERSION)
        assert con.execute("SELECT count(*) FROM decisions").fetchone() == (5,)



def test_a_base_duckdb_invalidated_stops_the_run_instead_of_setting_documents_aside(tmp_path, monkeypatch):
    """After a fatal error DuckDB refuses every statement of the process ("database has been
    invalidated"): the batch, then each of its documents one by one, fail alike. The run stops
    with WriteFailed naming the fatal error and saying to run again, instead of quarantining the
    first document as refused by the base (a bug in greffe) and then blaming the disk; nothing
    is set aside, nothing of the batch is in the base."""
    import duckdb

    from greffe import ingest
    invalidated = duckdb.FatalException(
        "FATAL Error: Failed: database has been invalidated because of a previous fatal error. "
        "The database must be restarted prior to being used again.")

    def refused(*args, **kwargs):
        raise invalidated
    outs = [ingest.Extracted(ingest.Item(f"/in/{d.id}.xml", "xml"), d.source.sha256, d, None)
            for d in five()]
    with db.connect(tmp_path / "g.duckdb") as con:
        monkeypatch.setattr(db, "load_many", refused)
        monkeypatch.setattr(db, "load", refused)
        summary = ingest.RunSummary()
        with pytest.raises(ingest.WriteFailed, match="fatal error.*run greffe ingest again") as stop:
            ingest._store_batch(con, outs, summary, VERSION, None)
        assert "free disk space" not in str(stop.value) and "/in/" in str(stop.value)
        assert (summary.loaded, summary.quarantined, summary.retriable) == (0, [], [])
        assert con.execute("SELECT count(*) FROM ledger").fetchone() == (0,)

def test_the_child_tables_have_no_primary_key_and_an_old_base_loses_it_once(tmp_path):
    """The child tables are keyed by convention only (sql/schema.sql: the index of a key grows
    with the base and DuckDB cannot drop it); a base made with the keys is rebuilt without
    them when it is opened for writing, its rows and its CHECKs kept."""
    path = tmp_path / "old.duckdb"
    with db.connect(path) as con:
        db.load_many(con, [(d, None) for d in five()], VERSION)
        before = {t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in db.CHILD_TABLES}
        assert not _keyed(con)
        # the base as session 4 made it: every child table keyed
        for table in db.CHILD_TABLES:
            key = "decision_id, page" if table == "pages" else "decision_id, ordinal"
            ddl = con.execute("SELECT sql FROM duckdb_tables() WHERE table_name = $t", {"t": table}).fetchone()[0]
            con.execute(f"ALTER TABLE {table} RENAME TO {table}_x")
            con.execute(ddl.rstrip(";").removesuffix(")") + f", PRIMARY KEY ({key}))")
            con.execute(f"INSERT INTO {table} SELECT * FROM {table}_x")
            con.execute(f"DROP TABLE {table}_x")
        con.execute("DELETE FROM ddl_applied")            # as if its DDL were an older one
        assert _keyed(con) == set(db.CHILD_TABLES)
    with db.connect(path) as con:
        assert not _keyed(con)
        assert {t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in db.CHILD_TABLES} == before
        assert "CHECK" in con.execute("SELECT sql FROM duckdb_tables() WHERE table_name = 'zones'").fetchone()[0]
        assert {h.id for h in db.search(con, "préfet", limit=10)} == {G, P}      # the views work


def _keyed(con) -> set[str]:
    return {t for (t,) in con.execute(
        "SELECT table_name FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY' "
        "AND list_contains($t, table_name)", {"t": list(db.CHILD_TABLES)}).fetchall()}


def test_at_the_ceiling_the_error_is_raised_and_nothing_is_written(tmp_path, monkeypatch):
    import duckdb

    from greffe import ingest
    monkeypatch.setattr(db, "WRITER_MEMORY_CEILING_MB", 1)
    with ingest.open_writer(tmp_path / "g.duckdb") as con:
        db.limit_writer_memory(con, 1)
        with pytest.raises(duckdb.OutOfMemoryException):
            db.load_many(con, [(d, None) for d in five()], VERSION)
        con.execute("SET memory_limit = '128MB'")
        assert con.execute("SELECT count(*) FROM decisions").fetchone()[0] == 0
