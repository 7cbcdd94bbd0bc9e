"""The search engine behind `greffe search`: the tantivy index beside each base and snapshot,
kept in step with the decisions (killed runs included), the injunction and astreinte filters,
and user input searched literally through the command line."""
from __future__ import annotations

import logging
import shutil
import textwrap
from pathlib import Path

import pytest

from factories import kill_when_it_says
from greffe import cli, db
from greffe.errors import InvalidFilter
from greffe.publish import KEEP, index_dir, publish, snapshots
from test_db import C, E, G, P, VERSION, caa_paris, ce, four_decisions, ids, ta_cergy, ta_grenoble


@pytest.fixture(scope="module")
def base():
    c = four_decisions()
    yield c
    c.close()


# ------------------------------------------------------------------ filters

@pytest.mark.parametrize("query, filters, expected", [
    (None, {"has_injunction": True}, {G, P}),             # G enjoins the préfet de l'Isère, P the préfet de police
    (None, {"has_injunction": False}, {C, E}),
    ("préfet", {"has_injunction": True}, {G, P}),
    (None, {"astreinte": True}, {G}),                     # 100 euros par jour, pronounced
    (None, {"astreinte": False}, {C, E, P}),
    ("préfet", {"astreinte": True}, {G}),
    (None, {"min_amount": 100}, {G}),                     # inclusive
    (None, {"max_amount": 100}, {G}),
    (None, {"min_amount": 100.01}, set()),
    (None, {"max_amount": 99.99}, set()),
    ("rendez-vous", {"min_amount": 50, "max_amount": 150}, {G}),
    ("rendez-vous", {"min_amount": 150}, set()),
    ("préfet", {"has_injunction": True, "court_kind": "CAA"}, {P}),
    ("préfet", {"authority": "prefet:isere", "since": "2025-01-01"}, {G}),
])
def test_injunction_and_astreinte_filters_with_and_without_words(base, query, filters, expected):
    assert ids(db.search(base, query, **filters)) == expected
    assert set(db.search_ids(base, query, **filters)) == expected


@pytest.mark.parametrize("filters, message", [
    ({"min_amount": "cent"}, "not an amount in euros"),
    ({"max_amount": -1}, "0 or more"),
    ({"astreinte": False, "min_amount": 10}, "cannot go with astreinte=False"),
    ({"has_injunction": "yes"}, "not true or false"),
    ({"outcome": "gagné"}, "rejet"),                       # the valid values are listed
    ({"astreint": True}, "the filters are"),
])
def test_bad_filters_say_what_is_valid(base, filters, message):
    with pytest.raises(InvalidFilter, match=message):
        db.search(base, "préfet", **filters)


def test_search_ids_ranks_like_search_and_has_no_limit_by_default(base):
    assert db.search_ids(base, None) == [G, C, P, E]       # newest first
    assert db.search_ids(base, None, limit=2) == [G, C]
    assert db.search_ids(base, "préfet") == [h.id for h in db.search(base, "préfet", limit=50)]


# ------------------------------------------------------------------ the index beside the base

def _writer(path: Path, *decisions) -> None:
    con = db.connect(path)
    for d in decisions:
        db.load(con, d, None, VERSION)
    db.sync_index(con)
    con.execute("CHECKPOINT")
    con.close()


def test_publish_puts_the_index_beside_each_snapshot_and_prunes_it(tmp_path):
    path = tmp_path / "greffe.duckdb"
    _writer(path, ta_grenoble())
    assert (index_dir(path) / "meta.json").is_file()
    first = publish(path)
    assert (first.with_suffix(".tantivy") / "meta.json").is_file()
    _writer(path, ta_cergy())                              # the writer goes on
    with db.connect_reader(path) as ro:                    # readers keep the snapshot's index
        assert db.reader_index(ro).path == first.with_suffix(".tantivy")
        assert ids(db.search(ro, "anef")) == set()
        assert ids(db.search(ro, "préfecture")) == {G}
    for _ in range(KEEP + 1):
        publish(path)
    kept = snapshots(path)
    assert len(kept) == KEEP and not first.with_suffix(".tantivy").exists()
    assert sorted(p.name for p in path.with_name(path.name + ".published").glob("*.tantivy")) == \
        sorted(p.with_suffix(".tantivy").name for p in kept)
    with db.connect_reader(path) as ro:
        assert ids(db.search(ro, "anef")) == {C}


def test_a_deleted_index_is_rebuilt_from_the_base(tmp_path, caplog):
    path = tmp_path / "greffe.duckdb"
    _writer(path, ta_grenoble(), ta_cergy())
    from greffe.searchindex import forget
    forget(index_dir(path))
    shutil.rmtree(index_dir(path))
    con = db.connect(path)
    with caplog.at_level(logging.WARNING, logger="greffe.searchindex"):
        assert db.sync_index(con) == {"added": 2, "deleted": 0, "rebuilt": 1}
    assert "rebuilding it from the base" in caplog.text
    assert ids(db.search(con, "anef")) == {C}
    con.close()


def test_an_index_that_kept_the_texts_is_set_aside_and_rebuilt(tmp_path, caplog):
    """Until session 6 the index kept each decision's text (another schema): the writer's next
    sync moves it aside and rebuilds it from the base, and searches show their snippets from the
    base's texts."""
    import tantivy
    path = tmp_path / "greffe.duckdb"
    _writer(path, ta_grenoble(), ce())
    from greffe.searchindex import forget
    forget(index_dir(path))
    shutil.rmtree(index_dir(path))
    index_dir(path).mkdir()
    old = tantivy.SchemaBuilder()
    old.add_text_field("id", stored=True, tokenizer_name="raw", index_option="basic")
    old.add_text_field("body", stored=True)
    tantivy.Index(old.build(), path=str(index_dir(path)), reuse=True)
    con = db.connect(path)
    with caplog.at_level(logging.WARNING, logger="greffe.searchindex"):
        assert db.sync_index(con)["added"] == 2
    assert "the schema does not match" in caplog.text and "rebuilt from the base" in caplog.text
    assert list(tmp_path.glob("greffe.duckdb.tantivy.broken-*"))
    [hit] = db.search(con, "visa")
    assert hit.id == E and "**visa**" in hit.snippet.lower()
    con.close()


def test_a_snapshot_without_its_index_gets_it_built_from_the_snapshot(tmp_path, caplog):
    path = tmp_path / "greffe.duckdb"
    _writer(path, ta_grenoble(), ce())
    snap = publish(path)
    shutil.rmtree(snap.with_suffix(".tantivy"))
    (snap.with_suffix(".tantivy")).mkdir()
    (snap.with_suffix(".tantivy") / "meta.json").write_text("not json")   # unreadable
    with caplog.at_level(logging.WARNING, logger="greffe.searchindex"), db.connect_reader(path) as ro:
        assert ids(db.search(ro, "visa")) == {E}
    assert "building it from the snapshot" in caplog.text


# A run that has committed its decisions to DuckDB and added them to the index, then is killed
# before the index commit.
KILLED_BEFORE_THE_INDEX_COMMIT = textwrap.dedent("""
    import sys, time
    from greffe import db, textindex
    from test_db import VERSION, ta_cergy, ta_grenoble, caa_paris
    con = db.connect(sys.argv[1])
    db.load(con, ta_grenoble(), None, VERSION)
    db.sync_index(con)                                     # G is in the index, committed
    con.execute("DELETE FROM decisions WHERE id = $id", {"id": ta_grenoble().id})
    for d in (ta_cergy(), caa_paris()):
        db.load(con, d, None, VERSION)
    con.execute("CHECKPOINT")
    def stop(self):
        print("before the commit", flush=True)
        time.sleep(600)
    textindex.TextIndex.close = stop
    db.sync_index(con)
""")


@pytest.mark.slow
def test_a_run_killed_before_the_index_commit_is_repaired_by_the_next(tmp_path):
    path = tmp_path / "greffe.duckdb"
    kill_when_it_says(KILLED_BEFORE_THE_INDEX_COMMIT, [str(path)], "before the commit")
    con = db.connect(path)
    assert con.execute("SELECT decision_id FROM text_index").fetchall() == [(G,)]
    assert db.sync_index(con) == {"added": 2, "deleted": 1, "rebuilt": 0}
    assert ids(db.search(con, "préfet")) == {P}            # G is gone, P and C are there
    assert ids(db.search(con, "anef")) == {C}
    assert db.sync_index(con) == {"added": 0, "deleted": 0, "rebuilt": 0}
    con.close()


# ------------------------------------------------------------------ the command line

@pytest.fixture(scope="module")
def published(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "greffe.duckdb"
    _writer(path, ta_grenoble(), ta_cergy(), ce(), caa_paris())
    publish(path)
    return path


@pytest.mark.parametrize("argv, expected", [
    (["préfet", "--with-injunction"], {G, P}),
    (["--astreinte"], {G}),
    (["--min-amount", "100"], {G}),
    (["--max-amount", "99"], set()),
    (["rendez-vous", "--astreinte", "--court-kind", "TA"], {G}),
    (["'; DROP TABLE decisions; --"], set()),
    (['" OR 1=1 --'], set()),
    (["%"], set()),
    (["_"], set()),
    (["50%"], {C}),                                        # '50 % des créneaux'
    (['préfet "non'], {G}),                                # a lone quote is a separator
    (["préfet " * 400], {G, P}),                           # a very long query: its first words
    (["préfet", "--authority", "prefet:%"], set()),
    (["préfet", "--city", "Grenoble' OR '1'='1"], set()),
])
def test_greffe_search_on_the_command_line(published, capsys, argv, expected):
    assert cli.main(["search", *argv, "--db", str(published), "--format", "json", "--limit", "50"]) == 0
    import json
    found = {r["id"] for r in json.loads(capsys.readouterr().out)}
    assert found == expected
    with db.connect_reader(published) as ro:
        assert ro.execute("SELECT count(*) FROM decisions").fetchone() == (4,)


def test_greffe_search_rejects_a_bad_amount(published, capsys):
    with pytest.raises(SystemExit):
        cli.main(["search", "--min-amount", "cent", "--db", str(published)])
    assert "not an amount in euros" in capsys.readouterr().err
