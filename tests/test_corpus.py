"""The project's own corpus of tribunal orders (corpus/): files, gold records, determinism, seed."""
from __future__ import annotations

import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SCHEMA = ROOT.parent / "shared" / "contract" / "decision.schema.json"
GOLD = sorted((CORPUS / "gold").glob("*.json"))
SEED = "TA38_2506085_20250721"


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def squash(s: str) -> str:
    """Compare text whatever the line breaks, hyphenation and no-break spaces: drop them all."""
    s = unicodedata.normalize("NFC", s).replace("’", "'")
    return re.sub(r"[\s\u00a0\u00ad\ufffe\-‐]", "", s).casefold()


def pdf_text(path: Path) -> str:
    import pypdfium2 as pdfium
    doc = pdfium.PdfDocument(str(path))
    try:
        return "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    finally:
        doc.close()


@pytest.fixture(scope="module")
def schema() -> dict:
    if not SCHEMA.is_file():
        pytest.skip(f"the contract schema is not at {SCHEMA}")
    return json.loads(SCHEMA.read_text(encoding="utf-8"))


def test_every_pdf_has_a_gold_file_and_back(corpus_dir):
    pdfs = {p.stem for p in (corpus_dir / "pdf").glob("*.pdf")}
    golds = {p.stem for p in (corpus_dir / "gold").glob("*.json")}
    assert pdfs == golds
    assert len(pdfs) >= 30
    assert SEED in pdfs


@pytest.mark.parametrize("path", GOLD, ids=lambda p: p.stem)
def test_gold_fields_follow_the_contract(path, schema):
    from jsonschema import Draft202012Validator
    g = load(path)
    assert g["id"] == g["identification"] == path.stem
    assert g["annotated"] == list(g["fields"])
    for name, value in g["fields"].items():
        sub = {"$defs": schema["$defs"], **schema["properties"][name]}
        errors = [e.message for e in Draft202012Validator(sub).iter_errors(value)]
        assert not errors, f"{path.stem}.{name}: {errors}"


@pytest.mark.parametrize("path", GOLD, ids=lambda p: p.stem)
def test_gold_agrees_with_itself(path):
    f = load(path)["fields"]
    code, number, ymd = path.stem.split("_")
    assert f["court"]["code"] == code and f["case_numbers"][0] == number
    assert f["decision_date"].replace("-", "") == ymd
    assert f["court"]["kind"] == re.match(r"[A-Z]+?(?=\d)", code).group(0)
    outcomes = set(f["outcomes"])
    assert bool(f["injunctions"]) == ("injonction" in outcomes)
    pronounced = any(a["status"] == "prononcee" for i in f["injunctions"] for a in [i["astreinte"] or {"status": None}])
    assert pronounced == ("astreinte" in outcomes)
    assert any(a["status"] == "liquidee" for a in f["astreintes"]) == ("liquidation" in outcomes)
    for i in f["injunctions"]:          # what an injunction carries is also in the lists
        if i["deadline"]:
            assert i["deadline"] in f["deadlines"] or any(
                (d["days"], d["months"], d["anchor"], d["status"]) ==
                (i["deadline"]["days"], i["deadline"]["months"], i["deadline"]["anchor"], "prononce")
                for d in f["deadlines"])
        assert i["authority"] in {p["authority"] for p in f["parties"]}
    for d in f["deadlines"]:
        assert not (d["days"] and d["months"])
    keys = [(a["amount_eur"], a["period"], a["status"]) for a in f["astreintes"]]
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize("path", GOLD, ids=lambda p: p.stem)
def test_gold_is_what_the_pdf_says(path, corpus_dir):
    """Each recorded phrase, name and number is in the PDF's text layer."""
    f = load(path)["fields"]
    text = squash(pdf_text(corpus_dir / "pdf" / f"{path.stem}.pdf"))
    phrases = [a["text"] for a in f["astreintes"]] + [d["text"] for d in f["deadlines"]]
    phrases += [i["measure"] for i in f["injunctions"]] + [p["name"] for p in f["parties"]]
    phrases += f["judges"] + f["case_numbers"]
    for phrase in phrases:
        if "..." in phrase and " ... " in phrase:     # an elided quotation of two passages
            continue
        assert squash(phrase) in text, f"{path.stem}: {phrase!r} not in the PDF"


@pytest.mark.parametrize("path", GOLD, ids=lambda p: p.stem)
def test_the_greffier_signs_but_does_not_judge(path, corpus_dir):
    text = pdf_text(corpus_dir / "pdf" / f"{path.stem}.pdf")
    [greffier] = re.findall(r"(?:La greffière|Le greffier),\s*signé\s*([^\r\n]+)", text)
    judges = load(path)["fields"]["judges"]
    assert judges and greffier.strip() not in judges


def test_seed_case_says_what_the_order_says():
    f = load(CORPUS / "gold" / f"{SEED}.json")["fields"]
    assert f["court"] == {"kind": "TA", "city": "Grenoble", "code": "TA38",
                          "name": "Tribunal administratif de Grenoble"}
    assert f["case_numbers"] == ["2506085"] and f["decision_date"] == "2025-07-21"
    assert (f["decision_type"], f["formation"], f["procedure"]) == \
        ("ordonnance", "juge des référés", "refere-mesures-utiles")
    requerants = [p for p in f["parties"] if p["role"] == "requerant"]
    assert len(requerants) == 5 and all(p["kind"] == "association" for p in requerants)
    for acronym in ("ADA", "APARDAP", "ODTI", "IDH", "Cimade"):
        assert any(acronym in p["name"] for p in requerants)
    [defendeur] = [p for p in f["parties"] if p["role"] == "defendeur"]
    assert defendeur["authority"] == "prefet:isere"
    [inj] = f["injunctions"]
    assert inj["authority"] == "prefet:isere"
    assert "non dématérialisées" in inj["measure"]
    assert (inj["deadline"]["months"], inj["deadline"]["days"], inj["deadline"]["anchor"]) == (2, None, "notification")
    assert (inj["astreinte"]["amount_eur"], inj["astreinte"]["period"], inj["astreinte"]["status"]) == (500, "jour", "prononcee")
    assert {"injonction", "astreinte", "rejet"} <= set(f["outcomes"])
    assert {(a["amount_eur"], a["period"], a["status"]) for a in f["astreintes"]} >= {(500, "jour", "prononcee")}
    assert (None, 2, "notification", "prononce") in {(d["days"], d["months"], d["anchor"], d["status"]) for d in f["deadlines"]}
    assert f["judges"] == ["Julien Morel"]


def test_seed_pdf_mentions_the_earlier_order():
    text = squash(pdf_text(CORPUS / "pdf" / f"{SEED}.pdf"))
    assert squash("ordonnance n° 2501457 du 28 mars 2025") in text
    assert squash("sous astreinte de 500 euros par jour de retard") in text


def test_the_corpus_varies_what_it_should():
    golds = [load(p)["fields"] for p in GOLD]
    outcomes = set().union(*(g["outcomes"] for g in golds))
    assert {"injonction", "rejet", "non-lieu", "desistement", "suspension", "annulation",
            "astreinte", "liquidation"} <= outcomes
    assert {g["court"]["code"] for g in golds} >= {"TA38", "TA75", "TA93", "TA95", "TA974", "CAA75"}
    assert {a["status"] for g in golds for a in g["astreintes"]} == {"demandee", "prononcee", "liquidee", "refusee"}
    assert any(len(g["case_numbers"]) > 1 for g in golds)
    assert {"ofii", "ants", "prefet-de-police", "ministre:interieur"} <= \
        {p["authority"] for g in golds for p in g["parties"]}


@pytest.mark.slow
def test_the_build_is_deterministic(tmp_path):
    subprocess.run([sys.executable, str(CORPUS / "generate.py"), "--out", str(tmp_path)], check=True,
                   capture_output=True)
    for kind, ext in (("pdf", "pdf"), ("gold", "json")):
        built = {p.name: p.read_bytes() for p in (tmp_path / kind).glob(f"*.{ext}")}
        committed = {p.name: p.read_bytes() for p in (CORPUS / kind).glob(f"*.{ext}")}
        assert built.keys() == committed.keys()
        changed = [n for n in built if built[n] != committed[n]]
        assert not changed, f"{kind}: regenerate with `.venv/bin/python corpus/generate.py`: {changed}"


def test_line_ends_are_hyphenated_like_a_word_processor(corpus_dir):
    """Some long words are cut between syllables, some compounds at their own hyphen."""
    if subprocess.run(["which", "pdftotext"], capture_output=True).returncode:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = "\n".join(subprocess.run(["pdftotext", "-raw", str(p), "-"], capture_output=True, text=True).stdout
                     for p in sorted((corpus_dir / "pdf").glob("TA9*.pdf")))
    assert re.search(r"\bSeine-\nSaint-Denis", text)
    assert re.search(r"[a-zé]{2,}-\n[a-zé]{3,}", text)      # 'fonde-' / 'ment'
