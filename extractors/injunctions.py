"""Injunctions pronounced in the dispositif (placeholder, being written)."""
from __future__ import annotations
from greffe.model import Injunction, Zone


def find_injunctions(text: str, zones: tuple[Zone, ...]) -> tuple[Injunction, ...]:
    return ()
