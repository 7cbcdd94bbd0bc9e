"""Case numbers (placeholder, being written)."""
from __future__ import annotations
from greffe.model import Metadata, Zone


def find_case_numbers(text: str, zones: tuple[Zone, ...], meta: Metadata) -> tuple[str, ...]:
    return (meta.numero_dossier,) if meta.numero_dossier else ()
