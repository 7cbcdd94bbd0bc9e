"""Lay out one court order as a PDF, the way a tribunal's word processor prints it.

The only entry point is `render(layout, path)`: it takes a `Layout` (a structured description of
the page furniture and of the text blocks, nothing about the case itself) and writes a
deterministic PDF (fixed creation date, same bytes on every run). `corpus/generate.py` builds the
`Layout` of each order; a later scan renderer can reuse the same `Layout`.

What the page looks like, since the extractors must cope with it:

- page 1 opens with a two-column header block whose columns share their baselines (left: court,
  number, parties, judge, date; right: RÉPUBLIQUE FRANÇAISE, AU NOM DU PEUPLE FRANÇAIS, the
  formation), so that a naive left-to-right extraction interleaves them;
- the body is justified, first lines indented, with real end-of-line hyphenation: long words cut
  between syllables ("fonde-" / "ment"), compound words cut at their own hyphen ("Seine-" /
  "Saint-Denis");
- pages 2 and after carry a running footer or header (`Layout.running`), page 1 none.
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from pathlib import Path

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONTS = {  # family -> (regular, bold); Debian package fonts-dejavu-core
    "serif": ("DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf"),
    "serif-condensed": ("DejaVuSerifCondensed.ttf", "DejaVuSerifCondensed-Bold.ttf"),
}
CREATION_DATE = _dt.datetime(2025, 9, 1, 12, 0, 0, tzinfo=_dt.timezone.utc)
RUNNING_STYLES = ("footer-dash", "footer-page-of", "header-court")

PT = 25.4 / 72  # millimetres per point


@dataclass(frozen=True)
class Block:
    """One paragraph of the body. `text` may hold **bold** runs. `align`: J (justified), L, C."""
    text: str
    align: str = "J"
    indent: float = 12.0          # first-line indent, mm
    left: float = 0.0             # extra left margin, mm
    space_before: float = 2.2     # mm
    keep_with_next: bool = False
    hyphenate: bool = True


@dataclass(frozen=True)
class Signature:
    """Side-by-side columns of centred lines (`Le juge des référés,` / `signé` / `X. Name`)."""
    columns: tuple[tuple[str, ...], ...]
    space_before: float = 8.0


@dataclass(frozen=True)
class Layout:
    header: tuple[tuple[str | None, str | None], ...]   # rows (left, right); '---' = short rule
    blocks: tuple[Block | Signature, ...]
    number_label: str                  # 'N° 2506085', 'Nos 2317376, 2317377'
    court_label: str                   # 'TRIBUNAL ADMINISTRATIF DE GRENOBLE'
    running: str = "footer-dash"       # one of RUNNING_STYLES
    family: str = "serif"
    size: float = 12.0
    leading: float = 1.42              # line height / font size
    title: str = ""
    margins: tuple[float, float, float, float] = (25.0, 22.0, 20.0, 24.0)  # left, top, right, bottom
    header_bold_rows: tuple[int, ...] = field(default=())


# ------------------------------------------------------------------------------------------
# hyphenation: French syllable breaks, good enough for a justified court order

_VOWELS = set("aeiouyàâäéèêëîïôöùûüœæ")
# consonant pairs that open a syllable and are never split: "ta-bleau", "ins-truc-tion", "ré-pu-blique"
_ONSETS = {"bl", "br", "ch", "cl", "cr", "dr", "fl", "fr", "gl", "gn", "gr", "ph", "pl", "pr",
           "qu", "th", "tr", "vr", "gu"}
_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿœŒ]+")


def syllable_breaks(word: str) -> list[int]:
    """Offsets where `word` (letters only) may be cut: 'fondement' -> [3, 5] ('fon|de|ment')."""
    w = word.lower()
    out = []
    for i in range(2, len(w) - 2):
        a, b = w[i - 1], w[i]
        if b in _VOWELS:
            continue
        if a in _VOWELS and i + 1 < len(w) and w[i + 1] in _VOWELS:       # V-CV: "de|ment"
            out.append(i)
        elif a not in _VOWELS and b not in _VOWELS and i >= 2 and w[i - 2] in _VOWELS \
                and i + 1 < len(w) and w[i + 1] in _VOWELS and (a + b) not in _ONSETS:  # VC-CV
            out.append(i)
    # keep at least 2 letters before and 3 after the cut
    return [i for i in out if i >= 2 and len(w) - i >= 3 and w[i - 1] not in "'’"]


def break_points(token: str) -> list[tuple[str, str]]:
    """Ways of cutting `token` at a line end, as (head shown with its hyphen, tail).

    Compounds break at their own hyphen ('Seine-Saint-Denis' -> 'Seine-' / 'Saint-Denis');
    a long lower-case word breaks between syllables ('fondement,' -> 'fonde-' / 'ment,').
    Numbers, capitalised names, abbreviations and words with a no-break space are never cut."""
    if "\u00a0" in token or any(ch.isdigit() for ch in token):
        return []
    cuts = []
    for m in re.finditer(r"(?<=[A-Za-zÀ-ÿœ])-(?=[A-Za-zÀ-ÿœŒ])", token):
        cuts.append((token[:m.end()], token[m.end():]))
    if "-" not in token:
        for m in _WORD.finditer(token):
            word = m.group(0)
            if len(word) < 8 or not word.islower():
                continue
            for i in syllable_breaks(word):
                k = m.start() + i
                cuts.append((token[:k] + "-", token[k:]))
    return cuts


# ------------------------------------------------------------------------------------------
# measuring and breaking lines

@dataclass
class _Word:
    text: str
    bold: bool


def _words(text: str) -> list[_Word]:
    out, bold = [], False
    for i, part in enumerate(text.split("**")):
        bold = i % 2 == 1
        for w in part.split(" "):
            if w:
                out.append(_Word(w, bold))
    return out


class _Measure:
    def __init__(self, pdf, size: float):
        self.pdf, self.size = pdf, size

    def width(self, text: str, bold: bool) -> float:
        self.pdf.set_font("body", "B" if bold else "", self.size)
        return self.pdf.get_string_width(text)


def _break(words: list[_Word], m: _Measure, width: float, first_width: float,
           justify: bool, hyphenate: bool) -> list[list[_Word]]:
    lines: list[list[_Word]] = []
    cur: list[_Word] = []
    cur_w = 0.0
    space = m.width(" ", False)
    queue = list(words)
    while queue:
        lw = first_width if not lines else width
        w = queue[0]
        ww = m.width(w.text, w.bold)
        need = ww + (space if cur else 0.0)
        if cur_w + need <= lw + 1e-6:
            cur.append(queue.pop(0))
            cur_w += need
            continue
        free = lw - cur_w - (space if cur else 0.0)
        if justify and hyphenate and cur and free > 1.2 * space:
            # compounds break at their own hyphen as soon as a part fits; syllables only when
            # the line would otherwise be loose
            fitting = [(h, t) for h, t in break_points(w.text) if m.width(h, w.bold) <= free
                       and ("-" in w.text or free > 2.2 * space)]
            if fitting:
                head, tail = fitting[-1]
                cur.append(_Word(head, w.bold))
                queue[0] = _Word(tail, w.bold)
                lines.append(cur)
                cur, cur_w = [], 0.0
                continue
        if not cur:                      # a word longer than the line: let it overflow
            cur.append(queue.pop(0))
            cur_w = ww
        lines.append(cur)
        cur, cur_w = [], 0.0
    if cur:
        lines.append(cur)
    return lines


# ------------------------------------------------------------------------------------------
# drawing

@dataclass
class _Op:
    page: int
    x: float
    y: float        # baseline, mm from the top
    text: str
    bold: bool = False
    rule: float = 0.0   # > 0: draw a horizontal rule of this length instead of text


def _layout(layout: Layout, m: _Measure) -> tuple[list[_Op], int]:
    left, top, right, bottom = layout.margins
    page_w, page_h = 210.0, 297.0
    text_w = page_w - left - right
    lh = layout.size * PT * layout.leading
    ops: list[_Op] = []
    page = 1
    y = top + lh

    # header block, two columns sharing their baselines
    col_w = text_w * 0.46
    right_x0 = left + text_w * 0.52
    right_w = text_w * 0.48
    for r, (ltext, rtext) in enumerate(layout.header):
        llines = [[]]
        if ltext == "---":
            ops.append(_Op(page, left + col_w * 0.3, y - lh * 0.35, "", rule=col_w * 0.4))
        elif ltext:
            llines = _break(_words(ltext), m, col_w, col_w, justify=False, hyphenate=False)
        for i, line in enumerate(llines):
            bold = r in layout.header_bold_rows
            if line:
                s = " ".join(w.text for w in line)
                ops.append(_Op(page, left, y, s, bold))
            if i == 0 and rtext:
                bold_r = rtext.isupper()
                wr = m.width(rtext, bold_r)
                ops.append(_Op(page, right_x0 + (right_w - wr) / 2, y, rtext, bold_r))
            y += lh
    y += lh * 0.6

    def new_page():
        nonlocal page, y
        page += 1
        y = top + lh + (lh * 1.5 if layout.running == "header-court" else 0.0)

    blocks = list(layout.blocks)
    for bi, block in enumerate(blocks):
        if isinstance(block, Signature):
            n = max(len(c) for c in block.columns)
            y += block.space_before
            if y + lh * n > page_h - bottom:
                new_page()
            slot = text_w / len(block.columns)
            for ci, col in enumerate(block.columns):
                for li, line in enumerate(col):
                    if not line:
                        continue
                    wl = m.width(line, False)
                    ops.append(_Op(page, left + slot * ci + (slot - wl) / 2, y + li * lh, line))
            y += lh * n
            continue
        avail = text_w - block.left
        justify = block.align == "J"
        lines = _break(_words(block.text), m, avail, avail - block.indent, justify, block.hyphenate)
        y += block.space_before
        need = len(lines) if len(lines) <= 3 else 2        # no orphan first line
        if block.keep_with_next and bi + 1 < len(blocks) and isinstance(blocks[bi + 1], Block):
            need += 2
        if y + lh * (need - 1) > page_h - bottom:
            new_page()
        for li, line in enumerate(lines):
            if y > page_h - bottom:
                new_page()
            x0 = left + block.left + (block.indent if li == 0 else 0.0)
            lw = avail - (block.indent if li == 0 else 0.0)
            widths = [m.width(w.text, w.bold) for w in line]
            space = m.width(" ", False)
            last = li == len(lines) - 1
            if block.align == "C":
                total = sum(widths) + space * (len(line) - 1)
                x0 = left + block.left + (avail - total) / 2
                gap = space
            elif justify and not last and len(line) > 1:
                gap = (lw - sum(widths)) / (len(line) - 1)
            else:
                gap = space
            x = x0
            # words joined by normal spaces are drawn as one string when they share a style
            k = 0
            while k < len(line):
                j = k
                while j + 1 < len(line) and line[j + 1].bold == line[k].bold and abs(gap - space) < 1e-6:
                    j += 1
                s = " ".join(w.text for w in line[k:j + 1])
                ops.append(_Op(page, x, y, s, line[k].bold))
                x += sum(widths[k:j + 1]) + space * (j - k) + gap
                k = j + 1
            y += lh
    return ops, page


def render(layout: Layout, path: Path) -> int:
    """Write the PDF of `layout` to `path`; return its number of pages."""
    from fpdf import FPDF   # imported here: the corpus tools are not part of the package

    if layout.running not in RUNNING_STYLES:
        raise ValueError(f"unknown running style {layout.running!r}; use one of {RUNNING_STYLES}")
    regular, bold = FONTS[layout.family]
    pdf = FPDF(unit="mm", format="A4")
    pdf.set_creation_date(CREATION_DATE)
    pdf.set_title(layout.title)
    pdf.set_creator("greffe corpus/generate.py")
    pdf.set_auto_page_break(False)
    pdf.add_font("body", "", str(FONT_DIR / regular))
    pdf.add_font("body", "B", str(FONT_DIR / bold))
    m = _Measure(pdf, layout.size)
    ops, pages = _layout(layout, m)

    left, top, right, bottom = layout.margins
    for p in range(1, pages + 1):
        pdf.add_page()
        for op in ops:
            if op.page != p:
                continue
            if op.rule:
                pdf.set_line_width(0.2)
                pdf.line(op.x, op.y, op.x + op.rule, op.y)
                continue
            pdf.set_font("body", "B" if op.bold else "", layout.size)
            pdf.text(op.x, op.y, op.text)
        if p > 1:
            _running(pdf, layout, p, pages)
    pdf.output(str(path))
    return pages


def _running(pdf, layout: Layout, p: int, pages: int) -> None:
    left, top, right, bottom = layout.margins
    size = layout.size - 2
    pdf.set_font("body", "", size)

    def centred(s: str, y: float) -> None:
        pdf.text((210 - pdf.get_string_width(s)) / 2, y, s)

    if layout.running == "footer-dash":          # 'N° 2506085' then '- 2 -'
        centred(layout.number_label, 297 - bottom + 9)
        centred(f"- {p} -", 297 - bottom + 14)
    elif layout.running == "footer-page-of":     # 'N° 2506085' at left, 'page 2/4' at right
        y = 297 - bottom + 12
        pdf.text(left, y, layout.number_label)
        s = f"page {p}/{pages}"
        pdf.text(210 - right - pdf.get_string_width(s), y, s)
    else:                                        # court name and number on top, '2' below
        y = top + 2
        pdf.text(left, y, layout.court_label)
        pdf.text(210 - right - pdf.get_string_width(layout.number_label), y, layout.number_label)
        pdf.set_line_width(0.2)
        pdf.line(left, y + 2, 210 - right, y + 2)
        centred(str(p), 297 - bottom + 12)
