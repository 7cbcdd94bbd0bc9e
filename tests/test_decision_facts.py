"""greffe_decision_facts (sql/search_macros.sql): what a page of decisions holds in its child
tables, read in one pass, for the full-text index (greffe_index_docs) and for what a search hit
shows (greffe_hit_summary)."""
from __future__ import annotations

import dataclasses
import json

import pytest

from greffe import db
from greffe.model import Astreinte, Court, Deadline, Decision, Injunction, Party, Source, Zone

V = "0.1.0"
TEXT = ("Vu la requête de M. A.\nO R D O N N E :\nArticle 1er : Il est enjoint au préfet de police "
        "de délivrer un récépissé dans un délai de huit jours sous astreinte de 50 euros par jour.\n")
CUT = TEXT.index("O R D O N N E")
FULL = "TA75_2506085_20250721"
BARE = "TA75_2506090_20250722"


def full() -> Decision:
    """A decision with rows in every child table the facts read, inserted out of their order."""
    police = Injunction("préfet de police", "délivrer un récépissé", "prefet:police",
                        deadline=Deadline("dans un délai de huit jours", days=8),
                        astreinte=Astreinte(50, "jour", "prononcee"))
    isere = Injunction("préfet de l'Isère", "réexaminer la demande", "prefet:isere")
    return Decision(
        id=FULL, source=Source("/in/2506085.xml", "a" * 64, "xml"),
        court=Court("TA", "Paris", "TA75", "Tribunal administratif de Paris"),
        case_numbers=("2506085", "2506086"), decision_date="2025-07-21", decision_type="ordonnance",
        formation=None, procedure="refere-liberte", judges=(),
        parties=(Party("M. A", "requerant", "personne"),
                 Party("préfet de police", "defendeur", "administration", authority="prefet:police"),
                 Party("préfet de l'Isère", "defendeur", "administration", authority="prefet:isere")),
        outcomes=("injonction",), injunctions=(police, isere),
        astreintes=(Astreinte(1500, "jour", "demandee"), Astreinte(100, "jour", "liquidee"),
                    Astreinte(200, "jour", "prononcee")),
        deadlines=(Deadline("sous quinze jours", days=15, status="demande"),
                   Deadline("dans un délai d'un mois", months=1)),
        legal_refs=(), cited_decisions=(), topics=(),
        zones=(Zone("visas", 0, CUT), Zone("dispositif", CUT, len(TEXT))), text=TEXT)


def bare() -> Decision:
    """A decision with no case number, party, injunction, astreinte, deadline nor zone."""
    return dataclasses.replace(full(), id=BARE, source=Source("/in/2506090.xml", "b" * 64, "xml"),
                               case_numbers=(), parties=(), injunctions=(), astreintes=(),
                               deadlines=(), zones=(), outcomes=("rejet",), text="Rejet.")


@pytest.fixture(scope="module")
def con():
    con = db.connect(":memory:")
    db.load(con, full(), None, V)
    db.load(con, bare(), None, V)
    yield con
    con.close()


def facts(con, ids):
    return {r["id"]: r for r in db._dicts(con.execute("SELECT * FROM greffe_decision_facts($ids)",
                                                      {"ids": ids}))}


def test_the_facts_of_a_decision_come_from_each_child_table(con):
    f = facts(con, [FULL])[FULL]
    assert f["authorities"] == ["prefet:isere", "prefet:police"]     # parties and injunctions, once each
    assert f["case_numbers"] == ["2506085", "2506086"]               # the main one first
    assert f["has_injunction"] is True
    assert f["astreinte_amounts"] == [50.0, 200.0]    # pronounced: the injunction's and the standalone one
    assert f["dispositif_start"] == CUT
    assert f["injunction"]["addressee"] == "préfet de police"       # the first one
    assert (f["injunction"]["days"], f["injunction"]["amount_eur"]) == (8, 50)
    assert f["injunction"]["status"] == "prononcee"
    assert f["deadline"]["months"] == 1 and f["deadline"]["days"] is None   # the pronounced one
    assert (f["astreinte"]["amount_eur"], f["astreinte"]["status"]) == (200, "prononcee")


def test_a_liquidated_astreinte_is_shown_when_none_was_pronounced(con):
    con.execute("BEGIN")
    try:
        con.execute("DELETE FROM astreintes WHERE decision_id = ? AND status = 'prononcee'", [FULL])
        f = facts(con, [FULL])[FULL]
        assert (f["astreinte"]["amount_eur"], f["astreinte"]["status"]) == (100, "liquidee")
        assert f["astreinte_amounts"] == [50.0]        # the injunction's, still pronounced
    finally:
        con.execute("ROLLBACK")


def test_every_id_of_the_page_has_a_row_even_without_children(con):
    got = facts(con, [BARE, FULL, BARE, "nope"])
    assert set(got) == {BARE, FULL, "nope"}                         # each id once
    for decision_id in (BARE, "nope"):
        f = got[decision_id]
        assert (f["authorities"], f["case_numbers"], f["astreinte_amounts"]) == ([], [], [])
        assert f["has_injunction"] is False and f["dispositif_start"] is None
        assert f["injunction"] is None and f["deadline"] is None and f["astreinte"] is None


def test_the_index_and_the_hits_show_the_same_facts(con):
    docs = {d["id"]: d for d in db._dicts(con.execute("SELECT * FROM greffe_index_docs()"))}
    shown = json.loads(docs[FULL]["shown"])
    assert shown["injunction"]["addressee"] == "préfet de police" and shown["deadline"]["months"] == 1
    assert shown["astreinte"]["amount_eur"] == 200 and shown["dispositif_start"] == CUT
    assert docs[FULL]["authorities"] == ["prefet:isere", "prefet:police"]
    assert docs[FULL]["astreinte_amounts"] == [50.0, 200.0] and docs[BARE]["has_injunction"] is False
    hits = {r[0]: r[1:] for r in db.run(con, "hit_summary", ids=[FULL, BARE]).fetchall()}
    assert hits[FULL][0]["addressee"] == "préfet de police" and hits[BARE] == (None, None, None)

