"""Astreintes asked for, pronounced, liquidated or refused (contract/README.md, `astreintes`).

Every mention of `astreinte` is read in its sentence: the rate that follows it (`de 500 euros par
jour de retard`), and who speaks, from the nearest verb before it and the zone it stands in.
Status follows who speaks: `d'enjoindre ... sous astreinte` (a party asks) is `demandee`; `a
enjoint ... sous astreinte`, `Une astreinte est prononcée`, `il y a lieu de prononcer une
astreinte` (a court orders, now or in an earlier decision) is `prononcee`; `liquidation de
l'astreinte` is `liquidee`; `il n'y a pas lieu d'assortir ... d'une astreinte` is `refusee`.
Quotations of the code (`Aux termes de l'article L. 911-5 : " ... peut prononcer une astreinte "`),
conditionals (`Il y aurait lieu`) and working-time astreintes (`agents sous astreinte`) are not
astreintes of the case.
"""
from __future__ import annotations

import re

from greffe.model import Astreinte, Span, Zone

from .amounts import NUMBER, parse_number
from .zones import sentences, zone_of

# `astreinte`, `astreintes`, `Astreinte`
_MENTION = re.compile(r"\bastreintes?\b", re.I)
# `par jour de retard`, `par semestre`, `par mois de retard`, `journalière`
_PERIODS = {"jour": "jour", "jours": "jour", "journée": "jour", "semaine": "semaine", "mois": "mois",
            "trimestre": "trimestre", "semestre": "semestre", "an": "an", "année": "an"}
_PERIOD = r"(?:\s+par\s+(?P<period>jour|journée|semaine|mois|trimestre|semestre|an|année)\b)"
# `500 euros par jour`, `762,25 € par jour`, `d'un million d'euros par mois`, `cent euros par jour`
# `100 euros (cent euros) par jour`: a parenthesis may repeat the amount in words
_RATE = re.compile(rf"(?P<amount>{NUMBER})\s*(?:d['’]\s*)?(?:euros?\b|€|EUR\b)(?:\s*\([^)]{{0,40}}\))?{_PERIOD}", re.I)
# `astreinte de 1 000 euros` with no period
_BARE_RATE = re.compile(rf"^\s*(?:journalière\s+)?(?:de|d['’])\s*(?P<amount>{NUMBER})\s*(?:d['’]\s*)?(?:euros?\b|€)", re.I)
# A lump sum: `la somme de 12 650 euros au titre de l'astreinte` (a liquidation, no rate)
_LUMP_SUM = re.compile(r"somme[^.;]{0,80}au titre de (?:l['’]|la liquidation[^.;]{0,40})$", re.I)

# Working time, not a penalty: `agents sous astreinte`, `périodes d'astreinte`, `recours aux astreintes`
_LABOUR = re.compile(r"(?:agents?|personnels?|salariés?|périodes?|indemnités?|régimes?|services?|heures?|"
                     r"permanences?|temps|recours aux|semaines?)\s+(?:d['’]|de\s+|en\s+|sous\s+)?$|"
                     r"\b(?:agents?|personnels?|salariés?|fonctionnaires?)\b[^.;]{0,25}(?:en|sous)\s+$|"
                     r"\bplacée?s?\s+(?:en|sous)\s+$", re.I)
# Not this case's astreinte: `mêmes conditions de délai et d'astreinte`, `ne pas prononcer d'astreinte`
_SKIP_BEFORE = re.compile(r"(?:mêmes conditions[^.;]{0,30}|ne pas (?:prononcer|assortir)[^.;]{0,30})$", re.I)
# General statements and conditionals: `la juridiction peut modérer ou supprimer l'astreinte`,
# `Il y aurait donc lieu ... de prononcer, le cas échéant, ... une astreinte`
_GENERAL = re.compile(r"\bpeu(?:t|vent)\b[^.;]{0,40}\b(?:prononcer|modérer|supprimer|décider|liquider|assortir|ordonner|enjoindre)\b|"
                      r"\baurait\s+(?:\w+\s+)?lieu\b|^\s*(?:Aux termes|En vertu)\b", re.I)

# Who speaks, from the nearest cue before the mention.
# A party: `demande`, `tendant à`, `conclut`, `d'enjoindre`, `de prononcer`, `au prononcé`, `afin d'`
_REQUEST = re.compile(
    r"(?<!\bla )(?<!\bsa )(?<!\bune )(?<!\bleur )(?<!\bleurs )(?<!\bcette )(?<!\bdes )(?<!\bles )(?<!\bses )"
    r"(?<!\bnouvelle )(?<!\bde )(?<!\bces )(?<!\baux )(?<!\bnos )(?<!\bvos )(?<!\bta )(?<!\bma )(?<!\bmes )"
    r"\bdemand(?:e|es|ent|ait|aient|ant|er)\b(?!\s+(?:de|d['’])\s*(?:titre|asile|visa|rendez|naturalisation|"
    r"regroupement|renouvellement|carte|autorisation|permis|séjour|réexamen|protection|logement|aide|"
    r"communication|régularisation|changement|admission|délivrance))|\b(?:a|ont|avait|avaient|avoir)\s+(?:\w+\s+)?demandé\b|\btendant\b|"
    r"\bconclu(?:t|ent|ait|aient|ant|sions)\b|\bsollicit(?:e|ent|ait|aient|ant)\b|\ba\s+sollicité\b|\bréclam\w*|\bd['’]enjoindre\b|\benjoindre\b|"
    r"\bde prononcer\b|\bd['’]assortir\b|\bde condamner\b|\bau prononcé\b|\b(?:à |aux? )?fins? d['’]|\bafin d['’]|"
    r"\bsoit enjoint\b|\bd['’]ordonner\b|\bde liquider\b", re.I)
# A court: `a enjoint`, `enjoint à`, `Il est enjoint`, `a prononcé`, `est prononcée`, `a été fixé`
_COURT = re.compile(
    r"(?<!soit )\benjoint\b|\b(?:a|ont|avait|est|sont|sera|été)\s+(?:\w+\s+)?prononcée?s?\b|\bprononce\b|"
    r"\b(?:a|est|été)\s+(?:\w+\s+)?fixée?\b|\bmajoration\b|\ba\s+(?:\w+\s+)?assorti\w*|\bassortie?s?\b|"
    r"\ba\s+(?:\w+\s+)?ordonné\b|\bordonne\b|\ba\s+condamné\b|\bil\s+y\s+a(?:vait)?\s+(?:\w+\s+)?lieu\b|\bdécide\b|"
    r"\b(?:a|ont|avait)\s+(?:\w+\s+)?(?:accordé|imparti|sursis|fixé)\b|\bimpartissait\b|"
    r"\bimplique\w*\s+(?:\w+\s+)?(?:nécessairement\s+)?(?:[^.;]{0,60}?,\s*)?qu['’]il\s+soit\s+enjoint\b", re.I)
# Who governs an infinitive cue: `il y a lieu ... de prononcer` (court) or `demande ... de prononcer`
_GOVERNING_COURT = re.compile(r"\bil\s+y\s+a(?:vait)?\s+(?:\w+\s+)?lieu\b|\bjuge\s+qu['’]il\s+y\s+a", re.I)
_GOVERNING_PARTY = re.compile(r"\bdemand\w*|\btendant\b|\bconclu\w*|\bsollicit\w*", re.I)
_INFINITIVE = re.compile(r"^(?:de prononcer|d['’]assortir|d['’]enjoindre|enjoindre|de condamner|d['’]ordonner|de liquider)$", re.I)
# Refusal: `il n'y a pas lieu d'assortir ... d'une astreinte`, `conclusions ... astreinte ... rejetées`
_REFUSAL = re.compile(r"n['’]y\s+a\s+pas\s+lieu\s*(?:,[^.;]{0,60}?,\s*)?d['’](?:assortir|ordonner|prononcer)|"
                      r"sans\s+qu['’]il\s+(?:soit|y\s+ait)\s+(?:besoin|lieu)\s+d['’](?:assortir|ordonner|prononcer)|"
                      r"\bastreinte[^;]{0,120}\b(?:sont|est|doivent\s+être|ne\s+peuvent\s+qu['’]être)\s+rejetée?s?\b|"
                      r"\brejette\b[^;]{0,120}astreinte", re.I)
# `liquidation de l'astreinte`; moderating a rate happens at liquidation: `en limitant le montant de l'astreinte`
_LIQUIDATION = re.compile(r"\bliquid\w*|\bmodér\w*|\blimit(?:ant|er|é)\b", re.I)
_LIQUIDATION_DONE = re.compile(r"\ba\s+fait\s+droit\b|\ba\s+(?:\w+\s+)?(?:procédé|liquidé)\b|\bil\s+y\s+a(?:vait)?\s+lieu\b|"
                               r"\bcondamnée?s?\b|\bliquid(?:e|ée?s?)\b|\bau titre de la liquidation\b", re.I)


def find_astreintes(text: str, zones: tuple[Zone, ...]) -> tuple[Astreinte, ...]:
    """Every astreinte of the decision, once per distinct (amount, period, status)."""
    found: list[Astreinte] = []
    seen: set[tuple] = set()
    sents = sentences(text)
    for k, (a, b) in enumerate(sents):
        sentence = text[a:b]
        if not _MENTION.search(sentence):
            continue
        following = text[sents[k + 1][0]:sents[k + 1][1]] if k + 1 < len(sents) else ""
        for astreinte in _sentence_astreintes(text, a, b, zone_of(zones, a), following):
            if astreinte.key() not in seen:
                seen.add(astreinte.key())
                found.append(astreinte)
    return tuple(found)


def _inside_quotation(sentence: str, pos: int) -> bool:
    return sentence.count('"', 0, pos) % 2 == 1 or sentence.count("«", 0, pos) > sentence.count("»", 0, pos)


def _sentence_astreintes(text: str, a: int, b: int, zone: str | None, following: str) -> list[Astreinte]:
    sentence = text[a:b]
    if _GENERAL.search(sentence):
        return []
    mentions = [m for m in _MENTION.finditer(sentence) if not _inside_quotation(sentence, m.start())]
    out: list[Astreinte] = []
    for i, m in enumerate(mentions):
        before = sentence[:m.start()]
        if _LABOUR.search(before[-40:]) or _SKIP_BEFORE.search(before):
            continue
        if m.group().lower() == "astreintes" and not re.search(r"(?:fins?|demandes?|conclusions)\s+d['’]$", before, re.I):
            continue
        stop = mentions[i + 1].start() if i + 1 < len(mentions) else len(sentence)
        window = sentence[m.end():min(stop, m.end() + 160)]
        window = re.split(r";", window)[0]
        status = astreinte_status(sentence, m.start(), zone)
        if status is None:
            continue
        amount, period, rate_span = find_rate(window)
        if amount is None and _LUMP_SUM.search(before):
            status = "liquidee"
        if rate_span and re.search(r"majoration\s+(?:à|de)\s*$", window[:rate_span[0]]):
            # `une nouvelle liquidation de l'astreinte ... et à sa majoration à 250 euros par jour`
            out.append(Astreinte(None, None, status, sentence[m.start():m.end()],
                                 _span(a, m.start(), m.end())))
            status = "prononcee"
        if amount is None and re.search(r"\b(?:taux|montant)\s+de\s+cette\s+astreinte\b", following, re.I):
            continue                    # the rate follows: `Le taux de cette astreinte est fixé à ...`
        end = m.end() + rate_span[1] if rate_span else m.end()
        tail = re.match(r"\s+de\s+retard\b", sentence[end:])
        end += tail.end() if tail else 0            # `... par jour de retard`
        lead = re.search(r"\bsous\s+(?:une\s+)?$", before)
        start = lead.start() if lead else m.start()  # `sous astreinte de ...`
        out.append(Astreinte(amount, period, status, sentence[start:end], _span(a, start, end)))
    return out


def _span(offset: int, start: int, end: int) -> Span:
    return Span(offset + start, offset + end)


def find_rate(window: str) -> tuple[float | None, str | None, tuple[int, int] | None]:
    """(amount, period, (start, end)) of the first rate of `window`: `de 500 euros par jour` ->
    (500.0, "jour", ...); `journalière de 480 euros` -> (480.0, "jour", ...); nothing -> Nones."""
    m = _RATE.search(window)
    if m:
        value = parse_number(m.group("amount"))
        if value is not None:
            return float(value), _PERIODS[m.group("period").lower()], (m.start(), m.end())
    m = _BARE_RATE.search(window)
    if m:
        value = parse_number(m.group("amount"))
        period = "jour" if window.lstrip().lower().startswith("journalière") else None
        if value is not None:
            return float(value), period, (m.start(), m.end())
    return None, None, None


def astreinte_status(sentence: str, pos: int, zone: str | None) -> str | None:
    """`demandee`, `prononcee`, `liquidee` or `refusee` for the mention at `pos` of `sentence`."""
    before = sentence[:pos]
    around = sentence[max(0, pos - 80):pos + 20]
    if _REFUSAL.search(sentence) and not re.search(r"n['’]y\s+a\s+(?:plus|pas)\s+lieu\s+de\s+statuer", sentence, re.I):
        return "refusee"
    who = speaker(sentence, pos, pos + len("astreinte"), zone)
    if _LIQUIDATION.search(around):
        if who == "demande" and not _LIQUIDATION_DONE.search(before):
            return "demandee"
        return "liquidee"
    return {"demande": "demandee", "prononce": "prononcee"}.get(who)


def speaker_before(before: str, zone: str | None) -> str | None:
    """Who speaks at the end of `before`: `demande` (a party asks) or `prononce` (a court orders),
    from the nearest cue; the zone decides when there is none (visas: a party, dispositif: the court)."""
    req = [m for m in _REQUEST.finditer(before)]
    court = [m for m in _COURT.finditer(before)]
    last_req = req[-1] if req else None
    last_court = court[-1] if court else None
    if re.search(r"n['’]y\s+a\s+(?:plus|pas)\s+lieu\s+de\s+statuer", before, re.I):
        return "demande"               # `il n'y a plus lieu de statuer sur les conclusions à fin d'astreinte`
    if last_req and (not last_court or last_req.end() > last_court.end()):
        if _INFINITIVE.match(last_req.group().strip()):
            head = before[:last_req.start()]
            gov_court = list(_GOVERNING_COURT.finditer(head))
            gov_party = list(_GOVERNING_PARTY.finditer(head))
            if gov_court and (not gov_party or gov_court[-1].start() > gov_party[-1].start()):
                return "prononce"
        return "demande"
    if last_court:
        return "prononce"
    return None


def speaker(sentence: str, pos: int, end: int, zone: str | None) -> str | None:
    """`speaker_before`, then the first cue after the mention (`Une astreinte est prononcée`,
    `le taux de cette astreinte a été fixé`), then the zone (visas: a party, dispositif: the court)."""
    found = speaker_before(sentence[:pos], zone)
    if found:
        return found
    after = sentence[end:]
    req, court = _REQUEST.search(after), _COURT.search(after)
    if court and (not req or court.start() < req.start()):
        return "prononce"
    if req:
        return "demande"
    if zone == "dispositif":
        return "prononce"
    if zone in ("visas", "motifs", "entete"):
        return "demande"
    return None
