"""`greffe similar`: the decisions closest to a draft filing or to a decision, with why.

    similar(con, "requete.pdf", limit=10)           # a draft: PDF (greffe's own reader) or .txt
    similar(con, "TA38_2506085_20250721")           # a decision of the base (never itself)
    -> Similar(source=..., facts=Facts(...), words=[...], hits=[Neighbour(...), ...])

What "close" means: the decisions that share the draft's facts and its distinctive words.
- Facts: topics (extractors.topics), the administrations it is against (authority keys:
  `préfet de l'Isère` -> prefet:isere, `ministre de l'intérieur` -> ministre:interieur, OFII,
  ANTS, OFPRA), the procedure (extractors.doctype.find_procedure: `article L. 521-3` ->
  refere-mesures-utiles) and the measures asked (`enjoindre` -> injonction, `astreinte`,
  `suspendre` -> suspension). A draft is not a decision: only these single extractors run on
  it, nothing needs a court or a date. For a decision of the base, its own recorded facts.
- Words: the draft's 25 most distinctive stems (tf-idf against the index's document
  frequencies; names of people and places, the words only ever written with a capital, left
  out), each a BM25 should-clause of the tantivy index boosted by its weight; each shared fact
  adds FACT_WEIGHT x log(1 + N / decisions having it), so that a rare shared fact (visa,
  prefet:nord) counts more than a common one (titre-de-sejour) (TextIndex.more_like).
Each neighbour comes with its citation, the facts it shares and the words it shares (as the
draft writes them). The filters of `greffe search` narrow the candidates.

Public: similar(con, source, *, limit=10, **filters) -> Similar; draft_facts(text) -> Facts;
read_draft(path) -> str; render_table(Similar) -> str.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from . import db
from .errors import DecisionNotFound, GreffeError, UnreadableDocument

WORDS = 25                  # distinctive stems of the draft that make the query
FACT_WEIGHT = 3.0           # a shared fact adds 3 x log(1 + N / decisions having it) to the BM25 of the words
FACT_FIELDS = ("topics", "authorities", "procedure", "outcomes")


class DraftError(GreffeError):
    """The draft cannot be read (unknown kind of file, empty, unreadable PDF)."""


@dataclass(frozen=True, slots=True)
class Facts:
    topics: tuple[str, ...] = ()
    authorities: tuple[str, ...] = ()
    procedure: tuple[str, ...] = ()      # zero or one
    outcomes: tuple[str, ...] = ()       # for a draft: the measures it asks for


@dataclass(frozen=True, slots=True)
class Neighbour:
    id: str
    citation: str
    score: float
    shared: Facts                         # the facts it shares with the source
    words: tuple[str, ...]                # the distinctive words it shares, as the source writes them
    outcomes: tuple[str, ...] = ()
    summary: str = ""                     # what the court ordered, one line (db.summary)


@dataclass(frozen=True, slots=True)
class Similar:
    source: str                           # the path or the id asked for
    facts: Facts
    words: tuple[str, ...]                # the source's distinctive words, heaviest first
    hits: tuple[Neighbour, ...] = field(default=())

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


# ---------------------------------------------------------------- the facts of a draft

# `préfet de l'Isère`, `préfète de la Seine-Saint-Denis`, `préfet du Val-d'Oise`, `préfet des
# Bouches-du-Rhône`, `préfet de La Réunion`: the type, its link, then capitalised place words
_PLACE = r"[A-ZÉÈÊÎÔ][\w'’-]*(?:\s+[A-ZÉÈÊÎÔ][\w'’-]*)?"
_PREFET = re.compile(rf"\bpr[ée]f[eè]te?\s+(?:de\s+la\s+|de\s+l['’]\s*|du\s+|des\s+|de\s+|d['’])(?:{_PLACE})")
# `préfet de police` (Paris)
_PREFET_POLICE = re.compile(r"(?i)\bpr[ée]f[eè]te?\s+de\s+police\b")
# `ministre de l'intérieur`, `ministre de l'intérieur et des outre-mer`: the portfolio up to punctuation
_MINISTRE = re.compile(r"(?i)\bministre\s+(?:de\s+l['’]|de\s+la\s+|du\s+|des\s+|de\s+)[\w'’ -]{3,60}?(?=[,.;:()]|\s+(?:a|n['’]a|est|de\s+(?:lui\s+)?[a-zé]+er)\b|$)")
# `l'OFII`, `l'ANTS`, `l'OFPRA`
_ACRONYM = re.compile(r"\b(OFII|ANTS|OFPRA)\b")
# the measures a draft asks for: `enjoindre au préfet`, `sous astreinte de 100 euros`, `suspendre l'exécution`
_ASKED = (("injonction", re.compile(r"(?i)\benjoindre\b|\binjonction\b")),
          ("astreinte", re.compile(r"(?i)\bastreinte\b")),
          ("suspension", re.compile(r"(?i)\bsuspendre\b|\bsuspension\s+de\s+l['’]exécution\b")),
          ("annulation", re.compile(r"(?i)\bannuler\b|\bannulation\s+de\s+l['’]arrêté\b")))
# a recours au fond asks to annul; without it, doctype's fallback `fond` says nothing of a draft
_ANNUL = re.compile(r"(?i)\bannul(?:er|ation)\b|excès\s+de\s+pouvoir")


def draft_authorities(text: str) -> tuple[str, ...]:
    """The authority keys of the administrations a draft names, in order of first mention."""
    from extractors.authorities import authority_key
    found: dict[int, str] = {}
    for m in _PREFET_POLICE.finditer(text):
        found.setdefault(m.start(), "prefet-de-police")
    for pattern in (_PREFET, _MINISTRE):
        for m in pattern.finditer(text):
            if m.start() in found:
                continue
            key = authority_key(m.group())
            if key and key != "prefet:police":
                found[m.start()] = key
    for m in _ACRONYM.finditer(text):
        found.setdefault(m.start(), m.group(1).lower())
    return tuple(dict.fromkeys(found[k] for k in sorted(found)))


def draft_facts(text: str) -> Facts:
    """Topics, authorities, procedure and the measures asked, from the text of a draft."""
    from extractors.doctype import find_procedure
    from extractors.topics import find_topics
    from extractors.zones import find_zones
    from greffe.model import Metadata
    procedure = find_procedure(text, find_zones(text), Metadata())
    if procedure in ("fond", "appel") and not _ANNUL.search(text):
        procedure = None
    return Facts(topics=tuple(find_topics(text)), authorities=draft_authorities(text),
                 procedure=(procedure,) if procedure else (),
                 outcomes=tuple(name for name, pattern in _ASKED if pattern.search(text)))


def read_draft(path: str | Path) -> str:
    """The text of a draft filing: a .txt as is (UTF-8), a PDF through greffe's own reader
    (in its sandbox, OCR for a scan)."""
    p = Path(path)
    if p.suffix.lower() == ".txt":
        try:
            text = p.read_text(encoding="utf-8")
        except UnicodeDecodeError as e:
            raise DraftError(f"{p}: not UTF-8 text; save it as UTF-8 or give the PDF") from e
    elif p.suffix.lower() == ".pdf":
        from .pipeline import Item, read
        try:
            text = read(Item(str(p), "pdf")).text
        except UnreadableDocument as e:
            raise DraftError(f"{p}: {e}") from e
    else:
        raise DraftError(f"{p}: give a draft as FILE.pdf or FILE.txt, or a decision id")
    if not text.strip():
        raise DraftError(f"{p}: no text in it (a scan the OCR could not read?)")
    return text


# ---------------------------------------------------------------- ranking

def _decision_facts(con: duckdb.DuckDBPyConnection, ids: list[str]) -> dict[str, dict[str, Any]]:
    try:
        cur = con.execute(
            "SELECT id, citation, topics, authorities, procedure, outcomes FROM decisions_v "
            "WHERE list_contains($ids, id)", {"ids": ids})
    except duckdb.CatalogException as e:
        from .export import VIEWS_MISSING
        raise GreffeError(VIEWS_MISSING) from e
    names = [c[0] for c in cur.description]
    return {r[0]: dict(zip(names, r)) for r in cur.fetchall()}


def _texts(con: duckdb.DuckDBPyConnection, ids: list[str]) -> dict[str, str]:
    """The text of each decision of `ids` (the full-text index does not keep them)."""
    return dict(db.run(con, "decision_texts", ids=ids).fetchall())


def shared_facts(source: Facts, other: dict[str, Any]) -> Facts:
    """The facts of `source` that a decision (a decisions_v row) also has."""
    def common(mine: tuple[str, ...], theirs) -> tuple[str, ...]:
        theirs = set(theirs or ()) if not isinstance(theirs, str) else {theirs}
        return tuple(v for v in mine if v in theirs)
    return Facts(*(common(getattr(source, f), other.get(f)) for f in FACT_FIELDS))


def surface_words(text: str, stems: list[str]) -> dict[str, str]:
    """{stem: the word of `text` that gives it most often} (`prefectur` -> `préfecture`)."""
    from .textindex import _stem
    counts: dict[str, dict[str, int]] = {}
    wanted = set(stems)
    for word in re.findall(r"[^\W\d_]{3,}", text.lower()):
        stem = _stem(word)
        if stem in wanted:
            counts.setdefault(stem, {}).setdefault(word, 0)
            counts[stem][word] += 1
    return {s: max(sorted(w), key=w.get) for s, w in counts.items()}


# a word written with a capital then small letters: `Rennes`, `Morel`, `Depuis` (not `ANEF`)
_TITLE_WORD = re.compile(r"\b[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ'’-]+\b")


def without_names(text: str) -> str:
    """The text without the words that are only ever written with a capital (names of people
    and places, `Rennes`, `Morel`): they tell one case from another, not what it is about.
    Acronyms (`ANEF`, `OFII`) and words also written in lower case stay."""
    lower = set(re.findall(r"\b[a-zß-öø-ÿ][\w'’-]*", text))
    return _TITLE_WORD.sub(lambda m: m.group() if m.group().lower() in lower else " ", text)


def similar(con: duckdb.DuckDBPyConnection, source: str | Path, *, limit: int = 10,
            **filters: Any) -> Similar:
    """The `limit` decisions closest to `source` (a .pdf/.txt draft, or a decision id), best
    first; `filters` are those of greffe.db.search (court_kind, city, since, topic, ...)."""
    if not isinstance(limit, int) or isinstance(limit, bool) or limit < 1:
        raise DraftError(f"limit: {limit!r} is not a positive whole number")
    index = db.reader_index(con)
    if index is None:
        raise GreffeError("this base has no full-text index; `greffe ingest` builds it")
    exclude: list[str] = []
    looks_like_file = str(source).lower().endswith((".pdf", ".txt")) or Path(source).exists()
    if looks_like_file:
        text = read_draft(source)
        facts = draft_facts(text)
    else:
        found = _decision_facts(con, [str(source)])
        if not found:
            raise DecisionNotFound(f"{source!r} is neither a .pdf/.txt file nor a decision id of "
                                   "this base; `greffe search` lists the ids")
        row = found[str(source)]
        text = _texts(con, [str(source)])[str(source)]
        facts = Facts(topics=tuple(row["topics"] or ()), authorities=tuple(row["authorities"] or ()),
                      procedure=(row["procedure"],) if row["procedure"] else (),
                      outcomes=tuple(row["outcomes"] or ()))
        exclude.append(str(source))
    terms = index.distinctive_terms(without_names(text), WORDS)
    allowed = db.search_ids(con, None, limit=None, **filters) if filters else None
    likes = index.more_like(terms, facts={"topics": facts.topics, "authorities": facts.authorities,
                                          "procedure": facts.procedure, "outcomes": facts.outcomes},
                            fact_weight=FACT_WEIGHT, limit=limit, exclude=exclude, ids=allowed,
                            texts=lambda ids: _texts(con, ids))
    words = surface_words(text, [s for s, _ in terms])
    rows = _decision_facts(con, [like.id for like in likes])
    hits = []
    for like in likes:
        row = rows.get(like.id)
        if row is None:         # in the index, gone from this snapshot
            continue
        hits.append(Neighbour(id=like.id, citation=row["citation"], score=round(like.score, 3),
                              shared=shared_facts(facts, row),
                              words=tuple(words.get(s, s) for s in like.terms),
                              outcomes=tuple(row["outcomes"] or ()), summary=db.summary(con, like.id)))
    return Similar(source=str(source), facts=facts, words=tuple(words.get(s, s) for s, _ in terms),
                   hits=tuple(hits))


def render_table(found: Similar) -> str:
    """The neighbours for people: citation, score, why (shared facts, shared words), id."""
    f = found.facts
    lines = [f"closest to {found.source}",
             "  facts  " + (_facts_label(f) or "-"),
             "  words  " + (", ".join(found.words[:12]) or "-"), ""]
    if not found.hits:
        lines.append("no decision found")
    for n, h in enumerate(found.hits, 1):
        lines.append(f"{n:>2}. {h.citation}    [{', '.join(h.outcomes) or '-'}]  score {h.score:.2f}")
        if h.summary:
            lines.append(f"    {h.summary}")
        lines.append("    shares " + (_facts_label(h.shared) or "no fact"))
        if h.words:
            lines.append("    words  " + ", ".join(h.words[:10]))
        lines.append(f"    id {h.id}")
    return "\n".join(lines)


def _facts_label(f: Facts) -> str:
    parts = []
    for name, values in (("topic", f.topics), ("authority", f.authorities),
                         ("procedure", f.procedure), ("outcome", f.outcomes)):
        if values:
            parts.append(f"{name} {', '.join(values)}")
    return "; ".join(parts)
