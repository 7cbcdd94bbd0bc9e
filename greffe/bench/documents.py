"""Files for the pipeline benchmark, made from the synthetic decisions of `greffe.bench.generate`:

    write_xml(folder, n, seed)    -> n open-data XML decisions (the shape of the open data that
                                     `greffe.opendata.read_xml` reads), one file each
    write_pdfs(folder, n, seed)   -> n orders of 2 to 6 pages, laid out by the corpus's own
                                     renderer (corpus/layout.py, fpdf2); returns the page count

Every file has its own bytes (the decision's index is in its text), so that a run loads them
all instead of skipping copies. Files are written one at a time: nothing of the whole set is
held in memory.
"""
from __future__ import annotations

import sys
from pathlib import Path
from xml.sax.saxutils import escape

from .generate import decisions

_CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def xml_document(d: dict) -> bytes:
    """One decision as an open-data XML file."""
    number = d["id"].split("-")[1]
    court = ("Conseil d'État" if d["court_kind"] == "CE" else
             f"Tribunal Administratif de {d['city']}" if d["court_kind"] == "TA" else
             f"Cour administrative d'appel de {d['city']}")
    date = d["decision_date"].isoformat()
    name = f"D{d['code']}_{number}_{date.replace('-', '')}.xml"
    body = "\n".join(f"<p>{escape(p)}</p>" for p in _paragraphs(d["text"]))
    kind = "Ordonnance" if d["decision_type"] == "ordonnance" else "Décision"
    return (f'<?xml version="1.0" encoding="UTF-8" ?>\n<Document>\n<Donnees_Techniques>\n'
            f"<Identification>{name}</Identification>\n<Date_Mise_Jour>{date}</Date_Mise_Jour>\n"
            f"</Donnees_Techniques>\n<Dossier>\n<Code_Juridiction>{d['code']}</Code_Juridiction>\n"
            f"<Nom_Juridiction>{escape(court)}</Nom_Juridiction>\n"
            f"<Numero_Dossier>{number}</Numero_Dossier>\n<Date_Lecture>{date}</Date_Lecture>\n"
            f"<Type_Decision>{kind}</Type_Decision>\n<Code_Publication>C</Code_Publication>\n"
            f"</Dossier>\n<Audience>\n<Date_Audience>{date}</Date_Audience>\n"
            f"<Formation_Jugement>Juge des référés</Formation_Jugement>\n</Audience>\n"
            f"<Decision>\n<Texte_Integral>{body}</Texte_Integral>\n</Decision>\n</Document>\n"
            ).encode("utf-8")


def write_xml(folder: Path, n: int, seed: int = 0) -> list[Path]:
    """Write `n` XML decisions into `folder` (created); their paths, in name order."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, d in enumerate(decisions(n, seed)):
        path = folder / f"d{seed:03d}_{i:06d}.xml"
        path.write_bytes(xml_document(d))
        paths.append(path)
    return paths


def _layout(d: dict):
    if str(_CORPUS) not in sys.path:
        sys.path.insert(0, str(_CORPUS))
    from layout import Block, Layout   # corpus/layout.py: the renderer of the project's corpus

    lines = d["text"].split("\n")
    court, number, person, kind_date = lines[:4]
    judge = lines[6]
    header = ((court, "RÉPUBLIQUE FRANÇAISE"), (number, None), (None, "AU NOM DU PEUPLE FRANÇAIS"),
              (person, None), ("---", None), (judge, None), (kind_date, None))
    blocks = []
    for p in _paragraphs("\n".join(lines[7:])):
        centred = p in ("ORDONNE :", "Considérant ce qui suit :") or p.startswith("Fait à")
        blocks.append(Block(p, align="C" if centred else "J", indent=0.0 if centred else 12.0))
    return Layout(header=header, blocks=tuple(blocks), number_label=number,
                  court_label=court, title=d["id"])


def write_pdfs(folder: Path, n: int, seed: int = 0) -> int:
    """Render `n` orders of 2 to 6 pages into `folder` (created); the total number of pages."""
    folder.mkdir(parents=True, exist_ok=True)
    if str(_CORPUS) not in sys.path:
        sys.path.insert(0, str(_CORPUS))
    from layout import render
    pages = 0
    for i, d in enumerate(decisions(n, seed)):
        pages += render(_layout(d), folder / f"o{seed:03d}_{i:05d}.pdf")
    return pages
