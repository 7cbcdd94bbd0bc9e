"""Build the project's corpus of tribunal orders: corpus/pdf/{stem}.pdf and corpus/gold/{stem}.json.

    .venv/bin/python corpus/generate.py            # rebuild corpus/pdf and corpus/gold in place
    .venv/bin/python corpus/generate.py --out DIR  # build into DIR/pdf and DIR/gold instead
    .venv/bin/python corpus/generate.py --list     # one line per order: stem, pages, what it exercises
    .venv/bin/python corpus/generate.py --table    # the table of documents of corpus/README.md

The orders are written for the project (corpus/orders.py); each PDF and its gold file come from
the same structured description (corpus/cases.py), so the gold is right by construction. The
build is deterministic: the same bytes on every run, so `git diff` shows real changes only.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:           # corpus/ is a folder of scripts, not a package
    sys.path.insert(0, str(HERE))

from layout import render  # noqa: E402
from orders import build_all  # noqa: E402


def write_gold(gold: dict, path: Path) -> None:
    path.write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def build(out: Path, verbose: bool = False) -> list[tuple[str, int, str]]:
    """Render every order into out/pdf and out/gold; remove files of orders that no longer exist.
    Returns (stem, pages, exercises) for each order."""
    pdf_dir, gold_dir = out / "pdf", out / "gold"
    pdf_dir.mkdir(parents=True, exist_ok=True)
    gold_dir.mkdir(parents=True, exist_ok=True)
    rows = []
    stems = set()
    for case in build_all():
        pages = render(case.layout(), pdf_dir / f"{case.stem}.pdf")
        gold = case.gold()
        gold["notes"] = [f"pages: {pages}"] + gold["notes"]
        write_gold(gold, gold_dir / f"{case.stem}.json")
        stems.add(case.stem)
        rows.append((case.stem, pages, case.exercises))
        if verbose:
            print(f"{case.stem}  {pages} p.  {case.exercises}")
    for d, ext in ((pdf_dir, ".pdf"), (gold_dir, ".json")):
        for f in d.glob(f"*{ext}"):
            if f.stem not in stems:
                f.unlink()
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=HERE, help="folder that receives pdf/ and gold/ (default: corpus/)")
    ap.add_argument("--list", action="store_true", help="print one line per order")
    ap.add_argument("--table", action="store_true", help="also print the README's table of documents")
    a = ap.parse_args(argv)
    rows = build(a.out, verbose=a.list)
    if a.table:
        golds = {s: json.loads((a.out / "gold" / f"{s}.json").read_text(encoding="utf-8"))["fields"] for s, _, _ in rows}
        print("| stem | pages | procedure | outcomes | what it exercises |\n|---|---|---|---|---|")
        for stem, pages, what in rows:
            f = golds[stem]
            print(f"| `{stem}` | {pages} | {f['procedure']} | {', '.join(f['outcomes'])} | {what} |")
    print(f"{len(rows)} orders, {sum(p for _, p, _ in rows)} pages -> {a.out / 'pdf'}, {a.out / 'gold'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
