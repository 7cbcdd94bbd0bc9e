"""Decision type, formation and procedure."""
from __future__ import annotations

import pytest

from extractors.doctype import find_decision_type, find_formation, find_procedure
from greffe.model import Metadata

NO_META = Metadata()


@pytest.mark.parametrize("text, meta, expected", [
    # the entête says it
    ("TRIBUNAL ADMINISTRATIF DE GRENOBLE\nN° 2506085\nOrdonnance du 21 juillet 2025\nVu la requête\n", NO_META, "ordonnance"),
    ("CONSEIL D'ETAT\nN° 457748\nDécision du 8 novembre 2021\nVu la procédure\n", NO_META, "decision"),
    ("CONSEIL D'ETAT\nN° 454125\nAvis du 15 novembre 2021\nVu la procédure\n", NO_META, "avis"),
    ("COUR ADMINISTRATIVE D'APPEL DE LYON\nN° 21LY01234\nArrêt du 1er décembre 2021\nVu la procédure\n", NO_META, "arret"),
    ("TRIBUNAL ADMINISTRATIF DE PARIS\nN° 2112345\nJugement du 3 mars 2022\nVu la procédure\n", NO_META, "jugement"),
    # the dispositif's verb, against a wrong metadata Type_Decision
    ("Vu la procédure suivante :\nConsidérant :\nO R D O N N E :\n------------------\nArticle 1er : La requête est rejetée.\n",
     Metadata(code_juridiction="CE", type_decision="Décision"), "ordonnance"),
    ("Vu la requête\nORDONNE :\nArticle 1er : rejet.\n", NO_META, "ordonnance"),
    ("Vu la procédure\nD E C I D E :\nArticle 1er : rejet.\n", Metadata(code_juridiction="CE"), "decision"),
    ("Vu la procédure\nDÉCIDE :\nArticle 1er : rejet.\n", Metadata(code_juridiction="CAA69"), "arret"),
    ("Vu la procédure\nD E C I D E :\nArticle 1er : rejet.\n", Metadata(code_juridiction="TA38"), "jugement"),
    # an avis contentieux has no dispositif verb
    ("Vu la procédure\nRend l'avis suivant :\n1. ...\nLe présent avis sera notifié au ministre.\n",
     Metadata(code_juridiction="CE", type_decision="Décision"), "avis"),
    # nothing in the text: the metadata
    ("Vu la procédure\n", Metadata(type_decision="Ordonnance"), "ordonnance"),
    ("Vu la procédure\n", NO_META, None),
])
def test_decision_type(text, meta, expected):
    assert find_decision_type(text, (), meta) == expected


@pytest.mark.parametrize("text, meta, expected", [
    ("Vu\n", Metadata(formation=" 4ème chambre jugeant seule"), "4ème chambre jugeant seule"),
    ("Vu\n", Metadata(formation="10ème et 9ème chambres réunies"), "10ème et 9ème chambres réunies"),
    # PDF entêtes: the right column, alone or interleaved with the left one
    ("CONSEIL D'ETAT\nstatuant au contentieux\nN° 405548\n4ème chambre jugeant seule\nSéance du 8 octobre 2021\nVu\n",
     NO_META, "4ème chambre jugeant seule"),
    ("CONSEIL D'ETAT RÉPUBLIQUE FRANÇAISE\nstatuant au contentieux AU NOM DU PEUPLE FRANÇAIS\n"
     "N° 435153 1ère et 4ème chambres réunies\nVu\n", NO_META, "1ère et 4ème chambres réunies"),
    ("Conseil d'État\nN° 457748\nInédit au recueil Lebon\nJuge des référés\nLecture du lundi 8 novembre 2021\nVu\n",
     NO_META, "Juge des référés"),
    ("Conseil d'État\nN° 457748\nPublié au recueil Lebon\nSection du Contentieux\nLecture du 8 novembre 2021\nVu\n",
     NO_META, "Section du Contentieux"),
    # a tribunal's or a cour's layout: in parentheses under the court's name
    ("TRIBUNAL ADMINISTRATIF\nDE NICE\nN° 2404873\nJugement du 25 mars 2025\nVu la procédure suivante :\n"
     "RÉPUBLIQUE FRANÇAISE\nLe tribunal administratif de Nice\n(2ème chambre)\nPar une requête ...\n", NO_META, "2ème chambre"),
    ("Vu la procédure suivante :\nLe tribunal administratif de Paris\n(6ème section - 1ère chambre)\nPar une requête\n",
     NO_META, "6ème section - 1ère chambre"),
    # `statuant au contentieux` is not a formation
    ("CONSEIL D'ETAT\nstatuant au contentieux\nN° 457748\nOrdonnance du 8 novembre 2021\nVu\n", NO_META, None),
])
def test_formation(text, meta, expected):
    assert find_formation(text, (), meta) == expected


@pytest.mark.parametrize("visas, expected", [
    ("Vu la procédure suivante :\nPar une requête, M. A demande au juge des référés, sur le fondement de "
     "l'article L. 521-2 du code de justice administrative, d'enjoindre au préfet ...\nConsidérant :\n", "refere-liberte"),
    ("Vu la requête :\nM. A demande au juge des référés, statuant sur le fondement de l'article L. 521-1 du code "
     "de justice administrative, d'ordonner la suspension ...\nConsidérant :\n", "refere-suspension"),
    ("Vu la requête :\nL'association demande au juge des référés, sur le fondement de l'article L.521-3 du code de "
     "justice administrative, d'enjoindre ...\nConsidérant :\n", "refere-mesures-utiles"),
    ("Vu la requête :\nLa société demande au juge des référés, sur le fondement de l'article R. 541-1 du code de "
     "justice administrative, de condamner l'Etat à lui verser une provision\nConsidérant :\n", "refere-provision"),
    ("Vu la requête :\nM. A demande au juge des référés d'ordonner une expertise\nConsidérant :\n", "refere-autre"),
    ("Vu la procédure suivante :\nPar un pourvoi sommaire et un mémoire complémentaire, la société X demande au "
     "Conseil d'Etat d'annuler l'ordonnance rendue sur le fondement de l'article L. 521-1\nConsidérant :\n", "cassation"),
    ("Vu la requête :\nM. A demande au tribunal de prescrire les mesures d'exécution du jugement, sur le "
     "fondement de l'article L. 911-4 du code de justice administrative\nConsidérant :\n", "execution"),
    ("Vu la requête :\nM. A relève appel du jugement ... par une requête d'appel enregistrée\nConsidérant :\n", "appel"),
    ("COUR ADMINISTRATIVE D'APPEL DE LYON\nN° 23LY01845\nVu la procédure suivante :\nPar une requête, la préfète de "
     "l'Ain demande à la cour d'annuler ce jugement\nConsidérant :\n", "appel"),
    # liquidating the astreinte of an earlier référé order is execution, though that order's article is recited
    ("Vu la procédure suivante :\nPar une ordonnance n° 2403312 du 12 septembre 2024, rendue sur le fondement de "
     "l'article L. 521-3, le juge des référés a enjoint ...\nPar une requête, M. T demande au juge des référés de "
     "procéder à la liquidation de l'astreinte\nConsidérant :\n", "execution"),
    ("Vu la requête :\nM. A demande au tribunal d'annuler l'arrêté du 3 mars 2021\nConsidérant :\n", "fond"),
])
def test_procedure(visas, expected):
    assert find_procedure(visas, (), NO_META) == expected


def test_the_corpus_types_follow_the_text(shared_dir):
    """The 31 ordonnances the open data files as `Décision` and the avis come out as the gold says."""
    import json
    from greffe.opendata import read_xml
    corpus = shared_dir / "corpus"
    wrong = []
    for gold_path in sorted((corpus / "gold").glob("DCE_*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        doc = read_xml((corpus / "xml" / gold["identification"]).read_bytes(), gold["identification"])
        if find_decision_type(doc.text, (), doc.meta) != gold["fields"]["decision_type"]:
            wrong.append(gold["id"])
    assert wrong == []
