"""Every file of sql/ runs against an in-memory base holding one decision, with the parameters
it declares (greffe.db.run refuses a missing or an unknown one), and does what its comment says.
A new file in sql/ without a case here fails `test_every_sql_file_has_a_case`."""
from __future__ import annotations

import datetime as dt
import json

import duckdb
import pytest

from greffe import db
from greffe.model import Court, Decision, Injunction, Party, Source, Span, Zone

NOW = dt.datetime(2025, 7, 22, 9, 30)
V = "0.1.0"
SHA = "b" * 64
G = "TA38_2506085_20250721"
TEXT = ("Vu la requête de M. B A.\nLes préfectures n'offrent aucun accès non dématérialisé.\n"
        "O R D O N N E :\nArticle 1er : Il est enjoint au préfet de l'Isère de fixer un rendez-vous "
        "dans un délai de quinze jours.\n")


def the_decision() -> Decision:
    cut = TEXT.index("O R D O N N E")
    return Decision(
        id=G, source=Source("/in/2506085.xml", SHA, "xml"),
        court=Court("TA", "Grenoble", "TA38", "Tribunal administratif de Grenoble"),
        case_numbers=("2506085",), decision_date="2025-07-21", decision_type="ordonnance",
        formation="juge des référés", procedure="refere-liberte", judges=("Mme Juge",),
        parties=(Party("M. B A", "requerant", "personne", span=Span(19, 25)),),
        outcomes=("injonction",),
        injunctions=(Injunction("préfet de l'Isère", "fixer un rendez-vous", "prefet:isere"),),
        astreintes=(), deadlines=(), legal_refs=(), cited_decisions=(), topics=("rendez-vous-prefecture",),
        zones=(Zone("visas", 0, cut), Zone("dispositif", cut, len(TEXT))), text=TEXT)


@pytest.fixture(scope="module")
def seeded():
    con = db.connect(":memory:")
    db.load(con, the_decision(), None, V)
    db.rebuild_fts(con)
    yield con
    con.close()


@pytest.fixture
def con(seeded):
    """The seeded base; whatever a case writes is rolled back after it."""
    seeded.begin()
    yield seeded
    seeded.rollback()


def one(con, sql: str, *params):
    return con.execute(sql, list(params)).fetchone()


def rows(con, name: str, *dicts):
    """Run an insert file on rows given as dicts (it reads them as one JSON parameter)."""
    db.run(con, name, rows=json.dumps(dicts, ensure_ascii=False))


def located(**extra):
    cols = dict(span_start=None, span_end=None, page=None, box_x0=None, box_top=None, box_x1=None,
                box_bottom=None)
    cols.update(extra)
    return cols


NO_FILTERS = dict(court_kind=None, court_code=None, city=None, since=None, until=None, outcome=None,
                  decision_type=None, procedure=None, topic=None, authority=None, case_number=None,
                  has_injunction=None, astreinte=None, min_amount=None, max_amount=None)


# ---------------------------------------------------------------- one case per file

def case_schema(con):
    db.run(con, "schema")                                   # again: idempotent
    assert one(con, "SELECT count(*) FROM decisions") == (1,)
    assert one(con, "SELECT count(*) FROM schema_version") == (1,)
    assert one(con, "SELECT greffe_flat('NON-Dématérialisé, voie')") == (" non dematerialise voie ",)


def case_ddl_applied(con):
    (digest,) = db.run(con, "ddl_applied").fetchone()          # connect recorded what it applied
    assert len(digest) == 64 and set(digest) <= set("0123456789abcdef")


def case_ddl_record(con):
    db.run(con, "ddl_record", sha256="f" * 64)
    assert db.run(con, "ddl_applied").fetchall() == [("f" * 64,)]     # one row, replaced


def case_browse(con):
    rows = db.run(con, "browse", **NO_FILTERS, limit=5).fetchall()
    assert [r[0] for r in rows] == [G]
    assert db.run(con, "browse", **{**NO_FILTERS, "city": "Lyon"}, limit=5).fetchall() == []


def case_decision_state(con):
    row = db.run(con, "decision_state", id=G).fetchone()
    assert row[:3] == (SHA, "xml", False) and row[7] == dt.date(2025, 7, 21)
    assert db.run(con, "decision_state", id="nope").fetchone() is None


def case_delete_decision(con):
    db.run(con, "delete_decision", id=G)
    for table in ("decisions", "parties", "injunctions", "zones", "search_docs", "case_numbers"):
        assert one(con, f"SELECT count(*) FROM {table}") == (0,), table
    assert one(con, "SELECT count(*) FROM sources") == (1,)          # where it came from stays


def case_fill_decision(con):
    con.execute("UPDATE decisions SET formation = NULL WHERE id = ?", [G])
    db.run(con, "fill_decision", id=G, court_kind="CE", court_city=None, court_code=None,
           court_name=None, decision_date="2001-01-01", decision_type="decision",
           formation="2ème chambre", procedure=None)
    assert one(con, "SELECT court_kind, decision_date, decision_type, formation FROM decisions") == \
        ("TA", dt.date(2025, 7, 21), "ordonnance", "2ème chambre")    # only the gap is filled


def case_prefer_metadata(con):
    db.run(con, "prefer_metadata", id=G, court_kind="TA", court_city="Grenoble", court_code="TA38",
           court_name=None, decision_date="2025-07-22", formation="Le juge des référés")
    assert one(con, "SELECT court_code, court_name IS NOT NULL, decision_date, formation FROM decisions") == \
        ("TA38", True, dt.date(2025, 7, 22), "Le juge des référés")   # stated values win, NULL keeps


def case_fts_ready(con):
    built, built_at, stale = db.run(con, "fts_ready").fetchone()
    assert built is True and built_at is not None and stale is False


def case_hit_summary(con):
    assert db.run(con, "hit_summary", ids=["nope"]).fetchall() == [("nope", None, None, None)]
    decision_id, injunction, deadline, astreinte = db.run(con, "hit_summary", ids=[G, G]).fetchone()
    assert decision_id == G
    assert injunction["addressee"] == "préfet de l'Isère" and injunction["days"] is None
    assert deadline is None and astreinte is None


def case_insert_astreinte(con):
    rows(con, "insert_astreinte", dict(decision_id=G, ordinal=0, amount_eur=1500, period="jour",
         status="prononcee", text="1 500 euros par jour de retard", **located(span_start=5, span_end=9)),
         dict(decision_id=G, ordinal=1, amount_eur=None, period=None, status="demandee",
              text="sous astreinte"))
    assert con.execute("SELECT amount_eur, period, span_end FROM astreintes ORDER BY ordinal").fetchall() == \
        [(1500, "jour", 9), (None, None, None)]


def case_insert_case_number(con):
    rows(con, "insert_case_number", dict(decision_id=G, ordinal=1, number="2506086"))
    assert one(con, "SELECT list(number ORDER BY ordinal) FROM case_numbers") == (["2506085", "2506086"],)


def case_insert_cited_decision(con):
    rows(con, "insert_cited_decision", dict(decision_id=G, ordinal=0, court="CE", date="2021-11-19",
         number="458056", **located()))
    assert one(con, "SELECT number FROM cited_decisions") == ("458056",)


def case_insert_deadline(con):
    rows(con, "insert_deadline", dict(decision_id=G, ordinal=0, text="sous huit jours", days=8, months=None,
         anchor=None, status="prononce", **located(page=2)))
    assert one(con, "SELECT days, page FROM deadlines") == (8, 2)


def case_insert_decision(con):
    db.run(con, "insert_decision", id="CE_458056_20211119", court_kind="CE", court_city=None,
           court_code="CE", court_name=None, decision_date="2021-11-19", decision_type="decision",
           formation=None, procedure=None, outcomes=["rejet"], topics=[], warnings=[], text="Texte.",
           text_sha256="c" * 64, extractor_version=V, now=NOW)
    assert one(con, "SELECT outcomes, loaded_at FROM decisions WHERE court_kind = 'CE'") == (["rejet"], NOW)


def case_insert_injunction(con):
    rows(con, "insert_injunction", dict(decision_id=G, ordinal=1, addressee="ministre de l'intérieur",
         authority="ministre:interieur", measure="réexaminer la demande", **located(),
         deadline_text="dans un délai de deux mois", deadline_months=2, deadline_status="prononce"))
    assert one(con, "SELECT deadline_months FROM injunctions WHERE ordinal = 1") == (2,)


def case_insert_judge(con):
    rows(con, "insert_judge", dict(decision_id=G, ordinal=1, name="M. Assesseur"))
    assert one(con, "SELECT count(*) FROM judges") == (2,)


def case_insert_legal_ref(con):
    rows(con, "insert_legal_ref", dict(decision_id=G, ordinal=0, article="L521-2", code="CJA", **located()))
    assert one(con, "SELECT article, code FROM legal_refs") == ("L521-2", "CJA")


def case_insert_page(con):
    rows(con, "insert_page", dict(decision_id=G, page=1, start_offset=0, end_offset=20))
    assert one(con, "SELECT text FROM page_texts") == (TEXT[:20],)


def case_insert_party(con):
    rows(con, "insert_party", dict(decision_id=G, ordinal=1, name="préfet de l'Isère", role="defendeur",
         kind="administration", authority="prefet:isere",
         **located(span_start=0, span_end=5, page=1, box_x0=1.5, box_top=2, box_x1=3, box_bottom=4)))
    assert one(con, "SELECT box_x0, box_bottom FROM parties WHERE ordinal = 1") == (1.5, 4.0)


def case_insert_zone(con):
    rows(con, "insert_zone", dict(decision_id=G, ordinal=2, name="signature", start_offset=0, end_offset=0))
    assert one(con, "SELECT count(*) FROM zones") == (3,)
    with pytest.raises(duckdb.ConstraintException):
        rows(con, "insert_zone", dict(decision_id=G, ordinal=3, name="motif", start_offset=0, end_offset=1))


def case_ledger_record(con):
    db.run(con, "ledger_record", sha256="d" * 64, path="/in/x.pdf", extractor_version=V,
           outcome="quarantined", reason="truncated", message="ends mid-stream", decision_id=None, now=NOW)
    assert one(con, "SELECT reason FROM quarantine") == ("truncated",)


def case_quarantine_list(con):
    db.run(con, "ledger_record", sha256="d" * 64, path="/in/x.pdf", extractor_version=V,
           outcome="quarantined", reason="truncated", message="ends mid-stream", decision_id=None, now=NOW)
    assert db.run(con, "quarantine_list").fetchall() == [("/in/x.pdf", "truncated", "ends mid-stream", NOW)]


def case_retriable_list(con):
    db.run(con, "ledger_record", sha256="e" * 64, path="/in/y.pdf", extractor_version=V,
           outcome="retriable", reason="write-failed", message="disk full", decision_id=None, now=NOW)
    assert [r[:2] for r in db.run(con, "retriable_list").fetchall()] == [("/in/y.pdf", "write-failed")]
    db.run(con, "ledger_record", sha256="e" * 64, path="/in/y.pdf", extractor_version=V,
           outcome="loaded", reason=None, message=None, decision_id=G, now=NOW + dt.timedelta(seconds=1))
    assert db.run(con, "retriable_list").fetchall() == []                 # loaded since: settled


def case_ledger_skip(con):
    db.run(con, "ledger_skip", sha256=SHA, path="/in/2506085.xml", extractor_version=V,
           reason="already-seen", message=None, now=NOW)
    assert one(con, "SELECT outcome, seen_at FROM ledger") == ("loaded", NOW)


def case_other_decisions_of_source(con):
    assert db.run(con, "other_decisions_of_source", sha256=SHA, id="sha256-0").fetchall() == [(G,)]
    assert db.run(con, "other_decisions_of_source", sha256=SHA, id=G).fetchall() == []


def case_other_sources_count(con):
    assert db.run(con, "other_sources_count", id=G, sha256=SHA).fetchone() == (0,)
    assert db.run(con, "other_sources_count", id=G, sha256="c" * 64).fetchone() == (1,)


def case_rebuild_fts(con):
    db.run(con, "rebuild_fts", now=NOW)
    assert one(con, "SELECT built_at, documents FROM fts_state") == (NOW, 1)
    # the stemmed copy is made here, from the decision's rows: text, party, injunction
    body, parties, measures = one(con, "SELECT body, parties, measures FROM search_docs")
    assert "prefectur" in body.split() and "dematerialis" in body.split()
    assert parties == "m b"                  # "M. B A": 'a' is a French function word, not indexed
    assert measures.split() == ["prefet", "iser", "fix", "rend", "vous"]   # the injunction, stemmed


def case_search(con):
    rows = db._dicts(db.run(con, "search", ids=[G, "nope"]))
    assert [r["id"] for r in rows] == [G] and rows[0]["text"] == TEXT
    assert db.run(con, "search", ids=[]).fetchall() == []


def case_search_macros(con):
    db.run(con, "search_macros")                            # again: idempotent
    filtered = "SELECT id FROM greffe_filter(NULL, NULL, $city, NULL, NULL, NULL, NULL, NULL, NULL, " \
               "$authority, NULL, $inj, $astreinte, $low, NULL)"
    none = dict(city=None, authority=None, inj=None, astreinte=None, low=None)
    assert con.execute(filtered, none).fetchall() == [(G,)]
    assert con.execute(filtered, {**none, "city": "GRENOBLE", "authority": "prefet:isere",
                                  "inj": True}).fetchall() == [(G,)]
    assert con.execute(filtered, {**none, "inj": False}).fetchall() == []
    assert con.execute(filtered, {**none, "astreinte": False}).fetchall() == [(G,)]
    assert con.execute(filtered, {**none, "low": 0}).fetchall() == []   # an amount implies one
    (doc,) = db._dicts(con.execute("SELECT * FROM greffe_index_docs()"))
    assert doc["authorities"] == ["prefet:isere"] and doc["has_injunction"] is True
    assert doc["astreinte_amounts"] == [] and doc["case_numbers"] == ["2506085"]
    shown = json.loads(doc["shown"])
    assert shown["case_numbers"] == ["2506085"] and shown["dispositif_start"] == TEXT.index("O R D")
    assert shown["injunction"]["addressee"] == "préfet de l'Isère" and shown["astreinte"] is None


def _record_as_indexed(con, row):
    db.run(con, "index_record", rows=json.dumps([{"decision_id": row["id"], "fingerprint": row["fingerprint"],
                                                 "row_fingerprint": row["row_fingerprint"]}]),
           gone=[], clear=False)


def case_index_stale(con):
    everything = dict(first_row=None, end_row=None)
    (row,) = db._dicts(db.run(con, "index_stale", first_row=0, end_row=1))
    assert row["id"] == G and len(row["fingerprint"]) == 32 and len(row["row_fingerprint"]) == 32
    assert db.run(con, "index_stale", first_row=1, end_row=2).fetchall() == []   # not in the page
    _record_as_indexed(con, row)
    assert db.run(con, "index_stale", **everything).fetchall() == []
    con.execute("UPDATE text_index SET row_fingerprint = NULL")   # indexed by an older greffe
    assert [r[0] for r in db.run(con, "index_stale", **everything).fetchall()] == [G]
    _record_as_indexed(con, row)
    con.execute("UPDATE decisions SET procedure = NULL")    # filled in or changed: stale again
    assert [r[0] for r in db.run(con, "index_stale", **everything).fetchall()] == [G]


def case_index_pages(con):
    assert db.run(con, "index_pages", batch=1024).fetchall() == [(0,)]     # G, never indexed
    (row,) = db._dicts(db.run(con, "index_stale", first_row=None, end_row=None))
    _record_as_indexed(con, row)
    assert db.run(con, "index_pages", batch=1024).fetchall() == []
    con.execute("UPDATE decisions SET court_city = NULL")   # a second source fills the row in
    assert db.run(con, "index_pages", batch=1024).fetchall() == [(0,)]
    _record_as_indexed(con, db._dicts(db.run(con, "index_stale", first_row=None, end_row=None))[0])
    con.execute("UPDATE decisions SET loaded_at = loaded_at + INTERVAL 1 SECOND")   # re-extracted
    assert db.run(con, "index_pages", batch=1024).fetchall() == [(0,)]


def case_index_texts(con):
    assert db.run(con, "index_texts", ids=[G, "nope"]).fetchall() == [
        (G, TEXT + "\nM. B A\npréfet de l'Isère fixer un rendez-vous")]
    assert db.run(con, "index_texts", ids=[]).fetchall() == []


def case_decision_texts(con):
    assert db.run(con, "decision_texts", ids=[G, "nope"]).fetchall() == [(G, TEXT)]
    assert db.run(con, "decision_texts", ids=[]).fetchall() == []


def case_index_gone(con):
    db.run(con, "index_record", rows=json.dumps([{"decision_id": "X_1", "fingerprint": "f"}]),
           gone=[], clear=False)
    assert db.run(con, "index_gone").fetchall() == [("X_1",)]


def case_index_record(con):
    db.run(con, "index_record", rows=json.dumps([{"decision_id": "X_1", "fingerprint": "f"},
                                                 {"decision_id": "X_2", "fingerprint": "g"}]),
           gone=[], clear=False)
    db.run(con, "index_record", rows=json.dumps([{"decision_id": "X_2", "fingerprint": "h"}]),
           gone=["X_1"], clear=False)
    assert con.execute("SELECT decision_id, fingerprint FROM text_index").fetchall() == [("X_2", "h")]
    db.run(con, "index_record", rows="[]", gone=[], clear=True)
    assert con.execute("SELECT count(*) FROM text_index").fetchone() == (0,)


def case_seen(con):
    assert db.run(con, "seen", sha256=SHA, extractor_version=V, include_quarantined=True).fetchone() == (True,)
    assert db.run(con, "seen", sha256=SHA, extractor_version="9", include_quarantined=True).fetchone() == (False,)


def case_show(con):
    (row,) = db._dicts(db.run(con, "show", id=G))
    assert row["case_numbers"] == ["2506085"] and len(row["sources"]) == 1
    assert row["injunctions"][0]["authority"] == "prefet:isere"
    assert row["zones"][1] == {"name": "dispositif", "start": TEXT.index("O R D O N N E"), "end": len(TEXT)}


def case_snippet_terms(con):
    rows = dict(db.run(con, "snippet_terms", words="préfectures de Rejetée").fetchall())
    assert rows == {"préfectures": "prefectur", "de": "", "Rejetée": "rejet"}


def case_source_count(con):
    assert db.run(con, "source_count", id=G).fetchone() == (1,)


def case_status(con):
    decisions, sources, quarantined, last_run, last_loaded = db.run(con, "status").fetchone()
    assert (decisions, sources, quarantined) == (1, 1, 0) and last_run is not None


def case_status_courts(con):
    assert db.run(con, "status_courts").fetchall() == [("TA", "Grenoble", "TA38", 1)]


def case_status_reasons(con):
    db.quarantine(con, "/in/a.pdf", "e" * 64, "encrypted", "password", V)
    db.quarantine(con, "/in/b.pdf", "f" * 64, "encrypted", "password", V)
    assert db.run(con, "status_reasons").fetchall() == [("encrypted", 2)]


def case_terms(con):
    (terms,) = db.run(con, "terms", text="Les préfectures ont rejeté la demande n° 21PA02971").fetchone()
    assert sorted(terms.split()) == ["21pa02971", "demand", "ont", "prefectur", "rejet"]


def case_upsert_source(con):
    db.run(con, "upsert_source", sha256="c" * 64, decision_id=G, path="/in/2506085.pdf", format="pdf",
           pages=3, ocr=False, extractor_version=V, now=NOW)
    assert one(con, "SELECT count(*), sum(pages) FROM sources WHERE decision_id = ?", G) == (2, 3)


def case_views(con):
    db.run(con, "views")                                          # again: idempotent
    assert one(con, "SELECT citation, has_injunction, injunctions, astreinte_pronounced, authorities "
                    "FROM decisions_v") == ("TA Grenoble, ord., 21 juill. 2025, n° 2506085", True, 1, False,
                                            ["prefet:isere"])
    assert one(con, "SELECT authority_kind, measure FROM injunctions_v") == ("prefet", "fixer un rendez-vous")
    assert one(con, "SELECT name, role FROM parties_v") == ("M. B A", "requerant")
    assert one(con, "SELECT count(*) FROM astreintes_v") == (0,)



# ---- the batch statements of greffe.db.load_many, seen_many and record_skips (JSON rows)

def case_known_decisions(con):
    found = db.run(con, "known_decisions", ids=json.dumps([G, "CE_1_20200101", SHA])).fetchall()
    assert found == [(G,)]


def case_known_sources(con):
    found = db.run(con, "known_sources", shas=json.dumps([SHA, "f" * 64, G])).fetchall()
    assert found == [(SHA,)]


def case_last_texts(con):
    assert db.run(con, "last_texts", n=db.TEXT_WINDOW).fetchall() == [(len(TEXT.encode()),)]
    brief = "Décision « brève »."                                  # 19 characters, 23 bytes
    rows(con, "insert_decisions", dict(
        id="CE_458056_20211119", court_kind="CE", court_city=None, court_code="CE", court_name=None,
        decision_date="2021-11-19", decision_type="decision", formation=None, procedure=None,
        outcomes=["rejet"], topics=[], warnings=[], text=brief, text_sha256="c" * 64,
        extractor_version=V, now="2025-07-22 09:30:00"))
    assert db.run(con, "last_texts", n=1).fetchall() == [(23,)]       # the last appended only


def case_insert_decisions(con):
    rows(con, "insert_decisions", dict(
        id="CE_458056_20211119", court_kind="CE", court_city=None, court_code="CE", court_name=None,
        decision_date="2021-11-19", decision_type="decision", formation=None, procedure=None,
        outcomes=["rejet"], topics=[], warnings=[], text="Texte.", text_sha256="c" * 64,
        extractor_version=V, now="2025-07-22 09:30:00"))
    assert one(con, "SELECT decision_date, outcomes, loaded_at FROM decisions WHERE court_kind = 'CE'") == (
        dt.date(2021, 11, 19), ["rejet"], NOW)


def case_insert_sources(con):
    rows(con, "insert_sources", dict(sha256="c" * 64, decision_id=G, path="/in/2506085.pdf", format="pdf",
                                     pages=4, ocr=True, extractor_version=V, now="2025-07-22 09:30:00"))
    assert one(con, "SELECT pages, ocr, loaded_at FROM sources WHERE sha256 = ?", "c" * 64) == (4, True, NOW)


def case_ledger_record_many(con):
    db.run(con, "ledger_record_many", extractor_version=V, now=NOW, rows=json.dumps([
        dict(sha256="d" * 64, path="/in/x.pdf", outcome="loaded", reason=None, message=None, decision_id=G),
        dict(sha256=SHA, path="/in/2506085.xml", outcome="loaded", reason=None, message=None, decision_id=G)]))
    assert one(con, "SELECT count(*), min(seen_at) FROM ledger") == (2, NOW)    # the seeded row updated


def case_ledger_skip_many(con):
    db.run(con, "ledger_skip_many", extractor_version=V, now=NOW, rows=json.dumps([
        dict(sha256=SHA, path="/in/2506085.xml", reason="already-seen", message=None),
        dict(sha256=SHA, path="/in/copy.xml", reason="duplicate", message="same bytes")]))
    assert con.execute("SELECT path, outcome FROM ledger ORDER BY path").fetchall() == [
        ("/in/2506085.xml", "loaded"), ("/in/copy.xml", "skipped")]        # a skip hides nothing


def case_seen_many(con):
    found = db.run(con, "seen_many", shas=json.dumps([SHA, "f" * 64]), extractor_version=V,
                   include_quarantined=True).fetchall()
    assert found == [(SHA,)]
    assert db.run(con, "seen_many", shas=json.dumps([SHA]), extractor_version="9",
                  include_quarantined=True).fetchall() == []

CASES = {name.removeprefix("case_"): f for name, f in globals().items() if name.startswith("case_")}


def test_every_sql_file_has_a_case():
    """Every file of sql/ runs somewhere: here, or (the feed, alert and run queries, which need
    loaded decisions) in test_feed.py."""
    from test_feed import SQL_CASES
    assert not set(CASES) & set(SQL_CASES)
    assert sorted(set(CASES) | set(SQL_CASES)) == db.sql_names()


@pytest.mark.parametrize("name", sorted(CASES))
def test_sql_file(con, name):
    CASES[name](con)


def test_run_refuses_a_missing_or_unknown_parameter(con):
    with pytest.raises(TypeError, match="needs the parameter"):
        db.run(con, "source_count")
    with pytest.raises(TypeError, match="has no parameter"):
        db.run(con, "source_count", id=G, sha256=SHA)


def test_a_list_in_parentheses_after_in_is_bound_as_constants(con):
    """`IN ($ids)` takes a list (db._in_lists): each id a constant of its own, so that DuckDB
    filters the rows in its scan of the table; an empty list matches nothing, and the other
    parameters of the statement keep their names."""
    stmt, params = db._in_lists("SELECT 1 WHERE x in ( $ids ) AND y = $y", {"ids": ["a", "b"], "y": 1})
    assert stmt == "SELECT 1 WHERE x IN ($ids_0, $ids_1) AND y = $y"
    assert params == {"ids_0": "a", "ids_1": "b", "y": 1}
    assert db._in_lists("SELECT 1 WHERE x IN ($ids)", {"ids": []}) == ("SELECT 1 WHERE x IN (NULL)", {})
    assert db._in_lists("SELECT 1 WHERE x IN $ids", {"ids": ["a"]})[0] == "SELECT 1 WHERE x IN $ids"
    many = [f"X_{i}" for i in range(300)] + [G]     # more than a page of the index sync
    assert db.run(con, "decision_texts", ids=many).fetchall() == [(G, TEXT)]


def test_statements_are_split_outside_quotes_and_comments():
    assert [s for s, _ in db.statements("delete_decision")][0] == \
        "DELETE FROM case_numbers WHERE decision_id = $id"
    assert len(db.statements("delete_decision")) == 12
    assert db.parameters("browse") >= {"limit", "city", "min_amount"}


def research_queries() -> list[str]:
    """The ready-made queries for researchers in sql/research/ (when there are any)."""
    from importlib import resources
    folder = resources.files("greffe.sql").joinpath("research")
    if not folder.is_dir():
        return []
    return sorted(f"research/{p.name[:-4]}" for p in folder.iterdir() if p.name.endswith(".sql"))


@pytest.mark.parametrize("name", research_queries())
def test_research_query_runs(con, name):
    """Each query of sql/research/ is one statement without parameters that returns a table."""
    assert db.parameters(name) == set(), f"sql/{name}.sql takes parameters: greffe sql --file cannot bind them"
    assert len(db.statements(name)) == 1, f"sql/{name}.sql: greffe sql --file runs exactly one statement"
    db.run(con, name)
    assert con.description is not None           # it returns a table


# ---------------------------------------------------------------- research queries on corpus/
# Each ready-made query runs as a researcher runs it (greffe sql --file: read-only, locked down)
# on the published base of the 32 orders of corpus/, and must answer what corpus/gold says.

def _prefet(authority) -> bool:
    return bool(authority) and (authority.startswith("prefet:") or authority == "prefet-de-police")


def _pronounced(f, period=None):
    return [a for a in f["astreintes"] if a["status"] == "prononcee" and (period is None or a["period"] == period)]


def check_prefets_enjoined_under_astreinte_appointments(rows, g, ask):
    want: dict[str, int] = {}
    for f in g.values():
        if (f["court"]["kind"] == "TA" and "2024-01-01" <= f["decision_date"] <= "2025-12-31"
                and "rendez-vous-prefecture" in f["topics"] and _pronounced(f)
                and any(_prefet(i["authority"]) for i in f["injunctions"])):
            want[f["court"]["code"]] = want.get(f["court"]["code"], 0) + 1
    assert {r["court_code"]: r["decisions"] for r in rows} == want
    assert len(want) == 8                                           # read in corpus/gold
    grenoble = next(r for r in rows if r["court_code"] == "TA38")
    assert grenoble["citations"] == ["TA Grenoble, ord., 21 juill. 2025, n° 2506085"]
    assert grenoble["largest_astreinte_eur"] == 500


def check_astreinte_amounts_by_court(rows, g, ask):
    want: dict[str, list] = {}
    for f in g.values():
        for a in _pronounced(f, "jour"):
            if a["amount_eur"] is not None:
                want.setdefault(f["court"]["code"], []).append(a["amount_eur"])
    assert {r["court_code"]: (r["astreintes"], float(r["min_eur_per_day"]), float(r["max_eur_per_day"]))
            for r in rows} == {c: (len(v), min(v), max(v)) for c, v in want.items()}
    assert rows[0]["court_code"] == "TA38" and rows[0]["max_eur_per_day"] == 500    # the largest first


def check_deadlines_given_to_prefets(rows, g, ask):
    want: dict[str, int] = {}
    for f in g.values():
        for i in f["injunctions"]:
            d = i["deadline"]
            if _prefet(i["authority"]) and d and (d["days"] or d["months"]):
                label = f"{d['days']} jours" if d["days"] is not None else f"{d['months']} mois"
                want[label] = want.get(label, 0) + 1
    got = {r["time_limit"]: r["injunctions"] for r in rows if not r["time_limit"].startswith(("sans", "aucun"))}
    assert got == want
    assert [r["time_limit"] for r in rows][:2] == ["2 jours", "8 jours"]         # shortest first


def check_anef_outcomes_by_year(rows, g, ask):
    want: dict[tuple, int] = {}
    for f in g.values():
        if "anef" in f["topics"] and f["decision_date"].startswith("2024"):
            for o in f["outcomes"]:
                want[(2024, o)] = want.get((2024, o), 0) + 1
    assert {(r["year"], r["outcome"]): r["decisions"] for r in rows if r["year"] == 2024} == want
    assert want == {(2024, "rejet"): 2, (2024, "injonction"): 1}   # TA Montpellier 2406021, TA Cergy 2409876


def check_most_cited_decisions(rows, g, ask):
    row = next(r for r in rows if r["cited_number"] == "2207719")
    assert (row["cited_court"], row["cited_date"], row["citing"]) == \
        ("TA69", "2023-03-02", ["CAA Lyon, 18 janv. 2024, n° 23LY01845"])
    text = ask("SELECT text FROM decisions WHERE id = 'CAA69_23LY01845_20240118'")[0]["text"]
    assert "2207719" in text and "2 mars 2023" in text


def check_judges_by_court(rows, g, ask):
    want: dict[tuple, int] = {}
    for f in g.values():
        for j in f["judges"]:
            want[(f["court"]["code"], j)] = want.get((f["court"]["code"], j), 0) + 1
    assert {(r["court_code"], r["judge"]): r["decisions"] for r in rows} == want


def check_associations_in_court(rows, g, ask):
    want = {(n, p["name"]) for n, f in g.items() for p in f["parties"] if p["kind"] == "association"}
    ids = {r["citation"]: r["id"] for r in ask("SELECT citation, id FROM decisions_v")}
    got = {(ids[r["citation"]], r["association"]) for r in rows}
    # every association of the gold, and nothing else: those named without the word
    # `association` too (`Ligue des droits de l'Homme`, `Groupe d'information et de soutien des
    # immigré·e·s (GISTI)`)
    assert got == want
    assert any("GISTI" in name for _, name in got) and any("Ligue des droits" in name for _, name in got)
    cimade = {n for n, name in want if "La Cimade" in name}
    assert {n for n, name in got if "La Cimade" in name} == cimade and len(cimade) >= 3


def check_injunction_rate_by_procedure(rows, g, ask):
    want: dict[str, list] = {}
    for f in g.values():
        n = want.setdefault(f["procedure"], [0, 0, 0])
        n[0] += 1
        n[1] += bool(f["injunctions"])
        n[2] += bool(_pronounced(f))
    assert {r["procedure"]: [r["decisions"], r["with_injunction"], r["with_astreinte"]] for r in rows} == want
    assert rows[0]["procedure"] == "refere-mesures-utiles"          # 16 of the 32 orders


RESEARCH_CHECKS = {f"research/{name.removeprefix('check_')}": f
                   for name, f in globals().items() if name.startswith("check_")}


def test_every_research_query_has_a_check():
    assert sorted(RESEARCH_CHECKS) == research_queries()
    assert 6 <= len(RESEARCH_CHECKS) <= 8


@pytest.fixture(scope="module")
def corpus_published(tmp_path_factory, corpus_dir):
    """The base of the 32 orders of corpus/, published (tests/corpus_base.py)."""
    from corpus_base import corpus_base
    return corpus_base(tmp_path_factory, corpus_dir)


@pytest.mark.slow
@pytest.mark.parametrize("name", research_queries())
def test_research_query_answers_on_the_corpus(corpus_published, corpus_dir, name):
    from corpus_base import gold
    from greffe.sqlshell import run_one, statement_text

    def ask(sql):
        res = run_one(corpus_published, sql)
        return [dict(zip(res.columns, r)) for r in res.rows]

    rows = ask(statement_text(None, _research_file(name)))          # as `greffe sql --file` reads it
    assert rows, f"sql/{name}.sql found nothing on corpus/"
    RESEARCH_CHECKS[name](rows, gold(corpus_dir), ask)


def _research_file(name: str):
    from importlib import resources
    return resources.files("greffe.sql").joinpath(f"{name}.sql")
