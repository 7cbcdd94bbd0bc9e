"""The date of the decision itself (its lecture), as an ISO date.

Where it comes from, in order:
1. the open-data `Date_Lecture` (XML);
2. the entête: `Ordonnance du 21 juillet 2025`, `Décision du 8 novembre 2021`, `Avis du ...`,
   `Arrêt du ...`, `Jugement du ...`, `Lecture du lundi 8 novembre 2021` (Légifrance);
3. the end of the text: `Lu en audience publique le ...`, `Rendu public par mise à disposition
   au greffe le ...`, `Rendu le 24 novembre 2021.`, `Fait à Grenoble, le 21 juillet 2025.`
Never the hearing (`Séance du ...`, `Audience du ...`, `Délibéré ... séance du ...`) nor a date
cited in the text (`Par une ordonnance n° 2121674 du 15 octobre 2021`): those phrasings are not
read at all.

French dates are found with a regex first (`8 novembre 2021`, `1er juillet 2025`, `lundi 8
novembre 2021`, `21/07/2025`), then parsed; dateparser is only the fallback for a written form the
month table does not know (its `search_dates` finds false dates in `Me`, `1°`, `sa`).
"""
from __future__ import annotations

import re
from datetime import date

from greffe.model import Metadata, Zone

from .court import entete

MONTHS = {"janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
          "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
          "décembre": 12, "decembre": 12}
_DAY_NAME = r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+"
# `8 novembre 2021`, `1er juillet 2025`, `lundi 8 novembre 2021`, `1 er décembre 2021`
FRENCH_DATE = re.compile(
    rf"(?i)(?:{_DAY_NAME})?(?P<d>\d{{1,2}})\s?(?:er|ER)?\s+(?P<m>{'|'.join(MONTHS)})\s+(?P<y>\d{{4}})\b")
# `21/07/2025`, `21.07.2025`
NUMERIC_DATE = re.compile(r"\b(?P<d>\d{1,2})[/.](?P<m>\d{1,2})[/.](?P<y>\d{4})\b")

_DATE = rf"(?:{_DAY_NAME})?\d{{1,2}}\s?(?:er)?\s+(?:{'|'.join(MONTHS)})\s+\d{{4}}|\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{4}}"
# entête: `Ordonnance du 21 juillet 2025`, `Décision du 8 novembre 2021`, `Lecture du lundi 8
# novembre 2021`, `Arrêt du ...`, `Jugement du ...`, `Avis du ...`
ENTETE_DATE = re.compile(
    rf"(?im)^\W*(?:ordonnance|d[ée]cision|avis|arr[êe]t|jugement|lecture)\s+du\s+(?P<date>{_DATE})")
# end of the text: `Lu en audience publique le 8 juillet 2025`, `Rendu public par mise à
# disposition au greffe le ...`, `Rendu le 24 novembre 2021.`, `Fait à Grenoble, le 21 juillet 2025`
CLOSING_DATE = re.compile(
    rf"(?im)^\W*(?:lu\s+en\s+audience\s+publique|rendu(?:\s+public)?(?:\s+par\s+mise\s+à\s+disposition\s+au\s+greffe)?"
    rf"|fait\s+à\s+[^\n,]{{1,40}},?)\s+le\s+(?P<date>{_DATE})")


def parse_french_date(s: str) -> str | None:
    """`8 novembre 2021` -> `2021-11-08`; `1er juillet 2025` -> `2025-07-01`; None if not a date."""
    m = FRENCH_DATE.search(s)
    if m:
        return _iso(int(m.group("y")), MONTHS[m.group("m").lower()], int(m.group("d")))
    m = NUMERIC_DATE.search(s)
    if m:
        return _iso(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    return _dateparser(s)


def _iso(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def _dateparser(s: str) -> str | None:
    import dateparser  # imported on use: it is slow to import, and rarely needed
    parsed = dateparser.parse(s, languages=["fr"], settings={"DATE_ORDER": "DMY", "STRICT_PARSING": True})
    return parsed.date().isoformat() if parsed else None


def find_decision_date(text: str, zones: tuple[Zone, ...], meta: Metadata) -> str | None:
    """The ISO date of lecture: metadata, then the entête, then the closing lines; None if unstated."""
    if meta.date_lecture:
        iso = _iso_prefix(meta.date_lecture) or parse_french_date(meta.date_lecture)
        if iso:
            return iso
    head, _ = entete(text, zones)
    m = ENTETE_DATE.search(head)
    if m:
        return parse_french_date(m.group("date"))
    closing = list(CLOSING_DATE.finditer(text))
    if closing:
        return parse_french_date(closing[-1].group("date"))
    return None


def _iso_prefix(s: str) -> str | None:
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", s)
    return _iso(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None
