"""The court (placeholder, being written)."""
from __future__ import annotations
from greffe.model import Court, Metadata, Zone


def find_court(text: str, zones: tuple[Zone, ...], meta: Metadata) -> Court:
    return Court(kind=None)
