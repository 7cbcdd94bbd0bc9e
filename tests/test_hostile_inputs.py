"""Hostile and broken inputs, through the whole ingestion (greffe.ingest: discover, sha256,
ledger check, sandboxed parse, extraction, one transaction per document): each bad file is set
aside with a precise reason and a message that says what to do, the run goes on, and the good
documents around it load. Every hostile file is made here; the good ones are orders of the
project's own corpus (corpus/pdf) and open-data XML written below.

One ingestion of a folder that holds all of them runs once for the module (a sandboxed parse
per PDF, OCR for the scan); the tests then read its ledger, its tables and `db.status`."""
from __future__ import annotations

import io
import shutil
import struct
import subprocess
import zipfile
from pathlib import Path

import pytest

from extractors import EXTRACTOR_VERSION
from factories import bomb_pdf
from greffe import db, ingest

fpdf = pytest.importorskip("fpdf")

CORPUS_PDF = Path(__file__).resolve().parent.parent / "corpus" / "pdf"
GOOD = "TA38_2506085_20250721.pdf"          # loaded as it is
XREF = "TA13_2409914_20241205.pdf"          # loaded with its cross-reference table broken
OWNER = "TA21_2502950_20250915.pdf"         # loaded with owner-only encryption
LOCKED = "TA06_2404873_20250325.pdf"        # encrypted with a user password: quarantined
CUT = "TA33_2500412_20250213.pdf"           # truncated: quarantined
SCAN = "TA59_2410058_20241211.pdf"          # rendered to images: goes to OCR


# ------------------------------------------------------------------ the hostile files

def xml_decision(numero: str | None, date: str, body: str, *, code: str = "TA69",
                 name: str = "Tribunal Administratif de Lyon") -> str:
    """An open-data XML decision as the archives write it."""
    numero_el = f"<Numero_Dossier>{numero}</Numero_Dossier>\n" if numero else ""
    paragraphs = "".join(f"<p>{p}</p>\n" for p in body.split("\n"))
    return (f'<?xml version="1.0" encoding="UTF-8" ?>\n<Document>\n<Donnees_Techniques>\n'
            f"<Identification>OR{code}_{numero or 'X'}_{date.replace('-', '')}.xml</Identification>\n"
            f"<Date_Mise_Jour>{date}</Date_Mise_Jour>\n</Donnees_Techniques>\n<Dossier>\n"
            f"<Code_Juridiction>{code}</Code_Juridiction>\n<Nom_Juridiction>{name}</Nom_Juridiction>\n"
            f"{numero_el}<Date_Lecture>{date}</Date_Lecture>\n<Type_Decision>Ordonnance</Type_Decision>\n"
            f"</Dossier>\n<Audience>\n<Formation_Jugement>Juge des référés</Formation_Jugement>\n"
            f"</Audience>\n<Decision>\n<Texte_Integral>{paragraphs}</Texte_Integral>\n</Decision>\n"
            f"</Document>\n")


def order_text(numero: str, day: str) -> str:
    return (f"TRIBUNAL ADMINISTRATIF DE LYON\nN° {numero}\nM. B. A.\n"
            f"Ordonnance du {day}\nLe juge des référés,\n"
            "Vu la procédure suivante :\nPar une requête, M. A. demande au juge des référés "
            "d'enjoindre au préfet du Rhône de lui délivrer un récépissé de demande de titre de séjour.\n"
            "Considérant ce qui suit :\n1. Le préfet du Rhône n'a pas répondu aux demandes de "
            "rendez-vous de M. A.\nO R D O N N E :\nArticle 1er : Il est enjoint au préfet du Rhône "
            "de délivrer à M. A. un récépissé dans un délai de quinze jours à compter de la "
            "notification de la présente ordonnance.\nArticle 2 : La présente ordonnance sera "
            f"notifiée à M. A. et au ministre de l'intérieur.\nFait à Lyon, le {day}.")


def qpdf_encrypt(src: Path, dst: Path, user: str, owner: str) -> None:
    subprocess.run(["qpdf", "--encrypt", user, owner, "256", "--", str(src), str(dst)], check=True)


def broken_xref(data: bytes) -> bytes:
    """Fifty bytes after the header line shift every object: each xref offset is now wrong."""
    head, rest = data.split(b"\n", 1)
    return head + b"\n%" + b" " * 48 + b"\n" + rest


def thousand_pages() -> bytes:
    """A valid 1 000-page order: every page says something of its own (a line repeated at the
    same place on every page would be taken for a running header)."""
    pdf = fpdf.FPDF()
    pdf.set_font("helvetica", size=11)
    pdf.add_page()
    pdf.multi_cell(0, 6, "TRIBUNAL ADMINISTRATIF DE LYON\nN° 2599001\nOrdonnance du 3 mars 2025\n"
                         "Le juge des référés,")
    for i in range(2, 1001):
        pdf.add_page()
        pdf.set_y(120)                              # mid-page, away from the header band
        pdf.multi_cell(0, 6, f"{i - 1}. Pièce numéro {i * 7} : courrier du {i % 28 + 1} "
                             f"{('janvier', 'février', 'mars', 'avril')[i % 4]} 2024 adressé "
                             f"à la préfecture, resté sans réponse depuis {i} jours.")
    return bytes(pdf.output())


def dense_page(paragraph) -> bytes:
    """One page that holds 100 000 characters (a 2-point font, edge to edge) of numbered
    paragraphs `paragraph(i)`."""
    pdf = fpdf.FPDF()
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_font("helvetica", size=2)
    text, i = "", 0
    while len(text) < 100_000:
        i += 1
        text += paragraph(i)
    pdf.multi_cell(0, 0.8, text[:100_000])
    return bytes(pdf.output())


def prose(i: int) -> str:
    return (f"{i}. Considérant que M. A., ressortissant étranger, a sollicité le {i % 28 + 1} mars "
            "2024 un rendez-vous auprès des services de la préfecture, demande restée sans réponse "
            "malgré ses relances successives. ")


def keyword_salad(i: int) -> str:
    """What no decision says: the words of the dispositif, over and over."""
    return "astreinte préfet récépissé injonction délai titre séjour "


def scanned(src: Path, pages: int = 1) -> bytes:
    """The first `pages` pages of `src` rendered to 200 dpi images and wrapped into a PDF with
    no text layer at all."""
    import pypdfium2 as pdfium
    doc = pdfium.PdfDocument(str(src))
    images = [doc[i].render(scale=200 / 72).to_pil().convert("L") for i in range(min(pages, len(doc)))]
    out = io.BytesIO()
    images[0].save(out, format="PDF", resolution=200, save_all=True, append_images=images[1:])
    return out.getvalue()


def png() -> bytes:
    from PIL import Image
    out = io.BytesIO()
    Image.new("RGB", (40, 20), "white").save(out, format="PNG")
    return out.getvalue()


def zip_with_lying_sizes(members: dict[str, bytes], lie: str) -> bytes:
    """A ZIP whose member `lie` declares 1 KB uncompressed (local and central headers) while it
    inflates to whatever it holds."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    raw = bytearray(buf.getvalue())
    name = lie.encode()
    for signature, size_at, name_at in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        pos = raw.find(signature)
        while pos >= 0:
            if raw[pos + name_at:pos + name_at + len(name)] == name:
                raw[pos + size_at:pos + size_at + 4] = struct.pack("<I", 1024)
            pos = raw.find(signature, pos + 4)
    return bytes(raw)


BILLION_LAUGHS = ('<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
                  '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
                  '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>\n'
                  "<Document><Decision><Texte_Integral><p>&lol3;</p></Texte_Integral></Decision></Document>")


def make_inbox(folder: Path) -> None:
    folder.mkdir()
    shutil.copyfile(CORPUS_PDF / GOOD, folder / GOOD)
    (folder / "empty.pdf").write_bytes(b"")
    (folder / "page-404.pdf").write_bytes(b"<!DOCTYPE html>\n<html><head><title>404 Not Found</title>"
                                          b"</head><body>Not Found</body></html>")
    (folder / "photo.pdf").write_bytes(png())
    data = (CORPUS_PDF / CUT).read_bytes()
    (folder / "cut.pdf").write_bytes(data[: len(data) // 2])
    (folder / "xref.pdf").write_bytes(broken_xref((CORPUS_PDF / XREF).read_bytes()))
    qpdf_encrypt(CORPUS_PDF / LOCKED, folder / "locked.pdf", "secret", "owner")
    qpdf_encrypt(CORPUS_PDF / OWNER, folder / "owner-only.pdf", "", "owner")
    (folder / "scan.pdf").write_bytes(scanned(CORPUS_PDF / SCAN))
    (folder / "bomb.pdf").write_bytes(bomb_pdf(4096))
    (folder / "long.pdf").write_bytes(thousand_pages())
    (folder / "dense.pdf").write_bytes(dense_page(prose))
    (folder / "salad.pdf").write_bytes(dense_page(keyword_salad))
    xml = folder / "xml"
    xml.mkdir()
    (xml / "good.xml").write_text(xml_decision("2599101", "2025-04-01", order_text("2599101", "1er avril 2025")))
    (xml / "malformed.xml").write_text(
        xml_decision("2599102", "2025-04-02", order_text("2599102", "2 avril 2025")).replace("</Dossier>", ""))
    stray = xml_decision("2599103", "2025-04-03", order_text("2599103", "3 avril 2025"))
    (xml / "stray-p.xml").write_text(stray.replace("<Texte_Integral>", "<Texte_Integral></p>"))
    (xml / "bom.xml").write_bytes(b"\xef\xbb\xbf" + xml_decision(
        "2599104", "2025-04-04", order_text("2599104", "4 avril 2025")).encode())
    (xml / "no-number.xml").write_text(xml_decision(None, "2025-04-07", order_text("2599105", "7 avril 2025")))
    (xml / "laughs.xml").write_text(BILLION_LAUGHS)
    members = {
        "TA69/ORTA69_2599106_20250408.xml": xml_decision(
            "2599106", "2025-04-08", order_text("2599106", "8 avril 2025")).encode(),
        "../../escaped.xml": xml_decision("2599107", "2025-04-09", order_text("2599107", "9 avril 2025")).encode(),
        "/etc/absolute.xml": b"<Document/>",
        "TA69/declared-bomb.xml": b" " * (64 << 20),
        "TA69/lying-bomb.xml": b" " * (64 << 20),
    }
    (folder / "archive.zip").write_bytes(zip_with_lying_sizes(members, "TA69/lying-bomb.xml"))
    (folder / "broken.zip").write_bytes(b"PK\x03\x04 this is not a zip")


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    """The inbox ingested once: (inbox folder, writable connection, RunSummary). Extraction gets
    10 s a document instead of 300 (the keyword salad would keep it busy for minutes)."""
    if not shutil.which("qpdf"):
        pytest.skip("the qpdf program is not installed")
    mp = pytest.MonkeyPatch()
    mp.setattr(ingest, "EXTRACT_SECONDS", 10.0)
    root = tmp_path_factory.mktemp("hostile")
    inbox = root / "inbox"
    make_inbox(inbox)
    con = ingest.open_writer(root / "g.duckdb")
    todo, done = ingest.plan([str(inbox)], con, EXTRACTOR_VERSION)
    summary = ingest.RunSummary(seen=len(todo) + len(done))
    ingest.skip(con, done, summary, EXTRACTOR_VERSION)
    ingest.store(con, ingest.process_all(todo), summary, EXTRACTOR_VERSION)
    mp.undo()
    yield inbox, con, summary
    con.close()


def ledger_of(con, path: Path | str) -> tuple[str, str | None, str | None, str | None]:
    rows = con.execute("SELECT outcome, reason, message, decision_id FROM ledger WHERE path = ?",
                       [str(path)]).fetchall()
    assert len(rows) == 1, f"{path}: {rows}"
    return rows[0]


# ------------------------------------------------------------------ set aside, with their reason

@pytest.mark.slow
@pytest.mark.parametrize("name, reason, says", [
    ("empty.pdf", "empty", "empty"),
    ("page-404.pdf", "not-a-pdf", "HTML"),
    ("photo.pdf", "not-a-pdf", "PNG"),
    ("cut.pdf", "truncated", "cut short"),
    ("locked.pdf", "encrypted", "password"),
    ("bomb.pdf", "too-large", "bomb"),
    ("xml/malformed.xml", "xml-malformed", "not well formed"),
    ("xml/laughs.xml", "xml-hostile", "entities"),
    ("broken.zip", "zip-corrupt", "download the archive again"),
    ("salad.pdf", "extraction-timeout", "report the file"),
])
def test_bad_files_are_quarantined_with_a_precise_reason(ingested, name, reason, says):
    inbox, con, summary = ingested
    outcome, got, message, decision_id = ledger_of(con, inbox / name)
    assert (outcome, got, decision_id) == ("quarantined", reason, None)
    assert says.lower() in message.lower() and str(inbox / name) in message
    assert (str(inbox / name), reason, message) in summary.quarantined


@pytest.mark.slow
@pytest.mark.parametrize("member, reason", [
    ("../../escaped.xml", "zip-unsafe-path"),
    ("/etc/absolute.xml", "zip-unsafe-path"),
    ("TA69/declared-bomb.xml", "zip-bomb"),
    ("TA69/lying-bomb.xml", "zip-corrupt"),     # never inflated beyond the size it declares:
])                                              # the CRC check then fails
def test_zip_members_that_escape_or_explode_are_quarantined(ingested, member, reason):
    inbox, con, _ = ingested
    outcome, got, message, _ = ledger_of(con, f"{inbox / 'archive.zip'}!{member}")
    assert (outcome, got) == ("quarantined", reason)
    assert any(w in message for w in ("was not read", "ZIP bomb", "cannot be decompressed"))


@pytest.mark.slow
def test_nothing_is_written_outside_the_inbox(ingested):
    inbox, _, _ = ingested
    root = inbox.parent
    assert not list(root.parent.rglob("escaped.xml")) and not Path("/etc/absolute.xml").exists()
    assert not (root.parent.parent / "escaped.xml").exists()


@pytest.mark.slow
def test_status_lists_each_quarantined_file_with_its_reason(ingested):
    inbox, con, summary = ingested
    st = db.status(con)
    listed = {q["path"]: q["reason"] for q in st["quarantine"]}
    assert listed[str(inbox / "locked.pdf")] == "encrypted"
    assert listed[str(inbox / "bomb.pdf")] == "too-large"
    assert listed[f"{inbox / 'archive.zip'}!../../escaped.xml"] == "zip-unsafe-path"
    assert st["quarantined"] == len(st["quarantine"]) == len(summary.quarantined)
    assert all(q["message"] and q["seen_at"] for q in st["quarantine"])


# ------------------------------------------------------------------ loaded, damaged or not

@pytest.mark.slow
@pytest.mark.parametrize("name, decision_id", [
    (GOOD, "TA38_2506085_20250721"),
    ("xref.pdf", "TA13_2409914_20241205"),
    ("owner-only.pdf", "TA21_2502950_20250915"),
    ("xml/good.xml", "TA69_2599101_20250401"),
    ("xml/stray-p.xml", "TA69_2599103_20250403"),
    ("xml/bom.xml", "TA69_2599104_20250404"),
    ("xml/no-number.xml", "TA69_2599105_20250407"),
    ("archive.zip!TA69/ORTA69_2599106_20250408.xml", "TA69_2599106_20250408"),
])
def test_good_and_repairable_files_load(ingested, name, decision_id):
    inbox, con, _ = ingested
    outcome, reason, _, got = ledger_of(con, f"{inbox}/{name}")
    assert (outcome, reason, got) == ("loaded", None, decision_id)
    assert con.execute("SELECT count(*) FROM decisions WHERE id = ?", [decision_id]).fetchone()[0] == 1


@pytest.mark.slow
def test_the_repaired_xml_says_it_was_repaired(ingested):
    _, con, _ = ingested
    warnings = con.execute("SELECT warnings FROM decisions WHERE id = 'TA69_2599103_20250403'").fetchone()[0]
    assert any("stray </p>" in w for w in warnings)


@pytest.mark.slow
def test_the_case_number_of_an_xml_without_numero_dossier_comes_from_its_text(ingested):
    _, con, _ = ingested
    numbers = con.execute("SELECT list(number ORDER BY ordinal) FROM case_numbers "
                          "WHERE decision_id = 'TA69_2599105_20250407'").fetchone()[0]
    assert numbers == ["2599105"]


@pytest.mark.slow
def test_an_image_only_pdf_goes_to_ocr(ingested):
    inbox, con, _ = ingested
    outcome, _, _, decision_id = ledger_of(con, inbox / "scan.pdf")
    assert outcome == "loaded"
    ocr, pages = con.execute("SELECT ocr, pages FROM sources WHERE path = ?", [str(inbox / "scan.pdf")]).fetchone()
    assert ocr is True and pages == 1
    text = con.execute("SELECT text FROM decisions WHERE id = ?", [decision_id]).fetchone()[0]
    assert "2410058" in text and "tribunal" in text.lower()


@pytest.mark.slow
def test_a_thousand_page_document_loads_whole(ingested):
    inbox, con, _ = ingested
    outcome, _, _, decision_id = ledger_of(con, inbox / "long.pdf")
    assert outcome == "loaded"
    assert con.execute("SELECT pages FROM sources WHERE path = ?", [str(inbox / "long.pdf")]).fetchone()[0] == 1000
    last = con.execute("SELECT text FROM page_texts WHERE decision_id = ? AND page = 1000",
                       [decision_id]).fetchone()[0]
    assert "999. Pièce numéro 7000" in " ".join(last.split())


@pytest.mark.slow
def test_a_page_of_a_hundred_thousand_characters_loads(ingested):
    inbox, con, _ = ingested
    outcome, _, _, decision_id = ledger_of(con, inbox / "dense.pdf")
    assert outcome == "loaded"
    text = con.execute("SELECT text FROM decisions WHERE id = ?", [decision_id]).fetchone()[0]
    assert len("".join(text.split())) >= 80_000


@pytest.mark.slow
def test_every_file_has_one_ledger_row_and_the_run_counted_them(ingested):
    inbox, con, summary = ingested
    files = [p for p in inbox.rglob("*") if p.is_file() and p.suffix != ".zip"]
    members = 5
    assert con.execute("SELECT count(*) FROM ledger").fetchone()[0] == len(files) + members + 1
    assert summary.loaded + len(summary.quarantined) + len(summary.retriable) == summary.seen
    assert summary.loaded == con.execute("SELECT count(*) FROM sources").fetchone()[0] == 11
    assert not summary.retriable


# ------------------------------------------------------------------ a file that moves meanwhile

def _one_pdf(tmp_path: Path) -> tuple[Path, object]:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copyfile(CORPUS_PDF / GOOD, inbox / GOOD)
    return inbox / GOOD, ingest.open_writer(tmp_path / "g.duckdb")


def _run(con, paths, **kw) -> ingest.RunSummary:
    todo, done = ingest.plan([str(p) for p in paths], con, EXTRACTOR_VERSION, **kw)
    summary = ingest.RunSummary(seen=len(todo) + len(done))
    ingest.skip(con, done, summary, EXTRACTOR_VERSION)
    ingest.store(con, ingest.process_all(todo), summary, EXTRACTOR_VERSION)
    return summary


@pytest.mark.slow
def test_a_file_that_disappears_before_it_is_read_is_retried_by_the_next_run(tmp_path):
    pdf, con = _one_pdf(tmp_path)
    kept = pdf.read_bytes()
    todo, _ = ingest.plan([str(pdf.parent)], con, EXTRACTOR_VERSION)
    pdf.unlink()                                   # moved away between discovery and parsing
    summary = ingest.RunSummary()
    ingest.store(con, ingest.process_all(todo), summary, EXTRACTOR_VERSION)
    assert summary.loaded == 0 and not summary.quarantined
    [(path, reason, message)] = summary.retriable
    assert (path, reason) == (str(pdf), "missing") and "gone" in message
    assert [r["reason"] for r in db.status(con)["retriable"]] == ["missing"]
    pdf.write_bytes(kept)                          # back in place: the next run loads it
    again = _run(con, [pdf.parent])
    assert again.loaded == 1
    assert db.status(con)["retriable"] == []
    con.close()


@pytest.mark.slow
def test_a_file_that_changes_while_it_is_read_is_retried_by_the_next_run(tmp_path, monkeypatch):
    import os
    pdf, con = _one_pdf(tmp_path)
    real_fstat = os.fstat

    def growing(fd):                               # the size grows under the reader: a copy in progress
        st = real_fstat(fd)
        return os.stat_result((st.st_mode, st.st_ino, st.st_dev, st.st_nlink, st.st_uid, st.st_gid,
                               st.st_size + 4096, st.st_atime, st.st_mtime, st.st_ctime))
    monkeypatch.setattr("greffe.sandbox.os.fstat", growing)
    first = _run(con, [pdf.parent])
    assert [(p, r) for p, r, _ in first.retriable] == [(str(pdf), "changed-while-read")]
    assert ledger_of(con, pdf)[:2] == ("retriable", "changed-while-read")
    monkeypatch.undo()
    second = _run(con, [pdf.parent])
    assert second.loaded == 1 and ledger_of(con, pdf)[0] == "loaded"
    con.close()
