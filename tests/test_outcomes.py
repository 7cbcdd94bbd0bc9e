"""Outcomes pronounced by the dispositif: one table of real sentences (Conseil d'État, November
2021 open data, and the tribunal orders of corpus/), then whole dispositifs and the real corpus."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractors.outcomes import find_outcomes, sentence_outcomes
from extractors.zones import find_zones


@pytest.mark.parametrize("sentence, expected", [
    # rejet
    ("Article 1er : Le pourvoi de M. A n'est pas admis.", {"rejet"}),
    ("Article 1er : Les pourvois de M. B et autres ne sont pas admis.", {"rejet"}),
    ("Article 1er : La requête de Mme B est rejetée.", {"rejet"}),
    ("Article 2 : Le surplus des conclusions de la requête est rejeté.", {"rejet"}),
    ("Article 5 : Le surplus des conclusions du pourvoi de la société Entreprise Jean Spada et les conclusions de la "
     "société Egis Bâtiment Méditerranée au titre de l'article L. 761-1 du code de justice administrative sont rejetés.",
     {"rejet"}),
    ("Article 2 : La demande présentée par l'association Club Seynois Multisport devant le juge des référés du tribunal "
     "administratif de Toulon ainsi que son appel incident et ses conclusions au titre de l'article L. 761-1 du code de "
     "justice administrative sont rejetées.", {"rejet"}),
    ("Article 1er : Il n'y a pas lieu de renvoyer au Conseil constitutionnel la question prioritaire de "
     "constitutionnalité soulevée par M. N.", {"rejet"}),
    ("Article 1er : Il n'y pas lieu de renvoyer au Conseil constitutionnel la question prioritaire de constitutionnalité "
     "soulevée par le syndicat des juridictions financières.", {"rejet"}),
    # costs are no outcome
    ("Article 4 : Les conclusions de la commune de Limay au titre de l'article L. 761- 1 du code de justice "
     "administrative sont rejetées.", set()),
    ("Les conclusions présentées par la société Enedis au même titre sont rejetées.", set()),
    ("Article 3 : L'Etat versera à l'Association des avocats pénalistes une somme de 1 500 euros au titre des frais "
     "exposés par elle et non compris dans les dépens.", set()),
    ("Article 2 : L'Etat versera à l'Association de soutien aux amoureux au ban public une somme de 4 000 euros.", set()),
    ("Article 1er : Les interventions du Conseil national des barreaux et de la Conférence des Bâtonniers sont admises.",
     set()),
    ("Article 2 : La présente décision sera notifiée à M. A H et au ministre de l'intérieur.", set()),
    ("Article 1er : M. A... B... est admis au bénéfice de l'aide juridictionnelle provisoire.", set()),
    # annulation, renvoi
    ("Article 1er : L'arrêt de la cour administrative d'appel de Nancy du 17 mars 2020 est annulé.", {"annulation"}),
    ("Article 1er : L'ordonnance du 15 octobre 2021 du juge des référés du tribunal administratif de Paris est annulé.",
     {"annulation"}),
    ("Article 2 : L'affaire est renvoyée, dans cette mesure, à la cour administrative d'appel de Nantes.", {"renvoi"}),
    ("Article 2 : L'affaire est envoyée à la cour administrative d'appel de Paris.", {"renvoi"}),
    ("Article 4 : Les questions suivantes sont renvoyées à la Cour de justice de l'Union européenne :", {"renvoi"}),
    # non-lieu, désistement
    ("Article 1er : Il n'y a pas lieu de statuer sur les conclusions du pourvoi de M. B.", {"non-lieu"}),
    ("Article 2 : Il n'y a pas lieu à statuer sur les conclusions aux fins de sursis à exécution de la requête "
     "n° 454421 de la commune de Saint-Prix.", {"non-lieu"}),
    ("Article 1er : Il n'y a pas lieu de statuer sur les conclusions de la requête de Mme F... G... tendant à ce qu'il "
     "soit enjoint au préfet du Rhône de lui fixer un rendez-vous.", {"non-lieu"}),
    ("Article 1er : Il est donné acte du désistement d'instance de M. D S.", {"desistement"}),
    # suspension, sursis à statuer
    ("Article 2 : L'exécution de la décision du 12 février 2020 du maire de la commune de Champigny-sur-Marne est "
     "suspendue.", {"suspension"}),
    ("Article 1er : Jusqu'à ce qu'il ait été statué sur le pourvoi de M. E tendant à l'annulation de l'ordonnance du "
     "1er avril 2021, il sera sursis à l'exécution de cette ordonnance.", {"suspension"}),
    ("Article 5 : Il est sursis à statuer sur les conclusions de la requête visant l'exécution des injonctions "
     "mentionnées aux articles 2 et 3 de la décision du 7 février 2020.", {"sursis"}),
    # injonction, astreinte, liquidation
    ("Article 2 : Il est enjoint au préfet de la Seine-Saint-Denis de réexaminer, dans les plus brefs délais, la "
     "situation de M. D C au vu de sa nouvelle situation familiale.", {"injonction"}),
    ("Article 2 : Il est enjoint au préfet de Seine-et-Marne de fixer à M. U... V... un rendez-vous, dans un délai de "
     "huit jours, sous astreinte de 200 euros par jour de retard.", {"injonction", "astreinte"}),
    ("Article 3 : Le Premier ministre et le ministre de l'agriculture et de l'alimentation communiqueront à la section "
     "du rapport et des études du Conseil d'Etat copie des actes justifiant les mesures prises.", {"injonction"}),
    ("Article 1er : Le préfet de la Gironde délivrera à M. A un récépissé dans un délai de huit jours.", {"injonction"}),
    ("Article 1er : Une astreinte est prononcée contre l'Etat, s'il ne justifie pas avoir, dans les trois mois suivant "
     "la notification de la présente décision, adopté un plan d'action.", {"astreinte"}),
    ("Le taux de cette astreinte est fixé à 500 euros par jour de retard à compter du lendemain de l'expiration de ce "
     "délai.", set()),
    ("Article 1er : L'Etat est condamné à verser à M. T... U... la somme de 4 200 euros au titre de la liquidation "
     "provisoire de l'astreinte prononcée par l'ordonnance n° 2403312 du 12 septembre 2024.", {"liquidation"}),
    ("Article 2 : Le taux de l'astreinte prononcée par l'ordonnance du 2 avril 2025 est porté à 300 euros par jour de "
     "retard.", {"astreinte"}),
    ("Article 1er : M. K. est admis au bénéfice de l'aide juridictionnelle provisoire.", set()),
    ("Article 3 : L'Etat versera à Me Dupont une somme de 1 000 euros en application des articles L. 761-1 du code de "
     "justice administrative et 37 de la loi du 10 juillet 1991.", set()),
    ("Article 3 : Les conclusions tendant à ce que l'injonction soit assortie d'une astreinte sont rejetées.",
     {"rejet"}),
    ("Article 2 : Les conclusions à fin d'injonction et d'astreinte présentées par Mme A sont rejetées.", {"rejet"}),
    # incompétence, autre
    ("Article 1er : La requête est rejetée comme portée devant un ordre de juridiction incompétent pour en connaître.",
     {"rejet", "incompetence"}),
    ("Article 1er : La requête de Mme B est rejetée comme portée devant une juridiction incompétente pour en connaître "
     "en premier et dernier ressort.", {"rejet", "incompetence"}),
    ("Article 2 : M. et Mme O sont déchargés des cotisations d'impôt sur le revenu.", {"autre"}),
    ("Article 2 : Le bénéfice de la protection subsidiaire est accordé à M. I B.", {"autre"}),
    ("Article 1er : L'Etat est condamné à verser au syndicat SUD-Solidaires la somme de 1 000 euros tous intérêts "
     "compris.", {"autre"}),
    ("Article 2 : Le jugement du tribunal administratif de Montreuil du 17 décembre 2020 est réformé en ce qu'il a de "
     "contraire à la présente décision.", {"autre"}),
    ("Article 3 : Il n'y a pas lieu de déclarer M. A inéligible.", {"autre"}),
    ("Article 1er : Les articles 4, 5 et 7, en tant qu'il a réformé le jugement attaqué, de l'arrêt du 16 mars 2021 "
     "sont annulés.", {"annulation"}),
])
def test_sentence_outcomes(sentence, expected):
    assert sentence_outcomes(sentence) == expected


def _outcomes(dispositif: str) -> tuple[str, ...]:
    text = "Vu la procédure suivante :\nConsidérant ce qui suit :\n1. ...\n" + dispositif + \
           "\nFait à Paris, le 9 novembre 2021\n"
    return find_outcomes(text, find_zones(text))


def test_a_whole_dispositif_is_a_set():
    assert _outcomes("D E C I D E :\n--------------\n"
                     "Article 1er : L'article 2 de l'arrêt du 30 janvier 2020 de la cour administrative d'appel de Lyon est annulé.\n"
                     "Article 2 : Il est enjoint à la Commission nationale d'aménagement commercial de rendre un nouvel avis.\n"
                     "Article 3 : Le surplus des conclusions des pourvois est rejeté.\n"
                     "Article 4 : Les conclusions présentées au titre de l'article L. 761-1 du code de justice administrative sont rejetées.") \
        == ("rejet", "injonction", "annulation")


def test_a_rectification_reads_past_the_quotation():
    assert _outcomes("O R D O N N E :\n"
                     "Article 1er : le 3ème considérant de l'ordonnance n° 442881 du 27 octobre 2021 :\n"
                     "\" 3. Il y a lieu de mettre à la charge du ministre le versement de la somme de 1 500 euros \"\n"
                     "est modifié ainsi qu'il suit :\n"
                     "\" 3. Il y a lieu de mettre à la charge de l'Etat le versement de la somme de 1 500 euros \".") == ("autre",)


def test_no_dispositif_no_outcome():
    assert find_outcomes("Vu la requête ;", find_zones("Vu la requête ;")) == ()


@pytest.mark.slow
def test_outcomes_on_the_real_corpus(shared_dir: Path):
    from greffe.opendata import read_xml
    tp = fp = fn = 0
    for g in sorted((shared_dir / "corpus" / "gold").glob("*.json")):
        gold = json.loads(g.read_text())
        xml = shared_dir / "corpus" / "xml" / gold["identification"]
        text = read_xml(xml.read_bytes(), str(xml)).text
        got, want = set(find_outcomes(text, find_zones(text))), set(gold["fields"]["outcomes"])
        tp, fp, fn = tp + len(got & want), fp + len(got - want), fn + len(want - got)
    assert 2 * tp / (2 * tp + fp + fn) >= 0.95
