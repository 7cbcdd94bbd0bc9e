"""Outcomes pronounced by the dispositif (placeholder, being written)."""
from __future__ import annotations
from greffe.model import Zone


def find_outcomes(text: str, zones: tuple[Zone, ...]) -> tuple[str, ...]:
    return ()
