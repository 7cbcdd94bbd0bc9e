"""Topics: documented keyword rules with a minimum of evidence."""
from __future__ import annotations

import pytest

from extractors.topics import find_topics


@pytest.mark.parametrize("text, topics", [
    ("Mme A n'a pu déposer sa demande sur l'ANEF, le téléservice étant indisponible.", ("anef",)),
    ("via l'administration numérique pour les étrangers en France", ("anef",)),
    ("au moyen du téléservice mentionné à l'article R. 431-2 du code", ("anef",)),
    ("M. A n'a pu obtenir un rendez-vous auprès des services de la préfecture de l'Isère", ("rendez-vous-prefecture",)),
    ("il a sollicité un rendez-vous en préfecture à de nombreuses reprises", ("rendez-vous-prefecture",)),
    ("la demande déposée sur la plateforme démarches simplifiées", ("demarches-simplifiees",)),
    ("le refus de renouveler son titre de séjour ... la délivrance d'une carte de séjour temporaire", ("titre-de-sejour",)),
    ("sa demande d'asile a été rejetée par l'OFPRA", ("asile",)),
    ("l'arrêté portant obligation de quitter le territoire français", ("eloignement",)),
    ("la décision de refus de visa de long séjour opposée par l'autorité consulaire", ("visa",)),
    ("M. A, débouté de sa demande d'asile, fait l'objet d'une obligation de quitter le territoire français",
     ("asile", "eloignement")),
    ("d'enjoindre au préfet de lui fixer un rendez-vous en vue du dépôt de sa demande de titre de séjour",
     ("rendez-vous-prefecture", "titre-de-sejour")),
    ("l'examen de la demande de rendez-vous qu'il a présentée sur la plateforme", ("rendez-vous-prefecture",)),
    ("mettre en place des modalités alternatives non dématérialisées de dépôt, par un accueil physique",
     ("alternative-non-dematerialisee",)),
    ("déposer sa demande de naturalisation sur le téléservice dédié", ("naturalisation",)),
    ("le préfet l'a obligé à quitter le territoire français sans délai", ("eloignement",)),
])
def test_topics(text, topics):
    assert find_topics(text) == topics


@pytest.mark.parametrize("text", [
    # the code's name says nothing about asylum, a single titre de séjour is in passing
    "Vu le code de l'entrée et du séjour des étrangers et du droit d'asile ;",
    "M. A, titulaire d'un titre de séjour, conteste la taxe foncière.",
    # the procedural visas of a decision are not a visa
    "Vu les autres pièces du dossier ; les visas de la décision attaquée ; la requête susvisée",
    # a préfecture's website and public meetings
    "un espace participatif sur le site internet de la préfecture et des \" rendez-vous de la concertation \"",
    # a téléservice is not the ANEF unless named (France-Visas, any other téléservice)
    "la déclaration se fait par un téléservice ; le téléservice France-Visas n'avait pas enregistré la pièce",
    # one paper copy is not the topic of a non-dematerialised alternative
    "il l'avait transmise au prestataire sur support papier",
])
def test_no_topic_without_evidence(text):
    assert find_topics(text) == ()


def test_topics_are_sorted_and_unique():
    text = "OQTF ; demande d'asile ; ANEF ; refus de visa ; titre de séjour ; titre de séjour"
    topics = find_topics(text)
    assert list(topics) == sorted(set(topics))
