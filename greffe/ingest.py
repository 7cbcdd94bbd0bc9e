"""What an ingestion run does, as plain functions; `flows/ingest.py` only sequences them as
Prefect tasks. The base is the truth about what was ingested: every document seen gets a ledger
row, each decision is written in one transaction, and a document already loaded by the same
extractor version is skipped."""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from . import db
from .pipeline import Extracted, Item, Outcome, discover, fingerprint, process_all  # noqa: F401 (process_all: flows)



@dataclass
class RunSummary:
    """Counts of one run, and the reason of each document set aside."""
    seen: int = 0
    loaded: int = 0
    skipped: int = 0
    quarantined: list[tuple[str, str, str]] = field(default_factory=list)   # (path, reason, message)
    published: str | None = None        # the snapshot readers now open

    def as_dict(self) -> dict:
        return {"seen": self.seen, "loaded": self.loaded, "skipped": self.skipped,
                "quarantined": len(self.quarantined),
                "quarantine": [{"path": p, "reason": r, "message": m} for p, r, m in self.quarantined],
                "quarantine_reasons": dict(Counter(r for _, r, _ in self.quarantined)),
                "published": self.published}


def plan(paths: Sequence[str], con, extractor_version: str, *, retry_quarantined: bool = False
         ) -> tuple[list[tuple[Item, str | None]], list[tuple[Item, str]]]:
    """Split what `paths` hold into (to do, already done). Already done: the same bytes were
    loaded by this extractor version (or quarantined, unless `retry_quarantined`)."""
    todo, done = [], []
    for item in discover(paths):
        sha = fingerprint(item)
        if sha and db.seen(con, sha, extractor_version, include_quarantined=not retry_quarantined):
            done.append((item, sha))
        else:
            todo.append((item, sha))
    return todo, done


def store(con, outcomes: Iterable[Outcome], summary: RunSummary, extractor_version: str,
          on_progress: Callable[[RunSummary], None] | None = None) -> None:
    """Write each outcome in its own transaction and count it."""
    for out in outcomes:
        if isinstance(out, Extracted):
            db.load(con, out.decision, out.textmap, extractor_version)
            summary.loaded += 1
        else:
            db.quarantine(con, out.item.path, out.sha256, out.reason, out.message, extractor_version)
            summary.quarantined.append((out.item.path, out.reason, out.message))
        if on_progress:
            on_progress(summary)


def skip(con, done: Iterable[tuple[Item, str]], summary: RunSummary, extractor_version: str) -> None:
    for item, sha in done:
        db.record_skip(con, item.path, sha, extractor_version)
        summary.skipped += 1


def open_writer(path: str | Path):
    return db.connect(path)
