"""Parties (placeholder, being written)."""
from __future__ import annotations
from greffe.model import Metadata, Party, Zone


def find_parties(text: str, zones: tuple[Zone, ...], meta: Metadata, nlp=None) -> tuple[Party, ...]:
    return ()
