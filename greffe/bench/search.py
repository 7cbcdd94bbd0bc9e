"""Full-text search over n synthetic decisions, engine against engine.

    python -m greffe.bench.search [--n 100000] [--engines greffe,tantivy,postings,fts_small,fts] [--workdir DIR]

Every engine indexes the same n decisions (greffe.bench.generate, written once as JSON lines),
each in its own child process so that its peak memory (ru_maxrss) is its own; then it answers the
same 50 queries (QUERIES: words, phrases, accents omitted, filters, filter-only) for the first
page of 10 hits, once to warm up and twice timed, and adds 1 000 more decisions to measure an
incremental update. Printed: median / p95 / max latency, build time, index size, peak memory,
cost of +1 000 documents.

Engines:
  greffe     what `greffe search` does (the default, and the figure the README quotes): a greffe
             base of the n decisions, its index made by db.sync_index and published, then
             db.search on the reader's snapshot: tantivy's hits, the DuckDB rows of the page,
             snippet and one-line summary; +1 000 is an incremental sync of the writer's index.
  fts        DuckDB's fts extension on the whole text (BM25, French stemmer); no incremental
             update: +1 000 is a full rebuild.
  fts_small  the same on a smaller text: entête + first visas + dispositif only.
  postings   our own postings table in DuckDB (term, doc, tf), BM25 computed in SQL; incremental.
  tantivy    greffe.textindex (tantivy) alone, the snippets made from the texts of the data
             file (the index keeps no text since session 6; the figures below are of the index
             that kept them: 29 of its 55 MB at 10 000 decisions).

Measured 2026-11-26 on the shared 2-core machine, load average 8-11 (other jobs running), so
every figure is pessimistic: 10 000 decisions -> tantivy median 11.5 ms, p95 16.9 ms, build 78 s,
53 MB, +1 000 in 5.1 s; fts_small median 105 ms, p95 3.9 s, build 27 s, 107 MB, +1 000 = rebuild
6.8 s; fts (whole text) built in about a minute but its 150 timed queries did not finish in 19
minutes; postings built in 2.7 min but its 150 queries did not finish in 12 minutes (> 4 s
each). 100 000 decisions -> tantivy median 34 ms, p95 118 ms, max 202 ms, build 529 s, 518 MB,
peak 665 MB, +1 000 in 8.1 s. The DuckDB engines are therefore skipped above 20 000 (MAX_DOCS).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from greffe.bench.generate import decisions

# (query text or None, filters): the same keywords as TextIndex.search.
QUERIES: list[tuple[str | None, dict]] = [
    ("préfecture", {}),
    ("prefecture", {}),
    ("astreinte", {}),
    ("injonction", {}),
    ("rendez-vous", {}),
    ('"non dématérialisé"', {}),
    ('"non dematerialisee"', {}),
    ('"rendez-vous"', {}),
    ("titre de séjour", {}),
    ("titre de sejour recepisse", {}),
    ("ANEF", {}),
    ("demarches simplifiees", {}),
    ('"démarches simplifiées" préfecture', {}),
    ("naturalisation ajournée", {}),
    ("asile guichet unique", {}),
    ("obligation de quitter le territoire", {}),
    ('"obligation de quitter le territoire français"', {}),
    ("urgence liberté fondamentale", {}),
    ("captures d'écran", {}),
    ("substitution accueil physique", {}),
    ("réexamen situation", {"has_injunction": True}),
    ("astreinte", {"court_kind": "TA", "city": "Grenoble"}),
    ("astreinte", {"min_amount": 100, "max_amount": 200}),
    ("rendez-vous", {"authority": "prefet:isere"}),
    ("rendez-vous préfecture", {"court_kind": "TA", "since": dt.date(2024, 1, 1)}),
    ("récépissé travailler", {"has_injunction": True, "since": dt.date(2023, 1, 1), "until": dt.date(2024, 12, 31)}),
    ("refus", {"outcome": "rejet"}),
    ("suspension", {"procedure": "refere-suspension"}),
    ("visa regroupement familial", {"topic": "visa"}),
    ("ANEF attestation", {"topic": "anef", "outcome": "injonction"}),
    ("non-lieu", {}),
    ("liquidée", {"procedure": "execution"}),
    ("ministre de l'intérieur", {"authority": "ministre:interieur"}),
    ("OFII conditions matérielles d'accueil", {"authority": "ofii"}),
    ("article 8 convention européenne", {"court_kind": "CAA"}),
    ("Conseil d'État", {"court_kind": "CE"}),
    ("Diallo", {}),
    ("Batiprim", {}),
    ("La Cimade", {"since": dt.date(2025, 1, 1)}),
    ("quarante-huit heures", {"astreinte": True}),
    ("erreur manifeste d'appréciation", {"outcome": "annulation"}),
    ("Nîmes", {"city": "Nimes"}),
    (None, {"court_kind": "TA", "city": "Grenoble"}),
    (None, {"has_injunction": True, "astreinte": True}),
    (None, {"authority": "prefet:seine-saint-denis", "since": dt.date(2025, 1, 1)}),
    (None, {"topic": "alternative-non-dematerialisee", "outcome": "injonction"}),
    (None, {"min_amount": 500}),
    (None, {"code": "TA75", "decision_type": "ordonnance"}),
    (None, {"since": dt.date(2020, 3, 1), "until": dt.date(2020, 3, 31)}),
    (None, {"procedure": "refere-liberte", "court_kind": "CE"}),
]
assert len(QUERIES) == 50

# -- data ------------------------------------------------------------------------------------


def _write_jsonl(path: Path, n: int, seed: int) -> None:
    with path.open("w", encoding="utf-8") as out:
        for d in decisions(n, seed):
            d = {**d, "decision_date": d["decision_date"].isoformat()}
            out.write(json.dumps(d, ensure_ascii=False) + "\n")


# -- engines ---------------------------------------------------------------------------------


class Tantivy:
    """greffe.textindex alone. The index keeps no text: the snippets are made from the hits'
    texts, read in the data file where each decision's line starts (as greffe reads them from
    the base)."""

    def __init__(self, workdir: Path):
        from greffe.textindex import TextIndex
        self.path = workdir / "index.tantivy"
        self.index = TextIndex(self.path)
        self._lines: dict[str, tuple[Path, int]] = {}

    def _docs(self, data: Path):
        from greffe.textindex import index_docs
        return index_docs(self._read(data))

    def _read(self, data: Path):
        with data.open("rb") as lines:
            while line := lines.readline():
                d = json.loads(line)
                self._lines[d["id"]] = (data, lines.tell() - len(line))
                d["decision_date"] = dt.date.fromisoformat(d["decision_date"])
                yield d

    def texts(self, ids: list[str]) -> dict[str, str]:
        found, files = {}, {}
        try:
            for i in ids:
                path, start = self._lines[i]
                lines = files.get(path) or files.setdefault(path, path.open("rb"))
                lines.seek(start)
                found[i] = json.loads(lines.readline())["text"]
        finally:
            for lines in files.values():
                lines.close()
        return found

    def build(self, data: Path) -> None:
        self.index.add(self._docs(data))
        self.index.close()

    def add(self, data: Path) -> None:
        self.index.add(self._docs(data))
        self.index.commit()

    def search(self, text: str | None, filters: dict) -> list:
        return self.index.search(text, limit=10, texts=self.texts, **filters)

    def size(self) -> int:
        return sum(f.stat().st_size for f in self.path.iterdir())


_COLUMNS = ("{id: 'VARCHAR', text: 'VARCHAR', summary: 'VARCHAR', court_kind: 'VARCHAR', city: 'VARCHAR', "
            "code: 'VARCHAR', decision_date: 'DATE', decision_type: 'VARCHAR', procedure: 'VARCHAR', "
            "outcomes: 'VARCHAR[]', authorities: 'VARCHAR[]', topics: 'VARCHAR[]', "
            "has_injunction: 'BOOLEAN', astreinte_amounts: 'DOUBLE[]'}")
_FLAT = "regexp_replace(lower(strip_accents({})), '[^a-z0-9]+', ' ', 'g')"


def _sql_filters(filters: dict, params: dict) -> str:
    """WHERE conditions on docs d for the filters, values bound in params."""
    where = []
    for key, value in filters.items():
        params[key] = value
        where.append({
            "court_kind": "d.court_kind = $court_kind",
            "city": "lower(strip_accents(d.city)) = lower(strip_accents($city))",
            "code": "d.code = $code",
            "since": "d.decision_date >= $since",
            "until": "d.decision_date <= $until",
            "decision_type": "d.decision_type = $decision_type",
            "procedure": "d.procedure = $procedure",
            "outcome": "list_contains(d.outcomes, $outcome)",
            "authority": "list_contains(d.authorities, $authority)",
            "topic": "list_contains(d.topics, $topic)",
            "has_injunction": "d.has_injunction = $has_injunction",
            "astreinte": "(len(d.astreinte_amounts) > 0) = $astreinte",
            "min_amount": "list_max(d.astreinte_amounts) >= $min_amount",
            "max_amount": "list_min(d.astreinte_amounts) <= $max_amount",
        }[key])
    return " AND ".join(where) or "TRUE"


def _words_and_phrases(text: str) -> tuple[list[str], list[str]]:
    from greffe.textindex import parse_query
    words, phrases = parse_query(text)
    return words + [w for p in phrases for w in p], [" ".join(p) for p in phrases]


class DuckFts:
    """DuckDB fts on one column (text or summary)."""
    column = "text"

    def __init__(self, workdir: Path):
        import duckdb
        from greffe.db import check_setup
        self.path = workdir / "fts.duckdb"
        self.con = duckdb.connect(str(self.path), config={
            "autoinstall_known_extensions": False, "autoload_known_extensions": False,
            "extension_directory": str(workdir / "ext")})
        self.con.execute("LOAD '" + str(check_setup()).replace("'", "''") + "'")
        self.con.execute("SET enable_progress_bar = false")

    def _load(self, data: Path) -> None:
        self.con.execute(f"INSERT INTO docs SELECT * FROM read_json('{data}', format='newline_delimited', "
                         f"columns={_COLUMNS})")

    def _index(self) -> None:
        self.con.execute(f"PRAGMA create_fts_index('docs', 'id', '{self.column}', stemmer='french', "
                         "stopwords='none', strip_accents=1, lower=1, overwrite=1)")

    def build(self, data: Path) -> None:
        self.con.execute(f"CREATE TABLE docs AS SELECT * FROM read_json('{data}', "
                         f"format='newline_delimited', columns={_COLUMNS}) LIMIT 0")
        self._load(data)
        self._index()
        self.con.execute("CHECKPOINT")

    def add(self, data: Path) -> None:  # no incremental update: rebuild
        self._load(data)
        self._index()
        self.con.execute("CHECKPOINT")

    def search(self, text: str | None, filters: dict) -> list:
        params: dict = {}
        where = _sql_filters(filters, params)
        if text is None:
            return self.con.execute(f"SELECT id FROM docs d WHERE {where} ORDER BY decision_date DESC "
                                    "LIMIT 10", params).fetchall()
        words, phrases = _words_and_phrases(text)
        params.update(q=" ".join(words), phrases=phrases)
        return self.con.execute(f"""
            SELECT id, score FROM (
                SELECT d.id, d.{self.column} AS body,
                       fts_main_docs.match_bm25(d.id, $q, conjunctive := 1) AS score
                FROM docs d WHERE {where}) s
            WHERE score IS NOT NULL
              AND len(list_filter($phrases::VARCHAR[], p -> NOT contains({_FLAT.format('body')}, p))) = 0
            ORDER BY score DESC LIMIT 10""", params).fetchall()

    def size(self) -> int:
        return self.path.stat().st_size + sum(
            p.stat().st_size for p in self.path.parent.glob("fts.duckdb.wal"))


class DuckFtsSmall(DuckFts):
    column = "summary"


class Postings(DuckFts):
    """postings(term, doc, tf) + doclen(doc, len) in DuckDB; BM25 (k1=1.2, b=0.75) in SQL."""

    def _index_from(self, first: int) -> None:
        # split once; stem each distinct word once (stem() is the slow part), then regroup by stem
        self.con.execute("CREATE OR REPLACE TEMP TABLE tok AS SELECT rowid AS doc, "
                         "unnest(regexp_split_to_array(lower(strip_accents(text)), '[^a-z0-9]+')) AS w "
                         "FROM docs WHERE rowid >= $first", {"first": first})
        self.con.execute("CREATE OR REPLACE TEMP TABLE wtf AS SELECT w, doc, count(*)::INTEGER AS tf "
                         "FROM tok WHERE w <> '' GROUP BY ALL")
        self.con.execute("INSERT INTO vocab SELECT w, stem(w, 'french') FROM (SELECT DISTINCT w FROM wtf) "
                         "WHERE w NOT IN (SELECT w FROM vocab)")
        self.con.execute("INSERT INTO postings SELECT v.term, t.doc, sum(t.tf)::INTEGER FROM wtf t "
                         "JOIN vocab v USING (w) GROUP BY ALL ORDER BY 1")
        self.con.execute("INSERT INTO doclen SELECT doc, sum(tf)::INTEGER FROM wtf GROUP BY doc")
        self.con.execute("DROP TABLE tok; DROP TABLE wtf")

    def build(self, data: Path) -> None:
        self.con.execute(f"CREATE TABLE docs AS SELECT * FROM read_json('{data}', "
                         f"format='newline_delimited', columns={_COLUMNS}) LIMIT 0")
        self.con.execute("CREATE TABLE postings (term VARCHAR, doc BIGINT, tf INTEGER)")
        self.con.execute("CREATE TABLE doclen (doc BIGINT, len INTEGER)")
        self.con.execute("CREATE TABLE vocab (w VARCHAR, term VARCHAR)")
        self._load(data)
        self._index_from(0)
        self.con.execute("CHECKPOINT")

    def add(self, data: Path) -> None:
        first = self.con.execute("SELECT count(*) FROM docs").fetchone()[0]
        self._load(data)
        self._index_from(first)
        self.con.execute("CHECKPOINT")

    def search(self, text: str | None, filters: dict) -> list:
        if text is None:
            return super().search(text, filters)
        params: dict = {}
        where = _sql_filters(filters, params)
        words, phrases = _words_and_phrases(text)
        params.update(terms=words, phrases=phrases)
        return self.con.execute(f"""
            WITH q AS (SELECT DISTINCT stem(unnest($terms::VARCHAR[]), 'french') AS term),
            stats AS (SELECT count(*) AS n, avg(len) AS avgdl FROM doclen),
            df AS (SELECT p.term, count(*) AS df FROM postings p JOIN q USING (term) GROUP BY p.term),
            scored AS (
                SELECT p.doc, sum(ln(1 + (stats.n - df.df + 0.5) / (df.df + 0.5))
                                  * p.tf * 2.2 / (p.tf + 1.2 * (0.25 + 0.75 * l.len / stats.avgdl))) AS score
                FROM postings p JOIN df USING (term) JOIN doclen l USING (doc), stats
                GROUP BY p.doc HAVING count(*) = (SELECT count(*) FROM q))
            SELECT d.id, s.score FROM scored s JOIN docs d ON d.rowid = s.doc
            WHERE {where}
              AND len(list_filter($phrases::VARCHAR[], p -> NOT contains({_FLAT.format('d.text')}, p))) = 0
            ORDER BY s.score DESC LIMIT 10""", params).fetchall()


class Greffe:
    """The path `greffe search` takes: a greffe base (the generated decisions as rows of
    decisions, case_numbers, parties, injunctions, zones), its tantivy index made by
    db.sync_index, published; each query is db.search on the reader's snapshot: the index's
    hits, then the DuckDB rows of the first page, their snippet and their one-line summary."""

    def __init__(self, workdir: Path):
        self.path = workdir / "greffe.duckdb"
        self.reader = None

    def _load(self, data: Path) -> None:
        from greffe import db
        con = db.connect(self.path)
        # streamed: the texts stay on disk (a view cannot bind a parameter: the bench's own path)
        source = "read_json('" + str(data).replace("'", "''") + f"', columns = {_COLUMNS})"
        con.execute(f"CREATE TEMP VIEW g AS SELECT * FROM {source}")
        con.execute(_BENCH_DECISIONS)
        con.execute("DROP VIEW g")
        con.execute(f"CREATE TEMP TABLE g AS SELECT * EXCLUDE (text, summary), "
                    f"strpos(text, 'ORDONNE :') - 1 AS dispositif_at, length(text) AS text_length "
                    f"FROM {source}")
        con.execute(_BENCH_ROWS)
        con.execute("DROP TABLE g")
        db.sync_index(con)
        con.execute("CHECKPOINT")
        con.close()

    def build(self, data: Path) -> None:
        from greffe import db
        from greffe.publish import publish
        self._load(data)
        publish(self.path)
        self.reader = db.connect_reader(self.path)

    def add(self, data: Path) -> None:  # incremental: the writer's index, one commit
        self._load(data)

    def search(self, text: str | None, filters: dict) -> list:
        from greffe import db
        f = {("court_code" if k == "code" else k): v for k, v in filters.items()}
        return db.search(self.reader, text, limit=10, **f)

    def size(self) -> int:
        from greffe.publish import index_dir, snapshots
        return sum(f.stat().st_size for f in index_dir(snapshots(self.path)[-1]).iterdir())


# The generated decisions (temporary table g) as greffe rows: one party and one injunction per
# authority when the decision enjoins, its astreinte pronounced at the generated amount per day.
_BENCH_DECISIONS = """
INSERT INTO decisions (id, court_kind, court_city, court_code, court_name, decision_date,
                       decision_type, formation, procedure, outcomes, topics, warnings, text,
                       text_sha256, extractor_version, loaded_at)
SELECT id, court_kind, city, code, NULL, decision_date, decision_type, NULL, procedure, outcomes,
       topics, [], text, sha256(id), 'bench', now() FROM g
"""
_BENCH_ROWS = """
INSERT INTO case_numbers SELECT id, 0, split_part(id, '-', 2) FROM g;
INSERT INTO zones (decision_id, ordinal, name, start_offset, end_offset)
SELECT id, 0, 'dispositif', dispositif_at, text_length FROM g WHERE dispositif_at >= 0;
INSERT INTO parties (decision_id, ordinal, name, role, kind, authority)
SELECT id, generate_subscripts(authorities, 1) - 1, unnest(authorities), 'defendeur',
       'administration', unnest(authorities) FROM g;
INSERT INTO injunctions (decision_id, ordinal, addressee, authority, measure,
                         astreinte_amount_eur, astreinte_period, astreinte_status)
SELECT id, 0, authorities[1], authorities[1], 'réexaminer la situation de l''intéressé',
       astreinte_amounts[1], CASE WHEN len(astreinte_amounts) > 0 THEN 'jour' END,
       CASE WHEN len(astreinte_amounts) > 0 THEN 'prononcee' END
FROM g WHERE has_injunction AND len(authorities) > 0;
"""

ENGINES = {"greffe": Greffe, "tantivy": Tantivy, "postings": Postings, "fts_small": DuckFtsSmall,
           "fts": DuckFts}
# Above these sizes an engine alone would take more than the 15 minutes `make bench` may spend
# (measured at 10 000 on the 2-core machine: see the module docstring); --force runs it anyway.
MAX_DOCS = {"fts": 20_000, "fts_small": 20_000, "postings": 20_000}

# -- one engine, in its own process ---------------------------------------------------------


def _worker(engine: str, data: Path, extra: Path, workdir: Path) -> dict:
    workdir.mkdir(parents=True, exist_ok=True)
    runner = ENGINES[engine](workdir)
    started = time.perf_counter()
    runner.build(data)
    build_s = time.perf_counter() - started
    rss_build = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    for text, filters in QUERIES:  # warm up
        runner.search(text, filters)
    timings, empty = [], 0
    for _ in range(2):
        for text, filters in QUERIES:
            t0 = time.perf_counter()
            hits = runner.search(text, filters)
            timings.append((time.perf_counter() - t0) * 1000)
            empty += not hits
    size = runner.size()
    t0 = time.perf_counter()
    runner.add(extra)
    add_s = time.perf_counter() - t0
    timings.sort()
    return {"engine": engine, "build_s": build_s, "size_mb": size / 2**20, "peak_rss_mb": rss_build,
            "median_ms": statistics.median(timings), "p95_ms": timings[int(0.95 * len(timings)) - 1],
            "max_ms": timings[-1], "add_1000_s": add_s, "empty_queries": empty // 2}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--engines", default="greffe,postings,fts_small,fts",
                        help="greffe (what `greffe search` does), tantivy (the index alone), postings, "
                        "fts_small, fts")
    parser.add_argument("--workdir", type=Path, default=None, help="kept when given; a temporary one otherwise")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--force", action="store_true", help="run every engine named, whatever n")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    engines = []
    for engine in args.engines.split(","):
        if engine not in ENGINES:
            parser.error(f"unknown engine {engine!r}: choose among {', '.join(ENGINES)}")
        if args.n > MAX_DOCS.get(engine, args.n) and not args.force:
            print(f"{engine}: skipped above {MAX_DOCS[engine]} decisions (too slow; --force to run it)",
                  file=sys.stderr)
        else:
            engines.append(engine)
    work = args.workdir or Path(tempfile.mkdtemp(prefix="greffe-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    data, extra = work / f"docs-{args.n}-{args.seed}.jsonl", work / f"extra-{args.seed}.jsonl"
    if args.worker:
        print(json.dumps(_worker(args.worker, data, extra, work / args.worker)))
        return 0
    if not data.exists():
        t0 = time.perf_counter()
        _write_jsonl(data, args.n, args.seed)
        print(f"generated {args.n} decisions in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    if not extra.exists():
        _write_jsonl(extra, 1000, args.seed + 10_000)
        # distinct ids from the main set
        lines = extra.read_text(encoding="utf-8").splitlines()
        extra.write_text("".join(json.dumps({**json.loads(l), "id": "extra-" + json.loads(l)["id"]},
                                            ensure_ascii=False) + "\n" for l in lines), encoding="utf-8")
    rows = []
    for engine in engines:
        shutil.rmtree(work / engine, ignore_errors=True)
        done = subprocess.run([sys.executable, "-m", "greffe.bench.search", "--n", str(args.n),
                               "--seed", str(args.seed), "--workdir", str(work), "--worker", engine],
                              capture_output=True, text=True)
        if done.returncode:
            print(f"{engine}: failed\n{done.stderr[-2000:]}", file=sys.stderr)
            continue
        rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
        shutil.rmtree(work / engine, ignore_errors=True)
        print(json.dumps(rows[-1]), file=sys.stderr)
    print(f"n = {args.n} decisions, 50 queries x 2 (warm), first page of 10; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"{'engine':10} {'median ms':>9} {'p95 ms':>7} {'max ms':>7} {'build s':>8} {'size MB':>8} "
          f"{'peak MB':>8} {'+1000 s':>8} {'no hit':>6}")
    for r in rows:
        print(f"{r['engine']:10} {r['median_ms']:9.1f} {r['p95_ms']:7.1f} {r['max_ms']:7.1f} {r['build_s']:8.1f} "
              f"{r['size_mb']:8.0f} {r['peak_rss_mb']:8.0f} {r['add_1000_s']:8.2f} {r['empty_queries']:6d}")
    if not args.workdir:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
