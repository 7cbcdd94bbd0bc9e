"""Decision type, formation, procedure (placeholder, being written)."""
from __future__ import annotations
from greffe.model import Metadata, Zone


def find_decision_type(text: str, zones: tuple[Zone, ...], meta: Metadata) -> str | None:
    return None


def find_formation(text: str, zones: tuple[Zone, ...], meta: Metadata) -> str | None:
    return meta.formation


def find_procedure(text: str, zones: tuple[Zone, ...], meta: Metadata) -> str | None:
    return None
