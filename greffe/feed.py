"""The open-data feed and the watched folders, ingested incrementally.

    paths, skipped = pending_paths(con, ["/data/opendata", "/data/pdf"], filters)
    outcomes = filter_outcomes(con, process_all(todo), filters, EXTRACTOR_VERSION, counts)
    record_archives(con, archives_seen, started_at, filters)      # at the end of a run

* An archive (`TA_202503.zip`) that a run went through whole is recorded in the table `archives`
  (path, sha256, size, mtime, the filters in force): a later run skips it without reading it when
  its size and mtime are unchanged, and after hashing it when only the mtime changed. An archive
  whose content changed is read again; its members already loaded are skipped by the ledger
  (same sha256), so only the new or republished ones are extracted.
* A decision republished with a later `Date_Mise_Jour` is another XML content of the same
  decision id: it is loaded as a new source and becomes the current version (greffe.db.load);
  the table `decision_versions` keeps each version's date, and an older version met after a
  newer one is skipped (ledger reason `older-version`) instead of replacing it.
* Ingestion filters (`--court TA38,TA69 --since 2024-01-01 --topic anef`) keep a base of one's
  own courts: an XML member is judged on its metadata before any extraction; a PDF (whose court
  and date come from extraction) after it. A document left out gets no ledger row (changing the
  filters later brings it in) and is counted as `filtered`.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from . import db
from .errors import InvalidFilter, UnreadableDocument
from .model import Metadata
from .opendata import ZIP_SEPARATOR, read_xml
from .pipeline import SUFFIXES, Extracted, Item, Outcome, Spool, content


# ---------------------------------------------------------------- filters

@dataclass(frozen=True)
class IngestFilters:
    """What an association keeps: its courts (open-data codes, `TA38`), decisions read on or
    after `since`, and decisions carrying one of `topics`. Empty: everything."""
    courts: tuple[str, ...] = ()
    since: dt.date | None = None
    topics: tuple[str, ...] = ()

    @classmethod
    def parse(cls, court: str | Sequence[str] | None = None, since: str | dt.date | None = None,
              topic: str | Sequence[str] | None = None) -> IngestFilters:
        """From command-line values: `court="TA38,TA69"`, `since="2024-01-01"`, `topic="anef"`.
        InvalidFilter when a value cannot be read."""
        courts = tuple(c.strip().upper() for c in _items(court) if c.strip())
        for c in courts:
            if not (c == "CE" or (c[:2] in ("TA",) and c[2:].isdigit())
                    or (c[:3] == "CAA" and c[3:].isdigit())):
                raise InvalidFilter(f"court: {c!r} is not an open-data court code; write e.g. "
                                    "TA38, CAA69 or CE (several separated by commas)")
        day = None
        if since:
            try:
                day = since if isinstance(since, dt.date) else dt.date.fromisoformat(since)
            except ValueError as e:
                raise InvalidFilter(f"since: {since!r} is not a date; write it YYYY-MM-DD "
                                    "(e.g. 2024-01-01)") from e
        topics = tuple(t.strip() for t in _items(topic) if t.strip())
        return cls(tuple(sorted(set(courts))), day, tuple(sorted(set(topics))))

    @property
    def empty(self) -> bool:
        return not (self.courts or self.since or self.topics)

    def signature(self) -> str:
        """A stable text of the filters ('' when empty), recorded with each archive."""
        if self.empty:
            return ""
        return json.dumps({"courts": list(self.courts), "since": _iso(self.since),
                           "topics": list(self.topics)}, sort_keys=True)

    def admits_meta(self, meta: Metadata) -> bool:
        """Before extraction, on what an XML states: False only when the court or the date
        stated is outside the filters (topics need the extraction)."""
        return self._admits_court_and_date(meta.code_juridiction, meta.date_lecture)

    def admits(self, decision) -> bool:
        """After extraction: the decision's court code, date and topics. A decision whose court
        or date was not recognised is kept (a missed decision costs more than an extra one)."""
        if not self._admits_court_and_date(decision.court.code, decision.decision_date):
            return False
        return not self.topics or bool(set(self.topics) & set(decision.topics))

    def _admits_court_and_date(self, code: str | None, date: str | None) -> bool:
        """False only when a court code or a date is stated and outside the filters (a date that
        cannot be read is kept)."""
        if self.courts and code and code.upper() not in self.courts:
            return False
        if self.since and date:
            try:
                return dt.date.fromisoformat(date[:10]) >= self.since
            except ValueError:
                return True
        return True


def _items(value: str | Sequence[str] | None) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return value.split(",")
    return [x for v in value for x in str(v).split(",")]


def _iso(d: dt.date | None) -> str | None:
    return None if d is None else d.isoformat()


# ---------------------------------------------------------------- archives

def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def file_sha256(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _files(dirs: Iterable[str | os.PathLike]) -> Iterator[Path]:
    for d in map(Path, dirs):
        if d.is_dir():
            for f in sorted(d.rglob("*")):
                if f.is_file() and f.suffix.lower() in SUFFIXES and not f.name.startswith("."):
                    yield f
        elif d.is_file():
            yield d
        else:
            raise FileNotFoundError(f"{d}: no such file or folder")


def archive_done(con, path: str | Path, filters: IngestFilters = IngestFilters()) -> bool:
    """Was this archive gone through whole by an earlier run, under the same filters? Unchanged
    size and mtime: yes without reading it; else its sha256 decides (and the row is updated)."""
    p = Path(path)
    row = db.run(con, "archives_known", path=str(p)).fetchone()
    if row is None:
        return False
    sha, size, mtime, signature = row
    if signature != filters.signature():
        return False
    st = p.stat()
    if st.st_size == size and st.st_mtime == mtime:
        return True
    if st.st_size != size:
        return False
    if file_sha256(p) != sha:
        return False
    db.run(con, "archives_touch", path=str(p), size=st.st_size, mtime=st.st_mtime, now=_utcnow())
    return True


def pending_paths(con, dirs: Iterable[str | os.PathLike],
                  filters: IngestFilters = IngestFilters()) -> tuple[list[str], list[str]]:
    """(the files under `dirs` a run should look at, the archives skipped whole). Plain PDF and
    XML files are always listed: the ledger skips those already loaded, by content."""
    todo, skipped = [], []
    for f in _files(dirs):
        if f.suffix.lower() == ".zip" and archive_done(con, f, filters):
            skipped.append(str(f))
        else:
            todo.append(str(f))
    return todo, skipped


def archive_of(path: str) -> str | None:
    """`/feed/TA_202503.zip!TA38/ORTA_2502403_20250314.xml` -> `/feed/TA_202503.zip`."""
    i = path.lower().find(".zip" + ZIP_SEPARATOR)
    return None if i < 0 else path[:i + 4]


def record_archives(con, archives: Iterable[str] | None, started_at: dt.datetime,
                    filters: IngestFilters = IngestFilters()) -> list[str]:
    """Record as done the archives that this run went through (`archives`; None: those whose
    members have ledger rows since `started_at`). An archive with a member left 'retriable', or
    that could not be read at all, is not recorded: the next run reads it again."""
    started_at = _naive_utc(started_at)
    if archives is None:
        archives = sorted({a for (p,) in db.run(con, "archives_touched", since=started_at).fetchall()
                           if (a := archive_of(p))})
    done = []
    for a in archives:
        p = Path(a)
        if p.suffix.lower() != ".zip" or not p.is_file():
            continue
        members, retriable, unreadable = db.run(con, "archives_members", prefix=a + ZIP_SEPARATOR,
                                                path=a, since=started_at).fetchone()
        if retriable or unreadable:
            continue
        st = p.stat()
        db.run(con, "archives_record", path=a, sha256=file_sha256(p), size=st.st_size,
               mtime=st.st_mtime, members=members, filters=filters.signature(), now=_utcnow())
        done.append(a)
    return done


def _naive_utc(t: dt.datetime) -> dt.datetime:
    if t.tzinfo is not None:
        t = t.astimezone(dt.timezone.utc).replace(tzinfo=None)
    return t


# ---------------------------------------------------------------- filters and versions in a run

@dataclass
class FeedCounts:
    filtered: int = 0
    older: int = 0
    filtered_paths: list[str] = field(default_factory=list)


def xml_meta(item: Item) -> Metadata | None:
    """The open-data metadata of an XML item (None for a PDF or an unreadable XML)."""
    if item.kind != "xml" or item.error is not None:
        return None
    try:
        return read_xml(content(item), item.path).meta
    except UnreadableDocument:
        return None


def select(todo: Iterable[tuple[Item, str | None]], filters: IngestFilters,
           counts: FeedCounts) -> Iterable[tuple[Item, str | None]]:
    """The planned items whose XML metadata the filters admit (PDFs pass: judged after
    extraction): `todo` itself without filters, else a new Spool (kept on disk, as the plan)."""
    if filters.empty:
        return todo
    kept = Spool()
    for item, sha in todo:
        meta = xml_meta(item)
        if meta is not None and not filters.admits_meta(meta):
            counts.filtered += 1
            counts.filtered_paths.append(item.path)
        else:
            kept.append((item, sha))
    return kept


def filter_outcomes(con, outcomes: Iterable[Outcome], filters: IngestFilters,
                    extractor_version: str, counts: FeedCounts) -> Iterator[Outcome]:
    """Wrap the outcomes of `process_all` before `greffe.ingest.store`: drop the decisions the
    filters leave out; skip (ledger `older-version`) an XML whose Date_Mise_Jour is older than
    a version of the same decision already loaded; after `store` loaded an XML, record its
    version. `store` loads each outcome before asking for the next, so the bookkeeping of one
    outcome runs when the generator resumes."""
    for out in outcomes:
        if not isinstance(out, Extracted):
            yield out
            continue
        d = out.decision
        if not filters.empty and not filters.admits(d):
            counts.filtered += 1
            counts.filtered_paths.append(out.item.path)
            continue
        meta = xml_meta(out.item) if d.source.format == "xml" else None
        newest = db.run(con, "archives_version_newest", decision_id=d.id).fetchone()[0]
        if meta is not None and meta.date_mise_jour and newest and meta.date_mise_jour < newest:
            db.record_skip(con, out.item.path, d.source.sha256, extractor_version,
                           reason="older-version",
                           message=f"Date_Mise_Jour {meta.date_mise_jour}; the base has the "
                                   f"version of {newest}")
            counts.older += 1
            continue
        yield out
        if meta is not None:
            db.run(con, "archives_version_record", decision_id=d.id, sha256=d.source.sha256,
                   date_mise_jour=meta.date_mise_jour, path=out.item.path, now=_utcnow())
