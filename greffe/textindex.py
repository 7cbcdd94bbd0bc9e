"""The full-text index of greffe: tantivy (a Lucene-like engine) beside the DuckDB base.

DuckDB stays the base of record; this index holds, per decision, the words of its text and the
few fields a search filters on, so that "words + filters -> first page of hits" is answered in
milliseconds over 100 000 decisions, and updated incrementally (add, delete, commit) instead of
rebuilt. Measured against DuckDB's fts extension and a postings table in DuckDB by
`python -m greffe.bench.search`.

The index does not keep the texts: the base has them. Stored, they were more than half of the
index (29 of 55 MB at 10 000 decisions), copied with every published snapshot and read again by
every merge of segments. A snippet, or the words a similar decision shares, are made from the
texts the caller gives (`texts`: ids -> texts, e.g. read from the base).

    index = TextIndex("var/greffe.tantivy")
    index.add([IndexDoc(id="TA38-2506085-2025-07-21", text="...", court_kind="TA", city="Grenoble")])
    index.commit()
    index.search('rendez-vous "non dématérialisé"', court_kind="TA", since=date(2025, 1, 1),
                 texts=lambda ids: {...})
    -> [Hit(id='TA38-2506085-2025-07-21', score=7.31, snippet='... un «rendez-vous» ...')]

Words: lower case, accents folded, then the French Snowball stemmer (`préfectures`,
`Préfecture`, `prefecture` -> `prefectur`); the fold comes first so that a query typed without
accents finds the accented text. A free word also matches its stem with or without a final `e`
(`dématérialisé` -> `dematerialis`, `dématérialisée` -> `dematerialise`; `préfet` / `préfète`).
French function words (`de`, `la`, `l'`...) are dropped from free words but kept inside phrases.
Every free word must occur (AND); a quoted phrase must occur as a phrase; a word written with
hyphens or apostrophes (`rendez-vous`, `non-lieu`) is a phrase. Nothing else of the user's input
is syntax: the query is built term by term, never handed to a query parser.

One writer, many readers: the writer holds tantivy's lock on the directory (a second writer
fails at once); readers, in this process or another, see the last commit and never block it.
"""
from __future__ import annotations

import datetime as dt
import json
import math
import os
import re
import shutil
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import tantivy

from greffe.errors import GreffeError

# The query side keeps French function words out of the free words (not out of phrases).
# 'non' and 'pas' are kept: 'non dématérialisé', 'n'est pas admis' (same list as sql/schema.sql).
STOPWORDS = frozenset((
    "a", "au", "aux", "avec", "ce", "ces", "cet", "cette", "d", "dans", "de", "des", "du", "elle",
    "elles", "en", "est", "et", "il", "ils", "l", "la", "le", "les", "leur", "leurs", "lui", "n",
    "ne", "ou", "par", "pour", "qu", "que", "qui", "s", "sa", "se", "ses", "son", "sur", "un",
    "une", "y"))

SNIPPET_CHARS = 240
MAX_QUERY_WORDS = 64
MAX_PHRASE_SPELLINGS = 16  # a phrase tries at most 16 combinations of its words' -e twins  # a pasted page is searched by its first 64 words, not rejected
_FR, _KEY = "greffe_fr", "greffe_key"
_KEYWORD_FIELDS = ("court_kind", "city", "code", "decision_type", "procedure",
                   "outcomes", "authorities", "topics", "case_numbers")
# « voie non dématérialisée », “rendez-vous”: quotes as French texts write them, read as '"'
_QUOTES = str.maketrans({"«": '"', "»": '"', "“": '"', "”": '"'})


class TextIndexError(GreffeError):
    """The full-text index cannot be opened or written (locked by another writer, wrong version)."""


@dataclass(frozen=True, slots=True)
class IndexDoc:
    """What the index keeps of one decision: its text and the fields a search filters on."""
    id: str
    text: str
    court_kind: str | None = None        # 'TA' | 'CAA' | 'CE'
    city: str | None = None              # 'Grenoble' (matched without case or accents)
    code: str | None = None              # 'TA38'
    decision_date: dt.date | None = None
    decision_type: str | None = None     # 'ordonnance', 'jugement', ...
    procedure: str | None = None         # 'refere-liberte', ...
    outcomes: tuple[str, ...] = ()
    authorities: tuple[str, ...] = ()    # 'prefet:isere', 'ministre:interieur', 'ofii'
    topics: tuple[str, ...] = ()
    case_numbers: tuple[str, ...] = ()   # '2506085', '21PA02971'
    has_injunction: bool = False
    astreinte_amounts: tuple[float, ...] = field(default=())  # pronounced, euros per period
    shown: str = ""                      # stored, not searched: what a hit shows beside the base's
                                         # row (greffe keeps its case numbers and summary there)


@dataclass(frozen=True, slots=True)
class Hit:
    id: str
    score: float
    snippet: str  # a fragment of the text, the matched words marked «like this»
    shown: str = ""  # IndexDoc.shown


@dataclass(frozen=True, slots=True)
class Like:
    """A decision found by `TextIndex.more_like`: its score and the query stems it contains."""
    id: str
    score: float
    terms: tuple[str, ...]


def _analyzers() -> tuple[tantivy.TextAnalyzer, tantivy.TextAnalyzer]:
    french = (tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
              .filter(tantivy.Filter.remove_long(40))
              .filter(tantivy.Filter.lowercase())
              .filter(tantivy.Filter.ascii_fold())
              .filter(tantivy.Filter.stemmer("french"))
              .build())
    key = (tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.raw())
           .filter(tantivy.Filter.lowercase())
           .filter(tantivy.Filter.ascii_fold())
           .build())
    return french, key


def _schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True, tokenizer_name="raw", index_option="basic")
    builder.add_text_field("body", stored=False, tokenizer_name=_FR, index_option="position")
    for name in _KEYWORD_FIELDS:
        builder.add_text_field(name, tokenizer_name=_KEY, index_option="basic")
    builder.add_date_field("decision_date", indexed=True, fast=True)
    builder.add_boolean_field("has_injunction", indexed=True)
    builder.add_float_field("astreinte", indexed=True, fast=True)
    builder.add_bytes_field("shown", stored=True)
    return builder.build()


def _fold_key(value: str) -> str:
    return _KEY_ANALYZER.analyze(value)[0] if value else value


_FR_ANALYZER, _KEY_ANALYZER = _analyzers()
_WORDS = (tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
          .filter(tantivy.Filter.lowercase()).filter(tantivy.Filter.ascii_fold()).build())


def _datetime(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)


def parse_query(query: str) -> tuple[list[str], list[list[str]]]:
    """The user's input as (free words, phrases), each word folded (not stemmed).

    Quotes delimit phrases; a word with inner punctuation (`rendez-vous`, `l'État`) is split like
    the text is, and is a phrase when two words or more remain; function words are dropped from
    free words. Everything else (`%`, `:`, `(`, `-`, `AND`) is text, and punctuation alone is nothing.
        parse_query('refus de "non dématérialisé" rendez-vous')
        -> (['refus'], [['non', 'dematerialise'], ['rendez', 'vous']])
    """
    words: list[str] = []
    phrases: list[list[str]] = []
    for k, part in enumerate(query.translate(_QUOTES).split('"')):
        if k % 2:  # inside quotes
            tokens = _WORDS.analyze(part)
            if len(tokens) > 1:
                phrases.append(tokens)
            elif tokens and tokens[0] not in STOPWORDS:
                words.extend(tokens)
            continue
        for chunk in part.split():
            tokens = _WORDS.analyze(chunk)
            kept = [i for i, t in enumerate(tokens) if t not in STOPWORDS]
            if len(kept) > 1:
                phrases.append(tokens[kept[0]:kept[-1] + 1])
            elif kept:
                words.append(tokens[kept[0]])
    return words[:MAX_QUERY_WORDS], [p[:MAX_QUERY_WORDS] for p in phrases[:MAX_QUERY_WORDS]]


def _stem(word: str) -> str:
    stems = _FR_ANALYZER.analyze(word)
    return stems[0] if stems else word


class TextIndex:
    """A tantivy index in directory `path` (created when absent). Writing takes the directory's
    writer lock on the first add/delete and keeps it until `close()`."""

    # The writer's buffer: tantivy writes a segment each time it fills, so it bounds the memory
    # of indexing whatever the number of decisions a run adds.
    WRITER_HEAP = 64_000_000
    # One indexing thread: the other core runs the Python that reads the base and builds the
    # documents. Measured (a sync of 10 000 decisions): peak RSS 227 MB vs 234-254 with a thread
    # per core (each has its own share of the heap and its own segment), 14 % slower.
    WRITER_THREADS = 1

    def __init__(self, path: str | os.PathLike, *, writer_heap: int = WRITER_HEAP,
                 writer_threads: int = WRITER_THREADS):
        self.path = Path(path)
        self.path.mkdir(parents=True, exist_ok=True)
        self._schema = _schema()
        try:
            self._index = tantivy.Index(self._schema, path=str(self.path), reuse=True)
        except ValueError as error:
            raise TextIndexError(f"cannot open the full-text index {self.path}: {error}; "
                                 "delete the directory and rebuild it from the base") from error
        self._index.register_tokenizer(_FR, _FR_ANALYZER)
        self._index.register_tokenizer(_KEY, _KEY_ANALYZER)
        self._writer: tantivy.IndexWriter | None = None
        self._writer_heap, self._writer_threads = writer_heap, writer_threads

    # -- writing -------------------------------------------------------------------------------

    def _write(self) -> tantivy.IndexWriter:
        if self._writer is None:
            try:
                self._writer = self._index.writer(self._writer_heap, self._writer_threads)
            except ValueError as error:
                raise TextIndexError(f"the full-text index {self.path} is being written by another "
                                     f"process ({error}); wait for it to finish") from error
        return self._writer

    def add(self, docs: Iterable[IndexDoc]) -> int:
        """Add (or replace: same id) decisions; visible to readers after `commit()`. Returns the count."""
        writer = self._write()
        count = 0
        for doc in docs:
            writer.delete_documents_by_term("id", doc.id)
            entry = tantivy.Document()
            entry.add_text("id", doc.id)
            entry.add_text("body", doc.text)
            for name in ("court_kind", "city", "code", "decision_type", "procedure"):
                value = getattr(doc, name)
                if value:
                    entry.add_text(name, value)
            for name in ("outcomes", "authorities", "topics", "case_numbers"):
                for value in getattr(doc, name):
                    entry.add_text(name, value)
            if doc.decision_date is not None:
                entry.add_date("decision_date", _datetime(doc.decision_date))
            entry.add_boolean("has_injunction", bool(doc.has_injunction))
            for amount in doc.astreinte_amounts:
                entry.add_float("astreinte", float(amount))
            if doc.shown:
                entry.add_bytes("shown", doc.shown.encode("utf-8"))
            writer.add_document(entry)
            count += 1
        return count

    def delete(self, ids: Iterable[str]) -> None:
        """Remove decisions by id; effective after `commit()`."""
        writer = self._write()
        for decision_id in ids:
            writer.delete_documents_by_term("id", decision_id)

    def clear(self) -> None:
        """Remove every decision; effective after `commit()` (a rebuild starts with it)."""
        self._write().delete_all_documents()

    def commit(self) -> None:
        """Make every add and delete since the last commit durable and visible to readers."""
        if self._writer is not None:
            self._writer.commit()
        self._index.reload()

    def close(self) -> None:
        """Commit pending changes, wait for merges, and release the writer lock."""
        if self._writer is not None:
            self._writer.commit()
            self._writer.wait_merging_threads()
            self._writer = None
        self._index.reload()

    def __enter__(self) -> TextIndex:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- reading -------------------------------------------------------------------------------

    def __len__(self) -> int:
        self._index.reload()
        return self._index.searcher().num_docs

    def _text_query(self, query: str, searcher: tantivy.Searcher) -> tantivy.Query | None:
        words, phrases = parse_query(query)

        def variants(word: str) -> list[str]:
            # the stem, and its twin with or without a final 'e' when the index has it
            stem = _stem(word)
            twin = stem[:-1] if stem.endswith("e") and len(stem) > 2 else stem + "e"
            return [stem] + ([twin] if searcher.doc_freq("body", twin) else [])

        clauses = []
        for word in words:
            terms = [tantivy.Query.term_query(self._schema, "body", s) for s in variants(word)]
            clauses.append((tantivy.Occur.Must, terms[0] if len(terms) == 1 else tantivy.Query.boolean_query(
                [(tantivy.Occur.Should, t) for t in terms])))
        for phrase in phrases:
            spellings = [[]]
            for word in phrase:
                options = variants(word)
                if len(spellings) * len(options) > MAX_PHRASE_SPELLINGS:
                    options = options[:1]
                spellings = [s + [o] for s in spellings for o in options]
            queries = [tantivy.Query.phrase_query(self._schema, "body", list(enumerate(s))) for s in spellings]
            clauses.append((tantivy.Occur.Must, queries[0] if len(queries) == 1 else tantivy.Query.boolean_query(
                [(tantivy.Occur.Should, q) for q in queries])))
        if not clauses:
            return None
        return tantivy.Query.boolean_query(clauses)

    def _filters(self, *, court_kind, city, code, since, until, decision_type, procedure,
                 outcome, authority, topic, case_number, has_injunction, astreinte, min_amount,
                 max_amount, ids):
        found = []
        if ids is not None:
            found.append(tantivy.Query.term_set_query(self._schema, "id", list(ids)))

        def term(name: str, value: str) -> None:
            found.append(tantivy.Query.term_query(self._schema, name, _fold_key(value), index_option="basic"))

        for name, value in (("court_kind", court_kind), ("city", city), ("code", code),
                            ("decision_type", decision_type), ("procedure", procedure),
                            ("outcomes", outcome), ("authorities", authority), ("topics", topic),
                            ("case_numbers", case_number)):
            if value:
                term(name, value)
        if since is not None or until is not None:
            found.append(tantivy.Query.range_query(
                self._schema, "decision_date", tantivy.FieldType.Date,
                _datetime(since) if since else None, _datetime(until) if until else None))
        if has_injunction is not None:
            found.append(tantivy.Query.term_query(self._schema, "has_injunction", bool(has_injunction)))
        if min_amount is not None or max_amount is not None:
            found.append(tantivy.Query.range_query(
                self._schema, "astreinte", tantivy.FieldType.Float,
                float(min_amount) if min_amount is not None else None,
                float(max_amount) if max_amount is not None else None))
        elif astreinte is not None:
            exists = tantivy.Query.exists_query("astreinte")
            found.append(exists if astreinte else tantivy.Query.boolean_query(
                [(tantivy.Occur.Must, tantivy.Query.all_query()), (tantivy.Occur.MustNot, exists)]))
        return [tantivy.Query.const_score_query(q, 0.0) for q in found]

    def search(self, query: str | None = None, *, limit: int | None = 10, offset: int = 0,
               court_kind: str | None = None, city: str | None = None, code: str | None = None,
               since: dt.date | None = None, until: dt.date | None = None,
               decision_type: str | None = None, procedure: str | None = None,
               outcome: str | None = None, authority: str | None = None, topic: str | None = None,
               case_number: str | None = None,
               has_injunction: bool | None = None, astreinte: bool | None = None,
               min_amount: float | None = None, max_amount: float | None = None,
               ids: Iterable[str] | None = None,
               texts: Callable[[list[str]], Mapping[str, str]] | None = None) -> list[Hit]:
        """The decisions matching every word and phrase of `query` and every filter given, best
        BM25 score first; with no query (None or blank), the newest first and no snippet.

        `astreinte=True` keeps decisions with a pronounced astreinte; `min_amount`/`max_amount`
        bound its amount (inclusive). `ids` keeps only those decisions. `limit` None: every hit.
        A query with nothing searchable in it (`%`, `;`) finds nothing. `texts` (ids -> their
        texts) gives the hits of a query with words their snippet (none without it).
        """
        filters = self._filters(court_kind=court_kind, city=city, code=code, since=since, until=until,
                                decision_type=decision_type, procedure=procedure, outcome=outcome,
                                authority=authority, topic=topic, case_number=case_number,
                                has_injunction=has_injunction, astreinte=astreinte,
                                min_amount=min_amount, max_amount=max_amount, ids=ids)
        self._index.reload()
        searcher = self._index.searcher()
        if limit is None:
            limit = max(1, searcher.num_docs)
        text = self._text_query(query, searcher) if query and query.strip() else None
        if query and query.strip() and text is None:
            return []
        clauses = [(tantivy.Occur.Must, q) for q in ([text] if text else []) + filters]
        if not clauses:
            clauses = [(tantivy.Occur.Must, tantivy.Query.all_query())]
        final = clauses[0][1] if len(clauses) == 1 else tantivy.Query.boolean_query(clauses)
        if text is None:
            result = searcher.search(final, limit, count=False, order_by_field="decision_date",
                                     offset=offset, order=tantivy.Order.Desc)
        else:
            result = searcher.search(final, limit, count=False, offset=offset)
        found = []
        for key, address in result.hits:
            doc = searcher.doc(address)
            shown = doc.get_first("shown")
            found.append((doc["id"][0], float(key) if text is not None else 0.0,
                          bytes(shown).decode("utf-8") if shown else ""))
        bodies = texts([i for i, _, _ in found]) if text is not None and texts is not None and found else {}
        marker = _Marker(query) if bodies else None
        return [Hit(i, score, marker.snippet(bodies[i]) if marker and bodies.get(i) else "", shown)
                for i, score, shown in found]

    # -- similar decisions (greffe.similar) -------------------------------------------------------

    def distinctive_terms(self, text: str, n: int = 25) -> list[tuple[str, float]]:
        """The `n` stems of `text` that best tell it apart within the index, as (stem, weight),
        heaviest first: tf-idf, with tf the stem's count in `text` (log-scaled) and idf
        log(N / doc_freq) over the index's bodies. Stems the index never saw (nothing to find),
        function words, numbers and stems in more than half the decisions are left out."""
        self._index.reload()
        searcher = self._index.searcher()
        total = searcher.num_docs
        if not total:
            return []
        counts: dict[str, int] = {}
        for word in _WORDS.analyze(text):
            if word in STOPWORDS or len(word) < 3 or word.isdigit():
                continue
            stem = _stem(word)
            counts[stem] = counts.get(stem, 0) + 1
        weighted = []
        for stem, count in counts.items():
            df = searcher.doc_freq("body", stem)
            if 0 < df <= total / 2:
                weighted.append((stem, (1 + math.log(count)) * math.log(total / df)))
        weighted.sort(key=lambda tw: (-tw[1], tw[0]))
        return weighted[:n]

    def more_like(self, terms: list[tuple[str, float]], *, facts: dict[str, Iterable[str]] | None = None,
                  fact_weight: float = 1.0, limit: int = 10, exclude: Iterable[str] = (),
                  ids: Iterable[str] | None = None,
                  texts: Callable[[list[str]], Mapping[str, str]] | None = None) -> list[Like]:
        """The decisions closest to a text given by its `terms` ((stem, weight), from
        `distinctive_terms`) and its `facts` ({'topics': [...], 'authorities': [...],
        'procedure': [...], 'outcomes': [...]}), best first. Each term is a BM25 should-clause
        boosted by its weight (the heaviest 1.0); each shared fact adds `fact_weight` times
        log(1 + N / decisions having it): a rare fact (visa) counts more than a common one. `exclude`: ids
        never returned (the decision itself); `ids`: only these (the filters of a search);
        `texts` (ids -> their texts): which of the terms each one contains (none without it)."""
        self._index.reload()
        searcher = self._index.searcher()
        heaviest = max((w for _, w in terms), default=1.0)
        should = [tantivy.Query.boost_query(tantivy.Query.term_query(self._schema, "body", stem), weight / heaviest)
                  for stem, weight in terms]
        total = max(1, searcher.num_docs)
        for name, values in (facts or {}).items():
            for value in values:
                key = _fold_key(value) if value else None
                df = searcher.doc_freq(name, key) if key else 0
                if df:      # a rare fact (visa, prefet:nord) tells more than a common one (titre-de-sejour)
                    term = tantivy.Query.term_query(self._schema, name, key, index_option="basic")
                    should.append(tantivy.Query.const_score_query(term, fact_weight * math.log(1 + total / df)))
        if not should:
            return []
        clauses = [(tantivy.Occur.Must, tantivy.Query.boolean_query([(tantivy.Occur.Should, q) for q in should]))]
        if ids is not None:
            clauses.append((tantivy.Occur.Must, tantivy.Query.term_set_query(self._schema, "id", list(ids))))
        for decision_id in exclude:
            clauses.append((tantivy.Occur.MustNot, tantivy.Query.term_query(self._schema, "id", decision_id)))
        result = searcher.search(tantivy.Query.boolean_query(clauses), limit, count=False)
        found = [(searcher.doc(address)["id"][0], float(score)) for score, address in result.hits]
        bodies = texts([i for i, _ in found]) if texts is not None and found else {}
        wanted = {stem for stem, _ in terms}
        likes = []
        for i, score in found:
            stems = set(_FR_ANALYZER.analyze(bodies[i])) & wanted if bodies.get(i) else set()
            likes.append(Like(i, score, tuple(s for s, _ in terms if s in stems)))
        return likes

    # -- publishing ----------------------------------------------------------------------------

    def publish(self, dest: str | os.PathLike) -> Path:
        """Copy the last committed state into the new directory `dest` (e.g. beside the base's
        snapshot `000042.duckdb` as `000042.tantivy/`), for readers that open it read-only."""
        dest = Path(dest)
        if dest.exists():
            raise TextIndexError(f"{dest} exists already: publish to a new name")
        tmp = dest.with_name(dest.name + ".tmp")
        if tmp.exists():
            shutil.rmtree(tmp)
        tmp.mkdir(parents=True)
        meta_bytes = (self.path / "meta.json").read_bytes()
        segments = {s["segment_id"].replace("-", "") for s in json.loads(meta_bytes)["segments"]}
        for entry in self.path.iterdir():
            if entry.name.split(".")[0] in segments:
                shutil.copy2(entry, tmp / entry.name)
        (tmp / "meta.json").write_bytes(meta_bytes)
        tmp.rename(dest)
        return dest


def _latin_fold_table() -> bytes:
    """Latin-1 byte -> its lower-case ASCII letter ('É' -> 'e'), one byte for one."""
    table = bytearray(range(256))
    for b in range(256):
        c = bytes([b]).decode("latin-1")
        base = unicodedata.normalize("NFKD", c)[0].lower()
        if base.isascii() and (c.isalpha()):
            table[b] = ord(base)
    return bytes(table)


_LATIN_FOLD = _latin_fold_table()


def _folded_bytes(text: str) -> bytes:
    """The text lower-cased without accents, one byte per character (offsets are the text's):
    Latin-1 folds to ASCII, any other character becomes '?'. Runs in C, unlike str.translate."""
    return text.encode("latin-1", errors="replace").translate(_LATIN_FOLD)


class _Marker:
    """The snippet of a hit: about SNIPPET_CHARS characters around the first phrase of the query
    (else the window holding the most query words), every query word in it marked «like this».

    A word is found by its stem as a prefix in the folded text (`_folded_bytes`): tantivy's own
    SnippetGenerator re-analyses the whole text and costs ~3 ms a decision of 8 KB, this ~0.1 ms."""

    def __init__(self, query: str):
        words, phrases = parse_query(query)
        gap = rb"[\W_]+"

        def word(w: str) -> str:
            stem = _stem(w)
            root = stem[:-1] if stem.endswith("e") and len(stem) > 2 else stem
            return re.escape(root.encode("ascii", errors="replace")) + rb"\w{0,5}"

        # phrases are searched on the words as typed (function words included)
        self._phrases = [re.compile(rb"\b" + gap.join(word(w) for w in p) + rb"\b") for p in phrases]
        parts = sorted({word(w) for w in words} | {word(w) for p in phrases for w in p
                                                    if w not in STOPWORDS}, key=len, reverse=True)
        self._words = re.compile(rb"\b(?:" + b"|".join(parts) + rb")\b") if parts else None

    def snippet(self, text: str) -> str:
        folded = _folded_bytes(text)
        center = None
        for phrase in self._phrases:
            found = phrase.search(folded)
            if found and (center is None or found.start() < center):
                center = found.start()
        if center is None and self._words is not None:
            starts = [m.start() for m in self._words.finditer(folded)]
            best, left = 0, 0
            for right, start in enumerate(starts):  # the densest window of SNIPPET_CHARS
                while start - starts[left] > SNIPPET_CHARS // 2:
                    left += 1
                if right - left + 1 > best:
                    best, center = right - left + 1, starts[left]
        if center is None:
            center = 0
        start = max(0, center - SNIPPET_CHARS // 3)
        end = min(len(text), start + SNIPPET_CHARS)
        while start > 0 and not text[start - 1].isspace() and center - start < SNIPPET_CHARS // 2:
            start -= 1
        while end < len(text) and not text[end].isspace() and end - start < SNIPPET_CHARS + 30:
            end += 1
        spans = [m.span() for p in self._phrases for m in p.finditer(folded, start, end)]
        if self._words is not None:
            spans += [m.span() for m in self._words.finditer(folded, start, end)]
        out, last = [], start
        for a, b in sorted(spans, key=lambda span: (span[0], -span[1])):  # a phrase over its words
            if a < last:
                continue
            out.append(text[last:a])
            out.append("«" + text[a:b] + "»")
            last = b
        out.append(text[last:end])
        return " ".join("".join(out).split())


def index_docs(records: Iterable[dict]) -> Iterable[IndexDoc]:
    """IndexDocs from dicts with the same keys (as `greffe.bench.generate.decisions` yields)."""
    for r in records:
        yield IndexDoc(id=r["id"], text=r["text"], court_kind=r.get("court_kind"), city=r.get("city"),
                       code=r.get("code"), decision_date=r.get("decision_date"),
                       decision_type=r.get("decision_type"), procedure=r.get("procedure"),
                       outcomes=tuple(r.get("outcomes", ())), authorities=tuple(r.get("authorities", ())),
                       topics=tuple(r.get("topics", ())), case_numbers=tuple(r.get("case_numbers", ())),
                       has_injunction=bool(r.get("has_injunction")),
                       astreinte_amounts=tuple(r.get("astreinte_amounts", ())))


__all__ = ["Hit", "IndexDoc", "Like", "TextIndex", "TextIndexError", "index_docs", "parse_query", "STOPWORDS"]
