"""The decision date (placeholder, being written)."""
from __future__ import annotations
from greffe.model import Metadata, Zone


def find_decision_date(text: str, zones: tuple[Zone, ...], meta: Metadata) -> str | None:
    return meta.date_lecture
