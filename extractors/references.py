"""Legal references (articles of codes, laws, decrees, conventions) and earlier decisions cited
by number, each with its span in the text.

`find_legal_refs`: `l'article L. 521-3 du code de justice administrative` -> article `L521-3`,
code `CJA`; `articles L. 521-1 et L. 521-2 du même code` -> two references, the code of the
previous reference; `article 37 de la loi du 10 juillet 1991` -> article `37`, code
`loi 1991-07-10` (a law or a decree is keyed by its date, which the decisions always give, not
by its number, which they often omit); `article 8 de la convention européenne de sauvegarde des
droits de l'homme ...` -> code `CEDH`. An article with no text after it has code None.

`find_cited_decisions`: `Par une ordonnance n° 2121674 du 15 octobre 2021, le juge des
référés du tribunal administratif de Paris ...` -> date `2021-10-15`, number `2121674`, court
`TA75` when the court is named right after (`du tribunal administratif de Paris`, `de la cour
administrative d'appel de Nantes`) or before (`le tribunal administratif de Lyon, par un jugement
n° ...`), else None. Only court decisions with a court-like number count (`décision n°
19-DCC-157` of an authority, `loi n° 91-647` are texts, not decisions).
"""
from __future__ import annotations

import re

from greffe.model import CitedDecision, LegalRef, Span

from .court import court_from_name
from .dates import _DATE, parse_french_date

# ---- articles ----------------------------------------------------------------------------
# one article number: `L. 521-3`, `R.541-1`, `L 761-1`, `37`, `1er`, `L. 313-11, 7°` (the 7° is
# dropped), `R. 421-1-1`, `12 bis`, `D. 312-5`, `L.O. 6213-1`
_ARTICLE_NO = r"(?:(?:L\.?\s?O\.?|[LRDA])\s?\.?\s?\*?\s?)?(?:\d+(?:[-‑]\d+)*(?:\s(?:bis|ter|quater))?|1er|premier)(?![\w/])"
ARTICLE_NO = re.compile(_ARTICLE_NO)
# `l'article L. 521-3`, `les articles L. 521-1 et L. 521-2`, `articles 2, 3 et 5`
ARTICLES = re.compile(rf"\barticles?\s+(?P<list>{_ARTICLE_NO}(?:\s*(?:,|et|ou|à)\s*{_ARTICLE_NO})*)")
# what follows the list: `du code de justice administrative`, `du même code`, `de ce code`,
# `de la loi du 10 juillet 1991`, `de la loi n° 91-647 du 10 juillet 1991`, `du décret n°
# 2009-1052 du 26 août 2009`, `de la convention européenne ...`, `de la Constitution`.
# A code not in the known list is `code` + one word (`code électoral`, `code de commerce`, `code du
# travail`): a longer free match ran on into the sentence (`code de commerce par la loi du ...`).
_TAIL = re.compile(
    r"\s*(?:,\s*(?:\d+°|alinéa\s+\d+|[IVX]+)\s*,?\s*)?(?:de\s+l['’]annexe\s+[IVX]+\s+)?(?:du|de\s+la|de\s+l['’]|des|de)\s+"
    r"(?P<what>" + "|".join(sorted((re.escape(k).replace("'", "['’]").replace(r"\ ", r"\s+") for k in
                                       ("code de justice administrative", "code de l'entrée et du séjour des étrangers et du droit d'asile",
                                        "code général des impôts", "livre des procédures fiscales",
                                        "code des relations entre le public et l'administration",
                                        "code général des collectivités territoriales", "code de la santé publique",
                                        "code de la sécurité sociale", "code de l'action sociale et des familles",
                                        "code de la construction et de l'habitation", "code monétaire et financier",
                                        "code rural et de la pêche maritime", "code des pensions civiles et militaires de retraite",
                                        "code de la sécurité intérieure", "code des juridictions financières",
                                        "code général de la propriété des personnes publiques", "code de la voirie routière",
                                        "code des pensions militaires d'invalidité et des victimes de guerre",
                                        "code des postes et des communications électroniques", "code de la propriété intellectuelle",
                                        "code de l'expropriation pour cause d'utilité publique", "code de procédure pénale",
                                        "code de procédure civile", "code de la commande publique", "code de la route")), key=len, reverse=True)) + "|"
    r"code\s+(?:(?:de\s+la|de\s+l['’]|du|des|de|d['’])\s*)?[^\W\d_]+(?:[-‑][^\W\d_]+)*"
    r"|même\s+code|ce\s+code|dit\s+code|code\s+précité|ladite\s+loi|cette\s+loi|même\s+loi"
    rf"|(?P<act>loi(?:\s+organique)?|décret|ordonnance|arrêté)(?:\s+n°\s*[\w-]+)?\s+du\s+(?P<date>{_DATE})"
    r"|convention\s+européenne\s+de\s+sauvegarde|convention\s+internationale\s+(?:relative\s+aux|des)\s+droits\s+de\s+l['’]enfant"
    r"|charte\s+des\s+droits\s+fondamentaux|traité\s+sur\s+le\s+fonctionnement|Constitution\b"
    r"|(?P<eu>règlement|directive)\s+(?:\([A-Z]+\)\s+)?(?:n°\s*)?(?P<eu_no>\d+/\d+(?:/[A-Z]+)?))", re.I)
CODES = {
    "code de justice administrative": "CJA",
    "code de l'entrée et du séjour des étrangers et du droit d'asile": "CESEDA",
    "code général des impôts": "CGI",
    "livre des procédures fiscales": "LPF",
    "code des relations entre le public et l'administration": "CRPA",
    "code général des collectivités territoriales": "CGCT",
    "code de la santé publique": "CSP",
    "code de la sécurité sociale": "CSS",
    "code de l'action sociale et des familles": "CASF",
    "code de la construction et de l'habitation": "CCH",
}
_CONVENTIONS = (("convention européenne", "CEDH"), ("convention internationale", "CIDE"),
                ("charte des droits", "Charte DFUE"), ("traité sur le fonctionnement", "TFUE"),
                ("constitution", "Constitution"))


def normalise_article(raw: str) -> str:
    """`L. 521-3` -> `L521-3`; `R.*541-1` -> `R541-1`; `1er` -> `1`; `12 bis` -> `12 bis`."""
    s = raw.replace("‑", "-").strip()
    s = re.sub(r"^(L\.?\s?O|[LRDA])\s?\.?\s?\*?\s?(?=\d)", lambda m: re.sub(r"[.\s]", "", m.group(1)), s)
    s = re.sub(r"^(?:1er|premier)$", "1", s)
    return s


def _code(tail: re.Match | None, previous: str | None) -> str | None:
    if tail is None:
        return None
    what = " ".join(tail.group("what").split())
    low = what.lower().replace("’", "'")
    if re.match(r"(?:même|ce|dit)\s+code|code\s+précité|ladite\s+loi|cette\s+loi|même\s+loi", low):
        return previous
    if tail.group("act"):
        iso = parse_french_date(tail.group("date"))
        return f"{tail.group('act').lower().split()[0]} {iso}" if iso else tail.group("act").lower()
    if tail.group("eu"):
        return f"{tail.group('eu').lower()} {tail.group('eu_no')}"
    for start, key in _CONVENTIONS:
        if low.startswith(start):
            return key
    return CODES.get(low, low)


def find_legal_refs(text: str) -> tuple[LegalRef, ...]:
    """Every article cited, in text order, once per place it is cited."""
    out: list[LegalRef] = []
    previous: str | None = None
    for m in ARTICLES.finditer(text):
        tail = _TAIL.match(text, m.end())
        code = _code(tail, previous)
        if code and tail and not re.match(r"(?i)ladite|cette|même\s+loi", tail.group("what")):
            previous = code if code.isupper() or code.startswith("code") else previous
        base = m.start("list")
        for a in ARTICLE_NO.finditer(m.group("list")):
            out.append(LegalRef(article=normalise_article(a.group(0)), code=code,
                                span=Span(base + a.start(), base + a.end())))
    return tuple(out)


# ---- cited decisions ---------------------------------------------------------------------
# a court's case number: `2121674`, `18LY03384`, `20VE01221`, `405548`
_CASE_NO = r"\d{2}[A-Z]{2}\d{5}|\d{6,8}"
# `ordonnance n° 2121674 du 15 octobre 2021`, `jugement nos 1704140, 1704141 du 10 avril 2019`,
# `arrêt avant dire droit n° 16MA03553 du 28 janvier 2019`, `décision n° 405548 du 2 décembre 2019`
# The court may come between the kind and the number: `la décision du Conseil d'Etat statuant au
# contentieux n° 452798 du 3 juin 2022`, `l'arrêt de la cour administrative d'appel de Lyon
# n° 21LY01234 du 2 mars 2022` (group `within`, read again by _COURT_AFTER).
_COURT_WORDS = r"(?:tribunal\s+administratif|cour\s+administrative\s+d['’]appel|Conseil\s+d['’][EÉ]tat)"
_WITHIN = (rf"(?P<within>(?:du|de\s+la)\s+{_COURT_WORDS}"
           r"(?:\s+(?:de\s+la\s+|de\s+l['’]|du\s+|de\s+|d['’])[A-ZÀ-Ý][\w'’-]*(?:[ -][A-ZÀ-Ý][\w'’-]*)*)?"
           r"(?:\s*,?\s*statuant\s+au\s+contentieux)?\s*,?\s+)?")
CITED = re.compile(
    rf"\b(?P<type>ordonnance|jugement|arrêt|décision|avis)s?\s+(?:avant\s+dire\s+droit\s+)?{_WITHIN}"
    rf"(?:n[°o]s?\s*|numéros?\s+)(?P<nums>(?:{_CASE_NO})(?:\s*(?:,|et)\s*(?:{_CASE_NO}))*)(?![\w-])"
    rf"(?:\s+du\s+(?P<date>{_DATE}))?", re.I)
# the court, right after: `du tribunal administratif de Paris`, `de la cour administrative
# d'appel de Nantes`, `du juge des référés du tribunal administratif de Lyon`, `du Conseil d'Etat`,
# `, le juge des référés du tribunal administratif de Paris a rejeté`
_COURT_AFTER = re.compile(
    r"\s*,?\s*(?:du|de\s+la|par\s+(?:le|la)|le|la)\s+(?:juge\s+des\s+référés\s+du\s+|président\s+du\s+|magistrat\s+désigné\s+(?:par\s+le\s+président\s+)?du\s+)?"
    r"(?:(?P<ta>tribunal\s+administratif)|(?P<caa>cour\s+administrative\s+d['’]appel)|(?P<ce>Conseil\s+d['’][EÉ]tat))"
    r"(?:\s+(?:de\s+la\s+|de\s+l['’]|du\s+|de\s+|d['’])(?P<city>[A-ZÀ-Ý][\w'’-]*(?:[ -](?:[A-ZÀ-Ý][\w'’-]*|sur|en|de|la))*[\w])?)?")
# the court just before: `le tribunal administratif de Lyon, par un jugement n° ...`
_COURT_BEFORE = re.compile(
    r"(?:(?P<ta>tribunal\s+administratif)|(?P<caa>cour\s+administrative\s+d['’]appel)|(?P<ce>Conseil\s+d['’][EÉ]tat))"
    r"(?:\s+(?:de\s+la\s+|de\s+l['’]|du\s+|de\s+|d['’])(?P<city>[A-ZÀ-Ý][\w'’-]*(?:[ -](?:[A-ZÀ-Ý][\w'’-]*|sur|en))*))?"
    r"[^.;]{0,40}?,\s*par\s+(?:une?|son|sa)\s+$")


def _court_key(m: re.Match | None) -> str | None:
    if m is None:
        return None
    if m.group("ce"):
        return "CE"
    kind = "TA" if m.group("ta") else "CAA"
    if not m.group("city"):
        return kind
    c = court_from_name(kind, m.group("city"))
    return c.code or f"{kind} {c.city}"


def find_cited_decisions(text: str) -> tuple[CitedDecision, ...]:
    """Earlier decisions cited by number (one record per number), in text order."""
    out: list[CitedDecision] = []
    for m in CITED.finditer(text):
        date = parse_french_date(m.group("date")) if m.group("date") else None
        court = _court_key(_COURT_AFTER.match(text, m.start("within"))) if m.group("within") else None
        if court is None:
            court = _court_key(_COURT_AFTER.match(text, m.end()))
        if court is None:
            court = _court_key(_COURT_BEFORE.search(text, max(0, m.start() - 120), m.start()))
        base = m.start("nums")
        for n in re.finditer(_CASE_NO, m.group("nums")):
            out.append(CitedDecision(court=court, date=date, number=n.group(0),
                                     span=Span(m.start(), m.end()) if n.start() == 0 else Span(base + n.start(), base + n.end())))
    return tuple(out)
