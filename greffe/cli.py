"""The `greffe` command line. Domain errors become one line on stderr and exit status 1; usage
errors exit 2 (argparse). Output formats: `table` for people, `json` / `jsonl` / `csv` for scripts."""
from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from .errors import GreffeError
from .serve import add_ingest_filters, add_subcommands

DEFAULT_DB = "greffe.duckdb"


def default_db() -> str:
    return os.environ.get("GREFFE_DB") or DEFAULT_DB


# ------------------------------------------------------------------------------------------
# commands

def cmd_doctor(args) -> int:
    """Check the installation: duckdb and its fts extension, the spaCy model, Tesseract."""
    from . import db
    from .nlp import load_nlp
    db.check_setup()
    print(f"duckdb {db.duckdb_version()} with fts: ok")
    nlp = load_nlp()
    print(f"spaCy {nlp.meta.get('lang')}_{nlp.meta.get('name')} {nlp.meta.get('version')}: ok")
    try:
        from .ocr import tesseract_version
        print(f"tesseract {tesseract_version()}: ok")
    except GreffeError as e:
        print(f"tesseract: missing ({e}); scanned PDFs will be quarantined", file=sys.stderr)
    return 0


def cmd_extract(args) -> int:
    """Print one decision record per document, without any database."""
    from .pipeline import Extracted, discover, fingerprint, process_all
    items = [(it, fingerprint(it)) for it in discover(args.paths)]
    failed = 0
    records = []
    for out in process_all(items, jobs=args.jobs):
        if isinstance(out, Extracted):
            rec = out.decision.to_record()
            if args.format == "jsonl":
                print(json.dumps(rec, ensure_ascii=False), flush=False)
            else:
                records.append(rec)
        else:
            failed += 1
            print(f"greffe: {out.item.path}: {out.reason}: {out.message}", file=sys.stderr)
    if args.format == "json":
        json.dump(records, sys.stdout, ensure_ascii=False, indent=1)
        print()
    return 1 if failed else 0


def cmd_ingest(args) -> int:
    """Run the ingestion flow (Prefect) over files and folders, then print the summary."""
    from . import db
    db.check_setup()
    if args.jobs <= 1 and not (args.dask or args.workers) and any(
            p.is_dir() or p.suffix.lower() == ".pdf" for p in map(Path, args.paths)):
        from .sandbox import prestart
        prestart()           # the first PDF's parser starts up while Prefect does
    prefect_defaults(verbose=args.verbose)
    from flows.ingest import ingest_flow
    progress = _Progress() if sys.stderr.isatty() and args.format == "table" else None
    from .serve import filters_from_args
    paths = [str(p) for p in args.paths]
    if args.dask or args.workers:
        from .distributed import on_cluster
        ingest_flow, paths = on_cluster(ingest_flow, paths, address=args.dask, workers=args.workers,
                                        jobs=args.jobs, quiet=not args.verbose)
    summary = ingest_flow(paths=paths, db_path=args.db, jobs=args.jobs,
                          retry_quarantined=args.retry_quarantined, filters=filters_from_args(args),
                          on_progress=progress.update if progress else None)
    if progress:
        progress.done()
    if args.format == "json":
        print(json.dumps(summary.as_dict(), ensure_ascii=False, indent=1))
        return 0
    retriable = f", {len(summary.retriable)} to retry" if summary.retriable else ""
    print(f"{summary.seen} documents: {summary.loaded} loaded, {summary.skipped} already present "
          f"(skipped), {len(summary.quarantined)} quarantined{retriable}")
    for path, reason, message in summary.quarantined:
        print(f"  quarantined  {reason:<18} {message}")
    for path, reason, message in summary.retriable:
        print(f"  to retry     {reason:<18} {message}")
    return 0


def prefect_defaults(verbose: bool = False) -> None:
    """Settings for Prefect unless the user chose otherwise: no analytics (no network here),
    room for a temporary server to start on a busy machine, and its logs only with -v."""
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("DO_NOT_TRACK", "1")
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "INFO" if verbose else "WARNING")
    if os.environ.get("PREFECT_HOME"):
        # Prefect's temporary server keeps its SQLite file there and does not create the folder
        Path(os.environ["PREFECT_HOME"]).expanduser().mkdir(parents=True, exist_ok=True)


def cmd_search(args) -> int:
    """Full-text search with filters; the best hits first."""
    from . import db
    filters = {k: getattr(args, k) for k in db.SEARCH_FILTERS if getattr(args, k, None) not in (None, False)}
    with db.connect_reader(args.db) as con:
        hits = db.search(con, args.query, limit=args.limit, **filters)
    rows = [h.as_dict() for h in hits]
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    elif args.format == "csv":
        out = io.StringIO()
        cols = ["id", "citation", "decision_date", "court", "decision_type", "outcomes", "score", "snippet"]
        w = csv.DictWriter(out, fieldnames=cols, extrasaction="ignore")
        w.writeheader()
        for r in rows:
            w.writerow({**r, "court": (r["court"] or {}).get("code") or (r["court"] or {}).get("kind"),
                        "outcomes": ";".join(r["outcomes"])})
        sys.stdout.write(out.getvalue())
    else:
        if not rows:
            print("no decision matches")
        for r in rows:
            print(_hit_block(r))
    return 0


def cmd_show(args) -> int:
    """The whole record of one decision, readable, with the page of each value."""
    from . import db
    with db.connect_reader(args.db) as con:
        rec = db.show(con, args.id)
    if args.format == "json":
        print(json.dumps(rec, ensure_ascii=False, indent=1, default=str))
    else:
        print(render_record(rec))
    return 0


def cmd_status(args) -> int:
    """What the base holds: decisions, sources, quarantined documents and why."""
    from . import db
    with db.connect_reader(args.db) as con:
        st = db.status(con)
        from .serve import status_extra
        st.update(status_extra(con))
    if args.format == "json":
        print(json.dumps(st, ensure_ascii=False, indent=1, default=str))
        return 0
    print(f"decisions    {st['decisions']}")
    print(f"sources      {st['sources']}")
    print(f"quarantined  {st['quarantined']}")
    for reason, n in sorted(st.get("quarantine_reasons", {}).items()):
        print(f"  {reason:<20} {n}")
    for key, value in st.items():
        if not isinstance(value, (dict, list)) and key not in ("decisions", "sources", "quarantined"):
            print(f"{key:<12} {value}")
    for title, key in (("quarantined documents", "quarantine"), ("to retry at the next run", "retriable")):
        if st.get(key):
            print(title)
            for q in st[key]:
                print(f"  {q['reason']:<20} {q['path']}\n  {'':<20} {q['message']}")
    return 0


def cmd_sql(args) -> int:
    """Run one read-only SQL statement on the published base (no writes, files or settings)."""
    from .sqlshell import run_one, statement_text
    res = run_one(args.db, statement_text(args.statement, args.file), seconds=args.timeout,
                  memory_limit=args.memory)
    if args.format == "json":
        print(json.dumps([dict(zip(res.columns, r)) for r in res.rows], ensure_ascii=False,
                         indent=1, default=str))
    elif args.format == "csv":
        w = csv.writer(sys.stdout)
        w.writerow(res.columns)
        w.writerows(res.rows)
    else:
        cells = [res.columns] + [["" if v is None else str(v) for v in r] for r in res.rows]
        widths = [max(len(row[i]) for row in cells) for i in range(len(res.columns))]
        for n, row in enumerate(cells):
            print("  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip())
            if n == 0:
                print("  ".join("-" * w for w in widths))
        print(f"({len(res.rows)} row{'s' if len(res.rows) != 1 else ''})")
    return 0


def cmd_export(args) -> int:
    """Write the decisions a search selects to a Parquet, CSV or JSON-lines file."""
    from . import db
    from .export import export
    filters = {k: getattr(args, k) for k in db.SEARCH_FILTERS if getattr(args, k, None) not in (None, False)}
    with db.connect_reader(args.db) as con:
        n = export(con, args.out, fmt=args.format, query=args.query, force=args.force, **filters)
    print(f"{n} decision{'s' if n != 1 else ''} written to {args.out} ({args.format})", file=sys.stderr)
    return 0


def cmd_similar(args) -> int:
    """The decisions closest to a draft filing (PDF or text) or to a decision of the base."""
    from . import db
    from .similar import similar, render_table
    filters = {k: getattr(args, k) for k in db.SEARCH_FILTERS if getattr(args, k, None) not in (None, False)}
    with db.connect_reader(args.db) as con:
        found = similar(con, args.source, limit=args.limit, **filters)
    if args.format == "json":
        print(json.dumps(found.as_dict(), ensure_ascii=False, indent=1))
    else:
        print(render_table(found))
    return 0


# ------------------------------------------------------------------------------------------
# rendering

def _hit_block(r: dict) -> str:
    outcome = ", ".join(r.get("outcomes") or []) or "-"
    lines = [f"{r['citation']}    [{outcome}]  score {r['score']:.2f}" if r.get("score") is not None
             else f"{r['citation']}    [{outcome}]"]
    if r.get("summary"):
        lines.append(f"  {r['summary']}")
    if r.get("snippet"):
        lines.append(f"  {r['snippet']}")
    lines.append(f"  id {r['id']}")
    return "\n".join(lines) + "\n"


def _page(x: dict) -> str:
    return f"  (p. {x['page']})" if x.get("page") else ""


def render_record(rec: dict) -> str:
    c = rec.get("court") or {}
    out = [rec.get("citation") or rec["id"], ""]
    out.append(f"court        {c.get('name') or c.get('kind')} ({c.get('code') or '-'})")
    out.append(f"numbers      {', '.join(rec.get('case_numbers') or [])}")
    out.append(f"date         {rec.get('decision_date') or '-'}")
    out.append(f"type         {rec.get('decision_type') or '-'}; formation {rec.get('formation') or '-'}; "
               f"procedure {rec.get('procedure') or '-'}")
    out.append(f"outcomes     {', '.join(rec.get('outcomes') or []) or '-'}")
    out.append(f"topics       {', '.join(rec.get('topics') or []) or '-'}")
    out.append(f"judges       {', '.join(rec.get('judges') or []) or '-'}")
    out.append("parties")
    for p in rec.get("parties") or []:
        auth = f" [{p['authority']}]" if p.get("authority") else ""
        out.append(f"  {p['role']:<11} {p['name']} ({p['kind']}){auth}{_page(p)}")
    if rec.get("injunctions"):
        out.append("injunctions")
        for i in rec["injunctions"]:
            extra = []
            if i.get("deadline"):
                extra.append(i["deadline"]["text"])
            if i.get("astreinte"):
                a = i["astreinte"]
                extra.append(f"astreinte {_amount(a)}")
            out.append(f"  {i['addressee']}: {i['measure']}" + (f" ({'; '.join(extra)})" if extra else "")
                       + _page(i))
    if rec.get("astreintes"):
        out.append("astreintes")
        for a in rec["astreintes"]:
            out.append(f"  {a['status']:<10} {_amount(a)}{_page(a)}")
    if rec.get("deadlines"):
        out.append("deadlines")
        for d in rec["deadlines"]:
            out.append(f"  {d['status']:<10} {d['text']}{_page(d)}")
    if rec.get("sources"):
        out.append("sources")
        for s in rec["sources"]:
            pages = f", {s['pages']} pages" if s.get("pages") else ""
            ocr = ", OCR" if s.get("ocr") else ""
            out.append(f"  {s['format']:<4} {s['path']}{pages}{ocr}")
    if rec.get("dispositif"):
        out += ["", "dispositif", *("  " + line for line in rec["dispositif"].strip().splitlines())]
    return "\n".join(out)


def _amount(a: dict) -> str:
    if a.get("amount_eur") is None:
        return "(no amount)"
    amount = f"{a['amount_eur']:,.2f}".replace(",", "\u202f").replace(".00", "").replace(".", ",")
    return f"{amount} € par {a['period']}" if a.get("period") else f"{amount} €"


class _Progress:
    """A one-line progress counter on stderr (only on a terminal)."""

    def __init__(self):
        self.n = 0

    def update(self, s) -> None:
        self.n += 1
        sys.stderr.write(f"\r  {self.n} processed: {s.loaded} loaded, {len(s.quarantined)} quarantined ")
        sys.stderr.flush()

    def done(self) -> None:
        sys.stderr.write("\n")


# ------------------------------------------------------------------------------------------
# parser

def add_search_filters(sp: argparse.ArgumentParser) -> None:
    """The filters of `greffe search` (db.SEARCH_FILTERS), shared by every command that searches."""
    sp.add_argument("--court-kind", dest="court_kind", help="TA, CAA or CE")
    sp.add_argument("--city", help="seat of the court, e.g. Grenoble")
    sp.add_argument("--since", help="decisions on or after this date (YYYY-MM-DD)")
    sp.add_argument("--until", help="decisions on or before this date (YYYY-MM-DD)")
    sp.add_argument("--outcome", help="rejet, injonction, non-lieu, ...")
    sp.add_argument("--court", dest="court_code", help="open-data court code, e.g. TA38, CAA69, CE")
    sp.add_argument("--type", dest="decision_type", help="ordonnance, jugement, arret, decision, avis")
    sp.add_argument("--procedure", help="refere-liberte, refere-suspension, refere-mesures-utiles, ...")
    sp.add_argument("--authority", help="an administration's key, e.g. prefet:isere, ministre:interieur")
    sp.add_argument("--topic", help="anef, rendez-vous-prefecture, titre-de-sejour, asile, ...")
    sp.add_argument("--case-number", dest="case_number", help="a case number, e.g. 2506085")
    sp.add_argument("--with-injunction", dest="has_injunction", action="store_true", default=None,
                    help="only decisions where the court enjoined an authority")
    sp.add_argument("--astreinte", action="store_true", default=None,
                    help="only decisions that pronounced an astreinte (not merely asked for, "
                    "refused or liquidated)")
    sp.add_argument("--min-amount", dest="min_amount", type=_euros_arg, metavar="EUROS",
                    help="a pronounced astreinte of at least this amount, in euros per period as "
                    "the court states it (100 for '100 euros par jour'); implies --astreinte")
    sp.add_argument("--max-amount", dest="max_amount", type=_euros_arg, metavar="EUROS",
                    help="a pronounced astreinte of at most this amount (inclusive); implies --astreinte")


def _euros_arg(value: str) -> float:
    """An amount given on the command line (`--min-amount 100`), checked as db.search checks it."""
    from . import db
    from .errors import InvalidFilter
    try:
        return db._amount_filter("amount", value)
    except InvalidFilter as e:
        raise argparse.ArgumentTypeError(str(e)) from e


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="greffe", description="A searchable case-law base of French "
                                "administrative-court decisions.")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def db_arg(sp):
        sp.add_argument("--db", default=default_db(),
                        help=f"the DuckDB base (default: $GREFFE_DB, else {DEFAULT_DB})")

    sp = sub.add_parser("doctor", help=cmd_doctor.__doc__)
    sp.set_defaults(func=cmd_doctor)

    sp = sub.add_parser("extract", help=cmd_extract.__doc__)
    sp.add_argument("paths", nargs="+", help="PDF or XML files, ZIP archives, folders")
    sp.add_argument("--format", choices=["jsonl", "json"], default="jsonl")
    sp.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    sp.set_defaults(func=cmd_extract)

    sp = sub.add_parser("ingest", help=cmd_ingest.__doc__)
    sp.add_argument("paths", nargs="+", help="PDF or XML files, ZIP archives, folders (recursively)")
    db_arg(sp)
    sp.add_argument("--jobs", type=int, default=1, help="worker processes for parsing and extraction")
    cluster = sp.add_mutually_exclusive_group()
    cluster.add_argument("--dask", metavar="ADDRESS",
                         help="parse and extract on this running Dask cluster (tcp://scheduler:8786); "
                              "the workers must read the same paths")
    cluster.add_argument("--workers", type=int, metavar="N",
                         help="parse and extract on a local Dask cluster of N processes")
    sp.add_argument("--retry-quarantined", action="store_true",
                    help="try again the documents quarantined by earlier runs")
    sp.add_argument("--format", choices=["table", "json"], default="table")
    sp.add_argument("-v", "--verbose", action="store_true", help="show Prefect's flow and task logs")
    add_ingest_filters(sp)
    sp.set_defaults(func=cmd_ingest)

    sp = sub.add_parser("search", help=cmd_search.__doc__)
    sp.add_argument("query", nargs="?", default=None,
                    help='words, "quoted phrases"; omit to list by filters only')
    db_arg(sp)
    sp.add_argument("--limit", type=int, default=10)
    sp.add_argument("--format", choices=["table", "json", "csv"], default="table")
    add_search_filters(sp)
    sp.set_defaults(func=cmd_search)

    sp = sub.add_parser("show", help=cmd_show.__doc__)
    sp.add_argument("id", help="decision id, e.g. TA38_2506085_20250721")
    db_arg(sp)
    sp.add_argument("--format", choices=["text", "json"], default="text")
    sp.set_defaults(func=cmd_show)

    sp = sub.add_parser("status", help=cmd_status.__doc__)
    db_arg(sp)
    sp.add_argument("--format", choices=["table", "json"], default="table")
    sp.set_defaults(func=cmd_status)

    sp = sub.add_parser("sql", help=cmd_sql.__doc__)
    sp.add_argument("statement", nargs="?", default=None,
                    help="one SQL statement, e.g. \"SELECT court_code, count(*) FROM decisions_v GROUP BY 1\"")
    sp.add_argument("--file", help="read the statement from this file, e.g. sql/research/judges_by_court.sql")
    db_arg(sp)
    sp.add_argument("--format", choices=["table", "csv", "json"], default="table")
    sp.add_argument("--timeout", type=float, default=60.0, help="seconds before the query is stopped")
    sp.add_argument("--memory", default="2GB", help="memory limit of the query (DuckDB syntax)")
    sp.set_defaults(func=cmd_sql)

    sp = sub.add_parser("export", help=cmd_export.__doc__)
    db_arg(sp)
    sp.add_argument("--format", choices=["parquet", "csv", "jsonl"], required=True,
                    help="parquet or csv: one row per decision (the columns of decisions_v); "
                    "jsonl: one contract record per line")
    sp.add_argument("--query", default=None, help='words, "quoted phrases" (omit: every decision '
                    "that passes the filters)")
    sp.add_argument("--out", required=True, help="the file to write")
    sp.add_argument("--force", action="store_true", help="replace --out when it exists")
    add_search_filters(sp)
    sp.set_defaults(func=cmd_export)

    sp = sub.add_parser("similar", help=cmd_similar.__doc__)
    sp.add_argument("source", help="a draft filing (FILE.pdf or FILE.txt) or a decision id")
    db_arg(sp)
    sp.add_argument("--limit", type=int, default=10)
    sp.add_argument("--format", choices=["table", "json"], default="table")
    add_search_filters(sp)
    sp.set_defaults(func=cmd_similar)

    add_subcommands(sub, db_arg)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except GreffeError as e:
        print(f"greffe: {e}", file=sys.stderr)
        return 1
    except FileNotFoundError as e:
        print(f"greffe: {e}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())
