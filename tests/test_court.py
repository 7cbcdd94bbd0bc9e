"""The court: from the open-data code, else from the entête; never from a court cited in the text."""
from __future__ import annotations

import pytest

from extractors.court import COURS, TRIBUNAUX, court_from_code, find_court
from greffe.model import Metadata

NO_META = Metadata()


@pytest.mark.parametrize("head, kind, city, code", [
    # a tribunal's own PDF, in capitals
    ("TRIBUNAL ADMINISTRATIF\nDE GRENOBLE\n", "TA", "Grenoble", "TA38"),   # the name over two lines
    ("TRIBUNAL ADMINISTRATIF DE CERGY-PONTOISE\n\nN° 2114040\n", "TA", "Cergy-Pontoise", "TA95"),
    ("TRIBUNAL ADMINISTRATIF DE GRENOBLE\nN° 2506085\n", "TA", "Grenoble", "TA38"),
    ("Tribunal administratif de Montreuil\nN° 2112345\n", "TA", "Montreuil", "TA93"),
    ("TRIBUNAL ADMINISTRATIF DE LA RÉUNION\nN° 2100123\n", "TA", "La Réunion", "TA974"),
    ("TRIBUNAL ADMINISTRATIF DE LA GUADELOUPE\n", "TA", "Guadeloupe", "TA971"),
    ("TRIBUNAL ADMINISTRATIF D'ORLÉANS\n", "TA", "Orléans", "TA45"),
    ("TRIBUNAL ADMINISTRATIF DE PARIS RÉPUBLIQUE FRANÇAISE\n", "TA", "Paris", "TA75"),
    ("COUR ADMINISTRATIVE D'APPEL DE LYON\nN° 21LY01234\n", "CAA", "Lyon", "CAA69"),
    ("COUR ADMINISTRATIVE D'APPEL DE PARIS\nN°21PA02971\n", "CAA", "Paris", "CAA75"),
    # the Conseil d'État: a court's layout and Légifrance's
    ("CONSEIL D'ETAT\nstatuant au contentieux\nN° 457748\n", "CE", None, "CE"),
    ("Conseil d'État\nN° 457748\nECLI:FR:CECHR:2021:457748.20211108\n", "CE", None, "CE"),
])
def test_court_from_the_entete(head, kind, city, code):
    text = head + "Vu la procédure suivante :\nPar une requête, M. A demande au juge des référés.\n"
    court = find_court(text, (), NO_META)
    assert (court.kind, court.city, court.code) == (kind, city, code)
    assert court.span is not None and court.span.of(text).lower().startswith(("tribunal", "cour", "conseil"))


def test_a_court_cited_in_the_text_is_not_the_court():
    text = ("Vu la procédure suivante :\nPar un jugement du 2 avril 2019, le tribunal administratif de Paris "
            "a rejeté sa demande.\nLa cour administrative d'appel de Lyon a rejeté l'appel.\n")
    assert find_court(text, (), NO_META).kind is None


@pytest.mark.parametrize("code, kind, city, name", [
    ("CE", "CE", None, "Conseil d'État"),
    ("TA38", "TA", "Grenoble", "Tribunal administratif de Grenoble"),
    ("TA75", "TA", "Paris", "Tribunal administratif de Paris"),
    ("TA93", "TA", "Montreuil", "Tribunal administratif de Montreuil"),
    ("TA95", "TA", "Cergy-Pontoise", "Tribunal administratif de Cergy-Pontoise"),
    ("TA974", "TA", "La Réunion", "Tribunal administratif de La Réunion"),
    ("TA45", "TA", "Orléans", "Tribunal administratif d'Orléans"),
    ("CAA69", "CAA", "Lyon", "Cour administrative d'appel de Lyon"),
    ("CAA75", "CAA", "Paris", "Cour administrative d'appel de Paris"),
])
def test_court_from_the_open_data_code(code, kind, city, name):
    court = find_court("Vu la procédure suivante :\n", (), Metadata(code_juridiction=code))
    assert (court.kind, court.city, court.code, court.name) == (kind, city, code, name)


def test_the_tables_hold_every_seat_once():
    assert len(TRIBUNAUX) == 42 and len(COURS) == 9
    codes = ["TA" + dep for _, dep, _ in TRIBUNAUX]
    assert len(set(codes)) == 42
    assert len({dep for _, dep in COURS}) == 9


def test_an_unknown_code_keeps_its_kind():
    assert court_from_code("TA99").kind == "TA"
    assert court_from_code("XYZ") is None


def test_every_xml_of_the_corpus_is_the_conseil_d_etat(shared_dir):
    from greffe.opendata import read_xml
    for path in sorted((shared_dir / "corpus" / "xml").glob("*.xml"))[:50]:
        doc = read_xml(path.read_bytes(), str(path))
        assert find_court(doc.text, (), doc.meta).code == "CE"
