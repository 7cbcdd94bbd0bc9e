"""`make eval`: extraction quality, measured the one way the project agrees on.

Runs the same extraction as `greffe extract` over the real corpus (`../shared/corpus/xml` and
every layout under `../shared/corpus/pdf/`) and over the project's own `corpus/` (its digital
orders, and the scanned copies of `corpus/scans/`, read by OCR), writes the
records as JSONL under `var/eval/`, and scores them with `../shared/tools/score.py` against the
gold files. Prints score.py's tables, then one side-by-side table of the headline figures.

    python -m greffe.evaluate [--shared ../shared] [--only xml,original,legifrance,corpus] [--jobs 2]
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

from .pipeline import Extracted, fingerprint, process_all
from .pipeline import discover

ROOT = Path(__file__).resolve().parent.parent
HEADLINE = [("court.kind", "court kind", "acc"), ("court.city", "court city", "acc"),
            ("case_number", "main case number", "acc"), ("decision_date", "decision date", "acc"),
            ("decision_type", "decision type", "acc"), ("formation", "formation", "acc"),
            ("procedure", "procedure", "acc"),
            ("outcomes", "outcomes", "F1"), ("astreintes", "astreintes", "F1"),
            ("deadlines", "deadlines", "F1"), ("injunctions", "injunctions", "F1"),
            ("parties", "parties", "F1"), ("judges", "judges", "F1"),
            ("dispositif_found", "dispositif zone found", "share")]


def groups(shared: Path) -> dict[str, tuple[list[Path], Path]]:
    """name -> (inputs, gold folder)."""
    out: dict[str, tuple[list[Path], Path]] = {}
    corpus = shared / "corpus"
    if (corpus / "xml").is_dir():
        out["xml"] = ([corpus / "xml"], corpus / "gold")
        for layout in sorted(p for p in (corpus / "pdf").glob("*") if p.is_dir()):
            out[layout.name] = ([layout], corpus / "gold")
    if (ROOT / "corpus" / "gold").is_dir():
        out["corpus"] = ([ROOT / "corpus" / "pdf"], ROOT / "corpus" / "gold")
    if (ROOT / "corpus" / "scans" / "gold").is_dir():
        out["corpus-scans"] = ([ROOT / "corpus" / "scans"], ROOT / "corpus" / "scans" / "gold")
    return out


def run_group(name: str, inputs: list[Path], gold: Path, score_py: Path, out_dir: Path, jobs: int) -> dict:
    pred = out_dir / f"{name}.jsonl"
    items = [(it, fingerprint(it)) for it in discover(inputs)]
    t0 = time.perf_counter()
    n = refused = with_dispositif = gold_dispositif = 0
    gold_has = _gold_dispositif(gold)
    with open(pred, "w", encoding="utf-8") as fh:
        for out in process_all(items, jobs=jobs):
            if isinstance(out, Extracted):
                rec = out.decision.to_record()
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
                n += 1
                stem = Path(out.item.path).stem
                if gold_has.get(stem, True):
                    gold_dispositif += 1
                    with_dispositif += any(z["name"] == "dispositif" for z in rec["zones"])
            else:
                refused += 1
                print(f"  {name}: {out.item.path}: {out.reason}", file=sys.stderr)
    seconds = time.perf_counter() - t0
    metrics_file = out_dir / f"{name}.metrics.json"
    proc = subprocess.run([sys.executable, str(score_py), "--gold", str(gold), "--pred", str(pred),
                           "--json", str(metrics_file)], capture_output=True, text=True)
    print(f"\n===== {name}: {n} records in {seconds:.0f} s ({refused} unreadable) =====")
    print(proc.stdout.rstrip())
    if proc.returncode not in (0, 1):
        print(proc.stderr, file=sys.stderr)
        return {}
    metrics = json.loads(metrics_file.read_text())
    last = metrics[list(metrics)[-1]]
    last["dispositif_found"] = with_dispositif / gold_dispositif if gold_dispositif else 0.0
    return last


def _gold_dispositif(gold: Path) -> dict[str, bool]:
    """Every decision of the corpora has a dispositif; a gold file may say otherwise."""
    out = {}
    for f in gold.glob("*.json"):
        g = json.loads(f.read_text(encoding="utf-8"))
        out[Path(g.get("identification", f.stem)).stem] = g.get("has_dispositif", True)
    return out


def side_by_side(results: dict[str, dict]) -> str:
    names = list(results)
    rows = [["field", "metric", *names]]
    for key, label, kind in HEADLINE:
        if not any(key in r for r in results.values()):
            continue
        rows.append([label, kind, *(f"{results[n][key]:.3f}" if key in results[n] else "-" for n in names)])
    w = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for i, r in enumerate(rows):
        lines.append("  ".join(c.ljust(w[j]) if j < 2 else c.rjust(w[j]) for j, c in enumerate(r)))
        if i == 0:
            lines.append("  ".join("-" * x for x in w))
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Score extraction against the gold files.")
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--only", help="comma-separated groups: xml, original, legifrance, corpus, ...")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--out", default=str(ROOT / "var" / "eval"))
    a = ap.parse_args(argv)
    shared = Path(a.shared)
    score_py = shared / "tools" / "score.py"
    if not score_py.is_file():
        print(f"make eval: {shared} is not here (the real corpus and its scorer ship with the project's "
              "shared folder); nothing to evaluate.")
        return 0
    out_dir = Path(a.out)
    out_dir.mkdir(parents=True, exist_ok=True)
    todo = groups(shared)
    if a.only:
        wanted = [x.strip() for x in a.only.split(",")]
        unknown = [x for x in wanted if x not in todo]
        if unknown:
            ap.error(f"unknown group(s) {unknown}; choose among {sorted(todo)}")
        todo = {k: v for k, v in todo.items() if k in wanted}
    results = {name: run_group(name, inputs, gold, score_py, out_dir, a.jobs)
               for name, (inputs, gold) in todo.items()}
    print("\n===== side by side =====")
    print(side_by_side(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
