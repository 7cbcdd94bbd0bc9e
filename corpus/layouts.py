"""Documents named after the page-layout case they reproduce: corpus/layouts/{case}.pdf.

    .venv/bin/python corpus/layouts.py             # rebuild corpus/layouts (pdf + gold) in place
    .venv/bin/python corpus/layouts.py --out DIR   # build into DIR instead
    .venv/bin/python corpus/layouts.py --list      # one line per case: name, source order, what

Each document is one of the project's orders (corpus/orders.py) laid out or copied so that one
difficulty of real court PDFs stands out: the two-column header of page 1, a running header or
footer, hyphenation at line ends, loose justified lines, bold paragraph numbers and dispositif,
centred headings (digital, corpus/layout.py), and the scanned cases (corpus/scan.py): a page fed
sideways, a skewed photocopy, a mixed digital + scanned document, a text layer holding only a
stamp, a text layer of gibberish from a broken font. The text is the order's, so the gold is the
order's gold (`corpus/gold/{stem}.json`) with `identification` set to the case name (the scorer
matches a record to its gold by file name) and the page count of the new layout: `make eval`
scores them as the group `corpus-layouts`, `make demo` ingests them with the rest of corpus/,
and `tests/test_layouts.py` checks, per case, what the case is about.

The build is deterministic (fixed dates and seeds): the same bytes on every run.
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:           # corpus/ is a folder of scripts, not a package
    sys.path.insert(0, str(HERE))

from layout import Block, Layout, render  # noqa: E402

OUT = HERE / "layouts"
# a case name never ends in `-scan`, `-original`, `-legifrance`, `-variant`: score.py reads such a
# suffix as the layout of a copy of the decision named before it
SCAN_DPI = 150
# the order every scanned case copies: 2 pages, so that the OCR of a case stays short
SCANNED_SOURCE = "TA59_2410058_20241211"


@dataclass(frozen=True)
class LayoutCase:
    name: str                       # the file name: corpus/layouts/{name}.pdf
    source: str                     # the stem of the order in corpus/pdf
    what: str                       # the difficulty, one line
    digital: Callable[[Layout], Layout] | None = None    # the layout change (a digital case)
    scan: dict | None = None        # the options of corpus/scan.py's `scan` (a scanned case)


# ---- digital variants of an order's Layout ---------------------------------------------------

def _blocks(layout: Layout, fn: Callable[[Block], Block]) -> Layout:
    return dataclasses.replace(layout, blocks=tuple(fn(b) if isinstance(b, Block) else b
                                                    for b in layout.blocks))


def narrow_hyphenated(layout: Layout) -> Layout:
    """A narrower text column: many more words cut at line ends (`fonde-` / `ment`)."""
    left, top, _, bottom = layout.margins
    return dataclasses.replace(layout, margins=(left, top, 48.0, bottom))


def loose_justified(layout: Layout) -> Layout:
    """A narrow justified column and no hyphenation: wide, uneven gaps between the words."""
    layout = _blocks(layout, lambda b: dataclasses.replace(b, hyphenate=False))
    return dataclasses.replace(layout, margins=(40.0, 22.0, 40.0, 24.0))


# `1. Par une requête ...` -> `**1.** Par une requête ...`
_NUMBER = re.compile(r"^(\d+\.)\s")
# `Article 1er : ...`, `Article 2 : ...` -> `**Article 1er :** ...`
_ARTICLE = re.compile(r"^(Article\s+\d+(?:er)?\s*(?:\u00a0)?:)")


def bold_numbers(layout: Layout) -> Layout:
    """Paragraph numbers and the `Article N :` of the dispositif in bold (another font in the
    text layer, often a little wider)."""
    def bold(b: Block) -> Block:
        text = _NUMBER.sub(r"**\1** ", b.text)
        text = _ARTICLE.sub(r"**\1**", text)
        return dataclasses.replace(b, text=text)
    return _blocks(layout, bold)


_HEADINGS = re.compile(r"^(?:Vu la procédure suivante|Considérant ce qui suit|Sur |\*\*)")


def centred_headings(layout: Layout) -> Layout:
    """`Vu la procédure suivante :`, `Considérant ce qui suit :` and the dispositif heading
    centred on their own lines."""
    return _blocks(layout, lambda b: dataclasses.replace(b, align="C", indent=0)
                   if _HEADINGS.match(b.text) and len(b.text) < 60 else b)


CASES = [
    LayoutCase("two-column-header", "TA69_2503377_20250410",
               "page 1 header in two columns sharing their baselines (court, number, parties, "
               "judge, date | RÉPUBLIQUE FRANÇAISE, AU NOM DU PEUPLE FRANÇAIS, formation)",
               digital=lambda lay: lay),
    LayoutCase("running-header", "TA13_2409914_20241205",
               "court name and case number repeated at the top of pages 2 and after, page number below",
               digital=lambda lay: dataclasses.replace(lay, running="header-court")),
    LayoutCase("running-footer", "TA06_2404873_20250325",
               "`N° 2404873` and `page 2/3` at the foot of pages 2 and after",
               digital=lambda lay: dataclasses.replace(lay, running="footer-page-of")),
    LayoutCase("hyphenation", "TA44_2411452_20250204",
               "a narrow justified column: words cut at line ends with a hyphen",
               digital=narrow_hyphenated),
    LayoutCase("justified", "TA35_2404417_20250130",
               "loose justified lines: wide uneven gaps between words, no hyphenation",
               digital=loose_justified),
    LayoutCase("bold-numbers", "TA33_2504588_20250828",
               "bold paragraph numbers (`1.`) and bold `Article 1er :` in the dispositif",
               digital=bold_numbers),
    LayoutCase("centred-headings", "TA67_2502244_20250402",
               "centred headings (`Vu la procédure suivante :`, `Considérant ce qui suit :`, "
               "`O R D O N N E :`) on their own lines",
               digital=centred_headings),
    LayoutCase("rotated-page", SCANNED_SOURCE, "a scan whose page 2 was fed sideways (landscape)",
               scan={"rotate90": True, "seed": 11}),
    LayoutCase("skewed-photocopy", SCANNED_SOURCE, "a photocopy scanned 2.2 degrees askew, noisy",
               scan={"rotate_deg": 2.2, "seed": 12, "photocopy": True}),
    LayoutCase("mixed-digital-scanned", SCANNED_SOURCE,
               "page 1 scanned, page 2 digital with its text layer",
               scan={"digital_pages": [2], "seed": 13}),
    LayoutCase("stamp-text-layer", SCANNED_SOURCE,
               "a scan whose page 1 text layer holds only a « COPIE CONFORME » stamp",
               scan={"stamp": True, "seed": 14}),
    LayoutCase("broken-font-layer", SCANNED_SOURCE,
               "a scan with an invisible text layer of gibberish (a font with a broken Unicode map)",
               scan={"garbage_text_layer": True, "seed": 15}),
]


def _scan_module():
    import importlib.util
    spec = importlib.util.spec_from_file_location("greffe_corpus_scan", HERE / "scan.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module      # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def build(out: Path = OUT, corpus: Path = HERE, verbose: bool = False) -> list[Path]:
    """Write out/{case}.pdf and out/gold/{case}.json for every case of CASES."""
    from orders import build_all

    cases = {c.stem: c for c in build_all()}
    scan = _scan_module()
    (out / "gold").mkdir(parents=True, exist_ok=True)
    written = []
    for case in CASES:
        target = out / f"{case.name}.pdf"
        if case.digital is not None:
            pages = render(case.digital(cases[case.source].layout()), target)
            how = "corpus/layout.py"
        else:
            opts = dict(case.scan)
            seed = opts.pop("seed")
            if opts.pop("photocopy", False):
                opts["defect"] = scan.PHOTOCOPY
            data = scan.scan((corpus / "pdf" / f"{case.source}.pdf").read_bytes(), seed=seed,
                             dpi=SCAN_DPI, **opts)
            target.write_bytes(data)
            pages = _pages(data)
            how = f"corpus/scan.py ({', '.join(f'{k}={v}' for k, v in sorted(case.scan.items()))}, {SCAN_DPI} dpi)"
        gold = json.loads((corpus / "gold" / f"{case.source}.json").read_text(encoding="utf-8"))
        gold["identification"] = case.name
        notes = [n for n in gold.get("notes", []) if not n.startswith("pages:")]
        gold["notes"] = [f"pages: {pages}", *notes,
                         f"layout case {case.name}: {case.what}; corpus/pdf/{case.source}.pdf through {how}"]
        (out / "gold" / f"{case.name}.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n",
                                                        encoding="utf-8")
        written.append(target)
        if verbose:
            print(f"{case.name:22} {case.source}  {pages} p.  {case.what}")
    return written


def _pages(data: bytes) -> int:
    import pypdfium2 as pdfium
    doc = pdfium.PdfDocument(data)
    try:
        return len(doc)
    finally:
        doc.close()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--list", action="store_true")
    a = ap.parse_args(argv)
    written = build(a.out, verbose=a.list)
    print(f"{len(written)} layout cases -> {a.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
