"""Astreintes asked for, pronounced, liquidated, refused (placeholder, being written)."""
from __future__ import annotations
from greffe.model import Astreinte, Zone


def find_astreintes(text: str, zones: tuple[Zone, ...]) -> tuple[Astreinte, ...]:
    return ()
