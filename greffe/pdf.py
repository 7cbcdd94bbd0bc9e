"""A PDF's text as greffe wants it: one paragraph per line, running headers and footers gone,
end-of-line hyphenation undone, and a `TextMap` from every character back to its page and box.

`parse_pdf` runs in the current process; ingestion calls it through `greffe.sandbox`, in a child
process with OS limits. It works on pdfplumber's geometry (each char with x0, top, x1, bottom,
size), never on a flat string:

1. **Lines.** The chars of a page are grouped by baseline (a char joins the line whose box holds
   its vertical middle), ordered left to right, and split into words on a space char or a gap
   wider than `WORD_GAP` x the font size (justified text places words one by one, with no
   space char between them).
2. **Two-column header.** The top of page 1 of a court's PDF has two blocks side by side
   (court, N°, date on the left; RÉPUBLIQUE FRANÇAISE, formation on the right) on shared
   baselines. A gutter (an x range that no char of those top lines crosses) splits them, and
   the left block is read before the right one.
3. **Running headers and footers.** A line in the top or bottom margin band of a page is
   dropped when it is a page number (`- 2 -`, `page 2/5`, `2/5`, `N° 457748 - 2 -`), an OCR
   speck (`2e`: a page number misread) or when the same line (digits
   aside) sits at the same place on another page. Page 1's top is content.
4. **Paragraphs.** Lines are joined with a space; a new paragraph (a "\n") starts on an
   indented first line, a vertical gap wider than the usual line pitch, after a line that
   ends so short that the next line's first word would have fitted. Across a page break,
   where the vertical gap is lost, a line that opens with a list or article marker (`-`,
   `1°`, `3.`, `Article`) or with the words that open a part of a decision (`Considérant`,
   `Vu`, `Rendu le`, `La présidente :`) starts a paragraph after a line ending in `.`, `;`
   or `:`.
5. **Hyphenation** (`join_hyphenated`): "fonde-" + "ment" -> "fondement", but the hyphen stays
   when the word is a compound broken at its own hyphen (see `_keeps_hyphen`).

Pages without a usable text layer go through OCR (`greffe.ocr`), page by page.
"""
from __future__ import annotations

import hashlib
import io
import re
import statistics
import unicodedata
from array import array
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .errors import UnreadableDocument
from .model import ParsedDocument, Source, TextMap

WORD_GAP = 0.15          # a gap wider than 0.15 em between two chars separates two words
MARGIN_BAND = 0.1        # the top and bottom tenth of a page may hold running headers/footers
GUTTER_MIN = 1.5         # a header gutter is at least 1.5 em wide
PITCH_BREAK = 1.25       # a line pitch 25 % above the usual one is a paragraph break
INDENT_MIN = 0.8         # a first line indented by 0.8 em or more starts a paragraph

SPACES = frozenset(" \t\r\n\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000")
LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
             "\ufb05": "st", "\ufb06": "st"}
SOFT_HYPHEN = "\u00ad"
ZERO_BOX = (0.0, 0.0, 0.0, 0.0)


@dataclass(slots=True)
class Line:
    """One line of a page: its text (words joined by one space), one box per character of
    `text` (four floats each, zeros for an inserted space) and the geometry used for layout."""
    page: int
    text: str
    boxes: array              # 4 floats per char of text
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    first_word_width: float
    own_paragraph: bool = False   # header lines: always a paragraph of their own
    ocr: bool = False             # read by OCR: geometry from pixels

    def norm(self) -> str:
        """The text with digits folded, to recognise a running header that repeats."""
        return re.sub(r"\d+", "#", " ".join(self.text.split()).lower())


# ---------------------------------------------------------------------------------------------
# 1. chars -> lines

def page_chars(page) -> tuple[list[tuple[str, float, float, float, float, float]], float]:
    """(text, x0, top, x1, bottom, size) of the upright chars of a pdfplumber page, and the
    share of the page that images cover.

    Read from the page's pdfminer layout with pdfplumber's own conversion to top-left
    coordinates (`Page.process_object`: top = height - y1 + mediabox top), without building
    pdfplumber's dict of 20 attributes per char, which is half of the time of `page.chars`.
    Rotated text (a vertical stamp in the margin) is not part of the decision's text.
    """
    from pdfminer.layout import LTChar, LTContainer, LTImage

    mb_x0, mb_top = float(page.mediabox[0]), float(page.mediabox[1])
    height, width = float(page.height), float(page.width)
    chars: list[tuple] = []
    covered = 0.0
    stack = [iter(page.layout._objs)]
    while stack:
        for obj in stack[-1]:
            if isinstance(obj, LTChar):
                if obj.upright:
                    chars.append((obj.get_text(), obj.x0 + mb_x0, height - obj.y1 + mb_top,
                                  obj.x1 + mb_x0, height - obj.y0 + mb_top, obj.size))
            elif isinstance(obj, LTImage):
                w = max(0.0, min(obj.x1, width) - max(obj.x0, 0.0))
                h = max(0.0, min(obj.y1, height) - max(obj.y0, 0.0))
                covered += w * h
            elif isinstance(obj, LTContainer):
                stack.append(iter(obj._objs))
                break
        else:
            stack.pop()
    return [c for c in chars if c[0]], min(1.0, covered / (width * height or 1.0))


def lines_from_chars(chars: list[tuple], page_no: int) -> list[Line]:
    """Group chars into baseline lines, each split into words; lines top to bottom."""
    if not chars:
        return []
    chars = sorted(chars, key=lambda c: (c[2], c[1]))
    groups: list[list[tuple]] = []
    ref_top = ref_bottom = None
    for c in chars:
        mid = (c[2] + c[4]) / 2
        if groups and ref_top <= mid <= ref_bottom:
            groups[-1].append(c)
        else:
            groups.append([c])
            ref_top, ref_bottom = c[2], c[4]
    lines = []
    for g in _merge_raised(groups):
        g.sort(key=lambda c: c[1])
        line = _line_from_words(_words(g), page_no)
        if line is not None:
            lines.append(line)
    lines.sort(key=lambda ln: (ln.top, ln.x0))
    return lines


def _merge_raised(groups: list[list[tuple]]) -> list[list[tuple]]:
    """Put superscripts and subscripts back into their line: a group of chars smaller than
    the next (or previous) group's, that overlaps it vertically, belongs to it (`1er` with a
    raised `er`, a footnote call `(1)`)."""
    def size(g: list[tuple]) -> float:
        return max(c[5] for c in g)

    def overlaps(a: list[tuple], b: list[tuple]) -> bool:
        return min(c[2] for c in a) < max(c[4] for c in b) and min(c[2] for c in b) < max(c[4] for c in a)

    out: list[list[tuple]] = []
    i = 0
    while i < len(groups):
        g = groups[i]
        nxt = groups[i + 1] if i + 1 < len(groups) else None
        if nxt is not None and size(g) < 0.85 * size(nxt) and overlaps(g, nxt):
            groups[i + 1] = nxt + g
        elif out and size(g) < 0.85 * size(out[-1]) and overlaps(g, out[-1]):
            out[-1].extend(g)
        else:
            out.append(g)
        i += 1
    return out


def _words(chars: Sequence[tuple]) -> list[list[tuple]]:
    """Split x-ordered chars into words on a space char or a gap wider than WORD_GAP em."""
    words: list[list[tuple]] = []
    cur: list[tuple] = []
    prev = None
    for c in chars:
        t = c[0]
        if t in SPACES or t.isspace():
            if cur:
                words.append(cur)
                cur = []
            prev = None
            continue
        if prev is not None:
            # the same glyph printed twice on itself (fake bold): keep one
            if t == prev[0] and abs(c[1] - prev[1]) < 0.2 * c[5]:
                continue
            if c[1] - prev[3] > WORD_GAP * max(c[5], prev[5]):
                words.append(cur)
                cur = []
        cur.append(c)
        prev = c
    if cur:
        words.append(cur)
    return words


def _line_from_words(words: list[list[tuple]], page_no: int, own_paragraph: bool = False) -> Line | None:
    if not words:
        return None
    parts: list[str] = []
    boxes = array("f")
    for i, w in enumerate(words):
        if i:
            parts.append(" ")
            boxes.extend(ZERO_BOX)
        for t, x0, top, x1, bottom, _ in w:
            t = LIGATURES.get(t, t)
            if t.startswith("(cid:"):
                t = "\ufffd"          # a glyph with no Unicode value
            parts.append(t)
            for _ in t:
                boxes.extend((x0, top, x1, bottom))
    text = "".join(parts)
    flat = [c for w in words for c in w]
    sizes = sorted(c[5] for c in flat)
    return Line(page=page_no, text=text, boxes=boxes,
                x0=words[0][0][1], top=min(c[2] for c in flat),
                x1=words[-1][-1][3], bottom=max(c[4] for c in flat),
                size=sizes[len(sizes) // 2],
                first_word_width=words[0][-1][3] - words[0][0][1],
                own_paragraph=own_paragraph)


def _split_line(line: Line, cut: float) -> tuple[Line | None, Line | None]:
    """The parts of `line` left and right of x = `cut` (which falls between two words)."""
    chars = _line_chars(line)
    left = [c for c in chars if c[3] <= cut]
    right = [c for c in chars if c[1] >= cut]
    return (_line_from_words(_words(left), line.page, True) if left else None,
            _line_from_words(_words(right), line.page, True) if right else None)


def _line_chars(line: Line) -> list[tuple]:
    """Back from a line to (text, x0, top, x1, bottom, size) chars, inserted spaces as spaces."""
    out = []
    b = line.boxes
    for i, t in enumerate(line.text):
        x0, top, x1, bottom = b[4 * i: 4 * i + 4]
        if t == " " and x0 == x1 == 0.0:
            out.append((" ", 0.0, line.top, 0.0, line.bottom, line.size))
        else:
            out.append((t, x0, top, x1, bottom, line.size))
    # spaces carry no position: place each one at its left neighbour so that the order holds
    for i, c in enumerate(out):
        if c[0] == " " and c[1] == 0.0 and i:
            out[i] = (" ", out[i - 1][3], c[2], out[i - 1][3], c[4], c[5])
    return out


def _word_spans(line: Line) -> list[tuple[float, float]]:
    """(x0, x1) of each word of a line."""
    spans = []
    b = line.boxes
    start = None
    for i, t in enumerate(line.text + " "):
        if t == " ":
            if start is not None:
                spans.append((b[4 * start], b[4 * (i - 1) + 2]))
                start = None
        elif start is None:
            start = i
    return spans


# ---------------------------------------------------------------------------------------------
# 2. the two-column header of page 1

def split_header_columns(lines: list[Line], page_height: float) -> list[Line]:
    """Page 1: find the block of top lines that a vertical gutter splits in two, and return the
    lines with that block read as its left column, then its right column (each line a
    paragraph of its own). Lines below the block are unchanged."""
    if len(lines) < 2:
        return lines
    size = statistics.median(ln.size for ln in lines[:10])
    lo = min(ln.x0 for ln in lines)
    hi = max(ln.x1 for ln in lines)
    free = [(lo, hi)]                       # x ranges no char of the block crosses
    block: list[Line] = []
    for ln in lines:
        if ln.top > page_height / 2 or SECTION_START.match(ln.text):
            break           # the header ends where the decision starts: `Vu la procédure suivante :`
        nxt = free
        for x0, x1 in _word_spans(ln):
            nxt = _subtract(nxt, x0, x1)
        nxt = [(a, b) for a, b in nxt if b - a >= GUTTER_MIN * size and a > lo and b < hi]
        if not nxt:
            break
        free = nxt
        block.append(ln)
    if len(block) < 2:
        return lines
    # the widest inner gap with text on both sides in the block
    best = None
    for a, b in free:
        has_left = any(x1 <= a + 0.01 for ln in block for _, x1 in _word_spans(ln))
        has_right = any(x0 >= b - 0.01 for ln in block for x0, _ in _word_spans(ln))
        if has_left and has_right and (best is None or b - a > best[1] - best[0]):
            best = (a, b)
    if best is None:
        return lines
    cut = (best[0] + best[1]) / 2
    lefts: list[Line] = []
    rights: list[Line] = []
    sides: list[tuple[Line | None, Line | None]] = []
    for ln in block:
        sides.append(_split_line(ln, cut))
    # a column must have two lines or more, and the two must stand side by side
    left_idx = [i for i, (l, _) in enumerate(sides) if l]
    right_idx = [i for i, (_, r) in enumerate(sides) if r]
    if len(left_idx) < 2 or len(right_idx) < 1 or right_idx[0] > left_idx[-1] or left_idx[0] > right_idx[-1]:
        return lines
    # after one column has ended, the other goes on only with lines aligned on it
    end = min(left_idx[-1], right_idx[-1])
    keep = end + 1
    for i in range(end + 1, len(block)):
        left, right = sides[i]
        part = left or right
        col = [s[0] for s in sides[:i] if s[0]] if left else [s[1] for s in sides[:i] if s[1]]
        prev = block[i - 1]
        aligned = any(abs(part.x0 - c.x0) < 2 or abs(part.x1 - c.x1) < 2 or
                      abs((part.x0 + part.x1) - (c.x0 + c.x1)) < 4 for c in col)
        close = block[i].top - prev.bottom < 3 * size
        if not (aligned and close):
            break
        keep = i + 1
    for left, right in sides[:keep]:
        if left:
            lefts.append(left)
        if right:
            rights.append(right)
    return lefts + rights + lines[keep:]


def _subtract(intervals: list[tuple[float, float]], x0: float, x1: float) -> list[tuple[float, float]]:
    out = []
    for a, b in intervals:
        if x1 <= a or x0 >= b:
            out.append((a, b))
            continue
        if x0 > a:
            out.append((a, x0))
        if x1 < b:
            out.append((x1, b))
    return out


# ---------------------------------------------------------------------------------------------
# 3. running headers and footers

# `- 2 -`, `-2-`, `— 2 —`
_DASHED_NUMBER = r"[-–—]\s*\d{1,4}\s*[-–—]"
# `page 2/5`, `Page 2 sur 5`, `p. 2`
_PAGE_WORD = r"(?:page|p\.)\s*\d{1,4}(?:\s*(?:/|sur)\s*\d{1,4})?"
# `2/5`, `2 / 5`
_OF_TOTAL = r"\d{1,4}\s*/\s*\d{1,4}"
# `N° 457748`, `Nos 437141, 437142`, `n°2506085`, `N° 21PA02971`
_CASE_NUMBERS = r"n(?:°|os?\b|o\.)\s*[\dA-Z]{4,12}(?:\s*(?:,|et)\s*[\dA-Z]{4,12})*"
_PAGE_NUMBER = rf"(?:{_DASHED_NUMBER}|{_PAGE_WORD}|{_OF_TOTAL}|\d{{1,4}})"
# a footer line: a page number, a case number, or both (`N° 457748 - 2 -`)
PAGE_FOOTER = re.compile(rf"^\s*(?:{_CASE_NUMBERS}\s*[-–—,]?\s*)?{_PAGE_NUMBER}?\s*$|^\s*{_CASE_NUMBERS}\s*$",
                         re.IGNORECASE)


def is_page_number(text: str) -> bool:
    """True for a line that is only a page number and/or the case number of a running footer."""
    t = text.strip()
    return bool(t) and bool(PAGE_FOOTER.match(t))


def _specks(ln: Line) -> bool:
    """An OCR'd margin line with fewer than three letters or digits and no word: a page number
    misread (`2e`, `:5-`), a speck of dust (`+.`); `Vu :` is a word and stays."""
    return (ln.ocr and sum(ch.isalnum() for ch in ln.text) < 3
            and not any(len(w) >= 2 and w.isalpha() for w in re.split(r"\W+", ln.text)))


def drop_running_lines(pages: list[list[Line]], heights: list[float]) -> list[list[Line]]:
    """Remove, in each page's margin bands, the page numbers, the specks, and the lines that
    repeat at the same place on another page. Page 1's top band is the decision's own header: only a bare
    page number goes there."""
    def band(ln: Line, h: float) -> str | None:
        if ln.bottom <= h * MARGIN_BAND * 1.2 or ln.top <= h * MARGIN_BAND:
            return "top"
        if ln.top >= h * (1 - MARGIN_BAND):
            return "bottom"
        return None

    # candidates: the two outermost lines of each band
    seen: Counter = Counter()
    cands: list[list[tuple[int, str]]] = []
    for lines, h in zip(pages, heights):
        mine = []
        for idx in list(range(min(2, len(lines)))) + list(range(max(2, len(lines) - 2), len(lines))):
            where = band(lines[idx], h)
            if where:
                mine.append((idx, where))
        cands.append(mine)
        for idx, where in mine:
            ln = lines[idx]
            seen[(where, ln.norm(), round((ln.top if where == "top" else h - ln.bottom) / 3))] += 1
    out = []
    for p, (lines, h) in enumerate(zip(pages, heights)):
        drop = set()
        for idx, where in cands[p]:
            ln = lines[idx]
            key = (where, ln.norm(), round((ln.top if where == "top" else h - ln.bottom) / 3))
            if p == 0 and where == "top":
                if re.fullmatch(_PAGE_NUMBER, ln.text.strip(), re.IGNORECASE):
                    drop.add(idx)
                continue
            if is_page_number(ln.text) or seen[key] >= 2 or _specks(ln):
                drop.add(idx)
        out.append([ln for i, ln in enumerate(lines) if i not in drop])
    return out


# ---------------------------------------------------------------------------------------------
# 4. and 5. paragraphs and hyphenation

# a line that opens a list item or an article: `Article 2 :`, `- le code`, `1°)`, `3. Il`, `II.`, `a)`
PARAGRAPH_MARKER = re.compile(r"^(?:Article\b|[-–—•]\s|\d{1,3}°|\d{1,3}\.\s|\d{1,3}\)\s|[IVX]{1,5}\.\s|[a-z]\)\s)")

# Hyphenated words whose halves may land on two lines. A list of whole words, not of
# prefixes: a prefix such as `mi-`, `au-`, `ex-`, `sous-`, `non-` is also the first syllable
# of ordinary words that a line break cuts (`mi-nistre`, `au-dience`, `ex-pertise`,
# `sous-crire`, `non-obstant`), so only the whole compound says the hyphen is its own.
# Plurals and feminines (`sous-préfète`, `procès-verbaux`) are found through `_forms`.
HYPHENATED_WORDS = frozenset("""
    non-lieu non-recevoir non-admission non-respect non-renouvellement non-exécution
    non-conformité non-salarié sous-préfet sous-préfète sous-préfecture sous-section
    sous-location sous-traitant sous-traitance sous-sol vice-président vice-présidente
    vice-présidence ci-dessus ci-dessous ci-après ci-joint ci-jointe ci-contre c'est-à-dire
    peut-être au-delà au-dessus au-dessous au-devant par-delà par-dessus rendez-vous
    outre-mer bien-fondé haut-commissaire haut-commissariat chirurgien-dentiste chef-lieu
    ayant-droit ayants-droit porte-parole procès-verbal procès-verbaux après-midi
    avant-dernier avant-projet contre-expertise contre-visite demi-journée quasi-totalité
    mi-temps sage-femme grand-père grand-mère grands-parents petit-fils petite-fille
    petits-enfants beau-père belle-mère beau-frère belle-sœur beau-fils belle-fille
    demi-frère demi-sœur ex-époux ex-épouse ex-conjoint ex-compagnon ex-compagne
    franco-algérien franco-algérienne franco-marocain franco-marocaine franco-tunisien
    franco-tunisienne nord-africain sud-africain auto-entrepreneur micro-entreprise
    sans-papiers est-ce qu'est-ce""".split())
# second halves that only ever end a compound: `lui-même`, `peut-être`, `dit-il`, `ci-après`,
# `auditrice-rapporteure` (the signature block of a Conseil d'État decision)
COMPOUND_TAILS = frozenset("""même mêmes être il ils elle elles on nous vous dessus dessous
    delà après rapporteur rapporteure rapporteurs rapporteures""".split())
# `celle-ci`, `ceux-là` (but `mer-ci` is a word cut in two: only after a demonstrative)
DEMONSTRATIVES = frozenset("celui celle celles ceux ce cet cette ces".split())
# `dix-huit`, `vingt-deux`, `quatre-vingt`, `vingt-quatrième`
NUMBER_WORDS = frozenset("""un une deux trois quatre cinq six sept huit neuf dix onze douze treize
    quatorze quinze seize vingt vingts trente quarante cinquante soixante cent unième deuxième
    troisième quatrième cinquième sixième septième huitième neuvième dixième onzième douzième
    treizième quatorzième quinzième seizième vingtième trentième""".split())
# first halves that, in decisions, open a compound far more often than they start a word cut
# at a line end: `non-discrimination`, `sud-francilien`, `vice-doyen`; the words that do start
# with them are listed in `SOLID_WORDS` (`nonobstant`, `quasiment`)
COMPOUND_HEADS = frozenset("non nord sud ouest vice quasi".split())
SOLID_WORDS = frozenset("""nonobstant nonchalant nonchalance nonante quasiment vicennal vicésimal""".split())
# `à la mi-mars`
MONTHS = frozenset("""janvier février mars avril mai juin juillet août septembre octobre novembre
    décembre""".split())


def _forms(word: str) -> set[str]:
    """A word and its singular/masculine guesses, to look it up in `HYPHENATED_WORDS`."""
    out = {word}
    for end, repl in (("s", ""), ("x", "l"), ("e", ""), ("es", ""), ("aux", "al")):
        if word.endswith(end):
            out.add(word[: len(word) - len(end)] + repl)
    return out


# the parts of a decision that open a paragraph: `Considérant ce qui suit :`, `Vu le code`,
# `Procédure contentieuse antérieure :` (a CAA's arrêt),
# `Sur les conclusions`, `S'agissant de la procédure :`, `D E C I D E :`,
# `Rendu le 8 novembre 2021.`, `La présidente :`
SECTION_START = re.compile(
    r"^(?:Considérant\b|Vu\b|Procédure contentieuse antérieure\b|Sur (?:le|la|les|l['’])|Par ces motifs\b|En ce qui concerne\b|S['’]agissant\b"
    r"|D\s?[EÉ]\s?C\s?I\s?D\s?E\b|O\s?R\s?D\s?O\s?N\s?N\s?E\b|Délibéré\b|Rendu le\b|Fait à\b|Signé\b"
    r"|Copie en sera\b|(?:Le|La) (?:président|présidente|rapporteur|rapporteure|secrétaire|greffier|greffière|juge)"
    r"(?: des référés)?\s*:)")


def _keeps_hyphen(before: str, after: str, known: set[str]) -> bool:
    """Whether "before-" at the end of a line and "after" at the start of the next are one
    hyphenated word (the hyphen stays) rather than one word cut in two (it goes).

    The hyphen stays when the next fragment starts with an uppercase letter or a digit
    (`Seine-` + `Saint-Denis`, `L. 311-` + `7`), when it already holds a hyphen (`c'est-` +
    `à-dire`), when the document writes the hyphenated word elsewhere and never the joined
    one, when the word is a known compound (`HYPHENATED_WORDS`: `non-lieu`, `sous-préfète`,
    `rendez-vous`), when the second half only ever ends a compound (`COMPOUND_TAILS`:
    `lui-même`, `ci-dessus`), after a demonstrative (`celle-ci`), after a first half that
    opens compounds (`COMPOUND_HEADS`: `non-discrimination`, `sud-francilien`, but not
    `nonobstant`), in `mi-mars` and between two number words (`dix-huit`, `vingt-quatrième`). Otherwise the line break cut a word: `fonde-` + `ment` -> `fondement`;
    the document's own spelling wins when it writes the joined word elsewhere.
    """
    head = before.split()[-1] if before.split() else ""
    tail = after.split()[0] if after.split() else ""
    if not head or not tail:
        return True
    if tail[0].isupper() or tail[0].isdigit() or head[-2:-1].isdigit():
        return True
    core = re.sub(r"[^\w'’-]+$", "", tail)
    if "-" in core:
        return True
    h = head[:-1].lower().lstrip("(«\"'[")
    t = core.lower()
    joined, hyphened = h + t, h + "-" + t
    if hyphened in known and joined not in known:
        return True
    if joined in known:
        return False
    last = re.split(r"['’]", h)[-1]          # `l'ex-` + `épouse`: the word is `ex-épouse`
    if (_forms(hyphened) | _forms(last + "-" + t)) & HYPHENATED_WORDS:
        return True
    if t in COMPOUND_TAILS:
        return True
    if t in ("ci", "là") and last in DEMONSTRATIVES:
        return True
    if last in COMPOUND_HEADS:
        return (last + t) not in SOLID_WORDS and not any(w.startswith(last + t) for w in SOLID_WORDS)
    if last == "mi" and t in MONTHS:
        return True
    return last in NUMBER_WORDS and t in NUMBER_WORDS


def join_hyphenated(before: str, after: str, known: Iterable[str] = ()) -> str:
    """Join two line fragments of one word: `join_hyphenated("fonde-", "ment")` -> "fondement",
    `join_hyphenated("Seine-", "Saint-Denis")` -> "Seine-Saint-Denis"."""
    known = set(known)
    if _keeps_hyphen(before, after, known):
        return before + after
    return before[:-1] + after


def _ends_hyphenated(text: str) -> bool:
    """A line ending in a hyphen glued to a letter (`fonde-`), not a dash (`Colin -`)."""
    return len(text) >= 2 and text[-1] in "-\u00ad\u2010" and text[-2].isalpha()


def _vocabulary(lines: list[Line]) -> set[str]:
    """The lower-case words of the document, to settle a hyphen at a line end."""
    words: set[str] = set()
    for ln in lines:
        words.update(w.strip(".,;:!?()«»\"[]").lower() for w in ln.text.split())
    return words


def assemble(lines: list[Line]) -> tuple[str, TextMap]:
    """Join lines into paragraphs, one per line of text, and build the text map."""
    if not lines:
        return "", TextMap.empty()
    known = _vocabulary(lines)
    margins = _margins(lines)
    pitch = _usual_pitch(lines)

    parts: list[str] = []
    pages = array("H")
    boxes = array("f")

    def emit(text: str, page: int, bxs: array | None) -> None:
        parts.append(text)
        if bxs is None:
            pages.extend([0] * len(text))
            boxes.extend(ZERO_BOX * len(text))
        else:
            for i, t in enumerate(text):
                inserted = t == " " and bxs[4 * i] == bxs[4 * i + 2] == 0.0
                pages.append(0 if inserted else page)
            boxes.extend(bxs)

    prev: Line | None = None
    prev_text = ""
    for ln in lines:
        text, bxs = ln.text, ln.boxes
        if prev is None:
            pass
        elif _breaks(prev, ln, margins[_kind(ln)], pitch):
            emit("\n", 0, None)
        elif _ends_hyphenated(prev_text) and text[:1].isalpha():
            if not _keeps_hyphen(prev_text, text, known):
                # drop the hyphen already written: its char and its map entry
                parts[-1] = parts[-1][:-1]
                del pages[-1]
                del boxes[-4:]
        else:
            emit(" ", 0, None)
        emit(text, ln.page, bxs)
        prev, prev_text = ln, text
    emit("\n", 0, None)
    full = "".join(parts)
    return full, TextMap(pages, boxes)


def _breaks(prev: Line, ln: Line, margins: tuple[float, float], pitch: dict[int, float]) -> bool:
    """Whether `ln` starts a new paragraph after `prev`."""
    if prev.own_paragraph or ln.own_paragraph:
        return True
    left, right = margins
    size = ln.size
    # the next line of a block indented as a whole (a `- ` item of a list, a quotation): at the
    # x0 of the line before, which ran to the right margin or ended in a cut word (`main-`)
    if abs(ln.x0 - prev.x0) < 0.5 * size and ln.x0 - left >= INDENT_MIN * size \
            and (prev.x1 >= right - 1.5 * size or _ends_hyphenated(prev.text)) \
            and not PARAGRAPH_MARKER.match(ln.text) and not SECTION_START.match(ln.text) \
            and (ln.page != prev.page or ln.top - prev.top <= PITCH_BREAK * (pitch.get(_kind(ln)) or 1.2) * size):
        return False
    if ln.x0 - left >= INDENT_MIN * size:
        return True
    if ln.page == prev.page:
        usual = (pitch.get(_kind(ln)) or 1.2) * size
        if ln.top - prev.top > PITCH_BREAK * usual:
            return True
    if _ends_hyphenated(prev.text):
        return False
    # the next line's first word would have fitted at the end of this one
    if prev.x1 + 0.3 * size + ln.first_word_width < right - 0.5 * size:
        return True
    # across a page break the vertical gap is lost: a list or article marker, or the words
    # that open a part of the decision, after a line that closes a sentence, start a
    # paragraph. (Not on one page, where the geometry is known: a law quoted inside a
    # paragraph runs on with `... ; / 3° Mener ...` at the start of a line.)
    if ln.page == prev.page or prev.text.rstrip()[-1:] not in ".;:":
        return False
    return bool(PARAGRAPH_MARKER.match(ln.text) or SECTION_START.match(ln.text))


def _usual_pitch(lines: list[Line]) -> dict[int, float]:
    """The usual distance between two lines of one paragraph, as a multiple of the font size:
    the lower quartile of the distances between consecutive lines (a page of one-line
    paragraphs has mostly paragraph gaps). Key 0 is the text layer of the whole document; an
    OCR page has its own key (its page number), its sizes being estimated from pixels."""
    samples: dict[int, list[float]] = {}
    for a, b in zip(lines, lines[1:]):
        if a.page == b.page and not a.own_paragraph and not b.own_paragraph:
            d = b.top - a.top
            if 0 < d < 2.5 * b.size:
                samples.setdefault(_kind(b), []).append(d / b.size)
    return {k: sorted(v)[len(v) // 4] for k, v in samples.items() if len(v) >= 3}


def _kind(ln: Line) -> int:
    """0 for the text layer of the document, the page number for a page read by OCR (its
    geometry comes from pixels and its own frame)."""
    return ln.page if ln.ocr else 0


def _margins(lines: list[Line]) -> dict[int, tuple[float, float]]:
    """(left, right) text margins for each kind of line (see `_kind`)."""
    groups: dict[int, list[Line]] = {}
    for ln in lines:
        groups.setdefault(_kind(ln), []).append(ln)
    out = {}
    for k, group in groups.items():
        body = [ln for ln in group if not ln.own_paragraph] or group
        rights = sorted(ln.x1 for ln in body)
        out[k] = (_left_margin(body), rights[int(0.98 * (len(rights) - 1))])
    return out


def _left_margin(lines: list[Line]) -> float:
    """The x where unindented lines start: the leftmost x0 shared by several lines (a short
    decision may have more indented first lines than continuation lines)."""
    counts = Counter(round(ln.x0) for ln in lines)
    enough = max(2, len(lines) // 20)
    shared = [x for x, n in counts.items() if n >= enough]
    return float(min(shared or counts))


# ---------------------------------------------------------------------------------------------
# the text layer: usable, or a case for OCR

def text_layer_quality(chars: list[tuple]) -> tuple[int, float]:
    """(number of letters, share of unreadable glyphs) of a page's chars: `(cid:NN)` glyphs,
    private-use code points, replacement chars and controls are unreadable."""
    letters = bad = n = 0
    for c in chars:
        t = c[0]
        if t in SPACES or t.isspace():
            continue
        n += 1
        if t.startswith("(cid:"):
            bad += 1
            continue
        ch = t[0]
        if ch.isalpha():
            if "\ue000" <= ch <= "\uf8ff":
                bad += 1
            else:
                letters += 1
        elif ch == "\ufffd" or unicodedata.category(ch) in ("Co", "Cc", "Cn"):
            bad += 1
    return letters, (bad / n if n else 0.0)


def needs_ocr(chars: list[tuple], image_area_share: float) -> bool:
    """A page goes to OCR when its text layer is gibberish (a broken font: a fifth of its glyphs
    unreadable, or fewer than a third letters), or when it holds little text (a stamp, a
    page number) over a large image (a scan)."""
    n = sum(1 for c in chars if not (c[0] in SPACES or c[0].isspace()))
    letters, bad_share = text_layer_quality(chars)
    if n >= 20 and (bad_share > 0.2 or letters < 0.3 * n):
        return True
    return letters < 80 and image_area_share > 0.25


# ---------------------------------------------------------------------------------------------
# the whole document

def parse_pdf(data: bytes, path: str, *, ocr: bool = True) -> ParsedDocument:
    """The cleaned text of a PDF with its text map. Pages without a usable text layer are read
    by OCR when `ocr` is on. Raises `UnreadableDocument` when the file cannot be read whole."""
    import pdfplumber

    check_header(data, path)
    digest = hashlib.sha256(data).hexdigest()
    warnings: list[str] = []
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as e:  # pdfplumber wraps every pdfminer error in PdfminerException
        raise classify_error(e, path) from e
    pages: list[list[Line]] = []
    heights: list[float] = []
    ocr_pages: list[int] = []
    skipped: list[int] = []
    pdfium_doc = None
    try:
        with pdf:
            n_pages = len(pdf.pages)
            for i, page in enumerate(pdf.pages, start=1):
                try:
                    chars, share = page_chars(page)
                    width, height = float(page.width), float(page.height)
                except Exception as e:  # a page's content stream pdfminer cannot read
                    raise classify_error(e, path, page=i) from e
                if needs_ocr(chars, share):
                    if ocr:
                        from . import ocr as ocr_mod
                        if pdfium_doc is None:
                            pdfium_doc = ocr_mod.open_pdfium(data)
                        lines = ocr_mod.ocr_page(pdfium_doc, i, width, height, file_sha256=digest)
                        ocr_pages.append(i)
                    else:
                        skipped.append(i)
                        lines = lines_from_chars(chars, i)
                else:
                    lines = lines_from_chars(chars, i)
                if i == 1:
                    lines = split_header_columns(lines, height)
                pages.append(lines)
                heights.append(height)
                page.close()
                if i % 20 == 0:
                    pdf.flush_cache()
    except UnreadableDocument:
        raise
    except MemoryError:
        raise
    except Exception as e:
        raise classify_error(e, path) from e
    finally:
        if pdfium_doc is not None:
            pdfium_doc.close()
    kept = drop_running_lines(pages, heights)
    text, textmap = assemble([ln for page in kept for ln in page])
    if ocr_pages:
        warnings.append(f"ocr: {_pages_phrase(ocr_pages)} read by OCR")
        from .ocr import osd_available
        if not osd_available():
            warnings.append("ocr: orientation detection unavailable (no osd.traineddata); "
                            "pages were read as they stand")
    if skipped:
        warnings.append(f"ocr: {_pages_phrase(skipped)} without a usable text layer, not read (OCR off)")
    if not text.strip():
        raise UnreadableDocument("no-text", f"{path}: no text in {n_pages} page(s) "
                                 + ("even after OCR; is it a blank scan?" if ocr else
                                    "(a scan?); parse it again with OCR on"))
    source = Source(path=path, sha256=digest, format="pdf", pages=n_pages, ocr=bool(ocr_pages))
    return ParsedDocument(text=text, source=source, textmap=textmap, warnings=tuple(warnings))


def _pages_phrase(pages: list[int]) -> str:
    return ("page " if len(pages) == 1 else "pages ") + ", ".join(map(str, pages))


# ---------------------------------------------------------------------------------------------
# errors

def check_header(data: bytes, path: str) -> None:
    """Refuse at once what is not a whole PDF: empty, another format, cut short."""
    if not data.strip():
        raise UnreadableDocument("empty", f"{path}: the file is empty; copy or download it again")
    head = data[:1024]
    if b"%PDF-" not in head:
        raise UnreadableDocument("not-a-pdf", f"{path}: not a PDF ({sniff(head)}); "
                                 "check what was saved under this name and convert it to PDF")
    if b"%%EOF" not in data[-2048:]:
        raise UnreadableDocument("truncated", f"{path}: the file stops before the PDF's end marker "
                                 "(%%EOF): it was cut short; copy or download it again")


def sniff(head: bytes) -> str:
    """What a file that is not a PDF looks like, for the message."""
    h = head.lstrip()[:256].lower()
    if h.startswith(b"\x89png"):
        return "a PNG image"
    if h.startswith(b"\xff\xd8\xff"):
        return "a JPEG image"
    if h.startswith((b"ii*\x00", b"mm\x00*")):
        return "a TIFF image"
    if h.startswith(b"pk\x03\x04"):
        return "a ZIP archive or an Office document"
    if h.startswith(b"\xd0\xcf\x11\xe0"):
        return "an old Office document"
    if b"<html" in h or b"<!doctype html" in h:
        return "an HTML page, maybe an error page saved instead of the PDF"
    if h.startswith(b"<?xml") or h.startswith(b"<"):
        return "an XML or HTML file"
    if h.startswith(b"{\\rtf"):
        return "an RTF document"
    return "no %PDF- header in its first 1024 bytes"


def classify_error(e: BaseException, path: str, page: int | None = None) -> UnreadableDocument:
    """A pdfminer/pdfplumber failure as an `UnreadableDocument` with a precise reason."""
    inner = e.args[0] if e.args and isinstance(e.args[0], BaseException) else e
    name = type(inner).__name__
    where = f" (page {page})" if page else ""
    if name in ("PDFPasswordIncorrect", "PDFEncryptionError", "PDFEncryptionWarning"):
        return UnreadableDocument("encrypted", f"{path}: the PDF is encrypted with a password; ask the "
                                  "sender for an unprotected copy (or decrypt it with qpdf --decrypt)")
    if isinstance(inner, MemoryError):
        return UnreadableDocument("too-large", f"{path}: reading the PDF{where} ran out of memory")
    if name in ("PSEOF",):
        return UnreadableDocument("truncated", f"{path}: the PDF ends in the middle of an object{where}; "
                                  "it was cut short, copy or download it again")
    detail = str(inner) or name
    return UnreadableDocument("corrupt", f"{path}: the PDF's structure is damaged{where} ({detail}); "
                              "open it in a PDF reader and print it again to PDF, or fetch it again")
