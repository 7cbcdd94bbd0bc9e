"""`greffe similar`: the decisions closest to a draft filing or to a decision, with why.

The drafts below are written for these tests (fictitious requêtes); which orders of corpus/ are
about the same thing is read in corpus/gold (its `topics`)."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from corpus_base import base, gold, ro  # noqa: F401  (fixtures)
from greffe.errors import DecisionNotFound
from greffe.similar import DraftError, Facts, draft_authorities, draft_facts, similar, without_names

ANEF_DRAFT = """REQUÊTE EN RÉFÉRÉ MESURES UTILES (article L. 521-3 du code de justice administrative)

Pour : Mme Amina K., ressortissante tunisienne, demeurant à Rennes.
Contre : le préfet d'Ille-et-Vilaine.

Mme K. est titulaire d'une carte de séjour temporaire qui expire le mois prochain. Depuis trois
mois, elle tente de déposer sa demande de renouvellement sur le téléservice de l'Administration
numérique pour les étrangers en France (ANEF). La plateforme affiche un message d'erreur à chaque
validation, et son dossier reste bloqué à l'étape du dépôt des pièces. Aucun récépissé ni
attestation de prolongation d'instruction ne lui a été délivré. Elle risque de perdre son emploi.

Il est demandé au juge des référés d'enjoindre au préfet d'Ille-et-Vilaine de lui délivrer une
attestation de prolongation d'instruction et d'enregistrer sa demande de titre de séjour sur
l'ANEF, dans un délai de huit jours, sous astreinte de 100 euros par jour de retard.
"""

RDV_DRAFT = """Requête en référé mesures utiles présentée au tribunal administratif de Lille
(article L. 521-3 du code de justice administrative)

M. Youssef D., de nationalité marocaine, vit en France depuis six ans. Il souhaite solliciter
son admission exceptionnelle au séjour. Depuis le mois de janvier, il se connecte chaque jour,
à toute heure, au module de prise de rendez-vous de la préfecture du Nord : aucun créneau n'est
jamais disponible. Il a adressé trois courriels et un courrier recommandé au service des
étrangers, restés sans réponse. Sans rendez-vous, il ne peut pas déposer sa demande de titre de
séjour ni obtenir de récépissé.

Il demande au juge des référés d'enjoindre au préfet du Nord de lui fixer un rendez-vous au
guichet de la préfecture pour le dépôt de sa demande, dans un délai de quinze jours, sous
astreinte de 50 euros par jour de retard.
"""


# ---------------------------------------------------------------- the facts of a draft (pure)

@pytest.mark.parametrize("phrase, keys", [
    ("enjoindre au préfet de l'Isère de fixer un rendez-vous", ("prefet:isere",)),
    ("contre la préfète de la Seine-Saint-Denis, qui n'a pas répondu", ("prefet:seine-saint-denis",)),
    ("le préfet du Val-d'Oise a refusé", ("prefet:val-d-oise",)),
    ("le préfet des Bouches-du-Rhône et l'OFII", ("prefet:bouches-du-rhone", "ofii")),
    ("le préfet de La Réunion", ("prefet:reunion",)),
    ("le préfet de police a gardé le silence", ("prefet-de-police",)),
    ("Contre : le ministre de l'intérieur, qui n'a pas statué", ("ministre:interieur",)),
    ("sur le site de l'ANTS, puis à la préfecture", ("ants",)),
    ("une préfecture débordée, un préfet silencieux", ()),
])
def test_the_administrations_a_draft_names(phrase, keys):
    assert draft_authorities(phrase) == keys


@pytest.mark.parametrize("text, facts", [
    (ANEF_DRAFT, Facts(("anef", "titre-de-sejour"), ("prefet:ille-et-vilaine",), ("refere-mesures-utiles",),
                       ("injonction", "astreinte"))),
    ("Requête en référé-suspension (article L. 521-1 du code de justice administrative). Il est "
     "demandé de suspendre l'exécution de la décision de refus de visa de long séjour et d'enjoindre "
     "au ministre de l'intérieur de réexaminer la demande.",
     Facts(("visa",), ("ministre:interieur",), ("refere-suspension",), ("injonction", "suspension"))),
    ("Le requérant demande au tribunal d'annuler pour excès de pouvoir l'arrêté du préfet de la "
     "Gironde portant obligation de quitter le territoire français.",
     Facts(("eloignement",), ("prefet:gironde",), ("fond",), ("annulation",))),
    ("Note sur les rendez-vous : la prise de rendez-vous en préfecture est impossible.",
     Facts(("rendez-vous-prefecture",), (), (), ())),           # no référé article, nothing to annul
])
def test_the_facts_of_a_draft(text, facts):
    assert draft_facts(text) == facts


@pytest.mark.parametrize("text, kept, gone", [
    ("Mme Amina K., demeurant à Rennes, sur l'ANEF", ["ANEF", "demeurant"], ["Amina", "Rennes"]),
    ("Accueil physique. Un accueil physique est demandé", ["Accueil", "accueil"], []),
    ("Le juge Morel rejette", ["rejette"], ["Morel", "Le"]),
])
def test_names_of_people_and_places_are_not_distinctive_words(text, kept, gone):
    out = without_names(text).split()
    assert all(w in " ".join(out) for w in kept)
    assert not any(w in out for w in gone)


def test_a_draft_must_be_a_pdf_or_a_text(tmp_path):
    from greffe.similar import read_draft
    doc = tmp_path / "draft.docx"
    doc.write_bytes(b"PK")
    with pytest.raises(DraftError, match="FILE.pdf or FILE.txt"):
        read_draft(doc)
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    with pytest.raises(DraftError, match="no text"):
        read_draft(empty)


# ---------------------------------------------------------------- on the orders of corpus/

def on_topic(corpus_dir, topic: str) -> set[str]:
    return {stem for stem, f in gold(corpus_dir).items() if topic in f["topics"]}


@pytest.mark.slow
def test_an_anef_draft_finds_the_anef_orders_first(ro, tmp_path, corpus_dir):
    draft = tmp_path / "requete-anef.txt"
    draft.write_text(ANEF_DRAFT, encoding="utf-8")
    found = similar(ro, draft, limit=5)
    anef = on_topic(corpus_dir, "anef")                          # 9 of the 32 orders
    assert [h.id for h in found.hits[:4] if h.id not in anef] == []
    # the 5th may be an order that names the ANEF in passing (`ne relevant pas de l'ANEF`), which
    # the topic extractor tags `anef` and the gold does not: it still shares the extracted topic
    assert all("anef" in h.shared.topics for h in found.hits)
    first = found.hits[0]
    assert "anef" in first.shared.topics and "injonction" in first.shared.outcomes
    assert {"attestation", "prolongation"} & set(first.words)    # why: the words it shares


@pytest.mark.slow
def test_a_pdf_draft_about_appointments_finds_the_appointment_orders_first(ro, tmp_path, corpus_dir):
    from fpdf import FPDF
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for paragraph in RDV_DRAFT.split("\n\n"):
        pdf.multi_cell(0, 6, paragraph.replace("\n", " "))
        pdf.ln(3)
    path = tmp_path / "requete-rdv.pdf"
    pdf.output(str(path))
    found = similar(ro, path, limit=5)
    assert found.facts.topics[:1] == ("rendez-vous-prefecture",)
    assert found.facts.procedure == ("refere-mesures-utiles",)
    rdv = on_topic(corpus_dir, "rendez-vous-prefecture")
    assert len(found.hits) == 5
    assert [h.id for h in found.hits if h.id not in rdv] == []
    assert all("rendez-vous-prefecture" in h.shared.topics for h in found.hits)


@pytest.mark.slow
@pytest.mark.parametrize("stem", ["TA38_2506085_20250721", "TA44_2506190_20250515", "TA59_2507781_20250822"])
def test_a_decision_finds_its_neighbours_and_not_itself(ro, corpus_dir, stem):
    found = similar(ro, stem, limit=3)
    ids = [h.id for h in found.hits]
    assert stem not in ids and len(ids) == 3
    mine = set(gold(corpus_dir)[stem]["topics"])
    first = gold(corpus_dir)[ids[0]]
    assert mine & set(first["topics"])                           # the closest shares a topic (gold)


@pytest.mark.slow
def test_the_visa_order_finds_the_other_visa_order_first(ro):
    """TA Nantes 2506190 (référé-suspension, visa) and TA Nantes 2411452 (fond, visa) are the
    only two visa cases of corpus/."""
    assert similar(ro, "TA44_2506190_20250515", limit=1).hits[0].id == "TA44_2411452_20250204"


@pytest.mark.slow
def test_the_filters_of_search_narrow_the_candidates(ro, tmp_path):
    draft = tmp_path / "d.txt"
    draft.write_text(ANEF_DRAFT, encoding="utf-8")
    hits = similar(ro, draft, limit=10, court_kind="CAA").hits
    assert hits and {h.id.split("_")[0][:3] for h in hits} == {"CAA"}
    recent = {h.id for h in similar(ro, draft, limit=40, since="2025-06-01").hits}
    assert recent and recent == {h.id for h in similar(ro, draft, limit=40).hits if h.id.split("_")[-1] >= "20250601"}


@pytest.mark.slow
def test_an_unknown_id_says_what_to_give(ro):
    with pytest.raises(DecisionNotFound, match="neither a .pdf/.txt file nor a decision id"):
        similar(ro, "TA99_0000000_20250101")


@pytest.mark.slow
def test_the_command_prints_json_with_why(base, tmp_path):
    draft = tmp_path / "d.txt"
    draft.write_text(ANEF_DRAFT, encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "greffe.cli", "similar", str(draft), "--db", str(base),
                          "--limit", "3", "--format", "json"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    found = json.loads(out.stdout)
    assert len(found["hits"]) == 3
    assert set(found["hits"][0]) >= {"id", "citation", "score", "shared", "words", "summary"}
    assert found["facts"]["authorities"] == ["prefet:ille-et-vilaine"]
    table = subprocess.run([sys.executable, "-m", "greffe.cli", "similar", "TA38_2506085_20250721",
                            "--db", str(base), "--limit", "2"], capture_output=True, text=True)
    assert table.returncode == 0, table.stderr
    assert " 1. TA " in table.stdout and "shares topic" in table.stdout


def test_the_readme_draft_is_the_draft_tested_here(corpus_dir):
    """The README runs `greffe similar corpus/drafts/requete-anef.txt`: the same text as ANEF_DRAFT."""
    assert (corpus_dir / "drafts" / "requete-anef.txt").read_text(encoding="utf-8") == ANEF_DRAFT
