"""Injunctions of the dispositif: addressee, authority, measure, deadline, astreinte, span."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractors.injunctions import find_injunctions
from extractors.zones import find_zones


def decision(dispositif: str, motifs: str = "1. ...") -> str:
    return ("Vu la procédure suivante :\nVu les autres pièces du dossier ;\nConsidérant ce qui suit :\n" + motifs +
            "\nO R D O N N E :\n" + dispositif +
            "\nArticle 9 : La présente ordonnance sera notifiée à M. A.\nFait à Paris, le 2 novembre 2021\n")


def injunctions(dispositif: str, motifs: str = "1. ..."):
    text = decision(dispositif, motifs)
    found = find_injunctions(text, find_zones(text))
    for i in found:
        assert i.span is not None and i.span.of(text).strip()
        if i.deadline:
            assert i.deadline.span.of(text) == i.deadline.text
        if i.astreinte:
            assert i.astreinte.span.of(text) == i.astreinte.text
    return found


@pytest.mark.parametrize("article, addressee, authority, measure, days, months, amount", [
    ("Article 2 : Il est enjoint au préfet de la Seine-Saint-Denis de réexaminer, dans les plus brefs délais, la "
     "situation de M. D C au vu de sa nouvelle situation familiale.",
     "préfet de la Seine-Saint-Denis", "prefet:seine-saint-denis",
     "réexaminer, la situation de M. D C au vu de sa nouvelle situation familiale", None, None, None),
    ("Article 1er : Il est enjoint à la préfète de l'Isère de mettre en place des modalités alternatives non "
     "dématérialisées de dépôt des demandes de titre de séjour, dans un délai de deux mois à compter de la "
     "notification de la présente ordonnance, sous astreinte de 500 euros par jour de retard.",
     "préfète de l'Isère", "prefet:isere",
     "mettre en place des modalités alternatives non dématérialisées de dépôt des demandes de titre de séjour",
     None, 2, 500.0),
    ("Article 1er : Il est enjoint à l'Agence nationale des titres sécurisés de procéder à la fabrication et à "
     "l'acheminement du titre de séjour de M. Samir T. jusqu'à la préfecture du Rhône, dans un délai d'un mois à "
     "compter de la notification de la présente ordonnance.",
     "Agence nationale des titres sécurisés", "ants", None, None, 1, None),
    ("Article 2 : Il est enjoint au préfet de Seine-et-Marne de fixer à M. U... V... et à Mme W... V... un rendez-vous "
     "pour le dépôt de leurs demandes de titre de séjour, dans un délai de huit jours à compter de la notification de "
     "la présente ordonnance, sous astreinte de 200 euros par jour de retard.",
     "préfet de Seine-et-Marne", "prefet:seine-et-marne", None, 8, None, 200.0),
    ("Article 2 : Il est enjoint au ministre de l'intérieur de délivrer à M. L... M... le visa de long séjour "
     "sollicité, dans un délai de deux mois à compter de la notification du présent jugement.",
     "ministre de l'intérieur", "ministre:interieur", None, None, 2, None),
    ("Article 1er : Le préfet de la Gironde délivrera à M. A une autorisation provisoire de séjour dans un délai de "
     "huit jours à compter de la notification de la présente ordonnance.",
     "préfet de la Gironde", "prefet:gironde", "délivrer à M. A une autorisation provisoire de séjour", 8, None, None),
    ("Article 3 : Le Premier ministre et le ministre de l'agriculture et de l'alimentation communiqueront à la section "
     "du rapport et des études du Conseil d'Etat copie des actes justifiant les mesures prises pour assurer "
     "l'exécution des articles 1er et 2 de la présente décision.",
     "Premier ministre et ministre de l'agriculture et de l'alimentation", None,
     "communiquer à la section du rapport et des études du Conseil d'Etat copie des actes justifiant les mesures "
     "prises pour assurer l'exécution des articles 1er et 2 de la présente décision", None, None, None),
    ("Article 2 : Il est enjoint au ministre de la culture de communiquer à l'association les documents demandés dans "
     "un délai d'un mois.", "ministre de la culture", "ministre:culture",
     "communiquer à l'association les documents demandés", None, 1, None),
    ("Article 2 : Il est enjoint au préfet de police ou à tout autre préfet territorialement compétent de délivrer à "
     "M. A une attestation de demande d'asile dans un délai de huit jours.", "préfet de police", "prefet-de-police",
     None, 8, None, None),
    ("Article 2 : Il est enjoint à l'Office français de l'immigration et de l'intégration de rétablir les conditions "
     "matérielles d'accueil de Mme B sans délai.", "Office français de l'immigration et de l'intégration", "ofii",
     None, None, None, None),
])
def test_one_injunction(article, addressee, authority, measure, days, months, amount):
    (inj,) = injunctions(article)
    assert inj.addressee == addressee
    if authority is not None:
        assert inj.authority == authority
    if measure is not None:
        assert inj.measure == measure
    assert (inj.deadline.days if inj.deadline else None) == days
    assert (inj.deadline.months if inj.deadline else None) == months
    assert (inj.astreinte.amount_eur if inj.astreinte else None) == amount
    if inj.astreinte:
        assert inj.astreinte.status == "prononcee"
    if inj.deadline:
        assert inj.deadline.status == "prononce"


def test_two_addressees_in_one_article():
    found = injunctions(
        "Article 2 : Il est enjoint, d'une part, à la Commission nationale d'aménagement commercial, qui se trouve à "
        "nouveau saisie de ce dossier, de rendre un nouvel avis sur le projet de la société Les Cluses du Marais dans "
        "un délai de trois mois et, d'autre part, au maire de Châtillon-sur-Cluses de statuer à nouveau sur la demande "
        "de permis de construire de la société requérante dans un délai de trois mois suivant le nouvel avis de la "
        "Commission nationale d'aménagement commercial.")
    assert [i.addressee for i in found] == ["Commission nationale d'aménagement commercial", "maire de Châtillon-sur-Cluses"]
    assert found[0].measure == "rendre un nouvel avis sur le projet de la société Les Cluses du Marais"
    assert [(i.deadline.months, i.deadline.anchor) for i in found] == [(3, None), (3, "autre")]


def test_listed_measures_share_the_addressee_and_the_deadline():
    found = injunctions(
        "Article 2 : Il est enjoint au ministre de l'intérieur, dans les plus brefs délais :\n"
        "- de prendre les dispositions utiles pour que les \" kits d'hygiène \" soient disponibles ;\n"
        "- d'informer les personnes gardées à vue de la possibilité de demander le renouvellement de leur masque.")
    assert [i.addressee for i in found] == ["ministre de l'intérieur"] * 2
    assert found[0].measure.startswith("prendre les dispositions utiles")
    assert found[1].measure.startswith("informer les personnes gardées à vue")
    assert all(i.deadline and i.deadline.text == "dans les plus brefs délais" for i in found)


@pytest.mark.parametrize("article", [
    "Article 1er : Il n'y a pas lieu de statuer sur les conclusions de la requête de Mme F... G... tendant à ce qu'il "
    "soit enjoint au préfet du Rhône de lui fixer un rendez-vous.",
    "Article 2 : Le surplus des conclusions de la requête est rejeté.",
    "Article 3 : L'Etat versera à M. T... U... la somme de 800 euros au titre de l'article L. 761-1 du code de justice "
    "administrative.",
    "Article 1er : L'Etat est condamné à verser à M. T... U... la somme de 4 200 euros au titre de la liquidation "
    "provisoire de l'astreinte.",
])
def test_no_injunction(article):
    assert injunctions(article) == ()


def test_astreinte_and_deadline_in_a_later_sentence_or_article():
    (inj,) = injunctions(
        "Article 2 : Il est enjoint au préfet de la Seine-Saint-Denis de fixer à M. A un rendez-vous en préfecture. "
        "Cette injonction devra être exécutée dans un délai de quinze jours à compter de la notification de la "
        "présente ordonnance.\n"
        "Article 3 : Une astreinte de 100 euros par jour de retard est prononcée à l'encontre de l'Etat s'il n'est pas "
        "justifié de l'exécution de l'article 2 dans le délai qu'il fixe.")
    assert inj.deadline.days == 15 and inj.deadline.anchor == "notification"
    assert (inj.astreinte.amount_eur, inj.astreinte.period) == (100.0, "jour")


def test_what_a_party_asks_is_no_injunction():
    motifs = "1. M. A demande au juge d'enjoindre au préfet de police de lui délivrer un récépissé."
    assert injunctions("Article 1er : La requête de M. A est rejetée.", motifs) == ()


@pytest.mark.slow
def test_injunctions_on_the_real_corpus(shared_dir: Path):
    from greffe.opendata import read_xml
    tp = fp = fn = 0
    for g in sorted((shared_dir / "corpus" / "gold").glob("*.json")):
        gold = json.loads(g.read_text())
        xml = shared_dir / "corpus" / "xml" / gold["identification"]
        text = read_xml(xml.read_bytes(), str(xml)).text
        got = {(i.addressee.lower(), i.deadline.months if i.deadline else None) for i in find_injunctions(text, find_zones(text))}
        want = {(x["addressee"].lower(), (x["deadline"] or {}).get("months")) for x in gold["fields"]["injunctions"]}
        tp, fp, fn = tp + len(got & want), fp + len(got - want), fn + len(want - got)
    assert 2 * tp / (2 * tp + fp + fn) >= 0.90
