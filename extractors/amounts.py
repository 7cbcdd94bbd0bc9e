"""Amounts of money and durations as French decisions write them.

    parse_amount("1 500 euros")                 -> 1500.0
    parse_amount("762,25 €")                    -> 762.25
    parse_amount("un million d'euros")          -> 1000000.0
    parse_duration("quinze jours")              -> (15, None)
    parse_duration("48 heures")                 -> (2, None)
    parse_duration("un an")                     -> (None, 12)
    parse_number("quatre-vingt-dix-neuf")       -> 99

`AMOUNT`, `DURATION` and `NUMBER` are the regex fragments the other extractors compose; the
`find_*` functions give every match with its offsets in the text.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

# ------------------------------------------------------------------------------------------
# French number words
_UNITS = {
    "zéro": 0, "zero": 0, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5,
    "six": 6, "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12,
    "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16,
    "vingt": 20, "vingts": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60,
}
_ORDINALS = {
    "premier": 1, "première": 1, "deuxième": 2, "second": 2, "seconde": 2, "troisième": 3,
    "quatrième": 4, "cinquième": 5, "sixième": 6, "septième": 7, "huitième": 8, "neuvième": 9,
    "dixième": 10, "onzième": 11, "douzième": 12, "treizième": 13, "quatorzième": 14,
    "quinzième": 15, "seizième": 16, "vingtième": 20, "trentième": 30, "quarantième": 40,
    "cinquantième": 50, "soixantième": 60, "centième": 100,
}
_WORD = "|".join(sorted(list(_UNITS) + ["cents?", "mille", "millions?", "milliards?"], key=len, reverse=True))
# `quatre-vingt-dix-neuf`, `vingt et un`, `deux cent cinquante`, `un million`, `trois mille cinq cents`
NUMBER_WORDS = rf"(?:(?:{_WORD})(?:(?:[\s-]+|[\s-]+et[\s-]+)(?:{_WORD}))*)(?![\w-])"
# `1 500`, `1 500` (no-break), `1.500.000`, `762,25`, `100000`, `10 000,50`
NUMBER_DIGITS = r"(?:\d{1,3}(?:[ \u00a0\u202f.]\d{3})+|\d+)(?:,\d{1,2})?(?!\d)"
NUMBER = rf"(?:{NUMBER_DIGITS}|\b{NUMBER_WORDS})"
# `euros`, `€`, `d'euros` (after `million`), `EUR`
_CURRENCY = r"(?:\s*(?:d['’]\s*)?euros?\b|\s*€|\s*EUR\b)"
# `1 500 euros`, `762,25 €`, `cent euros`, `un million d'euros`
AMOUNT = rf"(?P<amount>{NUMBER}){_CURRENCY}"
# `jours`, `jours francs`, `heures`, `semaines`, `mois`, `ans`, `années`
_UNIT = r"(?P<unit>jours?(?:\s+(?:francs|ouvrés|ouvrables|calendaires))?|heures?|semaines?|mois|ans?|années?)\b"
# `quinze jours`, `48 heures`, `un an`, `deux (2) mois`
DURATION = rf"(?P<count>{NUMBER})(?:\s*\(\d+\))?\s+{_UNIT}"
# `la huitaine`, `une quinzaine`
DURATION_NOUN = r"(?P<noun>huitaine|quinzaine)\b"
ORDINAL = "|".join(sorted(_ORDINALS, key=len, reverse=True))

_TOKEN = re.compile(r"[a-zéèêàâîôûç]+", re.I)


def parse_number(text: str) -> int | float | None:
    """The value of a number written in digits or in French words; None when it is neither."""
    s = text.strip()
    if not s:
        return None
    if re.fullmatch(NUMBER_DIGITS, s):
        s = re.sub(r"[ \u00a0\u202f.]", "", s).replace(",", ".")
        value = float(s)
        return int(value) if value.is_integer() and "." not in s else value
    return _words_value(s)


def _words_value(s: str) -> int | None:
    tokens = [t.lower() for t in _TOKEN.findall(s) if t.lower() != "et"]
    if not tokens:
        return None
    total, current, prev = 0, 0, None
    for tok in tokens:
        if tok in ("vingt", "vingts") and prev == "quatre":
            current += 80 - 4                       # `quatre-vingt(s)`: 4 x 20
        elif tok in _UNITS:
            current += _UNITS[tok]
        elif tok in ("cent", "cents"):
            current = (current or 1) * 100
        elif tok == "mille":
            total += (current or 1) * 1000
            current = 0
        elif tok in ("million", "millions"):
            total += (current or 1) * 1_000_000
            current = 0
        elif tok in ("milliard", "milliards"):
            total += (current or 1) * 1_000_000_000
            current = 0
        else:
            return None
        prev = tok
    return total + current


def parse_ordinal(text: str) -> int | None:
    """`huitième` -> 8, `15e` -> 15."""
    s = text.strip().lower()
    if s in _ORDINALS:
        return _ORDINALS[s]
    m = re.fullmatch(r"(\d+)\s*(?:e|ème|eme|er|re)", s)
    return int(m.group(1)) if m else None


def parse_amount(text: str) -> float | None:
    """The first amount in euros of `text` (`1 500 euros`, `762,25 €`, `cent euros`); None if none."""
    m = re.search(AMOUNT, text, re.I)
    if not m:
        return None
    value = parse_number(m.group("amount"))
    return float(value) if value is not None else None


def find_amounts(text: str) -> Iterator[tuple[float, int, int]]:
    """(value in euros, start, end) of every amount of `text`."""
    for m in re.finditer(AMOUNT, text, re.I):
        value = parse_number(m.group("amount"))
        if value is not None:
            yield float(value), m.start(), m.end()


def duration_of(count: int, unit: str) -> tuple[int | None, int | None]:
    """(days, months) of `count` `unit`s, as the text counts: weeks and hours in days, years in months."""
    unit = unit.lower().split()[0]
    if unit.startswith("heure"):
        return max(1, round(count / 24)), None     # `48 heures` -> 2 days, `24 heures` -> 1
    if unit.startswith("semaine"):
        return count * 7, None
    if unit == "mois":
        return None, count
    if unit.startswith(("an", "année")):
        return None, count * 12
    return count, None


def parse_duration(text: str) -> tuple[int | None, int | None] | None:
    """(days, months) of the first duration of `text`: `quinze jours` -> (15, None), `deux mois`
    -> (None, 2), `48 heures` -> (2, None), `un an` -> (None, 12); None when there is none."""
    for value in find_durations(text):
        return value[0], value[1]
    return None


def find_durations(text: str) -> Iterator[tuple[int | None, int | None, int, int]]:
    """(days, months, start, end) of every duration of `text`."""
    for m in re.finditer(rf"(?<![\w-]){DURATION}|(?<![\w-]){DURATION_NOUN}", text, re.I):
        if m.group("noun"):
            days = 8 if m.group("noun").lower() == "huitaine" else 15
            yield days, None, m.start(), m.end()
            continue
        count = parse_number(m.group("count"))
        if count is None or isinstance(count, float):
            continue
        days, months = duration_of(count, m.group("unit"))
        yield days, months, m.start(), m.end()
