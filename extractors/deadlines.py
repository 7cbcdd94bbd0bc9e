"""Time limits that a court sets, or that a party asks it to set, for an act to be done
(contract/README.md, `deadlines`).

A deadline is a phrase of time (`dans un délai de deux mois`, `sous huit jours`, `dans les trois
mois suivant la notification`, `sans délai`, `dans les plus brefs délais`, a fixed date: `au 1er
janvier 2022`) inside an order or a request: an injunction (`enjoint`, `d'enjoindre`), an
astreinte, a request to regularise. Statutory periods (délai de recours, d'appel, de départ
volontaire, the 48 hours of article L. 521-2, the periods of a quoted article) are left out. `days` or `months` as the text counts (`48 heures` ->
2 days, `un an` -> 12 months), the anchor from what follows (`à compter de la notification`).
"""
from __future__ import annotations

import re

from greffe.model import Deadline, Span, Zone

from .amounts import NUMBER, ORDINAL, duration_of, parse_number, parse_ordinal
from .astreintes import speaker
from .dates import MONTHS
from .zones import sentences, zone_of

_MONTHS = "|".join(MONTHS)
_UNIT_ANY = r"(?:jours?(?:\s+(?:francs|ouvrés|ouvrables|calendaires))?|heures?|semaines?|mois|ans?|années?)\b"
# `quinze (15) jours`, `15 (quinze) jours`
_COUNT_ANY = rf"(?:{NUMBER})(?:\s*\([\w\s-]{{1,30}}\))?"
_UNIT = r"(?P<unit>jours?(?:\s+(?:francs|ouvrés|ouvrables|calendaires))?|heures?|semaines?|mois|ans?|années?)\b"
_COUNT = rf"(?P<count>{NUMBER})(?:\s*\([\w\s-]{{1,30}}\))?"
# The phrases of a time limit, each a named alternative:
_PHRASES = [
    # `dans un délai de deux mois`, `dans le délai d'un mois`, `un délai de quinze jours`,
    # `délai de régularisation de quinze jours`, `dans un délai maximal de 8 jours`
    rf"\bdélai\s+(?:\w+\s+){{0,2}}(?:de|d['’])\s*{_COUNT_ANY}\s+{_UNIT_ANY}",
    # `dans un délai qui ne saurait excéder deux mois`, `dans un délai n'excédant pas quinze jours`
    rf"\bdélai\s+(?:qui\s+ne\s+(?:saurait|pourra)\s+excéder|n['’]excédant\s+pas|ne\s+pouvant\s+excéder)\s+{_COUNT_ANY}\s+{_UNIT_ANY}",
    # `dans les trois mois suivant la notification`, `dans les deux mois de la décision`,
    # `dans les quinze jours de sa notification`, `dans les 48 heures`
    rf"\bdans\s+les\s+{_COUNT_ANY}\s+{_UNIT_ANY}",
    # `sous huit jours`, `sous 48 heures`, `sous quinzaine`
    rf"\bsous\s+{_COUNT_ANY}\s+{_UNIT_ANY}",
    # `à partir du huitième jour suivant la notification`, `à compter du quinzième jour`
    rf"\b(?:à\s+partir|à\s+compter|au-delà)\s+du\s+(?P<ordinal>{ORDINAL}|\d+\s*(?:e|ème))\s+jour\b",
    # `sous huitaine`, `dans la quinzaine`
    r"\b(?:sous|dans\s+la|dans\s+une)\s+(?P<noun>huitaine|quinzaine)\b",
    # `sans délai`, `dans les plus brefs délais`, `dans les meilleurs délais`, `dans un bref délai`
    r"(?P<open>\bsans\s+délai\b|\bdans\s+les\s+(?:plus\s+brefs|meilleurs|plus\s+courts)\s+délais\b|"
    r"\bdans\s+(?:un|le)\s+(?:plus\s+)?bref\s+délai\b)",
    # a fixed date (days and months null: the text says when): `au 1er janvier 2022`,
    # `au plus tard le 31 décembre 2023`, `avant le 15 mars 2024`, `d'ici le 1er juin 2025`
    rf"(?P<date>\b(?:au\s+plus\s+tard\s+le|avant\s+le|d['’]ici\s+(?:le|au)|au)\s+\d{{1,2}}\s?(?:er)?\s+"
    rf"(?:{_MONTHS})\s+\d{{4}})\b",
]
_DEADLINE = re.compile("|".join(f"(?:{p})" for p in _PHRASES), re.I)

# What makes a sentence an order or a request for an act: `enjoint`, `d'enjoindre`, `injonction`,
# `astreinte`, `ordonner`, `délivrer`, `régulariser`, `prescrit`, `imparti`
_ORDER_CONTEXT = re.compile(
    r"enjoi\w*|injonction|astreinte|\bordonn(?:er|é|e)\b|régularis\w*|imparti|\binvitée?s?\s+à\b|"
    r"\bprescri\w*", re.I)
# Statutory periods: `délai de recours`, `délai d'appel`, `départ volontaire`, `à peine
# d'irrecevabilité`, `se prononce dans un délai de quarante-huit heures` (L. 521-2),
# `délai de transfert`, `délai de prescription`, `délai de distance`, `délai d'instruction`
_STATUTORY = re.compile(
    r"délai\s+(?:de\s+recours|d['’]appel|de\s+pourvoi|de\s+départ|de\s+transfert|de\s+prescription|"
    r"de\s+distance|d['’]instruction|de\s+forclusion|de\s+réflexion|de\s+rétention|de\s+validité)|"
    r"départ\s+volontaire|à\s+peine\s+d['’]irrecevabilité|se\s+prononcer?\s+dans|"
    r"\bstatue\s+dans|à\s+très\s+bref\s+délai|délai\s+(?:raisonnable|utile)|quitter\s+le\s+territoire|"
    r"mesures\s+de\s+sauvegarde\s+dans|"
    r"\bprescription\b|(?:prescrit|imparti|prévu|fixé|mentionné|stipulé)e?s?\s+(?:\w+\s+){0,2}(?:par|à)\s+(?:l['’]article|les\s+dispositions|le\s+décret|la\s+loi|le\s+code)", re.I)
# General statements of the law: `le juge des référés peut, dans un délai de quarante-huit heures`,
# `peuvent, dans le délai d'un mois, introduire un recours`
_GENERAL = re.compile(r"\bpeu(?:t|vent)\b|\bpourra\b|\bpourront\b", re.I)
# A limit already run out is no new limit: `le délai de six mois imparti ... a expiré`
_BARE_DEFINITE = re.compile(r"(?<!dans )\b(?:le|ce)\s+$", re.I)
# `former un recours dans un délai de deux mois`, `produire un mémoire complémentaire dans un délai`
_STATUTORY_NEAR = re.compile(
    r"(?:former|introduire|interjeter|exercer|déposer|se\s+pourvoir|faire\s+appel|"
    r"mémoire\s+complémentaire|produire\s+(?:le|un|son)\s+mémoire)\W+(?:\w+\W+){0,6}$", re.I)
# What the limit runs from, read just after it.
_ANCHOR_NOTIFICATION = re.compile(r"^\W*(?:à\s+compter|suivant|à\s+partir|courant|de|du|dès|après)\W+(?:\w+\W+){0,5}?"
                                  r"(?:notification|notifiée?|signification)\b", re.I)
_ANCHOR_DECISION = re.compile(
    r"^\W*(?:(?:à\s+compter|suivant|à\s+partir|courant|dès)\s+)?(?:de\s+|du\s+|d['’]\s*|dès\s+)(?:la\s+|l['’]\s*|le\s+|sa\s+|cette\s+)?"
    r"(?:présente?\s+)?(?:ordonnance|décision|jugement|arrêt)\b", re.I)
# A fixed date is the limit of an act the sentence orders or asks for (`enjoint`, `d'enjoindre`,
# `ordonner`) before it; not the end of a period (`pour la période du 1er juillet 1992 au 31 août
# 1994`), nor a date something is put off to (`renvoyant l'activation des sanctions au 15 mai
# 2023`), nor the date a text or a rule takes effect (`fixée par la directive au 1er janvier
# 2022`, `entre en vigueur au`).
_ORDERS_BEFORE = re.compile(r"enjoi\w*|injonction|\bordonn(?:er|é|e)\b", re.I)
_NOT_A_LIMIT = re.compile(
    rf"\bdu\s+\d{{1,2}}\s?(?:er)?\s+(?:{_MONTHS})\s+\d{{4}}\s+$|"
    r"(?:renvoy\w*|report(?:e|er|ant|é|ée|és|ées|s)?|repouss\w*|ajourn\w*|différ(?:er|ant|é|ée|és|ées))\s+"
    r"(?:\S+\s+){0,10}$|"
    r"(?:fixée?s?|prévue?s?)\s+(?:\w+\s+){0,4}$|vigueur\s+$|applicables?\s+$|"
    r"s['’]appliquer?\s+$|applicati\w+\s+$|échéance\s+$", re.I)
_ANCHOR_OTHER = re.compile(r"^\W*(?:à\s+compter|suivant|à\s+partir|courant|après)\b", re.I)


def find_deadlines(text: str, zones: tuple[Zone, ...]) -> tuple[Deadline, ...]:
    """Every deadline of the decision, once per distinct (days, months, anchor, status)."""
    out: list[Deadline] = []
    seen: set[tuple] = set()
    for a, b in sentences(text):
        sentence = text[a:b]
        if not _ORDER_CONTEXT.search(sentence):
            continue
        for d in sentence_deadlines(sentence, zone_of(zones, a), offset=a):
            if d.key() not in seen:
                seen.add(d.key())
                out.append(d)
    return tuple(out)


def sentence_deadlines(sentence: str, zone: str | None, offset: int = 0) -> list[Deadline]:
    """The deadlines of one sentence whose context is an order or a request."""
    out = []
    for m in _DEADLINE.finditer(sentence):
        if _inside_quotation(sentence, m.start()):
            continue
        local = sentence[max(0, m.start() - 100):m.end() + 60]
        before = sentence[:m.start()]
        if _STATUTORY.search(local) or _STATUTORY_NEAR.search(before) or _GENERAL.search(before[-150:]):
            continue
        if m.group().lower().startswith("délai") and _BARE_DEFINITE.search(before[-12:]):
            continue
        if m.group("date") and (not _ORDERS_BEFORE.search(before) or _NOT_A_LIMIT.search(before[-120:])):
            continue
        days, months = _length(m)
        if days is None and months is None and not m.group("open") and not m.group("date"):
            continue
        after = sentence[m.end():m.end() + 120]
        anchor = None if m.group("date") else _anchor(after, ordinal=bool(m.group("ordinal")))
        if anchor is None and m.group("open") and re.search(r"\bdès\s+(?:la\s+|sa\s+)?notification", sentence[m.end():m.end() + 400], re.I):
            anchor = "notification"     # `d'assurer sans délai ... dès la notification de l'ordonnance`
        status = _status(sentence, m.start(), m.end(), zone)
        if status is None:
            continue
        start = m.start()
        lead = re.search(r"(?:\b(?:dans|sous)\s+(?:un|le|ce)\s+|\bun\s+|\bdans\s+)$", sentence[max(0, start - 12):start], re.I)
        if lead and m.group().lower().startswith("délai"):
            start -= len(lead.group())      # `dans un délai de deux mois`, `un délai de quinze jours`
        end = m.end()
        if anchor:
            am = re.match(r"^[^.;]*?(?:notification|signification|ordonnance|décision|jugement|arrêt|réception|avis)\b"
                          r"(?:\s+(?:de\s+|du\s+|d['’]\s*)?(?:la\s+|l['’]\s*|le\s+|cette\s+|sa\s+)?(?:présente?\s+)?"
                          r"(?:ordonnance|décision|jugement|arrêt|lettre)\b(?:\s+à\s+(?:intervenir|venir))?)?"
                          r"(?:\s+à\s+(?:intervenir|venir))?", after)
            if am:
                end = m.end() + am.end()
        out.append(Deadline(text=sentence[start:end], days=days, months=months, anchor=anchor,
                            status=status, span=Span(offset + start, offset + end)))
    return out


def _inside_quotation(sentence: str, pos: int) -> bool:
    return sentence.count('"', 0, pos) % 2 == 1 or sentence.count("«", 0, pos) > sentence.count("»", 0, pos)


def _length(m: re.Match) -> tuple[int | None, int | None]:
    if m.group("open") or m.group("date"):
        return None, None
    if m.group("noun"):
        return (8 if m.group("noun").lower() == "huitaine" else 15), None
    if m.group("ordinal"):
        n = parse_ordinal(m.group("ordinal"))
        return (n, None) if n else (None, None)
    count_text, unit = _count_unit(m)
    if count_text is None:
        return None, None
    count = parse_number(count_text)
    if count is None or isinstance(count, float):
        return None, None
    return duration_of(count, unit)


def _count_unit(m: re.Match) -> tuple[str | None, str | None]:
    """The count and unit of whichever phrase matched (several alternatives share the names)."""
    text = m.group()
    inner = re.search(rf"{_COUNT}\s+{_UNIT}", text, re.I)
    if inner:
        return inner.group("count"), inner.group("unit")
    return None, None


def _anchor(after: str, ordinal: bool = False) -> str | None:
    """`notification`, `decision`, `autre` or None from the words after the limit."""
    head = re.split(r"[;:]", after)[0]
    if _ANCHOR_NOTIFICATION.match(head):
        return "notification"
    if _ANCHOR_DECISION.match(head):
        return "decision"
    if _ANCHOR_OTHER.match(head):
        return "autre"
    return None


def _status(sentence: str, start: int, end: int, zone: str | None) -> str | None:
    """`demande` (a party asks) or `prononce` (a court sets it), as for astreintes, plus the cues
    of a request to regularise (`imparti`, `invité à régulariser`: the court's own letter)."""
    before = sentence[:start]
    if re.search(r"\bimparti\w*|\binvitée?s?\s+à\b|\bdemande\s+de\s+régularisation\b", sentence, re.I) and \
            not re.search(r"\bdemand(?:e|ent|ait)\s+(?:au|à)\s+(?:juge|tribunal|Conseil|cour)", before, re.I):
        return "prononce"
    return speaker(sentence, start, end, zone)
