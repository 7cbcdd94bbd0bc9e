"""Topics (placeholder, being written)."""
from __future__ import annotations


def find_topics(text: str) -> tuple[str, ...]:
    return ()
