"""Zones of a decision: entete, visas, motifs, dispositif, signature (placeholder, being written)."""
from __future__ import annotations
from greffe.model import Zone


def find_zones(text: str) -> tuple[Zone, ...]:
    return ()
