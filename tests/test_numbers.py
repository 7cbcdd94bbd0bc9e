"""Case numbers: metadata or entête first, joined cases from the visas, never another decision's."""
from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from extractors.numbers import find_case_numbers, normalise_number
from greffe.model import Metadata

NO_META = Metadata()


@pytest.mark.parametrize("raw, expected", [
    ("n° 2506085", "2506085"),
    ("N°21PA02971", "21PA02971"),
    ("N° 21PA 02971", "21PA02971"),
    ("N° 457.748", "457748"),
    ("Nos 452798", "452798"),
])
def test_normalise_number(raw, expected):
    assert normalise_number(raw) == expected


@given(st.integers(min_value=100000, max_value=9999999))
def test_normalise_number_round_trips_with_spaces_and_dots(n):
    s = str(n)
    assert normalise_number(f"n° {s[:3]} {s[3:]}") == s
    assert normalise_number(f"N° {s[:3]}.{s[3:]}") == s


@pytest.mark.parametrize("text, expected", [
    # entête of a court's PDF
    ("CONSEIL D'ETAT\nstatuant au contentieux\nN° 457748\n__________\nVu la procédure suivante :\n", ("457748",)),
    ("CONSEIL D'ETAT\nNos 432576, 438370\nVu les procédures suivantes :\n", ("432576", "438370")),
    ("COUR ADMINISTRATIVE D'APPEL DE PARIS\nN°21PA02971\nVu la procédure suivante :\n", ("21PA02971",)),
    ("TRIBUNAL ADMINISTRATIF DE GRENOBLE\nN° 2506085\n___\nM. A B\n___\nVu la requête\n", ("2506085",)),
    # the two columns interleaved on one line
    ("CONSEIL D'ETAT RÉPUBLIQUE FRANÇAISE\nN° 457748 AU NOM DU PEUPLE FRANÇAIS\nVu la procédure :\n", ("457748",)),
])
def test_numbers_from_the_entete(text, expected):
    assert find_case_numbers(text, (), NO_META) == expected


VISAS_JOINED = (
    "Vu les procédures suivantes :\n"
    "1° Sous le n° 432576, par une requête, M. A demande au Conseil d'Etat d'annuler ...\n"
    "Par une ordonnance n° 2121674 du 15 octobre 2021, le juge des référés a rejeté sa demande.\n"
    "2° Sous le n° 438370, par une requête, M. A demande au Conseil d'Etat ...\n"
    "Considérant ce qui suit :\n1. Sous le n° 999999 une mention des motifs.\n")


@pytest.mark.parametrize("meta, text, expected", [
    (Metadata(numero_dossier="432576"), VISAS_JOINED, ("432576", "438370")),
    # `II. Sous le numéro`, `1°/ Sous le n°`
    (Metadata(numero_dossier="453976"),
     "Vu :\nI. Sous le numéro 453976, par un pourvoi ...\nII. Sous le numéro 454002, par une requête ...\nConsidérant :\n",
     ("453976", "454002")),
    (Metadata(numero_dossier="450513"),
     "Vu :\n1°/ Sous le n° 450513, le préfet ...\n2°/ Sous le n° 450516, le préfet ...\nConsidérant ce qui suit :\n",
     ("450513", "450516")),
    # `saisi, sous les nos 437141 et 437142, des requêtes`
    (Metadata(numero_dossier="437141"),
     "Vu :\nPar une décision du 2 juillet 2021, le Conseil d'Etat statuant au contentieux, saisi, sous les nos "
     "437141 et 437142, des requêtes de l'association ...\nConsidérant ce qui suit :\n", ("437141", "437142")),
    # a number mistyped in the visas (`453153` in case 435153): the metadata wins, the typo goes
    (Metadata(numero_dossier="435153"),
     "Vu :\n1° Sous le n° 453153, par un pourvoi ...\n2° Sous le n° 435157, par un pourvoi ...\nConsidérant ce qui suit :\n",
     ("435153", "435157")),
    # a tribunal's joined requests, registered on a date
    (Metadata(numero_dossier="2317376"),
     "Vu :\nI. Par une requête enregistrée le 4 décembre 2023 sous le n° 2317376, M. Moussa K... demande\n"
     "II. Par une requête enregistrée le 4 décembre 2023 sous le n° 2317377, Mme Aminata K... demande\n"
     "Considérant ce qui suit :\n", ("2317376", "2317377")),
    # a référé's visas cite the request au fond: another case
    (Metadata(numero_dossier="2506190"),
     "Vu la procédure suivante :\nPar une requête, enregistrée le 24 avril 2025, Mme J... K... demande au juge des "
     "référés de suspendre ...\nVu la requête enregistrée le 22 avril 2025 sous le n° 2506189, par laquelle Mme J... "
     "K... demande l'annulation de la décision contestée.\nConsidérant ce qui suit :\n", ("2506190",)),
    # a tribunal's numbers in the visas of a CE decision are not this decision's
    (Metadata(numero_dossier="448443"),
     "Vu :\nM. A a demandé au tribunal :\n- sous le n° 1701202, d'annuler ...\nPar une première demande, "
     "enregistrée sous le n° 1704321, M. D A ...\nConsidérant ce qui suit :\n", ("448443",)),
])
def test_joined_cases_from_the_visas(meta, text, expected):
    assert find_case_numbers(text, (), meta) == expected


def test_numbers_glued_to_a_signature_or_a_footer_are_not_read():
    text = ("Vu la procédure suivante :\nConsidérant ce qui suit :\n1. Rejet.\nD E C I D E :\n"
            "Signé : Anne Egerszegi458056\nNos 437141, 437142- 6 -\n")
    assert find_case_numbers(text, (), Metadata(numero_dossier="458056")) == ("458056",)


def test_no_number_stated():
    assert find_case_numbers("Vu la procédure suivante :\nConsidérant :\n", (), NO_META) == ()


def test_the_corpus_joined_cases(shared_dir):
    """Every gold list of joined cases (21 decisions) is found from the XML; the visas of 450513
    and 451001 join a second request that the gold does not list (reported)."""
    import json
    from greffe.opendata import read_xml
    corpus = shared_dir / "corpus"
    for gold_path in sorted((corpus / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        if len(gold["fields"]["case_numbers"]) < 2:
            continue
        doc = read_xml((corpus / "xml" / gold["identification"]).read_bytes(), gold["identification"])
        assert list(find_case_numbers(doc.text, (), doc.meta)) == gold["fields"]["case_numbers"], gold["id"]
