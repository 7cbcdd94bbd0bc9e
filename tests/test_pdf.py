"""greffe.pdf: lines, the two-column header, running footers, paragraphs, hyphenation and the
text map, on small PDFs built here with fpdf2 (laid out like the court PDFs: justified lines
placed word by word, indented first lines), and on the real corpus."""
from __future__ import annotations

import difflib
import io
import random
from pathlib import Path

import pytest

from greffe.pdf import is_page_number, join_hyphenated, lines_from_chars, needs_ocr, parse_pdf

fpdf = pytest.importorskip("fpdf")

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
needs_font = pytest.mark.skipif(not FONT.exists(), reason="DejaVu Sans (fonts-dejavu-core) is not installed")

LEFT, RIGHT, SIZE, PITCH = 70.0, 525.0, 11.0, 14.0


class Doc:
    """A tiny typesetter: justified paragraphs placed word by word, as a court's PDF does."""

    def __init__(self):
        self.pdf = fpdf.FPDF(unit="pt", format="A4")
        self.pdf.add_font("DejaVu", "", str(FONT))
        self.pdf.set_font("DejaVu", size=SIZE)
        self.pdf.set_auto_page_break(False)
        self.y = 0.0
        self.page_no = 0

    def page(self, footer: str | None = None, header: str | None = None) -> Doc:
        self.pdf.add_page()
        self.page_no += 1
        self.y = 80.0
        if header:
            self.text(LEFT, 40, header, size=9)
        if footer:
            self.text(LEFT, 800, footer, size=9)
            self.text(290, 800, f"- {self.page_no} -", size=9)
        return self

    def text(self, x: float, y: float, s: str, size: float = SIZE) -> None:
        self.pdf.set_font_size(size)
        self.pdf.text(x, y, s)
        self.pdf.set_font_size(SIZE)

    def width(self, s: str) -> float:
        return self.pdf.get_string_width(s)

    def line(self, words: list[str], x0: float, justify: bool) -> None:
        if justify and len(words) > 1:
            gap = (RIGHT - x0 - sum(self.width(w) for w in words)) / (len(words) - 1)
        else:
            gap = self.width(" ")
        x = x0
        for w in words:
            self.text(x, self.y, w)
            x += self.width(w) + gap
        self.y += PITCH

    def paragraph(self, lines: list[str], ragged: bool = False) -> Doc:
        """Lines as given (the caller chooses the breaks, hyphens included): justified with the
        first one indented (a court's PDF), or `ragged` right with no indent and a blank line
        after the paragraph (a Légifrance page)."""
        for i, ln in enumerate(lines):
            last = i == len(lines) - 1
            indent = 35 if i == 0 and not ragged else 0
            self.line(ln.split(), LEFT + indent, justify=not (last or ragged))
        self.y += PITCH if ragged else PITCH / 2
        return self

    def fill(self, start: str = "", end: str = "", seed: int = 0, indent: bool = False) -> str:
        """`start` + ordinary words + `end`, as long as fits on one (justified) line."""
        rnd = random.Random(seed)
        room = RIGHT - LEFT - (35 if indent else 0) - self.width(" ") * 2
        words = start.split()
        while True:
            w = rnd.choice(VOCAB)
            if self.width(" ".join(words + [w] + end.split())) > room:
                return " ".join(words + end.split())
            words.append(w)

    def bytes(self) -> bytes:
        return bytes(self.pdf.output())


VOCAB = ("le juge des référés considère que la demande présentée par le requérant tend à "
         "ce que soit ordonnée la délivrance du titre de séjour sollicité auprès de la "
         "préfecture dans un délai raisonnable").split()


def filler(n: int, seed: int) -> list[str]:
    """Lines of ordinary words that fit a line (the first one indented)."""
    rnd = random.Random(seed)
    return [" ".join(rnd.choice(VOCAB) for _ in range(8)) for _ in range(n)]


def lines_of(text: str) -> list[str]:
    return [ln for ln in text.split("\n") if ln]


@pytest.mark.parametrize("before, after, expected", [
    ("fonde-", "ment", "fondement"),                       # a word cut by the line break
    ("adminis-", "tratif", "administratif"),
    ("Seine-", "Saint-Denis", "Seine-Saint-Denis"),        # a compound cut at its own hyphen
    ("Cergy-", "Pontoise", "Cergy-Pontoise"),
    ("peut-", "être", "peut-être"),
    ("c'est-", "à-dire", "c'est-à-dire"),
    ("celle-", "ci", "celle-ci"),
    ("ci-", "dessus", "ci-dessus"),
    ("vice-", "président", "vice-président"),
    ("sous-", "préfet", "sous-préfet"),
    ("non-", "lieu", "non-lieu"),
    ("rendez-", "vous", "rendez-vous"),
    ("L. 311-", "7", "L. 311-7"),                          # an article number
    ("auditrice-", "rapporteure.", "auditrice-rapporteure."),
    ("haut-", "commissaire", "haut-commissaire"),
    ("l'accord franco-", "algérien", "l'accord franco-algérien"),
    ("sous-", "préfète", "sous-préfète"),
    ("dix-", "huit", "dix-huit"),
    ("vingt-", "quatrième", "vingt-quatrième"),
    ("non-", "discrimination", "non-discrimination"),
    ("sud-", "francilien", "sud-francilien"),
    ("la mi-", "mars", "la mi-mars"),
    ("quasi-", "ment", "quasiment"),
    # a first syllable that looks like a prefix is still a cut word
    ("mi-", "nistre", "ministre"),
    ("au-", "dience", "audience"),
    ("ex-", "pertise", "expertise"),
    ("sous-", "crire", "souscrire"),
    ("non-", "obstant", "nonobstant"),
    ("mer-", "ci", "merci"),
    ("porte-", "raient", "porteraient"),
])
def test_join_hyphenated(before, after, expected):
    assert join_hyphenated(before, after) == expected


def test_join_hyphenated_follows_the_document():
    # the document writes "contre-expertise" elsewhere: a break at its hyphen keeps it
    assert join_hyphenated("contre-", "expertise", known={"contre-expertise"}) == "contre-expertise"
    assert join_hyphenated("contre-", "dit", known={"contredit"}) == "contredit"


@pytest.mark.parametrize("line, expected", [
    ("- 2 -", True), ("-2-", True), ("N° 457748", True), ("N° 457748 - 2 -", True),
    ("Nos 437141, 437142 - 6 -", True), ("page 2/5", True), ("Page 3 sur 7", True), ("2/5", True),
    ("12", True),
    ("Signé : Mme L N420608- 4 -", False), ("D E C I D E :", False), ("Vu la procédure suivante :", False),
    ("Article 2 : La présente décision sera notifiée", False),
])
def test_is_page_number(line, expected):
    assert is_page_number(line) is expected


@needs_font
def test_two_column_header_is_read_column_by_column():
    d = Doc().page()
    left = ["TRIBUNAL ADMINISTRATIF", "DE GRENOBLE", "N° 2506085", "M. A B", "Ordonnance du 21 juillet 2025"]
    right = ["RÉPUBLIQUE FRANÇAISE", "AU NOM DU PEUPLE FRANÇAIS", "Le juge des référés"]
    for i, s in enumerate(left):
        d.text(90, 60 + 15 * i, s)
    for i, s in enumerate(right):       # shares its baselines with the left column
        d.text(340, 60 + 15 * i, s)
    d.y = 180
    d.paragraph(["Vu la procédure suivante :"]).paragraph(filler(3, 1))
    doc = parse_pdf(d.bytes(), "header.pdf")
    got = lines_of(doc.text)
    assert got[:8] == left + right
    assert got[8] == "Vu la procédure suivante :"


@needs_font
def test_running_footer_and_header_are_removed():
    d = Doc()
    body = []
    for p in range(3):
        d.page(footer="N° 123", header="TRIBUNAL ADMINISTRATIF DE GRENOBLE")
        lines = filler(4, p)
        body.append(lines)
        d.paragraph(lines)
    doc = parse_pdf(d.bytes(), "footer.pdf")
    assert "- 2 -" not in doc.text and "N° 123" not in doc.text
    assert doc.text.count("TRIBUNAL ADMINISTRATIF DE GRENOBLE") == 1      # page 1's own header stays
    assert doc.text.split() == ["TRIBUNAL", "ADMINISTRATIF", "DE", "GRENOBLE"] + \
        " ".join(" ".join(b) for b in body).split()


@needs_font
def test_short_body_line_in_the_margin_band_stays():
    d = Doc().page(footer="N° 123")
    d.paragraph(filler(2, 15))
    d.y = 775                                   # "Vu :" is the last line, in the bottom band
    d.paragraph(["Vu :"])
    d.page(footer="N° 123").paragraph(["- le code de justice administrative ;"])
    doc = parse_pdf(d.bytes(), "band.pdf")
    assert lines_of(doc.text)[-2:] == ["Vu :", "- le code de justice administrative ;"]


@needs_font
def test_paragraphs_and_hyphenation():
    d = Doc().page()
    d.paragraph([d.fill(end="sur le fonde-", seed=1, indent=True),
                 d.fill("ment de l'article L. 521-2 du code de justice administrative,", seed=2),
                 "courte fin."])
    d.paragraph([d.fill(end="Il est enjoint au préfet de la Seine-", seed=3, indent=True),
                 d.fill("Saint-Denis de réexaminer la demande", seed=4),
                 "dans quinze jours."])
    d.paragraph(["Article 1er : La requête est rejetée."])
    doc = parse_pdf(d.bytes(), "hyphen.pdf")
    got = lines_of(doc.text)
    assert len(got) == 3
    assert "sur le fondement de l'article L. 521-2" in got[0]
    assert "Il est enjoint au préfet de la Seine-Saint-Denis de réexaminer" in got[1]
    assert got[2] == "Article 1er : La requête est rejetée."


@needs_font
def test_paragraph_break_at_a_page_break_without_indent():
    d = Doc().page()
    d.paragraph([d.fill("Vu les autres pièces du dossier", seed=10), "fin ;"], ragged=True)
    last = d.fill("La parole ayant été donnée, après les conclusions,", end="avocat de M. D ;", seed=11)
    d.paragraph([last], ragged=True)
    d.page().paragraph(["Considérant ce qui suit :"], ragged=True)
    d.paragraph([d.fill("1. Il ressort des pièces du dossier", seed=12), "fin."], ragged=True)
    doc = parse_pdf(d.bytes(), "pagebreak.pdf")
    got = lines_of(doc.text)
    assert got[1] == last and got[2] == "Considérant ce qui suit :"


@needs_font
def test_quoted_enumeration_stays_in_its_paragraph():
    d = Doc().page()
    first = d.fill("3. L'article L. 221-1 du code de l'action sociale dispose que :", end="protéger ;", seed=13)
    second = d.fill("3° Mener en urgence des actions de protection", end="mineurs ;", seed=14)
    d.paragraph([first, second, "fin de l'article. \""], ragged=True)
    d.paragraph(["4. Il résulte de ces dispositions que la demande doit être rejetée."], ragged=True)
    doc = parse_pdf(d.bytes(), "quote.pdf")
    assert lines_of(doc.text) == [f"{first} {second} fin de l'article. \"",
                                  "4. Il résulte de ces dispositions que la demande doit être rejetée."]


@needs_font
def test_superscript_stays_in_its_line():
    d = Doc().page()
    d.paragraph([d.fill(end="comme le prévoit l'article", seed=9, indent=True), "courte fin."])
    x = LEFT + 35
    for word, raised in (("Article", False), ("1", False), ("er", True), (":", False), ("La", False),
                         ("requête", False), ("est", False), ("rejetée.", False)):
        if raised:
            d.text(x, d.y - 6, word, size=6)       # raised by half the body size
            x += d.width(word) * 6 / SIZE + d.width(" ")
        else:
            d.text(x, d.y, word)
            x += d.width(word + " ") if word != "1" else d.width(word)
    doc = parse_pdf(d.bytes(), "sup.pdf")
    assert lines_of(doc.text)[-1] == "Article 1er : La requête est rejetée."


@needs_font
def test_textmap_points_to_the_page_and_box():
    d = Doc()
    d.page().paragraph(["premièrepage " + filler(1, 5)[0]])
    d.page().paragraph(["deuxièmepage " + filler(1, 6)[0]])
    doc = parse_pdf(d.bytes(), "map.pdf")
    tm = doc.textmap
    assert len(tm) == len(doc.text)
    for word, page in (("premièrepage", 1), ("deuxièmepage", 2)):
        i = doc.text.index(word)
        for k in range(i, i + len(word)):
            assert tm.pages[k] == page
            x0, top, x1, bottom = tm.boxes[4 * k: 4 * k + 4]
            assert 0 <= x0 < x1 <= 595.3 and 0 <= top < bottom <= 841.9
        pg, (x0, top, x1, bottom) = tm.box(i, i + len(word))
        assert pg == page and abs(x0 - (LEFT + 35)) < 1 and 60 < top < 90
    for k, ch in enumerate(doc.text):             # inserted spaces and newlines: page 0
        if ch in " \n":
            assert tm.pages[k] == 0


@needs_font
def test_digital_pdf_never_goes_through_ocr(monkeypatch):
    import greffe.ocr

    def refuse(*a, **k):
        raise AssertionError("OCR called on a digital PDF")
    monkeypatch.setattr(greffe.ocr, "ocr_page", refuse)
    d = Doc().page().paragraph(filler(3, 7))
    doc = parse_pdf(d.bytes(), "digital.pdf")
    assert doc.source.ocr is False and doc.source.format == "pdf" and doc.source.pages == 1
    assert not any(w.startswith("ocr") for w in doc.warnings)


def chars(text: str) -> list[tuple]:
    """Fake (text, x0, top, x1, bottom, size) chars, one per character of `text`."""
    return [(ch, 70 + 6 * i, 100, 76 + 6 * i, 112, 12.0) for i, ch in enumerate(text)]


@pytest.mark.parametrize("page_chars, image_share, expected", [
    (chars("Le juge des référés ordonne au préfet de réexaminer la demande. " * 5), 0.0, False),
    (chars("Le juge des référés ordonne au préfet. " * 5), 1.0, False),    # text over a background
    (chars("N° 2506085 - 2 -"), 0.0, False),           # a page with a footer only: nothing to read
    ([], 0.0, False),                                  # a blank page
    ([], 0.95, True),                                  # a scan
    (chars("COPIE CONFORME"), 0.95, True),             # a scan with a digital stamp
    ([("(cid:%d)" % (i % 40), 70 + 6 * i, 100, 76 + 6 * i, 112, 12.0) for i in range(300)], 0.0, True),
    (chars("\ue010\ue011\ue012\ue013 " * 40), 0.0, True),       # private-use glyphs
    (chars("#$%&'()*+,-./0123456789:;<=>?@[\\]^_" * 8), 0.0, True),  # a font with a wrong map
])
def test_needs_ocr(page_chars, image_share, expected):
    assert needs_ocr(page_chars, image_share) is expected


def blank_image_page(pdf) -> None:
    from PIL import Image
    im = Image.new("L", (620, 877), 255)
    for x in range(100, 500):                   # something drawn, no text layer
        im.putpixel((x, 200), 0)
    buf = io.BytesIO()
    im.save(buf, format="PNG")
    buf.seek(0)
    pdf.add_page()
    pdf.image(buf, x=0, y=0, w=pdf.w, h=pdf.h)


@needs_font
def test_mixed_document_sends_only_the_scanned_page_to_ocr(monkeypatch):
    import greffe.ocr
    calls = []

    def fake_ocr(pdfium_doc, page_no, width, height, **kw):
        calls.append(page_no)
        lines = lines_from_chars(chars("motlupartesseract"), page_no)
        for ln in lines:
            ln.ocr = True
        return lines
    monkeypatch.setattr(greffe.ocr, "ocr_page", fake_ocr)
    monkeypatch.setattr(greffe.ocr, "osd_available", lambda: True)
    d = Doc().page().paragraph(["premièrepage " + filler(1, 8)[0]])
    blank_image_page(d.pdf)
    doc = parse_pdf(d.bytes(), "mixed.pdf")
    assert calls == [2]
    assert doc.source.ocr is True and doc.warnings == ("ocr: page 2 read by OCR",)
    assert doc.textmap.page_at(doc.text.index("premièrepage")) == 1
    assert doc.textmap.page_at(doc.text.index("motlupartesseract")) == 2


@needs_font
def test_ocr_off_says_which_pages_were_not_read(monkeypatch):
    d = Doc().page().paragraph(["premièrepage " + filler(1, 8)[0]])
    blank_image_page(d.pdf)
    doc = parse_pdf(d.bytes(), "mixed.pdf", ocr=False)
    assert doc.source.ocr is False
    assert doc.warnings == ("ocr: page 2 without a usable text layer, not read (OCR off)",)


def scan_pdf(lines: list[str], turned: bool = False, skew: float = 0.0) -> bytes:
    """A one-page PDF whose only content is a 300 dpi image of the lines (no text layer),
    optionally scanned a quarter turn off (`turned`, a landscape page) or `skew` degrees askew."""
    from PIL import Image, ImageDraw, ImageFont
    im = Image.new("L", (2480, 3508), 255)
    draw = ImageDraw.Draw(im)
    font = ImageFont.truetype(str(FONT), 42)
    for i, s in enumerate(lines):
        draw.text((250, 300 + 70 * i), s, font=font, fill=0)
    if skew:
        im = im.rotate(skew, fillcolor=255)
    if turned:
        im = im.transpose(Image.Transpose.ROTATE_90)
    buf = io.BytesIO()
    im.save(buf, format="PNG")
    buf.seek(0)
    pdf = fpdf.FPDF(unit="pt", format=(im.size[0] * 72 / 300, im.size[1] * 72 / 300))
    pdf.add_page()
    pdf.image(buf, x=0, y=0, w=pdf.w, h=pdf.h)
    return bytes(pdf.output())


@pytest.mark.slow
@needs_font
def test_image_only_pdf_is_read_by_ocr():
    pytest.importorskip("pytesseract")
    lines = ["Le juge des référés du tribunal administratif de Grenoble",
             "ordonne au préfet de l'Isère de convoquer M. A B dans un délai",
             "de quinze jours, sous astreinte de 100 euros par jour de retard."]
    doc = parse_pdf(scan_pdf(lines), "scan.pdf")
    assert doc.source.ocr is True
    assert "ocr: page 1 read by OCR" in doc.warnings
    words = " ".join(lines).split()
    got = doc.text.split()
    ratio = difflib.SequenceMatcher(None, words, got, autojunk=False).ratio()
    assert ratio > 0.9, doc.text
    i = doc.text.index("préfet")
    page, (x0, top, x1, bottom) = doc.textmap.box(i, i + 6)
    assert page == 1 and 0 < x0 < x1 < 595.3 and 60 < top < bottom < 150     # 2nd line, ~94 pt down


@pytest.mark.slow
@needs_font
@pytest.mark.parametrize("turned, skew", [(True, 0.0), (False, 2.0)])
def test_turned_or_skewed_scan_is_read_upright(turned, skew):
    pytest.importorskip("pytesseract")
    lines = ["Le juge des référés du tribunal administratif de Grenoble",
             "ordonne au préfet de l'Isère de convoquer M. A B dans un délai",
             "de quinze jours, sous astreinte de 100 euros par jour de retard."]
    doc = parse_pdf(scan_pdf(lines, turned=turned, skew=skew), "scan.pdf")
    ratio = difflib.SequenceMatcher(None, " ".join(lines).split(), doc.text.split(), autojunk=False).ratio()
    assert ratio > 0.9, doc.text
    i = doc.text.index("préfet")
    page, (x0, top, x1, bottom) = doc.textmap.box(i, i + 6)
    if turned:      # the text runs bottom to top near the left edge of the landscape page
        assert 60 < x0 < x1 < 150 and bottom - top > x1 - x0
    else:
        assert 60 < top < bottom < 150 and x1 - x0 > bottom - top


def test_tesseract_version_names_the_french_model():
    import shutil
    if not shutil.which("tesseract"):
        pytest.skip("tesseract is not installed")
    from greffe.ocr import tesseract_version
    assert "fra" in tesseract_version()


def word_recall(expected: str, got: str) -> float:
    """Share of the expected words found, in order, in `got`."""
    a, b = expected.split(), got.split()
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return sum(m.size for m in sm.get_matching_blocks()) / len(a)


@pytest.mark.slow
@pytest.mark.parametrize("layout", ["original", "legifrance"])
def test_corpus_text_holds_every_xml_word(shared_dir, layout):
    from greffe.opendata import read_xml
    corpus = shared_dir / "corpus"
    pdfs = sorted((corpus / "pdf" / layout).glob("*.pdf"))
    sample = random.Random(20).sample(pdfs, min(20, len(pdfs)))
    recalls, para = [], []
    for f in sample:
        xml = read_xml((corpus / "xml" / f"{f.stem}.xml").read_bytes(), f.name)
        doc = parse_pdf(f.read_bytes(), str(f))
        recalls.append(word_recall(xml.text, doc.text))
        ours = set(lines_of(doc.text))
        theirs = lines_of(xml.text)
        para.append(sum(p in ours for p in theirs) / len(theirs))
        assert "RÉPUBLIQUE FRANÇAISE" in ours            # the header block, never interleaved
    assert sum(recalls) / len(recalls) > 0.995 and min(recalls) > 0.98
    assert sum(para) / len(para) > 0.97                  # paragraphs come out one per line


@pytest.mark.parametrize("read, meant", [
    ("ler", "1er"), ("Ier", "1er"), ("lère", "1ère"), ("ler,", "1er,"),   # `Article ler :`, `lère chambre`
    ("leur", "leur"), ("le", "le"), ("1er", "1er"), ("Ierre", "Ierre"),   # real words stay
])
def test_known_ocr_misreads_are_undone_word_by_word(read, meant):
    from greffe.ocr import fix_word
    assert fix_word(read) == meant
