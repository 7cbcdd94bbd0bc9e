"""Make scanned versions of PDFs: what a decision looks like after a printer, a photocopier and a
scanner, so that the OCR path of greffe is tested on documents as they really arrive.

    .venv/bin/python corpus/scan.py IN.pdf... --out DIR [--seed N] [--mode scan|photocopy|mixed|rotated|stamp]
    .venv/bin/python corpus/scan.py --corpus          # rebuild corpus/scans/ (pdf + gold) in place

`X.pdf` becomes `DIR/X_scan.pdf` (the scorer strips `_scan` to find the gold of `X` and groups the
record as layout `scan`).

Every page to scan is rendered with pypdfium2 (grayscale, `dpi`), then: turned by a slight angle
(a sheet never lies straight on the glass), laid on grey uneven paper with toner that is not
quite black, blurred a little (the optics), sprinkled with gaussian noise and dust specks, and
saved as a JPEG. The pages are put back together, one image per page at the page's own size,
into a PDF with no text layer (fpdf2). Options:

- `rotate90`: page 2 (page 1 of a one-page document) was fed sideways: its image is turned by a
  quarter turn and the page is landscape;
- `stamp`: a rubber stamp « COPIE CONFORME » is put over the top-right corner of page 1 as real
  text (red, tilted): that page's text layer then holds only the stamp, the rest being an image;
- `blank_text_layer`: every scanned page carries an invisible text layer of spaces only (what
  some scanner drivers write), a text layer that says nothing;
- `garbage_text_layer`: every scanned page carries an invisible text layer that is gibberish:
  the page's own words with each letter and digit turned into punctuation, as a font with a
  broken Unicode map gives them (`Le juge` -> `3. 3>0.`); the page must be read by OCR;
- `digital_pages`: the pages (1-based) kept as they are, with their text layer (a mixed
  document: a signed last page scanned into a digital decision, and the like).

The result depends only on the input bytes and the options: the same `seed` gives the same bytes.
"""
from __future__ import annotations

import argparse
import hashlib
import io
import json
import re
import sys
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
CREATION_DATE = datetime(2025, 1, 1, tzinfo=timezone.utc)
STAMP_TEXT = ("COPIE", "CONFORME")
MODES = ("scan", "photocopy", "mixed", "rotated", "stamp")


@dataclass(frozen=True)
class Defect:
    """How bad the copy is."""
    paper: int = 236          # grey of the paper (0 black .. 255 white)
    toner: int = 40           # grey of the ink
    blur: float = 0.6         # gaussian blur radius, pixels
    noise: float = 4.0        # gaussian noise sigma, grey levels
    specks: float = 0.0004    # share of pixels that get a dark speck
    jpeg_quality: int = 35


def scan(pdf_bytes: bytes, *, seed: int, dpi: int = 200, rotate_deg: float | None = None,
         noise: float | None = None, rotate90: bool = False, stamp: bool = False,
         blank_text_layer: bool = False, garbage_text_layer: bool = False,
         digital_pages: Iterable[int] = (), defect: Defect = Defect()) -> bytes:
    """A scanned copy of `pdf_bytes` as PDF bytes.

    `rotate_deg`: the tilt of every scanned page in degrees (counter-clockwise); None draws one
    per page from `seed`, 0.3 to 1.5 degrees either way. `noise`: the sigma of the gaussian
    noise in grey levels (None: `defect.noise`). See the module doc for the other options."""
    import numpy as np
    import pypdfium2 as pdfium

    src = pdfium.PdfDocument(pdf_bytes)
    try:
        n = len(src)
        keep = {p for p in digital_pages if 1 <= p <= n}
        turned = (2 if n >= 2 else 1) if rotate90 else None
        if noise is not None:
            defect = replace(defect, noise=float(noise))
        pages = []      # (page_no, jpeg bytes or None, width pt, height pt)
        garbage: dict[int, list[str]] = {}
        for i in range(1, n + 1):
            page = src[i - 1]
            w, h = page.get_size()
            if i in keep:
                pages.append((i, None, w, h))
                page.close()
                continue
            if garbage_text_layer:
                textpage = page.get_textpage()
                garbage[i] = [broken_font(ln) for ln in textpage.get_text_range().splitlines() if ln.strip()]
                textpage.close()
            rng = np.random.default_rng([seed, i])
            angle = rotate_deg if rotate_deg is not None else float(
                rng.choice([-1, 1]) * rng.uniform(0.3, 1.5))
            image = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
            page.close()
            image = degrade(image, angle, rng, defect)
            if i == turned:
                from PIL import Image
                image = image.transpose(Image.Transpose.ROTATE_90)
                w, h = h, w
            buf = io.BytesIO()
            image.save(buf, "JPEG", quality=defect.jpeg_quality, optimize=True, progressive=True)
            pages.append((i, buf.getvalue(), w, h))
        images = _image_pdf([(i, jpg, w, h) for i, jpg, w, h in pages if jpg is not None],
                            stamp_page=1 if stamp and 1 not in keep else None,
                            blank_text_layer=blank_text_layer,
                            garbage=[garbage.get(i, []) for i, jpg, _, _ in pages if jpg is not None])
        if not keep:
            return images
        return _merge(src, images, [(i, jpg is None) for i, jpg, _, _ in pages])
    finally:
        src.close()


def degrade(image, angle: float, rng, defect: Defect = Defect()):
    """A clean grayscale page image as it comes out of a photocopier and a scanner."""
    import numpy as np
    from PIL import Image, ImageFilter

    # tilt: the sheet on the glass; what the rotation uncovers is paper
    if angle:
        image = image.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    ink = 1.0 - np.asarray(image, dtype=np.float32) / 255.0          # 0 paper .. 1 ink
    h, w = ink.shape
    # uneven paper: a gentle gradient and a few large blotches
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    gx, gy = rng.uniform(-6, 6, size=2)
    paper = defect.paper + gx * (xx / w - 0.5) + gy * (yy / h - 0.5)
    coarse = rng.normal(0, 4, size=(max(h // 64, 2), max(w // 64, 2))).astype(np.float32)
    blotch = Image.fromarray(coarse, mode="F").resize((w, h), Image.Resampling.BICUBIC)
    paper = paper + np.asarray(blotch, dtype=np.float32)
    grey = paper - ink * (paper - defect.toner)
    # dust and toner specks
    if defect.specks:
        mask = rng.random((h, w)) < defect.specks
        grey[mask] = rng.uniform(defect.toner, defect.toner + 80, size=int(mask.sum()))
    # sensor noise, then the optics blur it (and the JPEG keeps it small)
    if defect.noise:
        grey = grey + rng.normal(0, defect.noise, size=(h, w)).astype(np.float32)
    out = Image.fromarray(np.clip(grey, 0, 255).astype(np.uint8), mode="L")
    if defect.blur:
        out = out.filter(ImageFilter.GaussianBlur(defect.blur))
    return out


def broken_font(line: str) -> str:
    """A line as a font with a broken Unicode map puts it in the text layer: every letter and
    digit becomes a punctuation sign or a digit (`Le juge des référés` -> `3. 3>0. -.< ;:/:;:<`),
    spaces stay; what `greffe.pdf.needs_ocr` must recognise as gibberish."""
    signs = "!#$%&()*+,-./0123456789:;<=>?@"
    return "".join(signs[ord(ch) % len(signs)] if ch.isalnum() else (" " if ch.isspace() else ch)
                   for ch in line if ch.isspace() or ch.isascii() or ch.isalnum())


def _image_pdf(pages: list[tuple[int, bytes, float, float]], *, stamp_page: int | None,
               blank_text_layer: bool, garbage: list[list[str]] | None = None) -> bytes:
    """One page per JPEG, the image filling the page (sizes in points); `garbage`: the lines
    of gibberish of each page's invisible text layer."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt")
    pdf.set_creation_date(CREATION_DATE)
    pdf.set_creator("greffe corpus/scan.py")
    pdf.set_auto_page_break(False)
    pdf.set_margins(0, 0, 0)
    for k, (i, jpg, w, h) in enumerate(pages):
        pdf.add_page(format=(w, h))
        pdf.image(io.BytesIO(jpg), x=0, y=0, w=w, h=h)
        if blank_text_layer:
            pdf.set_font("helvetica", "", 10)
            with pdf.local_context(text_mode="INVISIBLE"):
                for y in range(72, int(h) - 72, 72):
                    pdf.text(72, y, " " * 40)
        lines = garbage[k] if garbage else []
        if lines:
            pdf.set_font("helvetica", "", 11)
            with pdf.local_context(text_mode="INVISIBLE"):
                for j, line in enumerate(lines):
                    pdf.text(72, 80 + j * min(14.0, (h - 150) / len(lines)), line)
        if i == stamp_page:
            _stamp(pdf, w)
    return bytes(pdf.output())


def _stamp(pdf, width: float) -> None:
    """« COPIE CONFORME » in a red frame, tilted, over the top-right corner."""
    cx, cy = width - 85, 34
    pdf.set_draw_color(190, 30, 30)
    pdf.set_text_color(190, 30, 30)
    pdf.set_line_width(2)
    with pdf.rotation(12, cx, cy):
        pdf.rect(cx - 70, cy - 26, 140, 52)
        pdf.set_font("helvetica", "B", 18)
        for k, word in enumerate(STAMP_TEXT):
            pdf.text(cx - pdf.get_string_width(word) / 2, cy - 4 + 20 * k, word)
    pdf.set_text_color(0, 0, 0)
    pdf.set_draw_color(0, 0, 0)


def _merge(src, images: bytes, order: list[tuple[int, bool]]) -> bytes:
    """The pages in `order`, from `src` when kept digital, else the next page of `images`."""
    import pypdfium2 as pdfium

    scanned = pdfium.PdfDocument(images)
    out = pdfium.PdfDocument.new()
    try:
        k = 0
        for pos, (i, digital) in enumerate(order):
            if digital:
                out.import_pages(src, pages=[i - 1], index=pos)
            else:
                out.import_pages(scanned, pages=[k], index=pos)
                k += 1
        buf = io.BytesIO()
        out.save(buf)
        return _fixed_stamps(buf.getvalue())
    finally:
        out.close()
        scanned.close()


def _fixed_stamps(data: bytes) -> bytes:
    """PDFium writes the time of saving as CreationDate and a file /ID of its own: replace both,
    keeping their lengths (so that the xref offsets stay right), by the fixed date and a digest
    of the rest, so that the same input gives the same bytes."""
    date = CREATION_DATE.strftime("%Y%m%d%H%M%S").encode()
    data = re.sub(rb"/CreationDate\(D:\d{14}", b"/CreationDate(D:" + date, data)
    blank = re.sub(rb"/ID\[<[0-9A-Fa-f]{32}><[0-9A-Fa-f]{32}>\]", b"/ID[]", data)
    digest = hashlib.md5(blank).hexdigest().upper().encode()
    return re.sub(rb"/ID\[<[0-9A-Fa-f]{32}><[0-9A-Fa-f]{32}>\]",
                  b"/ID[<" + digest + b"><" + digest + b">]", data)


# ---------------------------------------------------------------------------------------------
# the modes of the command line

PHOTOCOPY = Defect(paper=222, toner=55, blur=0.8, noise=8.0, specks=0.0015, jpeg_quality=30)


def scan_mode(pdf_bytes: bytes, mode: str, *, seed: int, dpi: int = 200) -> bytes:
    """`scan` with the options of one named mode:
    scan       every page scanned, tilted 0.3-1.5 degrees, light noise;
    photocopy  a copy of a copy: tilt 1.2-2.5 degrees, darker paper, more noise and specks, JPEG 30;
    mixed      odd pages scanned, even pages kept digital;
    rotated    as scan, page 2 (or 1) fed sideways;
    stamp      as scan, with a « COPIE CONFORME » text stamp on page 1."""
    import numpy as np
    import pypdfium2 as pdfium

    if mode == "scan":
        return scan(pdf_bytes, seed=seed, dpi=dpi)
    if mode == "photocopy":
        rng = np.random.default_rng([seed, 0])
        angle = float(rng.choice([-1, 1]) * rng.uniform(1.2, 2.5))
        return scan(pdf_bytes, seed=seed, dpi=dpi, rotate_deg=angle, defect=PHOTOCOPY)
    if mode == "mixed":
        doc = pdfium.PdfDocument(pdf_bytes)
        n = len(doc)
        doc.close()
        return scan(pdf_bytes, seed=seed, dpi=dpi, digital_pages=range(2, n + 1, 2))
    if mode == "rotated":
        return scan(pdf_bytes, seed=seed, dpi=dpi, rotate90=True)
    if mode == "stamp":
        return scan(pdf_bytes, seed=seed, dpi=dpi, stamp=True)
    raise ValueError(f"unknown scan mode {mode!r}; use one of {', '.join(MODES)}")


def scan_name(path: Path) -> str:
    """`X.pdf` -> `X_scan.pdf`, the name the scorer recognises."""
    return f"{path.stem}_scan.pdf"


# ---------------------------------------------------------------------------------------------
# corpus/scans: scanned copies of some of the project's orders

# (stem of corpus/pdf, mode, seed): what corpus/scans holds
CORPUS_SCANS = [
    ("TA38_2506085_20250721", "scan", 1),        # the seed order, 5 pages, plain scan
    ("TA75_2514402_20250606", "mixed", 2),       # 4 pages: 1 and 3 scanned, 2 and 4 digital
    ("TA93_2504470_20250528", "rotated", 3),     # page 2 fed sideways
    ("TA33_2500412_20250213", "photocopy", 4),   # skewed, noisy copy of a copy
    ("TA31_2503907_20250424", "stamp", 5),       # « COPIE CONFORME » text stamp on page 1
    ("CAA69_23LY01845_20240118", "photocopy", 6),
]


def build_corpus_scans(corpus: Path = HERE, out: Path | None = None, dpi: int = 150) -> list[Path]:
    """Write out/{stem}_scan.pdf and out/gold/{stem}.json for every entry of CORPUS_SCANS; the
    gold is the original's with a note saying how the copy was made."""
    out = out or corpus / "scans"
    (out / "gold").mkdir(parents=True, exist_ok=True)
    written = []
    for stem, mode, seed in CORPUS_SCANS:
        src = corpus / "pdf" / f"{stem}.pdf"
        target = out / scan_name(src)
        target.write_bytes(scan_mode(src.read_bytes(), mode, seed=seed, dpi=dpi))
        gold = json.loads((corpus / "gold" / f"{stem}.json").read_text(encoding="utf-8"))
        gold["notes"] = [*gold.get("notes", []),
                         f"scan: {target.name} is corpus/pdf/{stem}.pdf through corpus/scan.py "
                         f"(mode {mode}, seed {seed}, {dpi} dpi)"]
        (out / "gold" / f"{stem}.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n",
                                                   encoding="utf-8")
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Make scanned copies of PDFs (X.pdf -> DIR/X_scan.pdf).")
    ap.add_argument("pdfs", nargs="*", type=Path)
    ap.add_argument("--out", type=Path, help="folder for the scanned copies")
    ap.add_argument("--seed", type=int, default=0,
                    help="seed of the defects (mixed with each file's name, so files differ)")
    ap.add_argument("--mode", choices=MODES, default="scan")
    ap.add_argument("--dpi", type=int, default=200)
    ap.add_argument("--corpus", action="store_true", help="rebuild corpus/scans/ (pdf and gold)")
    a = ap.parse_args(argv)
    if a.corpus:
        for p in build_corpus_scans():
            print(f"{p.relative_to(HERE.parent)}  {p.stat().st_size // 1024} KB")
        return 0
    if not a.pdfs or a.out is None:
        ap.error("give the PDFs to scan and --out DIR (or --corpus)")
    a.out.mkdir(parents=True, exist_ok=True)
    for p in a.pdfs:
        data = scan_mode(p.read_bytes(), a.mode, seed=file_seed(a.seed, p), dpi=a.dpi)
        target = a.out / scan_name(p)
        target.write_bytes(data)
        print(f"{target}  {len(data) // 1024} KB")
    return 0


def file_seed(seed: int, path: Path) -> int:
    """The seed for one file: the given seed mixed with the file's name (not its folder)."""
    return seed * 1_000_003 + zlib.crc32(path.name.encode("utf-8"))


if __name__ == "__main__":
    sys.exit(main())
