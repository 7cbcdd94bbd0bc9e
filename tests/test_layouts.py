"""corpus/layouts/: one document per page-layout case of real court PDFs (corpus/layouts.py),
each read by greffe.pdf and checked on what its case is about: the header columns not
interleaved, no running header or footer left, words cut at line ends joined, loose justified
lines read as one paragraph, bold numbers and centred headings starting their own lines, the
pages read by OCR named in the warning, a value of a sideways page located on that page, a
stamp-only or gibberish text layer replaced by OCR. The scanned cases are slow (OCR)."""
from __future__ import annotations

import functools
import importlib.util
import io
import json
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYOUTS = ROOT / "corpus" / "layouts"
pdfplumber = pytest.importorskip("pdfplumber")


def _load(name: str, file: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "corpus" / file)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module      # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


layouts = _load("greffe_corpus_layouts", "layouts.py")     # puts corpus/ on sys.path
CASES = {c.name: c for c in layouts.CASES}


@functools.lru_cache(maxsize=None)
def order(stem: str):
    import orders
    return next(c for c in orders.build_all() if c.stem == stem)


@functools.lru_cache(maxsize=None)
def parsed(name: str):
    from greffe.pdf import parse_pdf
    return parse_pdf((LAYOUTS / f"{name}.pdf").read_bytes(), f"{name}.pdf")


def lines(name: str) -> list[str]:
    return [norm(ln) for ln in parsed(name).text.splitlines()]


def norm(s: str) -> str:
    return " ".join(s.replace("\u00a0", " ").replace("**", "").split())


def body_paragraphs(name: str) -> list[str]:
    """The paragraphs of the order as written (the `- ` items of a list too, indented as a
    whole), not the side-by-side signature columns."""
    from layout import Block
    blocks = order(CASES[name].source).layout().blocks
    return [norm(b.text) for b in blocks if isinstance(b, Block)]


def gold(name: str) -> dict:
    return json.loads((LAYOUTS / "gold" / f"{name}.json").read_text(encoding="utf-8"))


def raw_text(name: str) -> str:
    with pdfplumber.open(io.BytesIO((LAYOUTS / f"{name}.pdf").read_bytes())) as pdf:
        return "\n".join(p.extract_text() or "" for p in pdf.pages)


def test_every_case_has_its_document_and_gold(corpus_dir):
    assert sorted(p.stem for p in LAYOUTS.glob("*.pdf")) == sorted(CASES), "rebuild: corpus/layouts.py"
    for name, case in CASES.items():
        g = gold(name)
        original = json.loads((corpus_dir / "gold" / f"{case.source}.json").read_text(encoding="utf-8"))
        assert g["identification"] == name and g["fields"] == original["fields"]
        assert not re.search(r"[._-](?:scan|original|legifrance|variant)$", name)   # score.py's layout suffixes
        assert g["notes"][0].startswith("pages: ") and f"layout case {name}" in g["notes"][-1]


@pytest.mark.slow
def test_digital_cases_rebuild_to_the_committed_bytes(tmp_path):
    digital = [c for c in layouts.CASES if c.digital is not None]
    saved = layouts.CASES
    try:
        layouts.CASES = digital
        layouts.build(tmp_path)
    finally:
        layouts.CASES = saved
    for c in digital:
        assert (tmp_path / f"{c.name}.pdf").read_bytes() == (LAYOUTS / f"{c.name}.pdf").read_bytes(), (
            f"{c.name}.pdf differs from a rebuild: run .venv/bin/python corpus/layouts.py and review")


# ---- digital cases ---------------------------------------------------------------------------

@pytest.mark.parametrize("name", [n for n, c in CASES.items() if c.digital is not None])
def test_digital_case_is_read_without_ocr(name):
    doc = parsed(name)
    assert doc.source.ocr is False and not any(w.startswith("ocr") for w in doc.warnings)


def test_two_column_header_is_read_column_by_column():
    got = lines("two-column-header")
    left = ["TRIBUNAL ADMINISTRATIF", "DE LYON", "N° 2503377", "M. Samir T.", "Ordonnance du 10 avril 2025"]
    right = ["RÉPUBLIQUE FRANÇAISE", "AU NOM DU PEUPLE FRANÇAIS", "Le juge des référés"]
    for column in (left, right):
        at = [got.index(s) for s in column]           # each a whole line of its own
        assert at == sorted(at), column                # in the column's order
    assert got.index(left[-1]) < got.index(right[0])   # the left block, then the right one


@pytest.mark.parametrize("name, running", [
    ("running-header", r"TRIBUNAL ADMINISTRATIF DE MARSEILLE|^\d+$"),    # court + number on top, `2` below
    ("running-footer", r"^page \d+/\d+$"),                               # `page 2/3`
])
def test_no_running_header_or_footer_is_left(name, running):
    got = lines(name)
    assert parsed(name).source.pages >= 3
    assert [ln for ln in got if re.search(running, ln)] == []
    number = order(CASES[name].source).number_label
    assert got.count(number) == 1                      # page 1's header only, not each page's


def test_words_cut_at_line_ends_are_joined():
    raw = raw_text("hyphenation")
    cuts = re.findall(r"(\w+)-\n(\w+)", raw)
    text = parsed("hyphenation").text
    written = " ".join(body_paragraphs("hyphenation"))
    joined = [h + t for h, t in cuts if re.search(rf"\b{h}{t}\b", written)]
    assert len(joined) >= 5                            # the narrow column cuts words
    for word in joined:
        assert re.search(rf"\b{word}\b", text), word


@pytest.mark.parametrize("name", ["two-column-header", "justified", "hyphenation", "bold-numbers",
                                  "centred-headings", "running-header", "running-footer"])
def test_each_paragraph_comes_out_whole_on_one_line(name):
    got = set(lines(name))
    missing = [p for p in body_paragraphs(name) if p not in got]
    assert missing == []


def test_loose_justified_lines_keep_single_spaces():
    text = parsed("justified").text
    assert "  " not in text
    with pdfplumber.open(io.BytesIO((LAYOUTS / "justified.pdf").read_bytes())) as pdf:
        words = pdf.pages[0].extract_words()
    spaces = [b["x0"] - a["x1"] for a, b in zip(words, words[1:]) if abs(a["top"] - b["top"]) < 1]
    assert max(spaces) > 3 * min(s for s in spaces if s > 0)      # the case: uneven wide gaps


def test_bold_paragraph_numbers_and_articles_start_their_lines(nlp):
    got = lines("bold-numbers")
    case = order(CASES["bold-numbers"].source)
    numbered = [ln for ln in got if re.match(r"\d+\. \S", ln)]
    assert len(numbered) == len(case.motifs)
    articles = [ln for ln in got if re.match(r"Article \d+(?:er)? :", ln)]
    assert len(articles) == len(case.articles)
    rec = _record("bold-numbers", nlp)
    assert sorted(rec["outcomes"]) == sorted(gold("bold-numbers")["fields"]["outcomes"])


def test_centred_headings_are_lines_of_their_own(nlp):
    got = lines("centred-headings")
    for heading in ("Vu la procédure suivante :", "Considérant ce qui suit :", "O R D O N N E :"):
        assert heading in got
    rec = _record("centred-headings", nlp)
    assert any(z["name"] == "dispositif" for z in rec["zones"])
    assert sorted(rec["outcomes"]) == sorted(gold("centred-headings")["fields"]["outcomes"])


def _record(name: str, nlp) -> dict:
    from greffe.pipeline import extract_one
    return extract_one(parsed(name), nlp).to_record()


# ---- scanned cases (OCR) -----------------------------------------------------------------------

def _ocr_ready() -> None:
    import shutil
    pytest.importorskip("pytesseract")
    if shutil.which("tesseract") is None:
        pytest.skip("tesseract is not installed")


def _key_facts_hold(name: str, nlp) -> dict:
    rec = _record(name, nlp)
    g = gold(name)["fields"]
    assert rec["case_numbers"][0] == g["case_numbers"][0]
    assert rec["decision_date"] == g["decision_date"]
    assert (rec["court"]["kind"], rec["court"]["city"]) == (g["court"]["kind"], g["court"]["city"])
    assert sorted(rec["outcomes"]) == sorted(g["outcomes"])
    return rec


@pytest.mark.slow
@pytest.mark.parametrize("name, warning", [
    ("rotated-page", "ocr: pages 1, 2 read by OCR"),
    ("skewed-photocopy", "ocr: pages 1, 2 read by OCR"),
    ("mixed-digital-scanned", "ocr: page 1 read by OCR"),       # page 2 keeps its text layer
    ("stamp-text-layer", "ocr: pages 1, 2 read by OCR"),        # page 1's layer is only the stamp
    ("broken-font-layer", "ocr: pages 1, 2 read by OCR"),       # a layer of gibberish
])
def test_scanned_case_names_its_ocr_pages_and_keeps_its_facts(name, warning, nlp):
    _ocr_ready()
    doc = parsed(name)
    assert doc.source.ocr is True
    assert warning in doc.warnings, doc.warnings
    _key_facts_hold(name, nlp)


@pytest.mark.slow
def test_value_on_a_sideways_page_is_located_on_that_page():
    _ocr_ready()
    doc = parsed("rotated-page")
    with pdfplumber.open(io.BytesIO((LAYOUTS / "rotated-page.pdf").read_bytes())) as pdf:
        width, height = float(pdf.pages[1].width), float(pdf.pages[1].height)
    assert width > height                                  # page 2 is the landscape one
    i = doc.text.index("désistement", doc.text.index("Article 1er"))
    page, (x0, top, x1, bottom) = doc.textmap.box(i, i + len("désistement"))
    assert page == 2
    assert 0 <= x0 < x1 <= width and 0 <= top < bottom <= height
    assert bottom - top > x1 - x0                          # the word runs up the turned page


@pytest.mark.slow
def test_mixed_document_keeps_the_digital_page_text_exactly():
    _ocr_ready()
    from greffe.pdf import parse_pdf
    digital = parse_pdf((ROOT / "corpus" / "pdf" / f"{CASES['mixed-digital-scanned'].source}.pdf").read_bytes(), "d.pdf")
    doc = parsed("mixed-digital-scanned")
    page2 = [ln for ln in digital.text.splitlines()
             if ln.strip() and all(p == 2 for p in _pages_of(digital, digital.text.index(ln), len(ln)))]
    assert page2 and all(ln in doc.text for ln in page2)


def _pages_of(doc, start: int, n: int) -> set[int]:
    return {p for p in doc.textmap.pages[start:start + n] if p}


@pytest.mark.slow
def test_gibberish_layer_is_not_in_the_text():
    _ocr_ready()
    text = parsed("broken-font-layer").text
    gibberish = layouts._scan_module().broken_font("Vu la procédure suivante :")
    assert gibberish not in text and "Vu la procédure suivante" in text
    letters = sum(ch.isalpha() for ch in text)
    assert letters > 0.7 * sum(not ch.isspace() for ch in text)
