"""Legal references and cited decisions (placeholder, being written)."""
from __future__ import annotations
from greffe.model import CitedDecision, LegalRef


def find_legal_refs(text: str) -> tuple[LegalRef, ...]:
    return ()


def find_cited_decisions(text: str) -> tuple[CitedDecision, ...]:
    return ()
