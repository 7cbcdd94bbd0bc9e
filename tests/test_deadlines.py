"""Deadlines: length, anchor and who speaks; statutory periods left out."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractors.deadlines import find_deadlines
from extractors.zones import find_zones

from factories import in_zone


def keys(zone: str, sentence: str) -> set[tuple]:
    text = in_zone(zone, sentence)
    return {d.key() for d in find_deadlines(text, find_zones(text))}


@pytest.mark.parametrize("zone, sentence, expected", [
    # asked by a party
    ("visas", "2°) d'enjoindre au Premier ministre d'adopter des dispositions dans un délai de huit jours, sous astreinte "
              "de 150 euros par jour de retard.", {(8, None, None, "demande")}),
    ("visas", "3°) d'enjoindre au préfet de police de lui délivrer un récépissé, dans le délai de vingt-quatre heures à "
              "compter de l'ordonnance à intervenir, et sous astreinte de 100 euros par jour de retard.",
     {(1, None, "decision", "demande")}),
    ("visas", "1°) d'enjoindre au ministre de l'intérieur, dans un délai de 48 heures, de lui communiquer une copie des "
              "conclusions, sous astreinte de 10 000 euros par jour à partir du huitième jour suivant la notification "
              "de la décision à intervenir ;", {(2, None, None, "demande"), (8, None, "notification", "demande")}),
    ("visas", "d'enjoindre à la commune de le réintégrer dans un délai de huit jours suivant la notification de "
              "l'ordonnance à intervenir et sous astreinte de 150 euros par jour de retard.",
     {(8, None, "notification", "demande")}),
    ("visas", "d'enjoindre au ministre de statuer sur sa demande dans les deux mois de la décision à intervenir.",
     {(None, 2, "decision", "demande")}),
    ("visas", "d'enjoindre au département de Maine-et-Loire d'assurer sans délai son hébergement dans une structure "
              "agréée.", {(None, None, None, "demande")}),
    ("visas", "1°) de prononcer une astreinte de 5 000 euros par jour de retard si sous huit jours le Premier ministre "
              "n'a pas exécuté l'ordonnance ;", {(8, None, None, "demande")}),
    ("visas", "4°) d'enjoindre à l'Ecole polytechnique de réexaminer le classement final dans un délai de quinze jours, "
              "sous astreinte de 500 euros par jour de retard ;", {(15, None, None, "demande")}),
    # set by a court (this one, or recited)
    ("visas", "Par un jugement du 8 septembre 2020, le tribunal administratif de Rouen a, d'une part, annulé cet arrêté "
              "et, d'autre part, enjoint au préfet de délivrer à Mme C un certificat de résidence, dans un délai de "
              "deux mois à compter de la date de notification du jugement.", {(None, 2, "notification", "prononce")}),
    ("visas", "le juge des référés a suspendu l'exécution de la décision et enjoint à la FFTDE de procéder à un nouvel "
              "examen des demandes de Mme F dans un délai d'un mois.", {(None, 1, None, "prononce")}),
    ("motifs", "Il y a lieu, par suite, d'enjoindre au préfet de la Côte-d'Or de mettre en place une modalité d'accès "
               "non dématérialisée, dans un délai de trois mois à compter de la notification de la présente ordonnance.",
     {(None, 3, "notification", "prononce")}),
    ("motifs", "L'annulation prononcée implique nécessairement qu'il soit enjoint au préfet d'Ille-et-Vilaine "
               "d'enregistrer la demande, dans un délai de deux mois à compter de la notification du présent jugement.",
     {(None, 2, "notification", "prononce")}),
    ("dispositif", "Article 2 : Il est enjoint au maire de Châtillon-sur-Cluses de statuer à nouveau sur la demande de "
                   "permis de construire dans un délai de trois mois suivant le nouvel avis de la Commission nationale.",
     {(None, 3, "autre", "prononce")}),
    ("dispositif", "Article 2 : Il est enjoint au préfet de la Seine-Saint-Denis de réexaminer, dans les plus brefs "
                   "délais, la situation de M. D C.", {(None, None, None, "prononce")}),
    ("dispositif", "Article 1er : Une astreinte est prononcée contre l'Etat, s'il ne justifie pas avoir, dans les trois "
                   "mois suivant la notification de la présente décision, adopté un plan d'action.",
     {(None, 3, "notification", "prononce")}),
    ("motifs", "En application de l'article R. 612-1 du code de justice administrative, la société a été, par lettre du "
               "23 août 2021, invitée à régulariser le pourvoi dans un délai de quinze jours à compter de la réception "
               "de cette lettre.", {(15, None, "autre", "prononce")}),
    ("dispositif", "Article 1er : Il est enjoint au préfet du Rhône de statuer sur la demande dans un délai qui ne "
                   "saurait excéder deux mois à compter de la notification de la présente ordonnance.",
     {(None, 2, "notification", "prononce")}),
    ("dispositif", "Article 1er : Il est enjoint au préfet de l'Isère d'enregistrer la demande sous quinzaine.",
     {(15, None, None, "prononce")}),
    ("dispositif", "Article 2 : Il est enjoint au préfet du Val-de-Marne de convoquer M. A dans un délai de 15 (quinze) "
                   "jours à compter de la notification de la présente ordonnance.", {(15, None, "notification", "prononce")}),
    ("visas", "d'enjoindre au préfet de lui délivrer un récépissé sous astreinte de 100 euros par jour de retard à "
              "compter de l'expiration d'un délai de huit jours suivant la notification de l'ordonnance à intervenir ;",
     {(8, None, "notification", "demande")}),
    # a fixed date: days and months null, no anchor
    ("visas", "2°) d'enjoindre à l'Etat de prendre toute mesure nécessaire afin de mettre en œuvre une obligation de "
              "contrôle technique des véhicules de catégorie L au 1er janvier 2022, sous astreinte d'un million "
              "d'euros par mois de retard à compter du 1er janvier 2022 ;", {(None, None, None, "demande")}),
    ("dispositif", "Article 2 : Il est enjoint au ministre de l'intérieur de prendre les différentes mesures "
                   "nécessaires au plus tard le 31 décembre 2023.", {(None, None, None, "prononce")}),
    # ... not the date an astreinte runs from, a rule takes effect, or a fact happened
    ("visas", "d'enjoindre au préfet de lui délivrer un récépissé sous astreinte de 100 euros par jour de retard à "
              "compter du 1er mars 2024.", set()),
    ("motifs", "Il est enjoint au préfet de réexaminer la demande ; la directive fixe une date d'application au "
               "1er janvier 2022.", set()),
    ("motifs", "le décret entre en vigueur au 1er juillet 2024 et il n'y a pas lieu d'enjoindre au ministre de le "
               "modifier.", set()),
    ("visas", "d'enjoindre au recteur de lui accorder un congé de longue maladie pour la période allant du 1er "
              "juillet 1992 au 31 août 1994.", set()),
    ("visas", "d'ordonner la suspension de la décision de l'assemblée générale renvoyant l'activation des capacités "
              "de sanction au 15 mai 2023.", set()),
    # statutory periods are no deadlines
    ("visas", "l'arrêté par lequel le préfet de l'Hérault l'a obligée à quitter le territoire français dans un délai de "
              "trente jours et d'enjoindre au préfet de lui délivrer une autorisation provisoire de séjour.", set()),
    ("visas", "l'arrêté par lequel le préfet de Mayotte l'a obligé à quitter le territoire français sans délai.", set()),
    ("motifs", "la situation permet de prendre utilement des mesures de sauvegarde dans un délai de quarante-huit heures, "
               "le juge des référés peut ordonner toutes mesures nécessaires.", set()),
    ("motifs", "sa requête d'appel a été présentée après l'expiration du délai d'un mois imparti par les dispositions de "
               "l'article R. 776-9 du code de justice administrative.", set()),
    ("motifs", "le délai de six mois imparti par le Conseil d'Etat dans cette injonction a expiré depuis plus d'un an.",
     set()),
    ("motifs", "Aux termes de l'article L. 521-2 : \" le juge des référés se prononce dans un délai de quarante-huit "
               "heures \" ; il y a lieu d'enjoindre au préfet de réexaminer la demande.", set()),
])
def test_deadlines(zone, sentence, expected):
    assert keys(zone, sentence) == expected


@pytest.mark.parametrize("sentence, text", [
    ("Article 2 : Il est enjoint au préfet du Nord de délivrer à Mme B. une carte de séjour dans un délai de deux mois "
     "à compter de la notification du présent jugement.",
     "dans un délai de deux mois à compter de la notification du présent jugement"),
    ("Article 2 : Il est enjoint au préfet de fixer un rendez-vous sous huit jours.", "sous huit jours"),
    ("Article 2 : Il est enjoint au ministre de prendre les mesures nécessaires au plus tard le 31 décembre 2023.",
     "au plus tard le 31 décembre 2023"),
])
def test_deadline_text(sentence, text):
    full = in_zone("dispositif", sentence)
    (d,) = find_deadlines(full, find_zones(full))
    assert d.text == text == d.span.of(full)


def test_span_quotes_the_phrase():
    text = in_zone("dispositif", "Article 1er : Il est enjoint au préfet de délivrer un récépissé dans un délai de "
                                 "deux mois à compter de la notification de la présente ordonnance.")
    (d,) = find_deadlines(text, find_zones(text))
    assert d.span.of(text) == d.text
    assert d.text == "dans un délai de deux mois à compter de la notification de la présente ordonnance"


@pytest.mark.slow
def test_deadlines_on_the_real_corpus(shared_dir: Path):
    from greffe.opendata import read_xml
    tp = fp = fn = 0
    for g in sorted((shared_dir / "corpus" / "gold").glob("*.json")):
        gold = json.loads(g.read_text())
        if "deadlines" not in gold["annotated"]:
            continue
        xml = shared_dir / "corpus" / "xml" / gold["identification"]
        text = read_xml(xml.read_bytes(), str(xml)).text
        found = find_deadlines(text, find_zones(text))
        for d in found:
            assert d.span.of(text) == d.text
        got = {d.key() for d in found}
        want = {(x["days"], x["months"], x["anchor"], x["status"]) for x in gold["fields"]["deadlines"]}
        tp, fp, fn = tp + len(got & want), fp + len(got - want), fn + len(want - got)
    assert 2 * tp / (2 * tp + fp + fn) >= 0.90
