"""The full-text index (greffe.textindex, tantivy): French words, phrases, filters, literal input,
incremental add and delete, a reader while the writer commits, publishing a copy."""
from __future__ import annotations

import datetime as dt
import subprocess
import sys
import threading

import pytest

from greffe.textindex import IndexDoc, TextIndex, TextIndexError, parse_query

DOCS = (
    IndexDoc(id="TA38-2506085-2025-07-21",
             text="Il est enjoint au préfet de l'Isère de fixer un rendez-vous en préfecture à M. Diallo "
                  "dans un délai de quinze jours, sous astreinte de 100 euros par jour de retard.",
             court_kind="TA", city="Grenoble", code="TA38", decision_date=dt.date(2025, 7, 21),
             decision_type="ordonnance", procedure="refere-mesures-utiles",
             outcomes=("injonction", "astreinte"), authorities=("prefet:isere",),
             topics=("rendez-vous-prefecture",), has_injunction=True, astreinte_amounts=(100.0,)),
    IndexDoc(id="TA93-2401234-2024-02-05",
             text="Les préfectures doivent garantir une modalité de dépôt non dématérialisée. "
                  "La requête est rejetée.",
             court_kind="TA", city="Montreuil", code="TA93", decision_date=dt.date(2024, 2, 5),
             decision_type="ordonnance", procedure="refere-liberte", outcomes=("rejet",),
             authorities=("prefet:seine-saint-denis",), topics=("alternative-non-dematerialisee",)),
    IndexDoc(id="CE-470001-2023-11-03",
             text="Le Conseil d'État juge que le recours exclusif au téléservice ANEF est illégal "
                  "faute de solution de substitution ; l'usager non dématérialisé... "
                  "Le décret est annulé. Il est enjoint au ministre de l'intérieur de prendre les mesures.",
             court_kind="CE", city="Paris", code="CE", decision_date=dt.date(2023, 11, 3),
             decision_type="decision", procedure="fond", outcomes=("annulation", "injonction"),
             authorities=("ministre:interieur",), topics=("anef", "alternative-non-dematerialisee"),
             has_injunction=True),
    IndexDoc(id="CAA69-24LY0001-2025-01-15",
             text="La cour administrative d'appel de Lyon liquide l'astreinte prononcée contre la "
                  "Prefecture du Rhône à la somme de 5 000 euros ; une astreinte de 500 euros par jour "
                  "est prononcée. Symboles : 100 % ; a_b ; l'article L. 911-1 (injonction).",
             court_kind="CAA", city="Lyon", code="CAA69", decision_date=dt.date(2025, 1, 15),
             decision_type="arret", procedure="execution", outcomes=("liquidation", "astreinte"),
             authorities=("prefet:rhone",), has_injunction=True, astreinte_amounts=(500.0,)),
)


@pytest.fixture
def index(tmp_path):
    with TextIndex(tmp_path / "idx") as ix:
        ix.add(DOCS)
        ix.commit()
        yield ix


def ids(hits) -> set[str]:
    return {h.id for h in hits}


@pytest.mark.parametrize("query, expected", [
    # one stem for singular, plural, with and without accents, any case
    ("préfecture", {"TA38-2506085-2025-07-21", "TA93-2401234-2024-02-05", "CAA69-24LY0001-2025-01-15"}),
    ("préfectures", {"TA38-2506085-2025-07-21", "TA93-2401234-2024-02-05", "CAA69-24LY0001-2025-01-15"}),
    ("prefecture", {"TA38-2506085-2025-07-21", "TA93-2401234-2024-02-05", "CAA69-24LY0001-2025-01-15"}),
    ("PRÉFECTURE", {"TA38-2506085-2025-07-21", "TA93-2401234-2024-02-05", "CAA69-24LY0001-2025-01-15"}),
    # masculine and feminine of a participle: dématérialisé / dématérialisée
    ("dématérialisé", {"TA93-2401234-2024-02-05", "CE-470001-2023-11-03"}),
    ("dematerialisee", {"TA93-2401234-2024-02-05", "CE-470001-2023-11-03"}),
    # every free word must occur; function words are dropped
    ("astreinte préfet", {"TA38-2506085-2025-07-21"}),
    ("enjoint de la", {"TA38-2506085-2025-07-21", "CE-470001-2023-11-03"}),
    ("Conseil d'Etat", {"CE-470001-2023-11-03"}),
    ("teleservice", {"CE-470001-2023-11-03"}),
])
def test_french_words(index, query, expected):
    assert ids(index.search(query)) == expected


@pytest.mark.parametrize("query, expected", [
    ('"non dématérialisée"', {"TA93-2401234-2024-02-05", "CE-470001-2023-11-03"}),
    ('"non dematerialise"', {"TA93-2401234-2024-02-05", "CE-470001-2023-11-03"}),
    ('"rendez-vous"', {"TA38-2506085-2025-07-21"}),
    ("rendez-vous", {"TA38-2506085-2025-07-21"}),
    ('"rendez vous en préfecture"', {"TA38-2506085-2025-07-21"}),
    # the words are all there, but not as this phrase
    ('"préfecture rendez-vous"', set()),
    ('"dématérialisée non"', set()),
    ('"astreinte de 500 euros"', {"CAA69-24LY0001-2025-01-15"}),
    ('"astreinte de 100 euros"', {"TA38-2506085-2025-07-21"}),
])
def test_phrases(index, query, expected):
    assert ids(index.search(query)) == expected


@pytest.mark.parametrize("query, filters, expected", [
    ("astreinte", {"court_kind": "TA"}, {"TA38-2506085-2025-07-21"}),
    ("astreinte", {"city": "lyon"}, {"CAA69-24LY0001-2025-01-15"}),
    (None, {"city": "Grenoble"}, {"TA38-2506085-2025-07-21"}),
    (None, {"code": "TA93"}, {"TA93-2401234-2024-02-05"}),
    (None, {"since": dt.date(2025, 1, 1)}, {"TA38-2506085-2025-07-21", "CAA69-24LY0001-2025-01-15"}),
    (None, {"until": dt.date(2023, 12, 31)}, {"CE-470001-2023-11-03"}),
    (None, {"since": dt.date(2024, 2, 5), "until": dt.date(2024, 2, 5)}, {"TA93-2401234-2024-02-05"}),
    (None, {"outcome": "rejet"}, {"TA93-2401234-2024-02-05"}),
    (None, {"has_injunction": False}, {"TA93-2401234-2024-02-05"}),
    ("enjoint", {"has_injunction": True}, {"TA38-2506085-2025-07-21", "CE-470001-2023-11-03"}),
    (None, {"astreinte": True}, {"TA38-2506085-2025-07-21", "CAA69-24LY0001-2025-01-15"}),
    (None, {"astreinte": False}, {"TA93-2401234-2024-02-05", "CE-470001-2023-11-03"}),
    (None, {"min_amount": 200}, {"CAA69-24LY0001-2025-01-15"}),
    (None, {"min_amount": 100, "max_amount": 100}, {"TA38-2506085-2025-07-21"}),
    (None, {"authority": "ministre:interieur"}, {"CE-470001-2023-11-03"}),
    (None, {"authority": "prefet:isere", "topic": "rendez-vous-prefecture"}, {"TA38-2506085-2025-07-21"}),
    (None, {"topic": "alternative-non-dematerialisee", "court_kind": "CE"}, {"CE-470001-2023-11-03"}),
    (None, {"procedure": "execution", "decision_type": "arret"}, {"CAA69-24LY0001-2025-01-15"}),
    ("rendez-vous", {"court_kind": "CE"}, set()),
])
def test_filters(index, query, filters, expected):
    assert ids(index.search(query, **filters)) == expected


def test_filter_only_is_newest_first(index):
    assert [h.id for h in index.search(None)] == [
        "TA38-2506085-2025-07-21", "CAA69-24LY0001-2025-01-15", "TA93-2401234-2024-02-05",
        "CE-470001-2023-11-03"]
    assert [h.id for h in index.search(None, limit=2, offset=2)] == [
        "TA93-2401234-2024-02-05", "CE-470001-2023-11-03"]


def texts(ids: list[str]) -> dict[str, str]:
    """The texts of DOCS by id (what greffe reads from the base)."""
    return {d.id: d.text for d in DOCS if d.id in ids}


def test_snippet_marks_the_matched_words(index):
    [hit] = index.search('"rendez-vous" Diallo', texts=texts)
    assert "«rendez-vous»" in hit.snippet and "«Diallo»" in hit.snippet
    assert hit.score > 0


def test_the_index_keeps_no_text_and_an_index_that_did_is_refused(index, tmp_path):
    """The texts are the base's: the index has the words, not the text (no snippet without the
    texts). An index made when it kept them has another schema: opening it says what to do (the
    writer's sync sets it aside and rebuilds it: greffe.searchindex)."""
    import tantivy
    [hit] = index.search('"rendez-vous" Diallo')
    assert hit.snippet == ""
    searcher = index._index.searcher()
    [(_, address)] = searcher.search(tantivy.Query.term_query(index._schema, "id", hit.id), 1).hits
    assert "body" not in searcher.doc(address).to_dict()
    old = tantivy.SchemaBuilder()
    old.add_text_field("id", stored=True, tokenizer_name="raw", index_option="basic")
    old.add_text_field("body", stored=True)
    (tmp_path / "old").mkdir()
    tantivy.Index(old.build(), path=str(tmp_path / "old"), reuse=True)
    with pytest.raises(TextIndexError, match="rebuild it from the base"):
        TextIndex(tmp_path / "old")


@pytest.mark.parametrize("query, expected", [
    ("100 %", {"TA38-2506085-2025-07-21", "CAA69-24LY0001-2025-01-15"}),  # '%' is not a wildcard
    ("%", set()),
    ("_", set()),
    ("a_b", {"CAA69-24LY0001-2025-01-15"}),  # no wildcard: the words of a_b (a, a function word, and b)
    ("'; DROP TABLE decisions; --", set()),
    ("body:astreinte", set()),  # no field syntax: 'body' is a word the text lacks
    ("astreinte:", {"TA38-2506085-2025-07-21", "CAA69-24LY0001-2025-01-15"}),
    ("(injonction", {"CAA69-24LY0001-2025-01-15"}),
    ("-rejetée", {"TA93-2401234-2024-02-05"}),  # not a negation
    ("astreinte AND rejetée", set()),  # 'and' is a word, not an operator
    ("astreinte OR rejetée", set()),
    ("préfet*", {"TA38-2506085-2025-07-21"}),  # no wildcard: the word préfet
    ("astreinte^5", set()),  # no boost: the phrase "astreinte 5", absent
    ('"unclosed phrase', set()),
    ("x" * 10_000, set()),
    (" ".join(["préfecture"] * 500), {"TA38-2506085-2025-07-21", "TA93-2401234-2024-02-05",
                                      "CAA69-24LY0001-2025-01-15"}),
])
def test_user_input_is_searched_literally(index, query, expected):
    assert ids(index.search(query)) == expected


def test_parse_query_splits_words_and_phrases():
    assert parse_query('refus de "non dématérialisé" rendez-vous') == (
        ["refus"], [["non", "dematerialise"], ["rendez", "vous"]])
    assert parse_query("l'État") == (["etat"], [])
    assert parse_query("AND OR NOT") == (["and", "or", "not"], [])


def test_delete_and_incremental_add(index):
    index.delete(["TA38-2506085-2025-07-21"])
    index.commit()
    assert ids(index.search("astreinte")) == {"CAA69-24LY0001-2025-01-15"}
    assert len(index) == 3
    index.add([IndexDoc(id="TA59-2500001-2025-03-03", text="Astreinte de 50 euros par jour.",
                        court_kind="TA", city="Lille", astreinte_amounts=(50.0,))])
    index.commit()
    assert ids(index.search("astreinte")) == {"CAA69-24LY0001-2025-01-15", "TA59-2500001-2025-03-03"}
    assert ids(index.search(None, max_amount=60)) == {"TA59-2500001-2025-03-03"}
    # adding the same id again replaces it
    index.add([IndexDoc(id="TA59-2500001-2025-03-03", text="Requête rejetée.", court_kind="TA")])
    index.commit()
    assert ids(index.search("astreinte")) == {"CAA69-24LY0001-2025-01-15"}
    assert len(index) == 4


def test_uncommitted_changes_are_invisible(index):
    index.add([IndexDoc(id="X", text="Naturalisation ajournée.")])
    assert index.search("naturalisation") == []
    index.commit()
    assert ids(index.search("naturalisation")) == {"X"}


def test_a_second_writer_is_refused(index, tmp_path):
    other = TextIndex(tmp_path / "idx")
    with pytest.raises(TextIndexError, match="another"):
        other.add([IndexDoc(id="Y", text="texte")])


def test_reader_in_another_process_during_commits(index, tmp_path):
    # the writer of `index` holds the lock; a reader process opens, searches, is not blocked
    code = ("import sys; from greffe.textindex import TextIndex; "
            "print(len(TextIndex(sys.argv[1]).search('astreinte')))")
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path / "idx")],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "2"


def test_reader_thread_while_writer_commits(index, tmp_path):
    reader = TextIndex(tmp_path / "idx")
    seen: list[int] = []
    errors: list[BaseException] = []
    stop = threading.Event()

    def read() -> None:
        try:
            while not stop.is_set():
                seen.append(len(reader.search("naturalisation", limit=1000)))
        except BaseException as error:  # noqa: BLE001 -- handed to the main thread and re-raised
            errors.append(error)

    thread = threading.Thread(target=read)
    thread.start()
    try:
        for batch in range(5):
            index.add([IndexDoc(id=f"N{batch}-{k}", text="Demande de naturalisation ajournée.")
                       for k in range(20)])
            index.commit()
    finally:
        stop.set()
        thread.join(timeout=30)
    assert not errors
    assert seen and seen == sorted(seen)  # never goes back, never a half batch
    assert all(count % 20 == 0 for count in seen)
    assert len(reader.search("naturalisation", limit=1000)) == 100


def test_publish_copies_the_committed_state(index, tmp_path):
    index.add([IndexDoc(id="uncommitted", text="Astreinte non encore validée.")])
    published = index.publish(tmp_path / "000001.tantivy")
    copy = TextIndex(published)
    assert ids(copy.search("astreinte")) == {"TA38-2506085-2025-07-21", "CAA69-24LY0001-2025-01-15"}
    with pytest.raises(TextIndexError, match="exists"):
        index.publish(tmp_path / "000001.tantivy")
