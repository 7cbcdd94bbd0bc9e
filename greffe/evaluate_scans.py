"""Extraction on scans, against the same documents in their digital form.

Takes a deterministic sample of the real corpus's original PDFs (`../shared/corpus/pdf/original`),
makes a scanned copy of each with `corpus/scan.py` (the modes cycle: plain scan, noisy skewed
photocopy, a page fed sideways, a text stamp on page 1), runs the same extraction as
`greffe extract` over the digital originals and over the scans, and scores both with
`../shared/tools/score.py` from one JSONL (so that score.py prints the layouts `original` and
`scan` side by side), against the gold files of the sample only. Then prints the difference
scan minus digital per field, the seconds per page of each, and the documents where the scan's
record differs from the digital one on a key field.

    python -m greffe.evaluate_scans [--sample 40] [--shared ../shared] [--modes scan,photocopy,rotated,stamp]
                                    [--jobs 2] [--out var/scans] [--rescore]

The scans are cached under `var/scans/pdf/` (with `manifest.json` saying how each was made): a
second run only scans what is missing or was made otherwise; what OCR read of each page is kept
in `var/ocr-cache/` by the scan's sha256 (`--ocr-cache`), so a second run does not OCR again
(the OCR of the 40 scans, 103 pages, takes 10-17 minutes on 2 busy cores); `--rescore` scores
the records of the last run again without extracting. Target: every field within 0.03 of
the digital figure (`TOLERANCE`).
"""
from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

from .ocr import CACHE_ENV
from .pipeline import Extracted, discover, fingerprint, process_all

ROOT = Path(__file__).resolve().parent.parent
TOLERANCE = 0.03
DEFAULT_MODES = ("scan", "photocopy", "rotated", "stamp")
# the fields compared in the per-field table (score.py's metric names)
FIELDS = ["court.kind", "court.city", "case_number", "case_numbers", "decision_date", "decision_type",
          "formation", "procedure", "outcomes", "injunctions", "astreintes", "astreintes.amount_period",
          "deadlines", "parties", "judges"]


def load_scan_module():
    """corpus/scan.py (corpus/ is a folder of scripts, not a package)."""
    path = ROOT / "corpus" / "scan.py"
    if not path.is_file():
        raise FileNotFoundError(f"{path}: the scan tool is missing; it ships with the repository")
    spec = importlib.util.spec_from_file_location("greffe_corpus_scan", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module      # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def sample(originals: list[Path], n: int, seed: int = 0) -> list[Path]:
    """`n` of `originals`, the same ones on every run for a given seed, in name order."""
    files = sorted(originals)
    if n >= len(files):
        return files
    return sorted(random.Random(f"greffe-scans-{seed}").sample(files, n))


def make_scans(files: list[Path], modes: list[str], out: Path, *, seed: int = 0, dpi: int = 200) -> list[Path]:
    """A scanned copy of each file in out/pdf/{stem}_scan.pdf, mode i % len(modes) for the
    i-th file; reuses a copy already made from the same bytes with the same options."""
    scan = load_scan_module()
    pdf_dir = out / "pdf"
    pdf_dir.mkdir(parents=True, exist_ok=True)
    manifest_path = out / "manifest.json"
    manifest = json.loads(manifest_path.read_text()) if manifest_path.is_file() else {}
    made = []
    for i, f in enumerate(files):
        data = f.read_bytes()
        mode = modes[i % len(modes)]
        recipe = {"source": str(f), "source_sha256": hashlib.sha256(data).hexdigest(), "mode": mode,
                  "seed": scan.file_seed(seed, f), "dpi": dpi}
        target = pdf_dir / scan.scan_name(f)
        if not (target.is_file() and manifest.get(target.name) == recipe):
            target.write_bytes(scan.scan_mode(data, mode, seed=recipe["seed"], dpi=dpi))
            manifest[target.name] = recipe
            manifest_path.write_text(json.dumps(manifest, indent=1, sort_keys=True))
        made.append(target)
    # copies of other samples stay in the cache but are not scored
    return made


def extract_to(paths: list[Path], fh, jobs: int) -> tuple[dict[str, dict], int, float]:
    """Records of `paths` written to `fh`; returns (records by file name, pages, seconds)."""
    items = [(it, fingerprint(it)) for it in discover(paths)]
    records: dict[str, dict] = {}
    pages = 0
    t0 = time.perf_counter()
    for out in process_all(items, jobs=jobs):
        if isinstance(out, Extracted):
            rec = out.decision.to_record()
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
            records[Path(out.item.path).name] = rec
            pages += (rec.get("source") or {}).get("pages") or 0
        else:
            print(f"  unreadable: {out.item.path}: {out.reason}: {out.message}", file=sys.stderr)
    return records, pages, time.perf_counter() - t0


def _reload(pred: Path, files: list[Path], scans: list[Path]) -> tuple[dict[str, dict], dict[str, dict]]:
    """The records of the last run, digital and scanned, by file name."""
    by_name = {}
    for line in pred.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        by_name[Path(rec["source"]["path"]).name] = rec
    return ({f.name: by_name[f.name] for f in files if f.name in by_name},
            {f.name: by_name[f.name] for f in scans if f.name in by_name})


def gold_subset(gold_dir: Path, stems: list[str], out: Path) -> Path:
    """out/gold holding the gold files of `stems` only (score.py scores every gold file it sees)."""
    sub = out / "gold"
    if sub.is_dir():
        shutil.rmtree(sub)
    sub.mkdir(parents=True)
    for s in stems:
        g = gold_dir / f"{s}.json"
        if g.is_file():
            shutil.copyfile(g, sub / g.name)
        else:
            print(f"  no gold file for {s}", file=sys.stderr)
    return sub


def differences(digital: dict, scanned: dict) -> list[tuple[str, float, float, float]]:
    """(field, digital, scan, scan - digital) for the fields measured in both."""
    return [(k, digital[k], scanned[k], scanned[k] - digital[k]) for k in FIELDS
            if k in digital and k in scanned]


def key_facts(rec: dict) -> dict:
    """The facts of a record compared between a scan and its digital original."""
    court = rec.get("court") or {}
    return {"case_number": (rec.get("case_numbers") or [None])[0],
            "date": rec.get("decision_date"),
            "court": (court.get("kind"), court.get("city")),
            "type": rec.get("decision_type"),
            "formation": rec.get("formation"),
            "outcomes": sorted(map(str, rec.get("outcomes") or [])),
            "astreintes": sorted(str((a.get("amount_eur"), a.get("period"), a.get("status")))
                                 for a in rec.get("astreintes") or []),
            "deadlines": sorted(str((d.get("days"), d.get("months"), d.get("status")))
                                for d in rec.get("deadlines") or []),
            "injunctions": len(rec.get("injunctions") or []),
            "parties": sorted(str((p.get("name"), p.get("role"))) for p in rec.get("parties") or [])}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Extraction on scanned copies vs the digital originals.")
    ap.add_argument("--sample", type=int, default=40, help="number of original PDFs (default 40)")
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--modes", default=",".join(DEFAULT_MODES),
                    help="scan modes of corpus/scan.py, cycled over the sample")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--dpi", type=int, default=200)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--out", default=str(ROOT / "var" / "scans"))
    ap.add_argument("--rescore", action="store_true",
                    help="score the records of the last run again (no extraction, no OCR)")
    ap.add_argument("--ocr-cache", default=str(ROOT / "var" / "ocr-cache"),
                    help="folder keeping what OCR read of each scanned page, by file sha256 "
                         "(default var/ocr-cache; '' to read every page again)")
    a = ap.parse_args(argv)
    if a.ocr_cache:
        os.environ[CACHE_ENV] = a.ocr_cache      # read by greffe.ocr in the parsing children
    shared = Path(a.shared)
    score_py = shared / "tools" / "score.py"
    originals_dir = shared / "corpus" / "pdf" / "original"
    if not score_py.is_file() or not originals_dir.is_dir():
        print(f"evaluate_scans: {shared} has no tools/score.py or corpus/pdf/original; nothing to evaluate.")
        return 0
    modes = [m.strip() for m in a.modes.split(",") if m.strip()]
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)

    files = sample(list(originals_dir.glob("*.pdf")), a.sample, a.seed)
    t0 = time.perf_counter()
    scans = make_scans(files, modes, out, seed=a.seed, dpi=a.dpi)
    print(f"{len(scans)} scanned copies in {out / 'pdf'} ({time.perf_counter() - t0:.0f} s, cached)")
    gold = gold_subset(shared / "corpus" / "gold", [f.stem for f in files], out)

    pred = out / "pred.jsonl"
    timing_file = out / "timing.json"
    if a.rescore and pred.is_file() and timing_file.is_file():
        dig, scn = _reload(pred, files, scans)
        (dig_pages, dig_s), (scn_pages, scn_s) = json.loads(timing_file.read_text())
        print(f"(records of the last run reused from {pred})")
    else:
        with open(pred, "w", encoding="utf-8") as fh:
            dig, dig_pages, dig_s = extract_to(files, fh, a.jobs)
            scn, scn_pages, scn_s = extract_to(scans, fh, a.jobs)
        timing_file.write_text(json.dumps([[dig_pages, dig_s], [scn_pages, scn_s]]))
    metrics_file = out / "metrics.json"
    proc = subprocess.run([sys.executable, str(score_py), "--gold", str(gold), "--pred", str(pred),
                           "--json", str(metrics_file)], capture_output=True, text=True)
    print(proc.stdout.rstrip())
    if proc.returncode not in (0, 1) or not metrics_file.is_file():
        print(proc.stderr, file=sys.stderr)
        return 2
    metrics = json.loads(metrics_file.read_text())
    digital = next((v for k, v in metrics.items() if k.endswith("/original")), {})
    scanned = next((v for k, v in metrics.items() if k.endswith("/scan")), {})

    print(f"\n===== scan minus digital ({len(files)} documents, modes {', '.join(modes)}) =====")
    rows = differences(digital, scanned)
    width = max((len(r[0]) for r in rows), default=5)
    print(f"{'field'.ljust(width)}  digital   scan   diff")
    worse = []
    for k, d, s, diff in rows:
        flag = "  <-- beyond %.2f" % TOLERANCE if diff < -TOLERANCE else ""
        print(f"{k.ljust(width)}  {d:7.3f}  {s:5.3f}  {diff:+.3f}{flag}")
        if flag:
            worse.append(k)
    print(f"\ndigital: {len(dig)} documents, {dig_pages} pages in {dig_s:.0f} s "
          f"({dig_s / max(dig_pages, 1):.2f} s/page, {a.jobs} jobs)")
    print(f"scans:   {len(scn)} documents, {scn_pages} pages in {scn_s:.0f} s "
          f"({scn_s / max(scn_pages, 1):.2f} s/page, {a.jobs} jobs); "
          f"OCR adds {(scn_s - dig_s) / max(scn_pages, 1):.2f} s/page of wall time "
          f"(~{(scn_s - dig_s) * a.jobs / max(scn_pages, 1):.1f} s of one core)"
          + (f"; pages already read were taken from {a.ocr_cache}, so only a first run measures OCR"
             if a.ocr_cache else ""))

    print("\n===== documents whose scan disagrees with the digital original =====")
    scan_mod = load_scan_module()
    manifest = json.loads((out / "manifest.json").read_text())
    n_diff = 0
    for f in files:
        d, s = dig.get(f.name), scn.get(scan_mod.scan_name(f))
        if d is None or s is None:
            print(f"{f.stem}: {'digital' if d is None else 'scan'} record missing")
            n_diff += 1
            continue
        fd, fs = key_facts(d), key_facts(s)
        diff = {k: (fd[k], fs[k]) for k in fd if fd[k] != fs[k]}
        if diff:
            n_diff += 1
            mode = manifest.get(scan_mod.scan_name(f), {}).get("mode")
            print(f"{f.stem} [{mode}]: " + "; ".join(f"{k} {v[0]!r} -> {v[1]!r}" for k, v in diff.items()))
    if not n_diff:
        print("none")
    print(f"\n{'OK' if not worse else 'BEYOND TOLERANCE: ' + ', '.join(worse)}: every field within "
          f"{TOLERANCE} of the digital figure" + ("" if not worse else " is the target"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
