"""`make eval`: extraction quality, measured the one way the project agrees on.

Runs the same extraction as `greffe extract` over the real corpus (`../shared/corpus/xml` and
every layout under `../shared/corpus/pdf/`) and over the project's own `corpus/` (its digital
orders, the scanned copies of `corpus/scans/`, read by OCR, and the layout cases of
`corpus/layouts/`), writes the records as JSONL under `var/eval/`, and scores them with
`../shared/tools/score.py` against the gold files. Prints score.py's tables, then one
side-by-side table of the headline figures.

The scanned column: a sample of `--scan-sample` originals (40, the sample of
`greffe.evaluate_scans`) is scanned with `corpus/scan.py` into `var/scans/` (git-ignored, made
once), read by OCR and scored as `scan`; `original-sample` scores the digital originals' records
of the same documents (taken from the `original` group, not extracted twice), so that the two
columns compare the same decisions. What OCR read of each page is kept in `var/ocr-cache/` by
the file's sha256 (`--ocr-cache`): a second `make eval` does not OCR again.

    python -m greffe.evaluate [--shared ../shared] [--only xml,original,legifrance,corpus,scan]
                              [--scan-sample 40] [--jobs 2]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from .evaluate_scans import TOLERANCE
from .ocr import CACHE_ENV
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
    if (ROOT / "corpus" / "layouts" / "gold").is_dir():
        out["corpus-layouts"] = ([ROOT / "corpus" / "layouts"], ROOT / "corpus" / "layouts" / "gold")
    return out


def run_group(name: str, inputs: list[Path], gold: Path, score_py: Path, out_dir: Path, jobs: int) -> dict:
    """Extract `inputs` into out_dir/{name}.jsonl and score them against `gold`."""
    pred = out_dir / f"{name}.jsonl"
    items = [(it, fingerprint(it)) for it in discover(inputs)]
    t0 = time.perf_counter()
    n = refused = pages = 0
    with open(pred, "w", encoding="utf-8") as fh:
        for out in process_all(items, jobs=jobs):
            if isinstance(out, Extracted):
                rec = out.decision.to_record()
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
                n += 1
                pages += (rec.get("source") or {}).get("pages") or 0
            else:
                refused += 1
                print(f"  {name}: {out.item.path}: {out.reason}", file=sys.stderr)
    seconds = time.perf_counter() - t0
    return score_group(name, pred, gold, score_py, out_dir,
                       f"{n} records, {pages} pages in {seconds:.0f} s ({refused} unreadable)")


def score_group(name: str, pred: Path, gold: Path, score_py: Path, out_dir: Path, what: str) -> dict:
    """score.py's figures for the records of `pred` (printed under a `===== name: what` title),
    with the share of decisions whose dispositif zone was found."""
    gold_has = _gold_dispositif(gold)
    with_dispositif = gold_dispositif = 0
    for line in pred.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        if gold_has.get(_stem(rec), True):
            gold_dispositif += 1
            with_dispositif += any(z["name"] == "dispositif" for z in rec["zones"])
    metrics_file = out_dir / f"{name}.metrics.json"
    proc = subprocess.run([sys.executable, str(score_py), "--gold", str(gold), "--pred", str(pred),
                           "--json", str(metrics_file)], capture_output=True, text=True)
    print(f"\n===== {name}: {what} =====")
    print(proc.stdout.rstrip())
    if proc.returncode not in (0, 1):
        print(proc.stderr, file=sys.stderr)
        return {}
    metrics = json.loads(metrics_file.read_text())
    last = metrics[list(metrics)[-1]]
    last["dispositif_found"] = with_dispositif / gold_dispositif if gold_dispositif else 0.0
    return last


def _stem(rec: dict) -> str:
    """The gold stem of a record: its file name without `_scan` (score.py matches the same way)."""
    stem = Path((rec.get("source") or {}).get("path") or "").stem
    return stem[:-len("_scan")] if stem.endswith("_scan") else stem


def scan_groups(shared: Path, n: int, score_py: Path, out_dir: Path, jobs: int,
                original_pred: Path | None) -> dict[str, dict]:
    """`original-sample` and `scan`: the `n` sampled originals of greffe.evaluate_scans, digital
    (their records from `original_pred`, or extracted now) and scanned (read by OCR)."""
    from .evaluate_scans import DEFAULT_MODES, gold_subset, make_scans, sample

    files = sample(list((shared / "corpus" / "pdf" / "original").glob("*.pdf")), n)
    if not files:
        return {}
    t0 = time.perf_counter()
    scans = make_scans(files, list(DEFAULT_MODES), ROOT / "var" / "scans")
    print(f"\n{len(scans)} scanned copies in var/scans/pdf ({time.perf_counter() - t0:.0f} s; made once, then reused)")
    gold = gold_subset(shared / "corpus" / "gold", [f.stem for f in files], out_dir / "scan-sample")
    out: dict[str, dict] = {}
    stems = {f.stem for f in files}
    if original_pred is not None and original_pred.is_file():
        pred = out_dir / "original-sample.jsonl"
        kept = [ln for ln in original_pred.read_text(encoding="utf-8").splitlines()
                if ln and _stem(json.loads(ln)) in stems]
        pred.write_text("".join(ln + "\n" for ln in kept), encoding="utf-8")
        out["original-sample"] = score_group("original-sample", pred, gold, score_py, out_dir,
                                             f"the {len(kept)} records of `original` in the sample")
    else:
        out["original-sample"] = run_group("original-sample", files, gold, score_py, out_dir, jobs)
    out["scan"] = run_group("scan", scans, gold, score_py, out_dir, jobs)
    return out


def _gold_dispositif(gold: Path) -> dict[str, bool]:
    """Every decision of the corpora has a dispositif; a gold file may say otherwise."""
    out = {}
    for f in gold.glob("*.json"):
        g = json.loads(f.read_text(encoding="utf-8"))
        out[Path(g.get("identification", f.stem)).stem] = g.get("has_dispositif", True)
    return out


SCAN_DIFF = "scan-diff"      # the column `scan` minus `original-sample`


def with_scan_diff(results: dict[str, dict]) -> dict[str, dict]:
    """`results` with `original-sample`, `scan` and their difference right after `original`."""
    order = [n for n in results if n not in ("original-sample", "scan")]
    at = order.index("original") + 1 if "original" in order else len(order)
    extra = [n for n in ("original-sample", "scan") if n in results]
    out = {n: results[n] for n in order[:at] + extra + order[at:]}
    if "original-sample" in results and "scan" in results:
        d, s = results["original-sample"], results["scan"]
        diff = {k: s[k] - d[k] for k, *_ in HEADLINE if isinstance(d.get(k), (int, float))
                and isinstance(s.get(k), (int, float))}
        out = {n: out[n] for n in order[:at] + extra} | {SCAN_DIFF: diff} | {n: out[n] for n in order[at:]}
    return out


def side_by_side(results: dict[str, dict]) -> str:
    names = list(results)
    rows = [["field", "metric", *names]]
    for key, label, kind in HEADLINE:
        if not any(key in r for r in results.values()):
            continue
        rows.append([label, kind, *((f"{results[n][key]:+.3f}" if n == SCAN_DIFF else f"{results[n][key]:.3f}")
                                    if key in results[n] else "-" for n in names)])
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
    ap.add_argument("--only", help="comma-separated groups: xml, original, legifrance, corpus, scan, ...")
    ap.add_argument("--scan-sample", type=int, default=40,
                    help="originals scanned and read by OCR for the `scan` column (default 40, 0: none)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--out", default=str(ROOT / "var" / "eval"))
    ap.add_argument("--ocr-cache", default=str(ROOT / "var" / "ocr-cache"),
                    help="folder keeping what OCR read of each scanned page, by file sha256 "
                         "(default var/ocr-cache; '' to read every page again)")
    a = ap.parse_args(argv)
    if a.ocr_cache:
        os.environ[CACHE_ENV] = a.ocr_cache      # read by greffe.ocr in the parsing children
    shared = Path(a.shared)
    score_py = shared / "tools" / "score.py"
    if not score_py.is_file():
        print(f"make eval: {shared} is not here (the real corpus and its scorer ship with the project's "
              "shared folder); nothing to evaluate.")
        return 0
    out_dir = Path(a.out)
    out_dir.mkdir(parents=True, exist_ok=True)
    todo = groups(shared)
    scanning = a.scan_sample > 0 and (shared / "corpus" / "pdf" / "original").is_dir()
    if a.only:
        wanted = [x.strip() for x in a.only.split(",")]
        unknown = [x for x in wanted if x not in todo and not (x == "scan" and scanning)]
        if unknown:
            ap.error(f"unknown group(s) {unknown}; choose among {sorted(todo) + ['scan'] * scanning}")
        todo = {k: v for k, v in todo.items() if k in wanted}
        scanning = scanning and "scan" in wanted
    results = {name: run_group(name, inputs, gold, score_py, out_dir, a.jobs)
               for name, (inputs, gold) in todo.items()}
    if scanning:
        t0 = time.perf_counter()
        results.update(scan_groups(shared, a.scan_sample, score_py, out_dir, a.jobs,
                                   out_dir / "original.jsonl" if "original" in todo else None))
        print(f"(scan column: {time.perf_counter() - t0:.0f} s, OCR cache {os.environ.get(CACHE_ENV) or 'off'})")
    print("\n===== side by side =====")
    print(side_by_side(with_scan_diff(results)))
    if SCAN_DIFF in with_scan_diff(results):
        print(f"(original-sample: the digital originals of the {a.scan_sample} sampled decisions; scan: their "
              f"scanned copies read by OCR; {SCAN_DIFF}: scan minus original-sample, target within "
              f"{TOLERANCE} on every field)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
