"""OCR for the pages of a PDF that have no usable text layer (a scan, a broken font).

A page is rendered with pypdfium2 at 300 dpi, turned upright (Tesseract's orientation
detection, `--psm 0`), deskewed, and read with Tesseract's French model through pytesseract's
`image_to_data`, which gives every word with its pixel box. The words become `Line`s in the
upright, deskewed frame (so the paragraph rules of `greffe.pdf` apply unchanged), and each
character's box is then mapped back to the page's own frame in PDF points, so the text map of
an OCR'd page points at the right place on the PDF as it is displayed.

Why pytesseract rather than OCRmyPDF: OCRmyPDF rewrites the whole PDF (a new file, a
Ghostscript/PDF-A pass, minutes on a long scan) to add a text layer that we would then read
back, losing the word boxes to a second extraction (and line order on skewed pages). Here
only the pages that need it are read, one by one, in the sandboxed child; a digital page of
a mixed document keeps its exact text layer; the word boxes come straight from Tesseract.

Orientation: `--psm 0` needs `osd.traineddata` (Debian `tesseract-ocr-osd`, installed with
`tesseract-ocr`). When it is missing or the page has too little text to decide, the page is
read as it stands. Skew: the angle (within +/- 5 degrees) that makes the rows of dark pixels
sharpest (a projection profile on a reduced image) is undone before OCR; Tesseract copes with
what is left.
"""
from __future__ import annotations

import functools
import json
import math
import os
import re
import statistics
from array import array
from pathlib import Path

from .errors import SetupError, UnreadableDocument
from .pdf import Line, lines_from_chars

DPI = 300
LANG = "fra"
MAX_SKEW = 5.0          # degrees
SKEW_STEP = 0.25
MIN_SKEW = 0.3          # below this, leave the image alone
OSD_MIN_CONFIDENCE = 2.0
# GREFFE_OCR_CACHE=<folder>: keep what Tesseract read of each page there, keyed by the file's
# sha256 (`make eval` sets it to var/ocr-cache, so that a second run does not OCR again).
# What is kept is Tesseract's raw output, before OCR_FIXES and line building, so that a change
# to those is measured without reading the pages again. CACHE_VERSION changes with the steps
# before Tesseract (render, turn, deskew) and invalidates the folder's entries.
CACHE_ENV = "GREFFE_OCR_CACHE"
CACHE_VERSION = 1


def open_pdfium(data: bytes):
    """The pypdfium2 document used to render pages for OCR."""
    import pypdfium2 as pdfium
    return pdfium.PdfDocument(data)


def render(pdfium_doc, page_no: int, dpi: int = DPI):
    """Page `page_no` (1-based) as a grayscale PIL image."""
    page = pdfium_doc[page_no - 1]
    try:
        bitmap = page.render(scale=dpi / 72, grayscale=True)
        return bitmap.to_pil().convert("L")
    finally:
        page.close()


def ocr_page(pdfium_doc, page_no: int, width: float, height: float, *, dpi: int = DPI,
             lang: str = LANG, file_sha256: str | None = None) -> list[Line]:
    """The lines of page `page_no` read by OCR; boxes in PDF points on the displayed page of
    `width` x `height` points. With `file_sha256` (the PDF's) and GREFFE_OCR_CACHE set, what
    Tesseract read is taken from, or kept in, that folder."""
    path = cache_path(file_sha256, page_no, dpi, lang)
    read = load_cached(path) if path else None
    if read is None:
        read = read_image(render(pdfium_doc, page_no, dpi), page_no, lang=lang)
        if path:
            store_cached(path, read)
    return lines_of(read, page_no, width, height)


def ocr_image(image, page_no: int, width: float, height: float, *, lang: str = LANG) -> list[Line]:
    """OCR of a page image whose displayed page is `width` x `height` points."""
    return lines_of(read_image(image, page_no, lang=lang), page_no, width, height)


def read_image(image, page_no: int, *, lang: str = LANG) -> dict:
    """What Tesseract reads on a page image, turned upright and deskewed first: its word table
    (`image_to_data`), the quarter turn and the deskew angle applied, and the sizes of the image
    before and after the turn (JSON-ready, for the cache)."""
    import pytesseract

    turn = orientation(image)
    upright = _turn(image, turn)
    angle = skew_angle(upright)
    if abs(angle) >= MIN_SKEW:
        straight = upright.rotate(angle, resample=_bicubic(), fillcolor=255)
    else:
        angle = 0.0
        straight = upright
    try:
        data = pytesseract.image_to_data(straight, lang=lang, config="--psm 3",
                                         output_type=pytesseract.Output.DICT)
    except pytesseract.TesseractNotFoundError as e:
        raise UnreadableDocument("ocr-unavailable", "a page needs OCR but the tesseract program is not "
                                 "installed; install tesseract-ocr and tesseract-ocr-fra") from e
    except pytesseract.TesseractError as e:
        raise UnreadableDocument("ocr-failed", f"Tesseract failed on page {page_no} ({e}); "
                                 f"check that tesseract-ocr-{lang} is installed") from e
    keep = ("level", "block_num", "par_num", "line_num", "left", "top", "width", "height", "conf", "text")
    return {"data": {k: list(data[k]) for k in keep}, "turn": turn, "angle": angle,
            "size": list(image.size), "upright_size": list(upright.size)}


def lines_of(read: dict, page_no: int, width: float, height: float) -> list[Line]:
    """The lines of a page from what Tesseract read (`read_image`), boxes mapped back to the
    displayed page of `width` x `height` points."""
    w0, h0 = read["size"]
    if (width > height) != (w0 > h0):        # a /Rotate'd page: pdfium renders it as shown
        width, height = height, width
    scale = width / w0                       # points per pixel
    chars = _chars(read["data"], scale)
    lines = lines_from_chars(chars, page_no)
    w1, h1 = read["upright_size"]
    back = _inverse(read["turn"], read["angle"], w0, h0, w1, h1)
    # one font size for the page: a line's box height depends on its letters (a last line
    # "tées." has no ascender), and the paragraph rules measure gaps and indents in sizes
    size = statistics.median(ln.size for ln in lines) if lines else 0.0
    for ln in lines:
        ln.ocr = True
        ln.size = size
        ln.boxes = _map_boxes(ln.boxes, back, scale)
    return lines


def cache_path(file_sha256: str | None, page_no: int, dpi: int, lang: str) -> Path | None:
    """The cache file of a page, or None when there is no cache (GREFFE_OCR_CACHE unset) or no
    key (`file_sha256` not given)."""
    folder = os.environ.get(CACHE_ENV)
    if not folder or not file_sha256:
        return None
    name = f"{file_sha256}-p{page_no}-{dpi}dpi-{lang}-v{CACHE_VERSION}.json"
    return Path(folder) / file_sha256[:2] / name


def load_cached(path: Path) -> dict | None:
    """A page's cached reading, or None when absent or unreadable (then it is read again)."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def store_cached(path: Path, read: dict) -> None:
    """Keep a page's reading (written aside then renamed, so a killed run leaves no half file);
    a cache that cannot be written is skipped: it only saves time."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(read, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        pass


def _bicubic():
    from PIL import Image
    return Image.Resampling.BICUBIC


def tesseract_version() -> str:
    """The Tesseract version and its models, e.g. "5.3.0 (fra, osd)"; raises `SetupError`
    when the program or its French model is missing (`greffe doctor` reports it)."""
    import pytesseract
    try:
        version = str(pytesseract.get_tesseract_version())
        langs = set(pytesseract.get_languages(config=""))
    except (pytesseract.TesseractNotFoundError, pytesseract.TesseractError, OSError) as e:
        raise SetupError("the tesseract program is not installed; install tesseract-ocr and "
                         "tesseract-ocr-fra (Debian) to read scanned PDFs") from e
    if LANG not in langs:
        raise SetupError(f"Tesseract {version} has no French model; install tesseract-ocr-{LANG}")
    return f"{version} ({', '.join(sorted(langs & {LANG, 'osd'}))})"


@functools.lru_cache(maxsize=1)
def osd_available() -> bool:
    """Whether Tesseract's orientation model (osd.traineddata) is installed."""
    import pytesseract
    try:
        return "osd" in pytesseract.get_languages(config="")
    except (pytesseract.TesseractNotFoundError, pytesseract.TesseractError, OSError):
        return False


def orientation(image) -> int:
    """Degrees (0, 90, 180, 270) to turn the page clockwise to read it upright, by Tesseract's
    OSD; 0 when OSD is not installed or cannot decide (too little text)."""
    import pytesseract
    if not osd_available():
        return 0
    small = image.reduce(2) if image.size[0] > 2000 else image
    try:
        osd = pytesseract.image_to_osd(small, config="--psm 0")
    except pytesseract.TesseractError:
        return 0
    rotate = re.search(r"Rotate:\s*(\d+)", osd)
    conf = re.search(r"Orientation confidence:\s*([\d.]+)", osd)
    if not rotate or not conf or float(conf.group(1)) < OSD_MIN_CONFIDENCE:
        return 0
    return int(rotate.group(1)) % 360


def _turn(image, clockwise: int):
    from PIL import Image
    if clockwise == 90:
        return image.transpose(Image.Transpose.ROTATE_270)
    if clockwise == 180:
        return image.transpose(Image.Transpose.ROTATE_180)
    if clockwise == 270:
        return image.transpose(Image.Transpose.ROTATE_90)
    return image


def skew_angle(image) -> float:
    """The angle (degrees, counter-clockwise, as PIL's `rotate` takes it) that makes the text
    lines horizontal: the one whose row profile of dark pixels is sharpest."""
    import numpy as np
    small = image.reduce(4) if image.size[0] > 1200 else image
    ink = small.point(lambda v: 255 if v < 128 else 0)
    if not np.asarray(ink).any():
        return 0.0
    best, best_score = 0.0, -1.0
    steps = int(MAX_SKEW / SKEW_STEP)
    for k in range(-steps, steps + 1):
        a = k * SKEW_STEP
        rows = np.asarray(ink.rotate(a, fillcolor=0), dtype=np.float64).sum(axis=1)
        score = float(np.square(np.diff(rows)).sum())
        if score > best_score:
            best, best_score = a, score
    return best


# OCR misreads that the extractors would otherwise trip on, fixed word by word. Each is a
# (pattern, replacement) seen on scans of the corpus:
#   `Article ler :` for `Article 1er :` (the digit 1 read as l or I before `er`), which lost the
#   article and its outcome; `lère et 4ème chambres réunies` for `1ère ...`, which lost the formation.
#   `” Les jardins de Sérignan "` for `" Les jardins de Sérignan "`: Tesseract gives a straight
#   double quote a direction, and unpaired quotes made the outcomes of a dispositif vanish into
#   a "quotation" running to the next article; a scan cannot tell `"` from `“` `”`, so all
#   three become `"`.
OCR_FIXES = (
    (re.compile(r"^[lI](er|ère|re)(\W*)$"), r"1\1\2"),
    (re.compile(r"[“”„]"), '"'),
)


def fix_word(word: str) -> str:
    """A word as Tesseract read it, with the known misreads of OCR_FIXES undone."""
    for pattern, replacement in OCR_FIXES:
        word = pattern.sub(replacement, word)
    return word


# Pseudonymised names are civilities followed by single capital letters (`M. W F`, `Mme A D`,
# `M. D C et M. B C`); Tesseract glues letters that stand close: `M. WF`, `M. BB A`,
# `M. DCetM.BC`, `Mme A Net M. DF,M.E Pet M. X`. A word made only of civilities, `et`,
# capitals and commas, holding a civility (`DCetM.BC`, `M.WF`), or a word of 2 or 3 capitals
# (or 1 or 2 glued to `et`) right after a civility or an initial that follows one (`WF` in
# `M. WF`, `Net` in `Mme A Net`), is split back into its letters. Longer capitals (`M. DUPONT`)
# and words after anything else (`SNC LDC`) stay as read.
_CIVILITY = r"(?:MM\.|Mme|Mlle|M\.)"
# `M.`, `Mme`, `MM.`: a word that opens a name
_CIVILITY_WORD = re.compile(rf"^{_CIVILITY}$")
# `DCetM.BC`, `M.WF`, `DF,M.E`: civilities, `et`, capitals and commas glued together
_GLUED_NAMES = re.compile(rf"^(?P<names>(?:{_CIVILITY}|et|[A-Z]|,)+?)(?P<end>[.;:]?)$")
_GLUED_PIECE = re.compile(rf"{_CIVILITY}|et|[A-Z]|,")
# `Net` in `Mme A Net M. D F`: an initial glued to the `et` that follows it
_INITIAL_ET = re.compile(r"^(?P<letters>[A-Z]{1,2})et$")
# `WF`, `BB`, `DC,`, `AC,à`: two or three initials read as one word (a comma or a full stop,
# and the `à` or `et` of the next name, may follow)
_GLUED_INITIALS = re.compile(r"^(?P<letters>[A-Z]{2,3})(?P<end>[,;:.)]?)(?P<next>à|et)?$")


def split_initials(word: str, after: str = "") -> str:
    """`DCetM.BC.` -> `D C et M. B C.`, `DF,M.E` -> `D F, M. E`; `WF` -> `W F`, `AD,` -> `A D,`,
    `AC,à` -> `A C, à` when it follows a civility or an initial after one (`after` "civility" or "initial");
    `Net` -> `N et` after an initial only (`M. Net` may be a name); other words unchanged."""
    glued = _GLUED_NAMES.match(word)
    if glued and re.search(_CIVILITY, word) and not _CIVILITY_WORD.match(word):
        return " ".join(_GLUED_PIECE.findall(glued.group("names"))).replace(" ,", ",") + glued.group("end")
    glued = _GLUED_INITIALS.match(word) if after else None
    if glued:
        return " ".join(glued.group("letters")) + glued.group("end") + (f" {glued.group('next')}" if glued.group("next") else "")
    glued = _INITIAL_ET.match(word) if after == "initial" else None
    if glued:
        return " ".join(glued.group("letters")) + " et"
    return word


def fix_words(words: list[str]) -> list[str]:
    """The words of a page in reading order, each through `fix_word`, and the initials of
    pseudonymised names split again (`split_initials`)."""
    out = []
    after = ""              # "civility" after `M.`, "initial" after an initial that follows one
    for word in words:
        word = fix_word(word)
        fixed = split_initials(word, after)
        last = fixed.split(" ")[-1]
        if _CIVILITY_WORD.match(last):
            after = "civility"
        elif re.fullmatch(r"[A-Z]", last) and (after or fixed != word):
            after = "initial"
        else:
            after = ""
        out.append(fixed)
    return out


def _chars(data: dict, scale: float) -> list[tuple]:
    """(text, x0, top, x1, bottom, size) in points of the deskewed frame, one per character,
    each word followed by a space so that the words stay apart. All the words of a Tesseract
    line share the line's top and bottom, so that they group into one line."""
    lines: dict[tuple, tuple[float, float]] = {}
    for i, level in enumerate(data["level"]):
        if level == 4:
            key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
            lines[key] = (data["top"][i], data["top"][i] + data["height"][i])
    kept = [i for i, text in enumerate(data["text"])
            if data["level"][i] == 5 and (text or "").strip() and float(data["conf"][i]) >= 0]
    texts = fix_words([data["text"][i].strip() for i in kept])
    out = []
    for i, text in zip(kept, texts):
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        top, bottom = lines.get(key, (data["top"][i], data["top"][i] + data["height"][i]))
        x0 = data["left"][i]
        w = data["width"][i] / len(text)
        size = (bottom - top) * scale / 1.2
        for k, ch in enumerate(text):
            out.append((ch, (x0 + k * w) * scale, top * scale, (x0 + (k + 1) * w) * scale,
                        bottom * scale, size))
        out.append((" ", (x0 + data["width"][i]) * scale, top * scale,
                    (x0 + data["width"][i]) * scale, bottom * scale, size))
    return out


def _inverse(turn: int, angle: float, w0: int, h0: int, w1: int, h1: int):
    """A function from a pixel of the deskewed upright image back to the rendered page."""
    t = math.radians(angle)
    cos, sin = math.cos(t), math.sin(t)
    cx, cy = w1 / 2, h1 / 2

    def back(x: float, y: float) -> tuple[float, float]:
        # undo the deskew: PIL's rotate(angle) turned (dx, dy) into
        # (dx cos + dy sin, -dx sin + dy cos) about the centre
        dx, dy = x - cx, y - cy
        x, y = cx + dx * cos - dy * sin, cy + dx * sin + dy * cos
        # undo the quarter turn
        if turn == 90:        # made by ROTATE_270: (x, y) -> (h0 - y, x)
            return y, h0 - x
        if turn == 180:
            return w0 - x, h0 - y
        if turn == 270:       # made by ROTATE_90: (x, y) -> (y, w0 - x)
            return w0 - y, x
        return x, y
    return back


def _map_boxes(boxes: array, back, scale: float) -> array:
    """Boxes (points, deskewed frame) back to the displayed page (points)."""
    out = array("f")
    for i in range(0, len(boxes), 4):
        x0, top, x1, bottom = boxes[i:i + 4]
        if x0 == x1 == 0.0 and top == bottom == 0.0:
            out.extend((0.0, 0.0, 0.0, 0.0))
            continue
        corners = [back(x / scale, y / scale) for x, y in ((x0, top), (x1, top), (x0, bottom), (x1, bottom))]
        xs = [c[0] * scale for c in corners]
        ys = [c[1] * scale for c in corners]
        out.extend((min(xs), min(ys), max(xs), max(ys)))
    return out
