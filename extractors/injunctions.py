"""Injunctions pronounced in the dispositif (contract/README.md, `injunctions`).

Only what the court itself orders, article by article of the dispositif:

    Il est enjoint au préfet de la Seine-Saint-Denis de réexaminer, dans les plus brefs délais, ...
    Il est enjoint, d'une part, à la Commission ... de rendre ... et, d'autre part, au maire ... de ...
    Il est enjoint au ministre de l'intérieur, dans les plus brefs délais :  - de prendre ... ; - d'informer ...
    Il est ordonné à l'OFII de ...          Injonction est faite au préfet de ...
    Le préfet de l'Isère délivrera à M. A une autorisation provisoire de séjour dans un délai de ...
    Le Premier ministre et le ministre de l'agriculture communiqueront ... copie des actes ...

Each carries its addressee (as written, without article), its authority key, the measure (the
verb phrase, the deadline and the astreinte cut out of it), the deadline and the astreinte of its
own clause, and the span of the clause.
"""
from __future__ import annotations

import re

from greffe.model import Astreinte, Deadline, Injunction, Span, Zone

from .astreintes import find_rate
from .authorities import authority_key
from .deadlines import sentence_deadlines
from .zones import get_zone, sentences

# `Article 1er :`, `Article 2 -`
_ARTICLE = re.compile(r"^\s*(?:Article|ARTICLE|Art\.)\s*(?:\d+|premier|[lI]er)(?:er|re)?\s*[:.\-–]?\s*", re.M)
# `Il est enjoint`, `il est enjoint`, `Il est ordonné`, `Injonction est faite`, `enjoint` (TA: `ENJOINT au préfet`)
_ENJOINT = re.compile(r"\b(?:il\s+est\s+(?:enjoint|ordonné)|injonction\s+est\s+faite|enjoint|ordonne)\b", re.I)
# The dative that opens an addressee: `au`, `à la`, `à l'`, `aux`, `à`
_DATIVE = re.compile(r"^\s*(?:,\s*)?(?:d['’]une\s+part\s*,\s*|d['’]autre\s+part\s*,\s*|en\s+outre\s*,\s*|également\s*,?\s*)?"
                     r"(?P<prep>au\s+|aux\s+|à\s+la\s+|à\s+l['’]\s*|à\s+)", re.I)
_NOT_VERBS = {"première", "dernière", "guerre", "mer", "terre", "lumière", "matière", "carrière", "frontière",
              "manière", "misère", "pierre", "frère", "mère", "père", "air", "loir", "cher", "hiver", "fer"}
# The measure opens on `de` / `d'` + an infinitive in lower case: `de réexaminer`, `d'enregistrer`,
# `de lui délivrer`, `de prendre`, `de se prononcer`
_MEASURE = re.compile(r"(?:,\s*)?\b(?:de|d['’])\s*(?P<verb>(?:(?:lui|leur|les|la|le|l['’]|se|s['’]|y|en)\s*)*"
                      r"(?P<inf>[a-zéèêëàâîïôûç]+(?:er|ir|re|oir)))\b")
# Future tense of an order with a subject: `Le préfet de l'Isère délivrera`, `communiqueront`
_FUTURE_VERBS = ("délivr", "réexamin", "procéd", "communiqu", "enregistr", "statu", "rétabl", "restitu",
                 "examin", "convoqu", "instru", "organis", "abrog", "édict", "accord", "attribu", "réintégr",
                 "pren", "remett", "transmett", "rend", "mett", "fourn", "justifi", "publi", "retir", "inscri",
                 "adress", "assur", "réinscri")
_FUTURE = re.compile(r"\b(?P<verb>(?:" + "|".join(sorted(set(_FUTURE_VERBS), key=len, reverse=True)) +
                     r")[a-zéèêëàâîïôûç]*?(?:era|eront|ira|iront|ra|ront))\b")
# A subject that is an administration: `Le préfet de ...`, `La préfète`, `Le ministre`, `L'OFII`
_SUBJECT = re.compile(r"^(?P<art>Le|La|L['’]|Les)\s*(?P<who>(?:préf|minist|Premier|maire|président|directeur|directrice|"
                      r"recteur|rectrice|Office|office|OFII|Etat|État|administration|commune|département|région|"
                      r"Commission|commission|agence|Agence|centre|Centre|autorité|garde|conseil|Conseil|université|"
                      r"Caisse|caisse|établissement|service)[^.;:]*?)\s+(?P<verb>\S+)", re.U)


def find_injunctions(text: str, zones: tuple[Zone, ...]) -> tuple[Injunction, ...]:
    """The injunctions of the dispositif, in the order they are pronounced."""
    dispositif = get_zone(zones, "dispositif")
    if dispositif is None:
        return ()
    out: list[Injunction] = []
    for a, b in _articles(text, dispositif.start, dispositif.end):
        found = article_injunctions(text, a, b)
        if found:
            out.extend(_completed(text, found, a, b))
    if out:
        out = _with_separate_astreinte(text, out, dispositif.start, dispositif.end)
    return tuple(out)


# A sentence of the article, after the injunction, that sets its deadline or its astreinte:
# `Cette injonction est assortie d'une astreinte de 50 euros par jour de retard.`,
# `Cette injonction devra être exécutée dans un délai de quinze jours.`
_ABOUT_THE_INJUNCTION = re.compile(r"\b(?:cette|l['’]|ladite)\s*injonction\b|\bastreinte\b", re.I)
# An astreinte pronounced in its own article: `Article 3 : Une astreinte de 100 euros par jour de
# retard est prononcée à l'encontre de l'Etat s'il n'est pas justifié de l'exécution de l'article 2`
_OWN_ASTREINTE = re.compile(r"\bastreinte\b[^;]*?\b(?:est|sont)\s+prononcée|\bprononce\s+(?:une|à l['’]encontre)", re.I)


def _completed(text: str, found: list[Injunction], a: int, b: int) -> list[Injunction]:
    """Deadline and astreinte set in a later sentence of the same article, for the injunctions
    that have none of their own."""
    last = max(i.span.end for i in found)
    deadline = astreinte = None
    for sa, sb in sentences(text, last, b):
        sentence = text[sa:sb]
        if not _ABOUT_THE_INJUNCTION.search(sentence):
            continue
        _, d, ast = _measure(text, sa, sb)
        deadline = deadline or d
        astreinte = astreinte or ast
    if deadline is None and astreinte is None:
        return found
    return [Injunction(i.addressee, i.measure, i.authority, i.deadline or deadline, i.astreinte or astreinte, i.span)
            for i in found]


def _with_separate_astreinte(text: str, found: list[Injunction], start: int, end: int) -> list[Injunction]:
    """An astreinte pronounced in an article of its own goes with the injunctions that have none."""
    if all(i.astreinte for i in found):
        return found
    astreinte = None
    for a, b in _articles(text, start, end):
        body = text[a:b]
        if _ENJOINT.search(body) or not _OWN_ASTREINTE.search(body):
            continue
        m = re.search(r"\bastreinte\b", body, re.I)
        amount, period, rate_span = find_rate(body[m.end():m.end() + 160])
        stop = m.end() + (rate_span[1] if rate_span else 0)
        astreinte = Astreinte(amount, period, "prononcee", body[m.start():stop], Span(a + m.start(), a + stop))
        break
    if astreinte is None:
        return found
    return [i if i.astreinte else Injunction(i.addressee, i.measure, i.authority, i.deadline, astreinte, i.span)
            for i in found]


def _articles(text: str, start: int, end: int) -> list[tuple[int, int]]:
    heads = [m for m in _ARTICLE.finditer(text, start, end)]
    spans = []
    for i, m in enumerate(heads):
        stop = heads[i + 1].start() if i + 1 < len(heads) else end
        spans.append((m.end(), stop))
    return spans


def article_injunctions(text: str, a: int, b: int) -> list[Injunction]:
    """The injunctions of one article body text[a:b]."""
    body = text[a:b]
    out: list[Injunction] = []
    for m in _ENJOINT.finditer(body):
        before = body[:m.start()]
        if re.search(r"(?:conclusions|demande|tendant)[^.]*$", before, re.I):
            continue                   # `Les conclusions tendant à ce qu'il soit enjoint ... sont rejetées`
        out.extend(_enjoint_clauses(text, a, a + m.end(), b))
    if not out:
        out.extend(_future_orders(text, a, b))
    return out


def _enjoint_clauses(text: str, a: int, pos: int, b: int) -> list[Injunction]:
    """`Il est enjoint [, d'une part,] au X [, dans D,] de M [D] [sous astreinte] [et, d'autre part, au Y de N]`,
    or a list of measures after a colon: `Il est enjoint au ministre, dans les plus brefs délais :`
    then `- de prendre ... ;` `- d'informer ...`."""
    rest_end = _sentence_end(text, pos, b)
    if text[rest_end - 1:rest_end] == ":":
        return _listed_measures(text, pos, rest_end, b)
    out: list[Injunction] = []
    parts = re.split(r"(?:,?\s*et\s*,?\s*|\s*;\s*)(?=d['’]autre\s+part\b|en\s+outre\b|d['’]une\s+part\b)", text[pos:rest_end])
    offset = pos
    for part in parts:
        start = text.find(part, offset)
        offset = start + len(part)
        out.extend(_one_addressee(text, start, start + len(part), b))
    return out


def _listed_measures(text: str, pos: int, colon: int, b: int) -> list[Injunction]:
    head = text[pos:colon - 1]
    d = _DATIVE.match(head)
    if not d:
        return []
    who = re.split(r",\s*(?:qui|dans|sous|à\s+compter|sans)\b|\s*:", head[d.end():])[0].strip(" ,")
    addressee = " ".join(who.split())
    shared = next(iter(sentence_deadlines(head, "dispositif", offset=pos)), None)
    out = []
    for it in re.finditer(r"^\s*[-–•]\s*(?P<item>[^\n]+)", text[colon:b], re.M):
        s, e = colon + it.start("item"), colon + it.end("item")
        mm = _MEASURE.match(text, s)
        measure_start = s + (mm.start("verb") - s if mm else 0)
        measure, deadline, astreinte = _measure(text, measure_start, e)
        out.append(Injunction(addressee, measure, authority_key(addressee), deadline or shared, astreinte,
                              Span(s, e)))
    return out


def _sentence_end(text: str, pos: int, b: int) -> int:
    """The end of the sentence that `pos` is in: a colon at a line end, a line end, or a full stop
    that is not an abbreviation (`M. A`, `L. 761-1`)."""
    line_end = text.find("\n", pos, b)
    line_end = b if line_end < 0 else line_end
    while line_end > pos and text[line_end - 1] in " \t":
        line_end -= 1
    spans = sentences(text, pos, line_end)
    return spans[0][1] if spans else line_end


def _one_addressee(text: str, s: int, e: int, b: int) -> list[Injunction]:
    part = text[s:e]
    d = _DATIVE.match(part)
    if not d:
        # `Il est enjoint, dans un délai de ..., au préfet de ...`
        d2 = re.search(r"(?:,\s*)(?P<prep>au\s+|aux\s+|à\s+la\s+|à\s+l['’]\s*|à\s+)(?=[A-Za-zÉéèÈ])", part)
        if not d2:
            return []
        d = d2
    who_start = d.end()
    mm = None
    for cand in _MEASURE.finditer(part, who_start):
        if _is_infinitive(cand.group("inf")):
            mm = cand
            break
    if mm is None:
        return []
    who = part[who_start:mm.start()]
    who = re.split(r",\s*(?:qui|dans|sous|à\s+compter|sans)\b|\s+ou\s+(?:à|au|aux)\s+", who)[0].strip(" ,")
    addressee = " ".join(who.split())        # `à l'Office ...` -> `Office ...`, without its article
    measure, deadline, astreinte = _measure(text, s + mm.start("verb"), e)
    if deadline is None:
        deadline = next(iter(sentence_deadlines(part[:mm.start()], "dispositif", offset=s)), None)
    return [Injunction(addressee, measure, authority_key(addressee), deadline, astreinte, Span(s + who_start, e))]


def _is_infinitive(word: str) -> bool:
    """`réexaminer`, `délivrer`, `prendre`, `faire`: yes; `culture`, `agriculture`, `première`: no."""
    w = word.lower()
    if w in _NOT_VERBS:
        return False
    if w.endswith(("ure", "ière", "oire", "aire")) and w not in ("faire", "conclure", "inclure", "extraire",
                                                                  "soustraire", "croire"):
        return False
    return True


def _measure(text: str, s: int, e: int) -> tuple[str, Deadline | None, Astreinte | None]:
    """The measure with its deadline and astreinte cut out of it."""
    segment = text[s:e]
    deadlines = sentence_deadlines(segment, "dispositif", offset=s)
    deadline = deadlines[0] if deadlines else None
    astreinte = None
    am = re.search(r"\bsous\s+(?:une\s+)?astreinte\b", segment, re.I) or \
        re.search(r"\bassorti\w*\s+d['’]une\s+astreinte\b", segment, re.I)
    cut = []
    if am:
        amount, period, rate_span = find_rate(segment[am.end():am.end() + 160])
        end = am.end() + (rate_span[1] if rate_span else 0)
        tail = re.match(r"\s+de\s+retard", segment[end:])
        if tail:
            end += tail.end()
        astreinte = Astreinte(amount, period, "prononcee", segment[am.start():end], Span(s + am.start(), s + end))
        cut.append((am.start(), end))
    for d in deadlines:
        cut.append((d.span.start - s, d.span.end - s))
    measure = segment
    for x, y in sorted(cut, reverse=True):
        measure = measure[:x] + " " + measure[y:]
    measure = re.sub(r"\s*,\s*(?=,)|\s+", " ", measure)
    measure = re.sub(r"\s*,\s*,", ",", measure)
    measure = measure.strip(" ,.;:")
    measure = re.sub(r"\s*,?\s*et$", "", measure)
    measure = re.sub(r"\s+,", ",", measure)
    return measure, deadline, astreinte


def _future_orders(text: str, a: int, b: int) -> list[Injunction]:
    """`Le préfet de l'Isère délivrera à M. A ...`: an administration as subject, a verb of order in the future."""
    out = []
    body = text[a:b]
    for sa, sb in sentences(body):
        sentence = body[sa:sb]
        fm = _FUTURE.search(sentence)
        if not fm:
            continue
        subj = _SUBJECT.match(sentence.strip())
        if not subj or sentence.strip().find(fm.group()) < len(subj.group("art")):
            continue
        lead = len(sentence) - len(sentence.lstrip())
        who_text = sentence.strip()[len(subj.group("art")):sentence.strip().find(fm.group())].strip(" ,")
        who_text = re.sub(r"\s*,\s*(?:qui|dans|sous)\b.*$", "", who_text)
        addressee = re.sub(r"\s+et\s+(?:le|la|l['’]|les)\s*", " et ", " ".join(who_text.split()))
        if re.match(r"^(?:Etat|État)$", addressee) and not re.search(r"\b(?:délivr|réexamin|procéd)", fm.group()):
            continue
        verb = fm.group("verb")
        inf = _infinitive(verb)
        s = a + sa + lead
        e = a + sb
        measure, deadline, astreinte = _measure(text, a + sa + fm.start(), e)
        measure = inf + measure[len(verb):]
        out.append(Injunction(addressee, measure, authority_key(addressee), deadline, astreinte, Span(s, e)))
    return out


def _infinitive(verb: str) -> str:
    """`délivrera` -> `délivrer`, `communiqueront` -> `communiquer`, `prendra` -> `prendre`."""
    v = verb.lower()
    if v.endswith("ront"):
        v = v[:-3]
    elif v.endswith("ra"):
        v = v[:-1]
    if v.endswith(("dr", "ttr", "tr")):
        v += "e"
    return v
