"""corpus/scan.py: scanned copies of PDFs are deterministic, carry no text layer (or only the
stamp's, or the digital pages' in a mixed copy), and a scanned order of the corpus goes through
the real pipeline by OCR with its key facts intact."""
from __future__ import annotations

import importlib.util
import io
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pdfplumber = pytest.importorskip("pdfplumber")
fpdf = pytest.importorskip("fpdf")


def _load_scan():
    spec = importlib.util.spec_from_file_location("corpus_scan", ROOT / "corpus" / "scan.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module      # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


scan_mod = _load_scan()

PAGES = [
    "Le juge des référés ordonne au préfet de l'Isère de délivrer un récépissé dans un délai de huit jours.",
    "Une astreinte de 100 euros par jour de retard est prononcée à l'encontre de l'État.",
    "Le surplus des conclusions de la requête est rejeté.",
]


@pytest.fixture(scope="module")
def digital() -> bytes:
    pdf = fpdf.FPDF()
    pdf.set_creation_date(scan_mod.CREATION_DATE)
    pdf.add_font("dejavu", "", "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
    for text in PAGES:
        pdf.add_page()
        pdf.set_font("dejavu", size=12)
        pdf.multi_cell(0, 8, text)
    return bytes(pdf.output())


def page_texts(data: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [" ".join((p.extract_text() or "").split()) for p in pdf.pages]


def page_facts(data: bytes) -> list[tuple[int, int, bool]]:
    """(chars that are not spaces, images, landscape) per page."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [(sum(1 for c in p.chars if not c["text"].isspace()), len(p.images), p.width > p.height)
                for p in pdf.pages]


def test_same_seed_same_bytes(digital):
    a = scan_mod.scan(digital, seed=7, dpi=100)
    assert a == scan_mod.scan(digital, seed=7, dpi=100)
    assert a != scan_mod.scan(digital, seed=8, dpi=100)


@pytest.mark.parametrize("options", [{}, {"rotate_deg": 1.5, "noise": 10}, {"blank_text_layer": True}])
def test_scan_has_no_text_layer(digital, options):
    out = scan_mod.scan(digital, seed=1, dpi=100, **options)
    assert page_facts(out) == [(0, 1, False)] * len(PAGES)


def test_blank_text_layer_is_there_but_says_nothing(digital):
    out = scan_mod.scan(digital, seed=1, dpi=100, blank_text_layer=True)
    with pdfplumber.open(io.BytesIO(out)) as pdf:
        assert pdf.pages[0].chars and all(c["text"].isspace() for c in pdf.pages[0].chars)


def test_mixed_keeps_the_digital_pages_text(digital):
    out = scan_mod.scan(digital, seed=1, dpi=100, digital_pages=[2])
    texts = page_texts(out)
    assert texts[0] == "" and texts[2] == ""
    assert texts[1] == PAGES[1]
    assert [f[1] for f in page_facts(out)] == [1, 0, 1]


def test_stamp_is_the_only_text(digital):
    out = scan_mod.scan(digital, seed=1, dpi=100, stamp=True)
    with pdfplumber.open(io.BytesIO(out)) as pdf:      # tilted: in the order of the content stream
        stamped = ["".join(c["text"] for c in p.chars if not c["text"].isspace()) for p in pdf.pages]
    assert stamped == ["COPIECONFORME", "", ""]


def test_rotate90_turns_page_two(digital):
    out = scan_mod.scan(digital, seed=1, dpi=100, rotate90=True)
    assert [f[2] for f in page_facts(out)] == [False, True, False]


@pytest.mark.parametrize("mode, text_pages", [
    ("scan", [False, False, False]),
    ("photocopy", [False, False, False]),
    ("mixed", [False, True, False]),
    ("rotated", [False, False, False]),
    ("stamp", [True, False, False]),
])
def test_modes(digital, mode, text_pages):
    out = scan_mod.scan_mode(digital, mode, seed=2, dpi=100)
    assert [bool(t) for t in page_texts(out)] == text_pages


def test_scan_names():
    assert scan_mod.scan_name(Path("a/TA38_2506085_20250721.pdf")) == "TA38_2506085_20250721_scan.pdf"


def test_corpus_scans_have_their_gold(corpus_dir):
    for stem, mode, seed in scan_mod.CORPUS_SCANS:
        assert (corpus_dir / "scans" / f"{stem}_scan.pdf").is_file(), "rebuild: corpus/scan.py --corpus"
        copy = json.loads((corpus_dir / "scans" / "gold" / f"{stem}.json").read_text(encoding="utf-8"))
        original = json.loads((corpus_dir / "gold" / f"{stem}.json").read_text(encoding="utf-8"))
        assert copy["fields"] == original["fields"] and copy["annotated"] == original["annotated"]
        assert f"mode {mode}, seed {seed}" in copy["notes"][-1]


@pytest.mark.slow
def test_corpus_scans_rebuild_to_the_committed_bytes(corpus_dir, tmp_path):
    scan_mod.build_corpus_scans(corpus_dir, tmp_path)
    for stem, _, _ in scan_mod.CORPUS_SCANS:
        name = f"{stem}_scan.pdf"
        assert (tmp_path / name).read_bytes() == (corpus_dir / "scans" / name).read_bytes(), (
            f"{name} differs from a rebuild (another Pillow/numpy/pypdfium2?): "
            "run .venv/bin/python corpus/scan.py --corpus and review")


def _ocr_ready() -> str | None:
    """Why the OCR test cannot run, or None."""
    try:
        from greffe import ocr
    except ImportError as e:
        return f"greffe/ocr.py is not importable ({e})"
    import shutil
    if shutil.which("tesseract") is None:
        return "tesseract is not installed"
    import pytesseract
    if "fra" not in pytesseract.get_languages(config=""):
        return "tesseract-ocr-fra is not installed"
    return None


@pytest.mark.slow
@pytest.mark.parametrize("stem, ocr_pages", [
    ("TA31_2503907_20250424", "pages 1, 2, 3"),     # stamp: page 1's text layer is only the stamp
    ("TA93_2504470_20250528", "pages 1, 2, 3"),     # page 2 fed sideways
])
def test_scanned_order_through_the_pipeline(corpus_dir, nlp, stem, ocr_pages):
    why = _ocr_ready()
    if why:
        pytest.skip(f"OCR not available: {why}")
    from greffe.pipeline import Item, extract_one, read

    doc = read(Item(str(corpus_dir / "scans" / f"{stem}_scan.pdf"), "pdf"))   # in the sandbox
    assert doc.source.ocr is True
    assert any(w == f"ocr: {ocr_pages} read by OCR" for w in doc.warnings), doc.warnings
    rec = extract_one(doc, nlp).to_record()
    gold = json.loads((corpus_dir / "gold" / f"{stem}.json").read_text(encoding="utf-8"))["fields"]
    assert rec["case_numbers"][0] == gold["case_numbers"][0]
    assert rec["decision_date"] == gold["decision_date"]
    assert (rec["court"]["kind"], rec["court"]["city"]) == (gold["court"]["kind"], gold["court"]["city"])
    ordered = [a for a in rec["astreintes"] if a["status"] == "prononcee"]
    pronounced = {(a["amount_eur"], a["period"]) for a in gold["astreintes"] if a["status"] == "prononcee"}
    assert pronounced
    assert {amount for amount, _ in pronounced} == {a["amount_eur"] for a in ordered}
    # the period too: on an OCR'd page, a short last line ('par jour de retard.') must not be
    # cut off its paragraph by a line gap measured in its own (smaller-looking) size
    assert pronounced <= {(a["amount_eur"], a["period"]) for a in ordered}


# Pseudonymised names glued by Tesseract (`M. W F` read `M. WF`), seen on the scans of the real
# corpus's originals, and words that must stay as read.
@pytest.mark.parametrize("read, meant", [
    ("La présente décision sera notifiée à M. WF", "La présente décision sera notifiée à M. W F"),
    ("M. BB A demande au juge des référés", "M. B B A demande au juge des référés"),
    ("notifiée à M. DCetM.BC et au ministre", "notifiée à M. D C et M. B C et au ministre"),
    ("Mme AD, représentée par Me Dupont", "Mme A D, représentée par Me Dupont"),
    ("M.WF demande", "M. W F demande"),
    ("siégeaient : M. HK, M. Olivier Japiot", "siégeaient : M. H K, M. Olivier Japiot"),
    ("la SNC LDC Theta Promotion", "la SNC LDC Theta Promotion"),          # capitals not after M.
    ("M. DUPONT demande", "M. DUPONT demande"),                            # a surname in capitals
    ("M. A B et la SCI MFT", "M. A B et la SCI MFT"),
    ("le CE a jugé", "le CE a jugé"),
    ("Article ler : La requête", "Article 1er : La requête"),
])
def test_glued_initials_are_split_again(read, meant):
    from greffe.ocr import fix_words
    assert " ".join(fix_words(read.split())) == meant


@pytest.mark.parametrize("read, meant", [
    ("”", '"'), ("“Les", '"Les'), ("Sérignan”,", 'Sérignan",'), ("«", "«"), ('"', '"'),
])
def test_directed_double_quotes_read_by_ocr_become_straight(read, meant):
    from greffe.ocr import fix_word
    assert fix_word(read) == meant


@pytest.mark.parametrize("read, meant", [
    ("M. I O, Mme A Net M. DF,M.E Pet M. Jean-Yves Ollier", "M. I O, Mme A N et M. D F, M. E P et M. Jean-Yves Ollier"),
    ("M. Net demande", "M. Net demande"),          # right after the civility: maybe a name
    ("le Net est", "le Net est"),
])
def test_an_initial_glued_to_et_is_split_after_an_initial(read, meant):
    from greffe.ocr import fix_words
    assert " ".join(fix_words(read.split())) == meant


@pytest.mark.parametrize("read, meant", [
    ("sera notifiée à M. AC,à M. DCetM.BC. Fait à Paris", "sera notifiée à M. A C, à M. D C et M. B C. Fait à Paris"),
    ("MM. C ne sont pas admis", "MM. C ne sont pas admis"),
])
def test_initials_glued_to_punctuation_and_the_next_name(read, meant):
    from greffe.ocr import fix_words
    assert " ".join(fix_words(read.split())) == meant


def _fake_reading() -> dict:
    """What Tesseract would read on a 1000 x 1414 px page: one line, `Article ler : rejet`."""
    words = ["Article", "ler", ":", "rejet"]
    data = {k: [] for k in ("level", "block_num", "par_num", "line_num", "left", "top", "width", "height",
                            "conf", "text")}

    def row(level, left, width, text, conf):
        for k, v in zip(data, (level, 1, 1, 1, left, 100, width, 30, conf, text)):
            data[k].append(v)
    row(4, 100, 600, "", -1)
    for i, w in enumerate(words):
        row(5, 100 + 150 * i, 20 * len(w), w, 95)
    return {"data": data, "turn": 0, "angle": 0.0, "size": [1000, 1414], "upright_size": [1000, 1414]}


def test_ocr_cache_reads_a_page_once_per_file(tmp_path, monkeypatch):
    from greffe import ocr
    calls = []

    def read_image(image, page_no, lang=ocr.LANG):
        calls.append(page_no)
        return _fake_reading()
    monkeypatch.setattr(ocr, "render", lambda doc, page_no, dpi=ocr.DPI: None)
    monkeypatch.setattr(ocr, "read_image", read_image)
    monkeypatch.setenv(ocr.CACHE_ENV, str(tmp_path))
    first = ocr.ocr_page(None, 1, 595.0, 842.0, file_sha256="ab" * 32)
    again = ocr.ocr_page(None, 1, 595.0, 842.0, file_sha256="ab" * 32)
    other = ocr.ocr_page(None, 1, 595.0, 842.0, file_sha256="cd" * 32)
    assert calls == [1, 1]                              # the second reading of file ab came from the cache
    assert [ln.text for ln in first] == [ln.text for ln in again] == ["Article 1er : rejet"]   # fixes applied after
    assert list(first[0].boxes) == list(again[0].boxes)
    assert len(list(tmp_path.rglob("*.json"))) == 2
    monkeypatch.delenv(ocr.CACHE_ENV)
    ocr.ocr_page(None, 1, 595.0, 842.0, file_sha256="ab" * 32)
    assert calls == [1, 1, 1]                           # no cache folder: read again
    assert [ln.text for ln in other] == ["Article 1er : rejet"]
