"""Topics of the decision, for the associations' searches: the dematerialised procedures for
foreigners and the matters around them.

Each topic has strong patterns (one hit is enough) and weak ones (the strong and weak hits together
must reach the topic's minimum). The names of the codes are blanked
first, so that `code de l'entrée et du séjour des étrangers et du droit d'asile` says nothing
about asylum, and the procedural `visas` of a decision (`Vu ...`, `susvisé`) are not a visa.

| topic                          | strong (one is enough)                                  | weak                           | min |
|--------------------------------|---------------------------------------------------------|--------------------------------|-----|
| anef                           | `ANEF`, `administration numérique pour les étrangers`, `téléservice mentionné à l'article R. 431-2` (its legal name); a bare `téléservice` is not enough (`France-Visas`, any téléservice) | - | - |
| rendez-vous-prefecture         | `rendez-vous en / à la / auprès de la préfecture`; `prise de / obtenir un / fixer un / un rendez-vous` then `préfecture`, `guichet`, `titre de séjour`, `dépôt` within 80 characters; `demande de rendez-vous`, `prise de rendez-vous`, `module de rendez-vous` (not `des rendez-vous de la concertation` on the préfecture's website) | - | - |
| demarches-simplifiees          | `démarches simplifiées`, `demarches-simplifiees.fr` (the platform, not any téléservice) | - | - |
| alternative-non-dematerialisee | `non dématérialisé(e)`, `accueil physique`, `modalité (de dépôt) alternative` | `dossier / support / format papier` | 3 |
| titre-de-sejour                | `demande de titre / carte de séjour` (also `de renouvellement de son titre`), `délivrer un titre de séjour`, `refus de titre de séjour`, `admission exceptionnelle au séjour` | `titre de séjour`, `carte de séjour`, `carte de résident`, `récépissé`, `autorisation provisoire de séjour` | 2 |
| asile                          | `demande d'asile`, `demandeur d'asile`, `OFPRA`, `CNDA` (and their full names) | `réfugié`, `protection subsidiaire` | 2 |
| eloignement                    | `obligation de quitter le territoire`, `obligé à quitter le territoire`, `OQTF`, `reconduite à la frontière`, `interdiction de retour`, `arrêté / décision de transfert` | `assignation à résidence`, `rétention administrative`, `éloignement` | 2 |
| visa                           | `demande de visa`, `refus de visa`, `visa de long / court séjour`, the commission de recours contre les refus de visa | `un visa`, `le visa`, `d'un visa`, `du visa` | 2 |
| naturalisation                 | `naturalisation`, `acquisition de la nationalité française`, `réintégration dans la nationalité` | - | - |

A single `titre de séjour` in passing (a party's situation) does not make a decision about
residence permits: it takes a demand, a delivery or a refusal of one, or two mentions.
"""
from __future__ import annotations

import re

# the names of codes and bodies that carry topic words without being about them
_NEUTRAL = re.compile(
    r"(?i)code\s+de\s+l['’]entrée\s+et\s+du\s+séjour\s+des\s+étrangers\s+et\s+du\s+droit\s+d['’]asile"
    r"|\bCESEDA\b|office\s+français\s+de\s+l['’]immigration\s+et\s+de\s+l['’]intégration")

_NEAR = 80
# topic -> (strong patterns, weak patterns, minimum of strong + weak hits when no strong one)
TOPICS: dict[str, tuple[tuple[re.Pattern, ...], tuple[re.Pattern, ...], int]] = {
    "anef": ((re.compile(r"\bANEF\b"),
              re.compile(r"(?i)administration\s+numérique\s+pour\s+les\s+étrangers"),
              re.compile(r"(?i)téléservice\s+mentionné\s+à\s+l['’]article\s+R\.?\s?431-2")), (), 1),
    "rendez-vous-prefecture": (
        (re.compile(r"(?i)rendez-vous\s+(?:en|à\s+la|auprès\s+de\s+la|au\s+guichet\s+de\s+la|avec\s+les\s+services\s+de\s+la)\s+(?:sous-)?préfecture"),
         re.compile(rf"(?is)(?:prise\s+de|obtenir\s+un|solliciter\s+un|fixer\s+un|d['’]un|un|de)\s+rendez-vous.{{0,{_NEAR}}}(?:préfecture|guichet|titre\s+de\s+séjour|dépôt)"),
         re.compile(r"(?i)demandes?\s+de\s+rendez-vous|prise\s+de\s+rendez-vous|module\s+de\s+rendez-vous")),
        (), 1),
    "demarches-simplifiees": (
        (re.compile(r"(?i)démarches[\s-]simplifiées|demarches-simplifiees\.fr"),), (), 1),
    "alternative-non-dematerialisee": (
        (re.compile(r"(?i)non[\s-]dématérialisée?s?"), re.compile(r"(?i)accueil\s+physique"),
         re.compile(r"(?i)modalités?\s+(?:de\s+dépôt\s+)?alternatives?")),
        (re.compile(r"(?i)(?:dossier|support|format|version)\s+papier"),), 3),
    "titre-de-sejour": (
        (re.compile(r"(?i)demandes?\s+de\s+(?:renouvellement\s+de\s+(?:son\s+|sa\s+|leur\s+)?)?(?:titres?|cartes?)\s+de\s+séjour"),
         re.compile(r"(?i)(?:délivrer|délivrance\s+d['’])\s*une?\s+(?:titre|carte)\s+de\s+séjour"),
         re.compile(r"(?i)refus\s+de\s+(?:titre|carte)\s+de\s+séjour|admission\s+exceptionnelle\s+au\s+séjour")),
        (re.compile(r"(?i)titres?\s+de\s+séjour"), re.compile(r"(?i)cartes?\s+de\s+séjour"),
         re.compile(r"(?i)cartes?\s+de\s+résident"), re.compile(r"(?i)récépissé"),
         re.compile(r"(?i)autorisation\s+provisoire\s+de\s+séjour")), 2),
    "asile": (
        (re.compile(r"(?i)demandes?\s+d['’]asile|demandeurs?\s+d['’]asile|demandeuse\s+d['’]asile"),
         re.compile(r"\bOFPRA\b|\bCNDA\b"),
         re.compile(r"(?i)office\s+français\s+de\s+protection\s+des\s+réfugiés|cour\s+nationale\s+du\s+droit\s+d['’]asile")),
        (re.compile(r"(?i)\bréfugiée?s?\b"), re.compile(r"(?i)protection\s+subsidiaire")), 2),
    "eloignement": (
        (re.compile(r"(?i)obligation\s+de\s+quitter\s+le\s+territoire|oblig\w*\s+à\s+quitter\s+le\s+territoire|\bOQTF\b"),
         re.compile(r"(?i)reconduite\s+à\s+la\s+frontière|interdiction\s+de\s+retour"),
         re.compile(r"(?i)arrêté\s+de\s+transfert|décision\s+de\s+transfert")),
        (re.compile(r"(?i)assignation\s+à\s+résidence|assigné\s+à\s+résidence"),
         re.compile(r"(?i)rétention\s+administrative|centre\s+de\s+rétention"),
         re.compile(r"(?i)\béloignement\b")), 2),
    "visa": (
        (re.compile(r"(?i)demandes?\s+de\s+visa|refus\s+de\s+visa|visas?\s+de\s+(?:long|court)\s+séjour"),
         re.compile(r"(?i)commission\s+de\s+recours\s+contre\s+les\s+décisions\s+de\s+refus\s+de\s+visa")),
        (re.compile(r"(?i)\b(?:un|le|du|d['’]un)\s+visa\b"),), 2),
    "naturalisation": (
        (re.compile(r"(?i)\bnaturalisation\b|acquisition\s+de\s+la\s+nationalité\s+française|réintégration\s+dans\s+la\s+nationalité"),),
        (), 1),
}


# a word every pattern of the topic contains: the topic's patterns run only on a text that has it
# (most decisions are about none of these topics)
_CUE = {"anef": ("anef", "numérique", "431-2"), "rendez-vous-prefecture": ("rendez-vous",),
        "demarches-simplifiees": ("simplifi",), "alternative-non-dematerialisee": ("dématérialis", "physique", "alternativ", "papier"),
        "titre-de-sejour": ("séjour", "résident", "récépissé"), "asile": ("asile", "ofpra", "cnda", "réfugi", "subsidiaire"),
        "eloignement": ("territoire", "oqtf", "frontière", "retour", "transfert", "résidence", "rétention", "éloignement"),
        "visa": ("visa",), "naturalisation": ("naturalisation", "nationalité")}


def topic_hits(text: str) -> dict[str, tuple[int, int]]:
    """topic -> (strong hits, weak hits), after blanking the neutral names."""
    t = _NEUTRAL.sub(" ", text)
    low = t.lower()
    out = {}
    for name, (strong, weak, _) in TOPICS.items():
        if not any(cue in low for cue in _CUE[name]):
            out[name] = (0, 0)
            continue
        out[name] = (sum(len(p.findall(t)) for p in strong), sum(len(p.findall(t)) for p in weak))
    return out


def find_topics(text: str) -> tuple[str, ...]:
    """The topics whose evidence reaches its minimum, sorted."""
    out = []
    for name, (strong, weak) in topic_hits(text).items():
        minimum = TOPICS[name][2]
        ok = strong >= 1 or (strong + weak) >= minimum
        if ok:
            out.append(name)
    return tuple(sorted(out))
