"""greffe.db: loading in one transaction, the ledger, full-text search, show and status.

Decisions are built directly from greffe.model with the small factories below; their texts are
short real-style French orders, and every span is found in the text, not typed in."""
from __future__ import annotations

import dataclasses
import hashlib
from array import array
from pathlib import Path

import duckdb
import pytest

from greffe import db
from greffe.errors import DatabaseNotFound, DecisionNotFound, InvalidFilter, SetupError
from greffe.model import (Astreinte, Court, Deadline, Decision, Injunction, LegalRef, Party,
                          Source, Span, TextMap, Zone)

VERSION = "0.1.0"
SHOW_EXTRAS = ("citation", "dispositif", "sources", "pages", "extractor_version", "loaded_at")
CHILD_TABLES = db.CHILD_TABLES


# ------------------------------------------------------------------ factories

def sha(name: str) -> str:
    return hashlib.sha256(name.encode()).hexdigest()


def span_of(text: str, needle: str, page: int | None = None) -> Span:
    start = text.index(needle)
    return Span(start, start + len(needle), page)


def zones_of(text: str, dispositif_marker: str) -> tuple[Zone, ...]:
    cut = text.index(dispositif_marker)
    visas = text.index("Vu ")
    return (Zone("entete", 0, visas), Zone("visas", visas, cut), Zone("dispositif", cut, len(text)))


def decision(id: str, text: str, *, court: Court, numbers: tuple[str, ...], date: str | None,
             decision_type: str | None, outcomes: tuple[str, ...], path: str | None = None,
             fmt: str = "xml", pages: int | None = None, source_key: str | None = None,
             **fields) -> Decision:
    path = path or f"/in/{id}.{fmt}"
    values = dict(
        id=id, source=Source(path=path, sha256=sha(source_key or path), format=fmt, pages=pages),
        court=court, case_numbers=numbers, decision_date=date, decision_type=decision_type,
        formation=None, procedure=None, judges=(), parties=(), outcomes=outcomes, injunctions=(),
        astreintes=(), deadlines=(), legal_refs=(), cited_decisions=(), topics=(), zones=(),
        text=text)
    values.update(fields)
    return Decision(**values)


T1 = (
    "TRIBUNAL ADMINISTRATIF DE GRENOBLE\nN° 2506085\nM. B A\n"
    "Vu la procédure suivante :\n"
    "Par une requête enregistrée le 10 juillet 2025, M. A demande au juge des référés d'enjoindre "
    "au préfet de l'Isère de lui fixer un rendez-vous. Il soutient que les préfectures imposent une "
    "démarche en ligne et qu'aucun accès non dématérialisé au service n'est offert.\n"
    "O R D O N N E :\n"
    "Article 1er : Il est enjoint au préfet de l'Isère de fixer un rendez-vous à M. A dans un délai "
    "de quinze jours à compter de la notification de la présente ordonnance, sous astreinte de "
    "100 euros par jour de retard.\n"
    "Article 2 : Le surplus des conclusions de la requête est rejeté.\n")

T2 = (
    "TRIBUNAL ADMINISTRATIF DE CERGY-PONTOISE\nN° 2403311\nMme C D\n"
    "Vu la procédure suivante :\n"
    "Mme D demande le renouvellement de son titre de séjour sur le site de l'ANEF. Le service "
    "dématérialisé n'est pas défaillant, 50 % des créneaux restent ouverts, et la requérante ne "
    "démontre pas non plus l'urgence.\n"
    "O R D O N N E :\n"
    "Article 1er : La requête de Mme D est rejetée.\n")

T3 = (
    "CONSEIL D'ETAT statuant au contentieux\nNos 435153, 435157\n"
    "Vu la procédure suivante :\n"
    "1° Sous le n° 435153, M. E F demande l'annulation du refus de visa opposé par le ministre de "
    "l'intérieur. 2° Sous le n° 435157, il présente les mêmes conclusions.\n"
    "D E C I D E :\n"
    "Article 1er : Il n'y a pas lieu de statuer sur les conclusions des requêtes.\n")

T4 = (
    "COUR ADMINISTRATIVE D'APPEL DE PARIS\nN° 21PA02971\n"
    "Vu la procédure suivante :\n"
    "M. G H relève appel du jugement du tribunal administratif de Paris.\n"
    "DECIDE :\n"
    "Article 1er : Le jugement du tribunal administratif de Paris est annulé.\n"
    "Article 2 : Il est enjoint au préfet de police de réexaminer la demande de M. H dans un délai "
    "de deux mois.\n")


def ta_grenoble(**overrides) -> Decision:
    t = T1
    deadline = Deadline("dans un délai de quinze jours à compter de la notification de la présente ordonnance",
                        days=15, anchor="notification", status="prononce",
                        span=span_of(t, "dans un délai de quinze jours à compter"))
    astreinte = Astreinte(100.0, "jour", "prononcee", "sous astreinte de 100 euros par jour de retard",
                          span=span_of(t, "sous astreinte de 100 euros par jour de retard"))
    injunction = Injunction("préfet de l'Isère", "fixer un rendez-vous à M. A", authority="prefet:isere",
                            deadline=deadline, astreinte=astreinte,
                            span=span_of(t, "Il est enjoint au préfet de l'Isère de fixer"))
    values = dict(
        court=Court("TA", "Grenoble", "TA38", "Tribunal administratif de Grenoble"),
        numbers=("2506085",), date="2025-07-21", decision_type="ordonnance",
        outcomes=("injonction", "astreinte", "rejet"), formation="juge des référés",
        procedure="refere-liberte", judges=("Mme Juge",),
        parties=(Party("M. B A", "requerant", "personne", span=span_of(t, "M. B A")),
                 Party("préfet de l'Isère", "defendeur", "administration", "prefet:isere",
                       span=span_of(t, "préfet de l'Isère"))),
        injunctions=(injunction,), astreintes=(astreinte,), deadlines=(deadline,),
        legal_refs=(LegalRef("L521-2", "CJA"),), topics=("rendez-vous-prefecture",),
        zones=zones_of(t, "O R D O N N E"))
    values.update(overrides)
    return decision(values.pop("id", "TA38_2506085_20250721"), values.pop("text", t), **values)


def ta_cergy(**overrides) -> Decision:
    values = dict(court=Court("TA", "Cergy-Pontoise", "TA95"), numbers=("2403311",), date="2024-03-12",
                  decision_type="ordonnance", outcomes=("rejet",), topics=("anef", "titre-de-sejour"),
                  parties=(Party("Mme C D", "requerant", "personne", span=span_of(T2, "Mme C D")),),
                  zones=zones_of(T2, "O R D O N N E"))
    values.update(overrides)
    return decision(values.pop("id", "TA95_2403311_20240312"), values.pop("text", T2), **values)


def ce(**overrides) -> Decision:
    values = dict(court=Court("CE", None, "CE"), numbers=("435153", "435157"), date="2021-11-19",
                  decision_type="decision", outcomes=("non-lieu",), topics=("visa",),
                  parties=(Party("ministre de l'intérieur", "defendeur", "administration", "ministre:interieur",
                                 span=span_of(T3, "ministre de l'intérieur")),),
                  zones=zones_of(T3, "D E C I D E"))
    values.update(overrides)
    return decision(values.pop("id", "CE_435153_20211119"), values.pop("text", T3), **values)


def caa_paris(**overrides) -> Decision:
    injunction = Injunction("préfet de police", "réexaminer la demande de M. H", authority="prefet-de-police",
                            deadline=Deadline("dans un délai de deux mois", months=2, status="prononce",
                                              span=span_of(T4, "dans un délai de deux mois")),
                            span=span_of(T4, "Il est enjoint au préfet de police"))
    values = dict(court=Court("CAA", "Paris", "CAA75"), numbers=("21PA02971",), date="2022-02-03",
                  decision_type="arret", outcomes=("annulation", "injonction"), procedure="appel",
                  injunctions=(injunction,), deadlines=(injunction.deadline,), zones=zones_of(T4, "DECIDE"))
    values.update(overrides)
    return decision(values.pop("id", "CAA75_21PA02971_20220203"), values.pop("text", T4), **values)


def page_map(text: str, break_at: str) -> TextMap:
    """Page 1 up to the line `break_at`, page 2 from it; the newline between is inserted (page 0).
    Each character sits on a 6 x 12 pt cell of its line."""
    cut = text.index(break_at)
    pages, boxes = array("H"), array("f")
    line = col = 0
    for i, ch in enumerate(text):
        page = 0 if i == cut - 1 else (1 if i < cut else 2)
        if i == cut:
            line = col = 0
        pages.append(page)
        x0, top = 50 + 6 * col, 100 + 14 * line
        boxes.extend((x0, top, x0 + 6, top + 12))
        if ch == "\n":
            line, col = line + 1, 0
        else:
            col += 1
    return TextMap(pages, boxes)


def strip_boxes(value):
    """The record without the keys that show() adds to each value."""
    if isinstance(value, dict):
        return {k: strip_boxes(v) for k, v in value.items() if k != "box"}
    if isinstance(value, list):
        return [strip_boxes(v) for v in value]
    return value


def as_record(d: Decision) -> dict:
    return d.to_record()


def shown_record(con, decision_id: str) -> dict:
    record = db.show(con, decision_id)
    for extra in SHOW_EXTRAS:
        record.pop(extra)
    return strip_boxes(record)


def counts(con) -> dict[str, int]:
    tables = ("decisions", "sources", "ledger") + CHILD_TABLES
    return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


@pytest.fixture
def con():
    c = db.connect(":memory:")
    yield c
    c.close()


def four_decisions() -> duckdb.DuckDBPyConnection:
    """Four decisions from three kinds of court, indexed."""
    c = db.connect(":memory:")
    for d in (ta_grenoble(), ta_cergy(), ce(), caa_paris()):
        db.load(c, d, None, VERSION)
    db.rebuild_fts(c)
    return c


@pytest.fixture(scope="module")
def base():
    """The four decisions, shared by the tests that only read them."""
    c = four_decisions()
    yield c
    c.close()


G, C, E, P = ("TA38_2506085_20250721", "TA95_2403311_20240312", "CE_435153_20211119",
              "CAA75_21PA02971_20220203")


def ids(hits) -> set[str]:
    return {h.id for h in hits}


# ------------------------------------------------------------------ setup and connection

def test_check_setup_finds_the_extension_of_this_duckdb():
    path = db.check_setup()
    assert path.is_file() and path.parent.name == f"v{duckdb.__version__}"


def test_check_setup_says_what_to_install_when_the_pair_does_not_match(monkeypatch):
    monkeypatch.setattr(duckdb, "__version__", "1.4.0")
    with pytest.raises(SetupError, match=r"duckdb 1\.4\.0 is installed.*duckdb-extension-fts"):
        db.check_setup()


def test_schema_is_idempotent(tmp_path):
    path = tmp_path / "base.duckdb"
    for _ in range(2):
        c = db.connect(path)
        db.load(c, ta_grenoble(), None, VERSION)
        c.close()
    c = db.connect(path)
    assert c.execute("SELECT version FROM schema_version").fetchall() == [(1,)]
    assert counts(c)["decisions"] == 1
    c.close()


def test_read_only_base_searches_and_shows(tmp_path):
    path = tmp_path / "snapshot.duckdb"
    c = db.connect(path)
    db.load(c, ta_grenoble(), None, VERSION)
    db.rebuild_fts(c)
    c.close()
    ro = db.connect(path, read_only=True)
    assert ids(db.search(ro, "préfecture")) == {G}
    assert db.show(ro, G)["citation"] == "TA Grenoble, ord., 21 juill. 2025, n° 2506085"
    with pytest.raises(duckdb.Error):
        db.load(ro, ta_cergy(), None, VERSION)
    ro.close()


def test_readers_open_the_newest_snapshot(tmp_path):
    from greffe.publish import publish
    path = tmp_path / "greffe.duckdb"
    c = db.connect(path)
    db.load(c, ta_grenoble(), None, VERSION)
    db.rebuild_fts(c)
    c.close()
    publish(path)
    c = db.connect(path)                                   # the writer goes on
    db.load(c, ta_cergy(), None, VERSION)
    with db.connect_reader(path) as ro:                    # while readers see the snapshot
        assert ids(db.search(ro, None)) == {G}
    c.close()


def test_read_only_refuses_a_missing_base_and_a_foreign_one(tmp_path):
    with pytest.raises(DatabaseNotFound, match="no such base"):
        db.connect(tmp_path / "missing.duckdb", read_only=True)
    foreign = tmp_path / "other.duckdb"
    duckdb.connect(str(foreign)).execute("CREATE TABLE t (x INTEGER)").close()
    with pytest.raises(DatabaseNotFound, match="not a greffe base"):
        db.connect(foreign, read_only=True)


# ------------------------------------------------------------------ load

def test_loading_twice_keeps_one_decision(con):
    db.load(con, ta_grenoble(), None, VERSION)
    first = counts(con)
    db.load(con, ta_grenoble(), None, VERSION)
    assert counts(con) == first
    assert first["decisions"] == 1 and first["sources"] == 1 and first["ledger"] == 1
    assert first["parties"] == 2 and first["injunctions"] == 1


@pytest.mark.parametrize("make", [ta_grenoble, ta_cergy, ce, caa_paris])
def test_show_gives_back_the_record(con, make):
    d = make()
    db.load(con, d, None, VERSION)
    assert shown_record(con, d.id) == as_record(d)


def test_show_adds_citation_dispositif_and_sources(con):
    db.load(con, ce(), None, VERSION)
    shown = db.show(con, E)
    assert shown["citation"] == "CE, 19 nov. 2021, nos 435153, 435157"
    assert shown["dispositif"].startswith("D E C I D E :\nArticle 1er : Il n'y a pas lieu de statuer")
    assert [s["path"] for s in shown["sources"]] == ["/in/CE_435153_20211119.xml"]
    with pytest.raises(DecisionNotFound):
        db.show(con, "CE_000000_20210101")


@pytest.mark.parametrize("bad, error", [
    # a role outside the vocabulary: CHECK on parties, after the decision row was written
    (lambda d: dataclasses.replace(d, parties=d.parties + (Party("M. X", "juge", "personne"),)),
     duckdb.ConstraintException),
    # an astreinte 'par heure': CHECK on astreintes, after parties and injunctions
    (lambda d: dataclasses.replace(d, astreintes=(Astreinte(50.0, "heure", "prononcee", "50 euros par heure"),)),
     duckdb.ConstraintException),
    # an impossible date
    (lambda d: dataclasses.replace(d, decision_date="2025-02-30"), duckdb.ConversionException),
    # an outcome outside the vocabulary
    (lambda d: dataclasses.replace(d, outcomes=("gagné",)), duckdb.ConstraintException),
    # both days and months for one deadline
    (lambda d: dataclasses.replace(d, deadlines=(Deadline("sous quinze jours", days=15, months=1),)),
     duckdb.ConstraintException),
])
def test_a_failure_mid_load_leaves_nothing(con, bad, error):
    with pytest.raises(error):
        db.load(con, bad(ta_grenoble()), None, VERSION)
    assert all(n == 0 for n in counts(con).values()), counts(con)
    assert not db.seen(con, ta_grenoble().source.sha256, VERSION)
    db.load(con, ta_cergy(), None, VERSION)          # the connection is still usable
    assert counts(con)["decisions"] == 1


def test_a_failed_reload_keeps_the_previous_rows(con):
    good = ta_grenoble()
    db.load(con, good, None, VERSION)
    bad = dataclasses.replace(good, parties=(Party("M. X", "juge", "personne"),))
    with pytest.raises(duckdb.ConstraintException):
        db.load(con, bad, None, "0.2.0")
    assert shown_record(con, G) == as_record(good)
    assert not db.seen(con, good.source.sha256, "0.2.0")


def test_pages_and_boxes_of_a_pdf(con):
    pdf = ta_grenoble(fmt="pdf", pages=2)
    tm = page_map(pdf.text, "O R D O N N E")
    db.load(con, pdf.located(tm), tm, VERSION)
    shown = db.show(con, G)
    cut = T1.index("O R D O N N E")
    assert shown["pages"] == [{"page": 1, "start": 0, "end": cut - 1},
                              {"page": 2, "start": cut, "end": len(T1)}]
    injunction = shown["injunctions"][0]
    assert injunction["page"] == 2
    # 'Il est enjoint...' starts the second line of page 2, at column 13 ('Article 1er : ')
    assert injunction["box"][0] == 50 + 6 * len("Article 1er : ")
    assert injunction["box"][1] == 100 + 14
    assert injunction["astreinte"]["page"] == 2 and injunction["deadline"]["page"] == 2
    assert shown["parties"][0]["page"] == 1
    page2 = con.execute("SELECT text FROM page_texts WHERE decision_id = ? AND page = 2", [G]).fetchone()[0]
    assert page2.startswith("O R D O N N E :") and page2.endswith("est rejeté.\n")


def test_a_pdf_and_an_xml_of_one_decision_are_one_decision_with_two_sources(con):
    pdf = ta_grenoble(fmt="pdf", pages=2, formation=None)
    tm = page_map(pdf.text, "O R D O N N E")
    xml = ta_grenoble(fmt="xml")
    db.load(con, pdf.located(tm), tm, VERSION)
    db.load(con, xml, None, VERSION)
    c = counts(con)
    assert (c["decisions"], c["sources"], c["ledger"]) == (1, 2, 2)
    shown = db.show(con, G)
    assert shown["source"]["format"] == "pdf"              # the PDF keeps its pages and boxes
    assert shown["injunctions"][0]["page"] == 2
    assert shown["formation"] == "juge des référés"        # filled in from the XML
    assert sorted(s["format"] for s in shown["sources"]) == ["pdf", "xml"]


def test_an_xml_then_a_pdf_takes_the_pdf_rows_and_keeps_the_xml_facts(con):
    db.load(con, ta_grenoble(fmt="xml"), None, VERSION)
    pdf = ta_grenoble(fmt="pdf", pages=2, formation=None)
    tm = page_map(pdf.text, "O R D O N N E")
    db.load(con, pdf.located(tm), tm, VERSION)
    shown = db.show(con, G)
    assert shown["source"]["format"] == "pdf" and len(shown["pages"]) == 2
    assert shown["formation"] == "juge des référés"
    assert counts(con)["parties"] == 2


def test_re_extracting_the_pdf_keeps_what_only_the_xml_states(con):
    pdf = ta_grenoble(fmt="pdf", pages=2, formation=None)
    tm = page_map(pdf.text, "O R D O N N E")
    db.load(con, ta_grenoble(fmt="xml"), None, VERSION)
    db.load(con, pdf.located(tm), tm, VERSION)
    db.load(con, pdf.located(tm), tm, "0.2.0")             # a new extractor, the same PDF
    assert db.show(con, G)["formation"] == "juge des référés"


def test_re_extracting_the_only_source_replaces_every_value(con):
    db.load(con, ta_grenoble(), None, VERSION)
    db.load(con, ta_grenoble(formation=None), None, "0.2.0")
    assert db.show(con, G)["formation"] is None


def test_a_source_re_extracted_under_a_new_id_moves(con):
    key = "/in/scan.pdf"
    old = ta_grenoble(id="sha256-" + sha(key)[:16], court=Court(None), numbers=(), source_key=key)
    db.load(con, old, None, "0.1.0")
    new = ta_grenoble(source_key=key)
    db.load(con, new, None, "0.2.0")
    assert con.execute("SELECT id FROM decisions").fetchall() == [(G,)]
    assert counts(con)["parties"] == 2 and counts(con)["sources"] == 1


# ------------------------------------------------------------------ ledger

def test_ledger_seen_and_quarantine(con):
    d = ta_grenoble()
    assert not db.seen(con, d.source.sha256, VERSION)
    db.load(con, d, None, VERSION)
    assert db.seen(con, d.source.sha256, VERSION)
    assert not db.seen(con, d.source.sha256, "0.2.0")      # a new extractor re-extracts

    bad = sha("/in/locked.pdf")
    db.quarantine(con, "/in/locked.pdf", bad, "encrypted", "/in/locked.pdf: protected by a password", VERSION)
    db.quarantine(con, "/in/cut.pdf", sha("/in/cut.pdf"), "truncated", "ends mid-stream", VERSION)
    db.quarantine(con, "/in/cut2.pdf", sha("/in/cut2.pdf"), "truncated", "ends mid-stream", VERSION)
    assert db.seen(con, bad, VERSION)
    s = db.status(con)
    assert s["quarantined"] == 3
    assert s["quarantine_reasons"] == {"truncated": 2, "encrypted": 1}


def test_retriable_is_not_seen_and_a_later_load_clears_the_quarantine(con):
    d = ta_grenoble()
    db.record_retriable(con, d.source.path, d.source.sha256, "timeout", "the parser ran out of time", VERSION)
    assert not db.seen(con, d.source.sha256, VERSION)
    db.quarantine(con, d.source.path, d.source.sha256, "timeout", "again", "0.0.9")
    assert db.status(con)["quarantined"] == 1
    db.load(con, d, None, VERSION)
    assert db.status(con)["quarantined"] == 0
    outcome = con.execute("SELECT outcome FROM ledger WHERE extractor_version = ?", [VERSION]).fetchone()
    assert outcome == ("loaded",)


def test_a_skip_never_hides_a_load(con):
    d = ta_grenoble()
    db.load(con, d, None, VERSION)
    db.record_skip(con, d.source.path, d.source.sha256, VERSION)
    db.record_skip(con, "/in/copy.xml", d.source.sha256, VERSION, "duplicate", "same content as /in/...")
    rows = con.execute("SELECT path, outcome, reason FROM ledger ORDER BY path").fetchall()
    assert rows == [("/in/TA38_2506085_20250721.xml", "loaded", None), ("/in/copy.xml", "skipped", "duplicate")]


def test_a_quarantined_document_can_be_tried_again(con):
    bad = sha("/in/locked.pdf")
    db.quarantine(con, "/in/locked.pdf", bad, "encrypted", "protected by a password", VERSION)
    assert db.seen(con, bad, VERSION)
    assert not db.seen(con, bad, VERSION, include_quarantined=False)


def test_a_file_that_could_not_be_read_is_quarantined_by_its_path(con):
    db.quarantine(con, "/in/gone.pdf", None, "unreadable", "permission denied", VERSION)
    db.quarantine(con, "/in/gone2.pdf", None, "unreadable", "permission denied", VERSION)
    assert db.status(con)["quarantine_reasons"] == {"unreadable": 2}


@pytest.mark.parametrize("bad_sha", ["ABC", "g" * 64, "A" * 64, "a" * 63])
def test_the_ledger_refuses_a_malformed_hash(con, bad_sha):
    with pytest.raises(duckdb.ConstraintException):
        db.quarantine(con, "/in/x.pdf", bad_sha, "empty", "empty file", VERSION)


# ------------------------------------------------------------------ search

@pytest.mark.parametrize("query, expected", [
    ("prefecture", {G}),                    # 'préfectures' in the text: stemmed, accents aside
    ("PRÉFECTURES", {G}),
    ("rejetée", {G, C}),                    # 'est rejeté' (G) and 'est rejetée' (C)
    ("dématérialisés", {G, C}),             # 'non dématérialisé' (G), 'service dématérialisé' (C)
    ("enjoint préfet", {G, P}),             # every word must occur
    ("titre de séjour", {C}),               # 'de' is a function word
    ("sejour anef", {C}),
    ("21PA02971", {P}),                     # a case number
    ("astreinte rendez-vous", {G}),
    ("ministre intérieur", {E}),
    ("préfet visa", set()),                 # no decision has both
    ("de la", []),                          # only function words: nothing to look for
])
def test_search_by_stemmed_words(base, query, expected):
    hits = db.search(base, query)
    assert ids(hits) == set(expected)


@pytest.mark.parametrize("query, expected", [
    ('"non dématérialisé"', {G}),
    ('"NON DEMATERIALISE"', {G}),                       # accents and case aside
    ("« accès non dématérialisé »", {G}),               # French quotes
    ("non dématérialisé", {G, C}),                      # unquoted: the words anywhere ('non plus' in C)
    ('"dématérialisé non"', set()),                     # word order counts
    ('"préfet de police"', {P}),
    ('"préfet de l\'Isère" astreinte', {G}),
    ('"préfet de Isère"', set()),                       # a phrase is as written, function words too
    ('préfet "non', {G}),                               # an unbalanced quote is only a separator
])
def test_phrase_search(base, query, expected):
    assert ids(db.search(base, query)) == expected


@pytest.mark.parametrize("query, filters, expected", [
    ("dématérialisé", {"court_kind": "TA"}, {G, C}),
    ("dématérialisé", {"court_kind": "ta"}, {G, C}),
    ("dématérialisé", {"city": "cergy-pontoise"}, {C}),
    ("enjoint", {"city": "Grenoble"}, {G}),
    (None, {"since": "2022-01-01"}, {G, C, P}),
    (None, {"until": "2021-12-31"}, {E}),
    (None, {"since": "2024-03-12", "until": "2024-03-12"}, {C}),   # both ends inclusive
    (None, {"outcome": "injonction"}, {G, P}),
    ("préfet", {"outcome": "annulation"}, {P}),
    (None, {"authority": "prefet:isere"}, {G}),
    (None, {"authority": "prefet-de-police"}, {P}),                # an injunction's addressee
    (None, {"case_number": "435157"}, {E}),                        # a joined case
    (None, {"topic": "anef"}, {C}),
    (None, {"decision_type": "arret"}, {P}),
    (None, {"court_code": "ce"}, {E}),
    (None, {"procedure": "refere-liberte"}, {G}),
    (None, {}, {G, C, E, P}),
])
def test_search_filters(base, query, filters, expected):
    assert ids(db.search(base, query, **filters)) == expected


def test_browse_is_newest_first_and_limited(base):
    assert [h.id for h in db.search(base, None)] == [G, C, P, E]
    assert [h.id for h in db.search(base, "", limit=2)] == [G, C]
    assert all(h.score is None for h in db.search(base, None))
    (hit,) = db.search(base, None, case_number="435157")
    assert hit.snippet.startswith("…D E C I D E : Article 1er : Il n'y a pas lieu de statuer")


@pytest.mark.parametrize("filters", [
    {"court_kind": "TGI"}, {"outcome": "gagné"}, {"decision_type": "arrêt"}, {"procedure": "refere"},
    {"since": "21/07/2025"}, {"until": "2025-13-01"}, {"limit": 0}, {"limit": "10"},
])
def test_invalid_filters_say_so(base, filters):
    with pytest.raises(InvalidFilter):
        db.search(base, "préfet", **filters)


@pytest.mark.parametrize("query, expected", [
    ("'; DROP TABLE decisions; --", set()),
    ("%", set()),                            # not a wildcard: nothing to look for
    ("_", set()),
    ("50%", {C}),                            # '50 % des créneaux'
    ("100 %", {G}),
    ("préfet' OR '1'='1", set()),
    ('" OR 1=1 --', set()),
    ("$terms", set()),
    ("enjoint\\", {G, P}),
])
def test_injection_strings_are_searched_literally(base, query, expected):
    assert ids(db.search(base, query)) == expected
    assert counts(base)["decisions"] == 4


@pytest.mark.parametrize("filters", [
    {"city": "Grenoble' OR '1'='1"},
    {"court_code": "TA38'; DELETE FROM decisions; --"},
    {"case_number": "%"},
    {"authority": "prefet:%"},
    {"topic": "_"},
])
def test_injection_strings_in_filters_match_nothing(base, filters):
    assert db.search(base, None, **filters) == []
    assert db.search(base, "préfet", **filters) == []
    assert counts(base)["decisions"] == 4


def test_hit_fields(base):
    (hit,) = db.search(base, "prefecture")
    assert hit.case_numbers == ("2506085",)
    assert hit.court == {"kind": "TA", "city": "Grenoble", "code": "TA38",
                         "name": "Tribunal administratif de Grenoble"}
    assert hit.decision_date == "2025-07-21" and hit.decision_type == "ordonnance"
    assert hit.outcomes == ("injonction", "astreinte", "rejet")
    assert hit.citation == "TA Grenoble, ord., 21 juill. 2025, n° 2506085"
    assert hit.score > 0
    assert "les **préfectures** imposent" in hit.snippet
    assert hit.summary == ("injonction (préfet de l'Isère) : fixer un rendez-vous à M. A"
                           " · délai 15 jours · astreinte 100 €/jour")
    assert hit.as_dict()["case_numbers"] == ["2506085"]


def test_summary_of_an_injunction_with_a_time_limit_in_months(base):
    (hit,) = db.search(base, "réexaminer")
    assert hit.summary == "injonction (préfet de police) : réexaminer la demande de M. H · délai 2 mois"
    (hit,) = db.search(base, "visa")
    assert hit.summary == ""


def test_snippet_picks_the_stretch_with_most_terms(base):
    (hit,) = db.search(base, "astreinte quinze", marks=("[", "]"))
    assert "[quinze]" in hit.snippet and "[astreinte]" in hit.snippet


def test_ranking_puts_the_denser_match_first(con):
    many = ce(id="CE_1_20210101", text=T3 + "Le visa, le visa, encore le visa.\n", source_key="a")
    few = ce(id="CE_2_20210101", source_key="b")
    for d in (many, few):
        db.load(con, d, None, VERSION)
    db.rebuild_fts(con)
    assert [h.id for h in db.search(con, "visa")] == ["CE_1_20210101", "CE_2_20210101"]


def test_search_on_the_writer_sees_new_changed_and_gone_decisions(con):
    db.load(con, ta_grenoble(), None, VERSION)
    assert ids(db.search(con, "préfecture")) == {G}         # the index follows the loads
    db.load(con, ta_cergy(), None, VERSION)
    assert ids(db.search(con, "anef")) == {C}
    assert db.sync_index(con) == {"added": 0, "deleted": 0, "rebuilt": 0}
    db.run(con, "delete_decision", id=C)                   # gone from the base
    assert ids(db.search(con, "anef")) == set()
    assert db.search_ids(con, "préfecture") == [G]
    assert db.fts_state(con)["built"] is False              # DuckDB's fts is opt-in now


def test_parties_and_measures_are_searched_too(con):
    d = ta_cergy(parties=(Party("association La Cimade", "intervenant", "association"),))
    db.load(con, d, None, VERSION)
    db.rebuild_fts(con)
    assert ids(db.search(con, "cimade")) == {C}


# ------------------------------------------------------------------ status

def test_status_counts():
    base = four_decisions()
    db.load(base, ta_grenoble(fmt="pdf"), None, VERSION)        # a second source of G
    db.quarantine(base, "/in/bomb.pdf", sha("/in/bomb.pdf"), "too-large", "inflates beyond limits", VERSION)
    s = db.status(base)
    assert s["decisions"] == 4 and s["sources"] == 5
    assert s["quarantined"] == 1 and s["quarantine_reasons"] == {"too-large": 1}
    assert s["courts"] == {"TA Grenoble": 1, "TA Cergy-Pontoise": 1, "CE": 1, "CAA Paris": 1}
    assert s["last_run"] is not None
    assert s["fts"]["built"] is True                       # four_decisions built the opt-in one


def test_status_of_an_empty_base(con):
    assert db.status(con) == {"decisions": 0, "sources": 0, "quarantined": 0, "quarantine_reasons": {},
                              "last_run": None, "courts": {},
                              "fts": {"built": False, "built_at": None, "stale": False},
                              "quarantine": [], "retriable": []}


# ------------------------------------------------------------------ the real corpus

@pytest.mark.slow
@pytest.mark.shared
def test_real_open_data_decisions_load_and_are_found(shared_dir: Path, request):
    from extractors import extract
    from greffe.opendata import read_xml
    pytest.importorskip("greffe.nlp")
    nlp = request.getfixturevalue("nlp")
    con = db.connect(":memory:")
    loaded = []
    for stem in ("DCE_435153_20211119", "DCE_457748_20211108"):
        path = shared_dir / "corpus" / "xml" / f"{stem}.xml"
        doc = read_xml(path.read_bytes(), str(path))
        decision = extract(doc, nlp)
        db.load(con, decision, doc.textmap, VERSION)
        db.load(con, decision, doc.textmap, VERSION)
        loaded.append((decision, doc))
    db.rebuild_fts(con)
    assert counts(con)["decisions"] == 2
    for decision, doc in loaded:
        shown = db.show(con, decision.id)
        assert shown["text"] == doc.text
        assert shown["source"]["sha256"] == doc.source.sha256
        assert strip_boxes({k: v for k, v in shown.items()
                            if k not in SHOW_EXTRAS}) \
            == decision.to_record()
    # a word of the first decision's own text finds it
    assert "435157" in loaded[0][1].text
    assert loaded[0][0].id in ids(db.search(con, "435157"))
    con.close()
