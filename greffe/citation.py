"""A decision cited the way French lawyers write it, ready to paste into a filing.

    >>> citation(Court("TA", "Grenoble"), "ordonnance", "2025-07-21", ["2506085"])
    'TA Grenoble, ord., 21 juill. 2025, n° 2506085'
    >>> citation({"kind": "CE"}, "decision", "2021-11-01", ["458056", "458057"])
    'CE, 1er nov. 2021, nos 458056, 458057'

The parts: the court (`CE`, `TA Grenoble`, `CAA Paris`), the kind of decision when it is not
the court's ordinary ruling (`ord.` for an ordonnance, `avis` for an avis contentieux; a
jugement, an arrêt or a décision is not named), the date with the abbreviated month and `1er`
for the first day, and the requête numbers (`n°` for one, `nos` for several). A part the
decision does not state is left out rather than guessed.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from .model import Court

MONTHS = ("janv.", "févr.", "mars", "avr.", "mai", "juin",
          "juill.", "août", "sept.", "oct.", "nov.", "déc.")

# Only the kinds that the citation names: 'CE, ord., ...', 'CE, avis, ...'.
_DECISION_TYPE_LABELS = {"ordonnance": "ord.", "avis": "avis"}


def citation(court: Court | Mapping[str, Any] | None, decision_type: str | None,
             date: str | dt.date | None, case_numbers: Iterable[str]) -> str:
    """`TA Grenoble, ord., 21 juill. 2025, n° 2506085`; parts that are unknown are left out."""
    parts = [court_label(court), _DECISION_TYPE_LABELS.get(decision_type or ""),
             french_date(date), numbers_label(case_numbers)]
    return ", ".join(p for p in parts if p)


def court_label(court: Court | Mapping[str, Any] | None) -> str | None:
    """`CE`; `TA Grenoble`; `CAA Paris`; a court of unknown kind by its name or code."""
    if court is None:
        return None
    get = court.get if isinstance(court, Mapping) else (lambda k: getattr(court, k, None))
    kind, city = get("kind"), get("city")
    if kind == "CE":
        return "CE"
    if kind in ("TA", "CAA"):
        return f"{kind} {city}" if city else kind
    return get("name") or get("code") or None


def french_date(date: str | dt.date | None) -> str | None:
    """`2025-07-21` -> `21 juill. 2025`; `2021-11-01` -> `1er nov. 2021`."""
    if date is None or date == "":
        return None
    d = date if isinstance(date, dt.date) else dt.date.fromisoformat(date)
    day = "1er" if d.day == 1 else str(d.day)
    return f"{day} {MONTHS[d.month - 1]} {d.year}"


def numbers_label(case_numbers: Iterable[str]) -> str | None:
    """`n° 2506085`; `nos 2317376, 2317377`."""
    numbers = [n for n in case_numbers if n]
    if not numbers:
        return None
    return ("n° " if len(numbers) == 1 else "nos ") + ", ".join(numbers)
