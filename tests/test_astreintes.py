"""Astreintes: amount, period and who speaks, on real sentences placed in their zone."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractors.astreintes import find_astreintes
from extractors.zones import find_zones

from factories import in_zone


def keys(zone: str, sentence: str) -> set[tuple]:
    text = in_zone(zone, sentence)
    return {a.key() for a in find_astreintes(text, find_zones(text))}


@pytest.mark.parametrize("zone, sentence, expected", [
    # asked by a party
    ("visas", "2°) d'enjoindre au Premier ministre d'adopter des dispositions en ce sens dans un délai de huit jours, "
              "sous astreinte de 150 euros par jour de retard.", {(150.0, "jour", "demandee")}),
    ("visas", "d'enjoindre au centre hospitalier Sainte-Marie de lui communiquer les documents demandés, sous astreinte "
              "de 762,25 € par jour de retard.", {(762.25, "jour", "demandee")}),
    ("visas", "2°) d'enjoindre à l'Etat de prendre toute mesure nécessaire, sous astreinte d'un million d'euros par mois "
              "de retard à compter du 1er janvier 2022 ;", {(1000000.0, "mois", "demandee")}),
    ("visas", "2°) de condamner l'Etat à verser une astreinte de 10 000 euros par jour de retard pour chacun des "
              "requérants ;", {(10000.0, "jour", "demandee")}),
    ("visas", "3°) d'enjoindre au Premier ministre de prendre un nouveau décret et d'assortir cette injonction d'une "
              "astreinte de 200 euros par jour de retard à compter de l'ordonnance à intervenir ;", {(200.0, "jour", "demandee")}),
    ("visas", "d'enjoindre à la métropole de Lyon de proposer l'acquisition de ce bien dans un délai d'un mois sous "
              "astreinte.", {(None, None, "demandee")}),
    ("visas", "l'association conclut au rejet de la requête et, par la voie de l'appel incident, au prononcé d'une "
              "astreinte de 500 euros par jour de retard.", {(500.0, "jour", "demandee")}),
    ("motifs", "Par une nouvelle requête, les mêmes requérants demandent au juge des référés du Conseil d'État de "
               "prononcer une astreinte de 5 000 euros par jour de retard si sous huit jours le Premier ministre n'a "
               "pas assuré la parfaite exécution de l'ordonnance.", {(5000.0, "jour", "demandee")}),
    ("visas", "d'enjoindre à cette autorité d'établir un nouveau tableau sous astreinte de 200 euros par jour de retard "
              "ou, à défaut, de réexaminer les candidatures sous les mêmes conditions de délai et d'astreinte.",
     {(200.0, "jour", "demandee")}),
    # pronounced, now or by an earlier decision
    ("visas", "Par un arrêt n° 20PA00729 du 7 mai 2021, la cour administrative d'appel a prononcé une astreinte de 200 "
              "euros par jour de retard à l'encontre du centre hospitalier.", {(200.0, "jour", "prononcee")}),
    ("visas", "Par une ordonnance du 5 novembre 2024, le juge des référés a enjoint au préfet de fixer à M. U... V... "
              "un rendez-vous pour le dépôt de leurs demandes de titre de séjour, dans un délai de quinze jours, sous "
              "astreinte de 100 euros par jour de retard.", {(100.0, "jour", "prononcee")}),
    ("visas", "Par un jugement du 30 novembre 2016, ce tribunal lui a enjoint sous astreinte de procéder à "
              "l'enlèvement du bateau Aurore.", {(None, None, "prononcee")}),
    ("visas", "le Conseil d'Etat a prononcé une astreinte de cent euros par jour à l'encontre de l'Etat.",
     {(100.0, "jour", "prononcee")}),
    ("motifs", "Il y a donc lieu, dans ces circonstances, de prononcer contre l'Etat, à défaut pour lui de justifier, "
               "dans les trois mois suivant la notification de la présente décision, de l'exécution de l'injonction, "
               "une astreinte de 500 euros par jour de retard.", {(500.0, "jour", "prononcee")}),
    ("motifs", "L'annulation prononcée implique nécessairement qu'il soit enjoint au préfet des Yvelines de convoquer "
               "M. D... E... dans un délai d'un mois, sous astreinte de 100 euros par jour de retard.",
     {(100.0, "jour", "prononcee")}),
    ("dispositif", "Article 1er : Une astreinte est prononcée contre l'Etat, s'il ne justifie pas avoir exécuté "
                   "l'injonction.\nLe taux de cette astreinte est fixé à 100 000 euros par semestre de retard.",
     {(100000.0, "semestre", "prononcee")}),
    ("dispositif", "Article 2 : Il est enjoint au préfet de Seine-et-Marne de fixer un rendez-vous, dans un délai de "
                   "huit jours, sous astreinte de 200 euros par jour de retard.", {(200.0, "jour", "prononcee")}),
    # liquidated
    ("dispositif", "Article 1er : L'Etat est condamné à verser à M. T... U... la somme de 4 200 euros au titre de la "
                   "liquidation provisoire de l'astreinte prononcée par l'ordonnance du 12 septembre 2024.",
     {(None, None, "liquidee")}),
    ("visas", "le Conseil d'Etat a jugé qu'il y avait lieu de procéder à la liquidation provisoire de l'astreinte pour "
              "la période courant du 9 mai 2019 au 16 janvier 2020 inclus tout en limitant le taux à 50 euros par jour.",
     {(50.0, "jour", "liquidee")}),
    ("motifs", "Dans les circonstances de l'espèce, il y a lieu de modérer la somme exigible en limitant le montant de "
               "l'astreinte à 50 euros par jour.", {(50.0, "jour", "liquidee")}),
    ("visas", "le Conseil d'Etat a condamné l'association à verser à M. F et autres la somme de 12 650 euros au titre "
              "de l'astreinte due pour la période du 9 mai 2019 au 16 janvier 2020.", {(None, None, "liquidee")}),
    ("visas", "VNF a demandé au tribunal administratif, d'une part, d'enjoindre à M. D de prendre les mesures, et, "
              "d'autre part, de liquider l'astreinte pour la période du 30 novembre 2016 au 10 août 2017.",
     {(None, None, "demandee")}),
    # refused
    ("motifs", "En revanche, il n'y a pas lieu, en l'état de l'instruction, d'assortir cette injonction de l'astreinte "
               "de 300 euros par jour de retard demandée.", {(300.0, "jour", "refusee")}),
    ("motifs", "Il n'y a pas lieu, en revanche, d'assortir cette injonction d'une astreinte.", {(None, None, "refusee")}),
    # non-lieu on the astreinte: still what was asked
    ("motifs", "Il résulte de ce qui précède qu'il n'y a plus lieu de statuer sur les conclusions de l'association "
               "afin d'astreinte.", {(None, None, "demandee")}),
    ("dispositif", "Article 2 : Il est enjoint au préfet de police de délivrer un récépissé sous astreinte de 100 euros "
                   "(cent euros) par jour de retard.", {(100.0, "jour", "prononcee")}),
    ("motifs", "Il y a lieu d'enjoindre au préfet de réexaminer la demande, sans qu'il soit besoin d'assortir cette "
               "injonction d'une astreinte.", {(None, None, "refusee")}),
    ("motifs", "Les conclusions à fin d'astreinte présentées par M. A doivent être rejetées.", {(None, None, "refusee")}),
    # not this case's astreinte
    ("motifs", "Aux termes de l'article L. 911-5 du code de justice administrative : \" le Conseil d'Etat peut, même "
               "d'office, prononcer une astreinte \".", set()),
    ("motifs", "En vertu du dernier alinéa de l'article L. 911-7, la juridiction peut modérer ou supprimer l'astreinte "
               "provisoire qu'elle a prononcée.", set()),
    ("motifs", "Il y aurait donc lieu de prononcer, le cas échéant, contre l'Etat une astreinte.", set()),
    ("visas", "le ministre demande au Conseil d'Etat de constater les diligences et de ne pas prononcer d'astreinte.", set()),
    ("motifs", "cette règle ne saurait s'appliquer à des agents qui, étant sous astreinte, ne peuvent être placés en "
               "autorisation spéciale d'absence.", set()),
    ("motifs", "la note de service mettrait en œuvre un régime d'astreintes illégal pour les enquêteurs.", set()),
])
def test_astreintes(zone, sentence, expected):
    assert keys(zone, sentence) == expected


def test_span_quotes_the_phrase():
    text = in_zone("visas", "d'enjoindre au préfet de police de lui délivrer un récépissé, et sous astreinte de 100 "
                            "euros par jour de retard.")
    (a,) = find_astreintes(text, find_zones(text))
    assert a.span.of(text) == a.text == "sous astreinte de 100 euros par jour de retard"


def test_one_item_per_distinct_key():
    text = in_zone("visas", "1°) d'enjoindre au préfet, sous astreinte de 100 euros par jour de retard ;\n"
                            "2°) d'enjoindre au ministre, sous astreinte de 100 euros par jour de retard ;")
    assert len(find_astreintes(text, find_zones(text))) == 1


@pytest.mark.slow
def test_astreintes_on_the_real_corpus(shared_dir: Path):
    from greffe.opendata import read_xml
    tp = fp = fn = 0
    for g in sorted((shared_dir / "corpus" / "gold").glob("*.json")):
        gold = json.loads(g.read_text())
        xml = shared_dir / "corpus" / "xml" / gold["identification"]
        text = read_xml(xml.read_bytes(), str(xml)).text
        found = find_astreintes(text, find_zones(text))
        for a in found:
            assert a.span.of(text) == a.text
        got = {a.key() for a in found}
        want = {(None if x["amount_eur"] is None else float(x["amount_eur"]), x["period"], x["status"])
                for x in gold["fields"]["astreintes"]}
        tp, fp, fn = tp + len(got & want), fp + len(got - want), fn + len(want - got)
    assert 2 * tp / (2 * tp + fp + fn) >= 0.95
