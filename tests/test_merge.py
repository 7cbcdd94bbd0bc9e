"""One decision, many sources: the PDF an association holds and the open-data XML of the same
decision (same court, case number and date) are one decision with two sources. Whatever the
order they arrive in, the record keeps the PDF's text (its pages and boxes) and the XML's
metadata fills what the PDF does not state; `greffe show` lists both sources."""
from __future__ import annotations

from pathlib import Path

import pytest

from extractors import EXTRACTOR_VERSION
from greffe import db, ingest
from greffe.cli import render_record
from greffe.pipeline import discover, fingerprint, process_all

STEM = "TA38_2506085_20250721"


def xml_of(pdf_text: str, formation: str = "Juge des référés") -> bytes:
    """The open-data XML of the seed order, as the open data publishes a tribunal's order: the
    metadata in <Dossier> and <Audience>, the text from « Vu la procédure suivante » (the
    header of the PDF is not in <Texte_Integral>), one paragraph per line."""
    body = pdf_text[pdf_text.index("Vu la procédure suivante"):]
    paras = "".join(f"<p>{line}</p>" for line in body.splitlines() if line.strip())
    paras = paras.replace("&", "&amp;")
    return f"""<?xml version="1.0" encoding="UTF-8" ?>
<Document>
<Donnees_Techniques><Identification>ORTA_2506085_20250721.xml</Identification><Date_Mise_Jour>2025-07-28</Date_Mise_Jour></Donnees_Techniques>
<Dossier><Code_Juridiction>TA38</Code_Juridiction><Nom_Juridiction>Tribunal Administratif de Grenoble</Nom_Juridiction>
<Numero_Dossier>2506085</Numero_Dossier><Date_Lecture>2025-07-21</Date_Lecture>
<Numero_ECLI>ECLI:FR:TAGRE:2025:2506085.20250721</Numero_ECLI><Type_Decision>Ordonnance</Type_Decision>
<Type_Recours>Excès de pouvoir</Type_Recours><Code_Publication>D</Code_Publication></Dossier>
<Audience><Date_Audience>2025-07-17</Date_Audience><Formation_Jugement>{formation}</Formation_Jugement></Audience>
<Decision><Texte_Integral>{paras}</Texte_Integral></Decision>
</Document>""".encode()


@pytest.fixture(scope="module")
def sources(tmp_path_factory, corpus_dir):
    """The seed order's PDF and the XML written from it, each extracted once:
    {path: (Item, sha256, Outcome)}."""
    folder = tmp_path_factory.mktemp("merge")
    pdf = folder / f"{STEM}.pdf"
    pdf.write_bytes((corpus_dir / "pdf" / f"{STEM}.pdf").read_bytes())
    pdf_out = next(process_all([(it, fingerprint(it)) for it in discover([str(pdf)])]))
    xml = folder / "ORTA_2506085_20250721.xml"
    xml.write_bytes(xml_of(pdf_out.decision.text))
    xml_out = next(process_all([(it, fingerprint(it)) for it in discover([str(xml)])]))
    return {pdf: pdf_out, xml: xml_out}


def load_in_order(db_path: Path, sources, *paths: Path):
    con = db.connect(db_path)
    for p in paths:
        ingest.store(con, [sources[p]], ingest.RunSummary(), EXTRACTOR_VERSION)
    return con


@pytest.mark.slow
@pytest.mark.parametrize("order", ["pdf-then-xml", "xml-then-pdf"])
def test_a_pdf_and_its_xml_are_one_decision_with_two_sources(tmp_path, sources, order):
    pdf, xml = sources
    paths = (pdf, xml) if order == "pdf-then-xml" else (xml, pdf)
    with load_in_order(tmp_path / "base.duckdb", sources, *paths) as con:
        assert con.execute("SELECT id FROM decisions").fetchall() == [(STEM,)]
        rec = db.show(con, STEM)
    assert sorted((s["format"], Path(s["path"]).name) for s in rec["sources"]) == \
        [("pdf", pdf.name), ("xml", xml.name)]
    # the PDF's text, with its pages and boxes
    assert rec["source"]["format"] == "pdf"
    assert rec["text"].startswith("TRIBUNAL ADMINISTRATIF\nDE GRENOBLE")
    assert [p["page"] for p in rec["pages"]][:1] == [1] and len(rec["pages"]) >= 2
    assert rec["injunctions"] and all(i["page"] and i["box"] for i in rec["injunctions"])
    # the metadata the XML states
    assert rec["court"] == {"kind": "TA", "city": "Grenoble", "code": "TA38",
                            "name": "Tribunal administratif de Grenoble"}
    assert (rec["case_numbers"], rec["decision_date"], rec["decision_type"]) == \
        (["2506085"], "2025-07-21", "ordonnance")
    assert rec["formation"].lower() == "juge des référés"
    # `greffe show` lists both sources
    shown = render_record(rec)
    sources_block = shown[shown.index("\nsources\n"):]
    assert f"pdf  {pdf}" in sources_block and f"xml  {xml}" in sources_block


@pytest.mark.slow
def test_a_scan_read_by_ocr_does_not_replace_the_digital_text(tmp_path, corpus_dir):
    """The digital PDF and its scanned copy are one decision with two sources; the text, pages
    and boxes stay those of the digital PDF whichever arrives last."""
    from greffe import db
    from greffe.pipeline import Item, extract_one, read
    from greffe.nlp import load_nlp
    stem = "TA38_2506085_20250721"
    digital = read(Item(str(corpus_dir / "pdf" / f"{stem}.pdf"), "pdf"))
    scanned = read(Item(str(corpus_dir / "scans" / f"{stem}_scan.pdf"), "pdf"))
    assert scanned.source.ocr and not digital.source.ocr
    nlp = load_nlp()
    con = db.connect(tmp_path / "g.duckdb")
    for doc in (digital, scanned):
        db.load(con, extract_one(doc, nlp), doc.textmap, "test")
    text, = con.execute("SELECT text FROM decisions WHERE id = ?", [stem]).fetchone()
    assert text == digital.text
    assert con.execute("SELECT count(*) FROM sources WHERE decision_id = ?", [stem]).fetchone()[0] == 2


@pytest.mark.slow
@pytest.mark.parametrize("xml_first", [False, True])
def test_the_open_data_metadata_wins_whatever_the_order(tmp_path, sources, xml_first):
    """When the XML states a value differently from what was read in the PDF, the record takes
    the XML's (the open data's metadata), and keeps the PDF's text."""
    pdf = next(p for p in sources if p.suffix == ".pdf")
    pdf_out = sources[pdf]
    folder = tmp_path / "in"
    folder.mkdir()
    xml = folder / "ORTA_2506085_20250721.xml"
    xml.write_bytes(xml_of(pdf_out.decision.text, formation="Juge des référés statuant seul"))
    xml_out = next(process_all([(it, fingerprint(it)) for it in discover([str(xml)])]))
    con = db.connect(tmp_path / "g.duckdb")
    for out in ([xml_out, pdf_out] if xml_first else [pdf_out, xml_out]):
        ingest.store(con, [out], ingest.RunSummary(), EXTRACTOR_VERSION)
    formation, text = con.execute("SELECT formation, text FROM decisions WHERE id = ?", [STEM]).fetchone()
    assert formation == "Juge des référés statuant seul"
    assert text == pdf_out.decision.text
