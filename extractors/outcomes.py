"""Outcomes pronounced by the dispositif, as a set (contract/README.md, `outcomes`).

Each sentence of the dispositif is read on its own, after the quotations it contains are set
aside (a rectification quotes the old text of another decision). Costs (article L. 761-1, `frais
exposés`), notifications, copies and interventions pronounce no outcome. A sentence that orders
something none of the labels names (a tax `décharge`, an election `proclamée`, a `protection
subsidiaire accordée`, an indemnity) is `autre`.
"""
from __future__ import annotations

import re

from greffe.model import OUTCOMES, Zone

from .zones import get_zone, sentences

# Quotations inside the dispositif: `" 3. Il y a lieu ... "`, `« Article 2 : ... »`
_QUOTED = re.compile(r"\"[^\"]*\"|«[^»]*»|“[^”]*”")
# `Article 1er :`, `Article 2 -`, `ARTICLE 3 :` at the head of a sentence
_ARTICLE_HEAD = re.compile(r"^\s*(?:Article|ARTICLE|Art\.)\s*(?:\d+|premier|[lI]er)(?:er|re)?\s*[:.\-–]?\s*")

# Sentences that are no outcome at all.
_NOT_AN_OUTCOME = re.compile(
    r"sera (?:notifiée?|adressée?|publiée?)|seront (?:notifiées?|adressées?|publiées?)|"  # `La présente décision sera notifiée`
    r"^Copie\b|copie (?:en )?sera adressée|"
    r"\binterventions?\b|"                                   # `L'intervention de X est admise`
    r"^(?:D\s*[EÉ]\s*C\s*I\s*D\s*E|O\s*R\s*D\s*O\s*N\s*N\s*E|ORDONNE|DÉCIDE|DECIDE)\s*:?$|^-+$",
    re.I)
# Costs: `au titre de l'article L. 761-1`, `L. 761- 1`, `37 de la loi du 10 juillet 1991`, `frais exposés`
_COSTS = re.compile(r"L\.?\s*761-\s*1|37 de la loi du 10 juillet 1991|frais exposés|\bdépens\b|au même titre", re.I)
# What a sentence about costs may also reject: `La demande de X et ses conclusions présentées au
# titre de l'article L. 761-1 sont rejetées`, `Le surplus des conclusions ... et les conclusions ...`
_COSTS_AND_MORE = re.compile(r"^(?:La|Le|Les|L['’])\s*(?:demandes?|requêtes?|pourvois?|surplus|appels?|recours|protestations?)\b", re.I)

_RULES: list[tuple[str, re.Pattern]] = [
    # `Il n'y a pas lieu de statuer sur ...`, `Il n'y a plus lieu à statuer`, `non-lieu à statuer`
    ("non-lieu", re.compile(r"n['’]y (?:a )?(?:pas|plus) lieu (?:de|à) statuer|\bnon-lieu\b", re.I)),
    # `Il est donné acte du désistement`, `Le désistement de X est admis`
    ("desistement", re.compile(r"désistement", re.I)),
    # `La requête de X est rejetée.`, `Les pourvois ... sont rejetés`, `Le pourvoi n'est pas admis`,
    # `Le surplus des conclusions est rejeté`, `rejette la requête`
    ("rejet", re.compile(
        r"\b(?:est|sont)\s+(?:\w+\s+)?rejeté(?:e|s|es)?\b|\brejette\b|"
        r"\bn['’](?:est|sont)\s+pas\s+admise?s?\b|\bne\s+(?:sont|peut|peuvent)\s+(?:pas\s+)?(?:être\s+)?admise?s?\b", re.I)),
    # `L'arrêt ... est annulé`, `sont annulés`, `L'ordonnance ... est annulé` (sic)
    ("annulation", re.compile(r"\b(?:est|sont)\s+(?:\w+\s+)?annulé(?:e|s|es)?\b|\bannule\b", re.I)),
    # `L'affaire est renvoyée à la cour`, `Les questions suivantes sont renvoyées à la CJUE`,
    # `Le jugement de la requête est attribué au tribunal`, `La requête est transmise au tribunal`
    ("renvoi", re.compile(
        r"\b(?:est|sont)\s+(?:\w+\s+)?r?envoyée?s?\b|\b(?:est|sont)\s+attribuée?s?\s+(?:au|à)\b|"
        r"\b(?:est|sont|sera|seront)\s+transmise?s?\s+(?:au|à la)\s+(?:tribunal|cour|Conseil)", re.I)),
    # `L'exécution de l'arrêté est suspendue`, `il sera sursis à l'exécution de cet arrêt`
    ("suspension", re.compile(
        r"\b(?:est|sont)\s+(?:\w+\s+)?suspendue?s?\b|\b(?:il\s+)?(?:est|sera)\s+sursis\s+à\s+(?:l['’])?exécution|"
        r"\bsuspend\b", re.I)),
    # `Il est sursis à statuer sur les conclusions ...`
    ("sursis", re.compile(r"\bsursis\s+à\s+statuer|\bsurseoir\s+à\s+statuer", re.I)),
    # `Il est enjoint au préfet de ...`, `Il est ordonné à ...`, `Le préfet délivrera ...`
    ("injonction", re.compile(
        r"\b(?:il\s+est\s+)?enjoint\b|\bil\s+est\s+ordonné\b|\bordonne\s+(?:au|à)\b|"
        r"\b(?:délivr|réexamin|procéd|pren|communiqu|remett|enregistr|statu|rétabl|restitu|examin|"
        r"convoqu|instru|organis|transmett|abrog|édict)(?:era|eront|ira|iront|dra|dront)\b", re.I)),
    # `Une astreinte est prononcée contre l'Etat`, `sous astreinte de 100 euros par jour`
    # `Le taux de l'astreinte prononcée le 2 avril 2025 est porté à 300 euros par jour`
    ("astreinte", re.compile(r"astreinte[^.;]*?\b(?:est|sont)\s+prononcée|\bsous\s+(?:une\s+)?astreinte\b|"
                             r"\btaux\s+de\s+l['’]astreinte\b[^;]*?\best\s+(?:porté|fixé|majoré|relevé)|"
                             r"\bassortie?s?\s+d['’]une\s+astreinte", re.I)),
    # `... au titre de la liquidation définitive de l'astreinte`, `L'astreinte est liquidée`
    ("liquidation", re.compile(r"\bliquid(?:ation|ée?s?|e)\b", re.I)),
    # `rejetée comme portée devant une juridiction incompétente`, `le juge administratif est incompétent`
    ("incompetence", re.compile(r"juridiction\s+incompétente|\bincompétente?s?\s+pour\b|incompétence", re.I)),
    # Orders none of the labels name: `est déchargée de la cotisation`, `est proclamée élue`,
    # `est réformé`, `la protection subsidiaire est accordée`, `est condamné à verser ... (indemnité)`,
    # `la valeur locative est fixée`, `est ainsi complété`, `est modifié ainsi qu'il suit`, an avis
    ("autre", re.compile(
        r"\bdéchargée?s?\b|\bproclamée?s?\s+élue?s?|\b(?:est|sont)\s+réformée?s?\b|\best\s+(?:accordée?|reconnue?)\b|"
        r"\bcondamnée?s?\s+à\s+(?:verser|payer)|\best\s+fixée?\b|\b(?:ainsi\s+)?complétée?s?\b|"
        r"\bmodifiée?s?\s+(?:ainsi|et|comme)|\brectifiée?s?\b|\bn['’]a\s+pas\s+droit\b|"
        r"n['’]y\s+a\s+pas\s+lieu\s+de\s+(?:déclarer|prononcer)|\bREND\s+L['’]AVIS\b", re.I)),
]
# `rejetée comme portée devant une juridiction incompétente` keeps `rejet` too (contract).
# A liquidation with an order to pay is a liquidation, not an `autre` condemnation.
_LIQUIDATION_PAYMENT = re.compile(r"condamnée?s?\s+à\s+(?:verser|payer).*liquidation", re.I)
# What a party asked, now turned down: `Les conclusions tendant à ...`, `à fin d'injonction`
_REQUEST_TURNED_DOWN = re.compile(r"\b(?:conclusions|demandes?|requête)\b[^.;]*?\b(?:tendant|à\s+fins?|aux\s+fins|afin)\b", re.I)
# `Il n'y a pas lieu de renvoyer au Conseil constitutionnel la question` is no renvoi (a refusal).
_NO_RENVOI = re.compile(r"n['’]y (?:a )?pas lieu de (?:renvoyer|transmettre)", re.I)


def find_outcomes(text: str, zones: tuple[Zone, ...]) -> tuple[str, ...]:
    """The outcomes the dispositif pronounces, in the order of `greffe.model.OUTCOMES`."""
    dispositif = get_zone(zones, "dispositif")
    if dispositif is None:
        return ()
    found: set[str] = set()
    heading = text[dispositif.start:dispositif.end].split("\n", 1)[0]
    if re.search(r"REND\s+L['’]AVIS", heading):
        return ("autre",)
    body = _QUOTED.sub(lambda m: " " * len(m.group()), text[dispositif.start:dispositif.end])
    for a, b in sentences(body):
        found |= sentence_outcomes(body[a:b])
    return tuple(o for o in OUTCOMES if o in found)


def sentence_outcomes(sentence: str) -> set[str]:
    """The outcomes one sentence of a dispositif pronounces."""
    s = _ARTICLE_HEAD.sub("", sentence).strip()
    if not s or _NOT_AN_OUTCOME.search(s):
        return set()
    if _COSTS.search(s) and not _COSTS_AND_MORE.search(s):
        return set()
    if _NO_RENVOI.search(s):
        return {"rejet"}                # a QPC not sent on is turned down
    found = {label for label, rx in _RULES if rx.search(s)}
    if "non-lieu" in found:
        # `Il n'y a pas lieu de statuer sur les conclusions tendant à ce qu'il soit sursis ...`
        found -= {"suspension", "sursis", "injonction", "astreinte", "annulation", "rejet", "liquidation"}
    if "rejet" in found and _REQUEST_TURNED_DOWN.search(s):
        # `Les conclusions tendant à ce que l'injonction soit assortie d'une astreinte sont rejetées`
        found -= {"suspension", "sursis", "injonction", "astreinte", "annulation", "liquidation"}
    if "liquidation" in found and _LIQUIDATION_PAYMENT.search(s):
        found.discard("autre")
    if re.search(r"astreinte", s, re.I):
        found.discard("autre")          # `Le taux de cette astreinte est fixé à 500 euros par jour`
    return found
