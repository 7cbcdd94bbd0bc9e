"""Zones: entete, visas, motifs, dispositif, signature, in the XML layout and in a PDF layout."""
from __future__ import annotations

from pathlib import Path

import pytest

from extractors.zones import find_zones, get_zone, sentences

XML_LIKE = """Vu la procédure suivante :
M. A B a demandé au tribunal administratif de Paris d'annuler l'arrêté du 3 mars 2020.
Vu les autres pièces du dossier ;
Considérant ce qui suit :
1. Le pourvoi n'est pas admis.
{heading}
--------------
Article 1er : Le pourvoi de M. B n'est pas admis.
Article 2 : La présente décision sera notifiée à M. A B.
Copie en sera adressée au ministre de l'intérieur.
{signature}
La présidente :
Signé : Mme Maud Vialettes
"""

PDF_LIKE = """TRIBUNAL ADMINISTRATIF DE GRENOBLE
N° 2506085
RÉPUBLIQUE FRANÇAISE
AU NOM DU PEUPLE FRANÇAIS
Le juge des référés
Vu la requête, enregistrée le 4 juillet 2025, l'association La Cimade demande au juge des référés :
Considérant ce qui suit :
1. Aux termes de l'article L. 521-3 du code de justice administrative ...
O R D O N N E :
Article 1er : Il est enjoint à la préfète de l'Isère de mettre en place un accueil physique.
Article 2 : La présente ordonnance sera notifiée à l'association La Cimade et au ministre de l'intérieur.
Fait à Grenoble, le 21 juillet 2025.
Le juge des référés,
La République mande et ordonne à la préfète de l'Isère ...
"""


@pytest.mark.parametrize("heading", ["D E C I D E :", "O R D O N N E :", "ORDONNE :", "DÉCIDE :", "D É C I D E :",
                                     "DECIDE :", "Décide :", "PAR CES MOTIFS, DECIDE :",
                                     "0 R D 0 N N E :", "D E C l D E :"])  # the last two as OCR reads them
@pytest.mark.parametrize("signature", ["Délibéré à l'issue de la séance du 8 octobre 2021 où siégeaient : ...",
                                       "Fait à Paris, le 2 novembre 2021", "Rendu le 24 novembre 2021.",
                                       "Rendu public par mise à disposition au greffe le 5 novembre 2021."])
def test_xml_layout_zones(heading, signature):
    text = XML_LIKE.format(heading=heading, signature=signature)
    zones = find_zones(text)
    assert [z.name for z in zones] == ["visas", "motifs", "dispositif", "signature"]
    disp = get_zone(zones, "dispositif").of(text)
    assert disp.startswith(heading)
    assert disp.endswith("Copie en sera adressée au ministre de l'intérieur.")
    assert get_zone(zones, "visas").of(text).startswith("Vu la procédure suivante")
    assert get_zone(zones, "motifs").of(text).startswith("Considérant ce qui suit")
    assert get_zone(zones, "signature").of(text).startswith(signature.split()[0])


def test_pdf_layout_has_an_entete():
    zones = find_zones(PDF_LIKE)
    assert [z.name for z in zones] == ["entete", "visas", "motifs", "dispositif", "signature"]
    assert get_zone(zones, "entete").of(PDF_LIKE).startswith("TRIBUNAL ADMINISTRATIF DE GRENOBLE")
    assert "Le juge des référés" in get_zone(zones, "entete").of(PDF_LIKE)
    assert get_zone(zones, "dispositif").of(PDF_LIKE).endswith("au ministre de l'intérieur.")
    assert get_zone(zones, "signature").of(PDF_LIKE).startswith("Fait à Grenoble")


def test_a_quoted_heading_is_not_the_dispositif():
    # a rectification quotes the other decision's dispositif earlier in the text
    text = ("Vu la procédure suivante :\nConsidérant ce qui suit :\nL'ordonnance disposait :\n"
            "O R D O N N E :\nArticle 1er : ancien texte.\nO R D O N N E :\nArticle 1er : Le considérant 3 est modifié.\n"
            "Fait à Paris, le 9 novembre 2021\n")
    disp = get_zone(find_zones(text), "dispositif").of(text)
    assert disp == "O R D O N N E :\nArticle 1er : Le considérant 3 est modifié."


def test_no_dispositif_no_zone():
    assert get_zone(find_zones("Vu la requête ;\nConsidérant que ...\n"), "dispositif") is None


def test_avis_contentieux():
    text = "Vu la procédure suivante :\nREND L'AVIS SUIVANT :\n1. Le présent avis sera notifié.\nRendu le 15 novembre 2021\n"
    assert get_zone(find_zones(text), "dispositif").of(text).startswith("REND L'AVIS SUIVANT")


@pytest.mark.parametrize("text, n", [
    ("Le pourvoi de M. B n'est pas admis. Les conclusions de M. A sont rejetées.", 2),
    ("au titre de l'article L. 761-1 du code. La requête est rejetée.", 2),
    ("la somme de 800 euros à M. T... U... la somme. Le surplus est rejeté.", 2),
])
def test_sentences_keep_abbreviations(text, n):
    assert len(sentences(text)) == n


@pytest.mark.slow
def test_dispositif_found_in_the_real_corpus(shared_dir: Path):
    from greffe.opendata import read_xml
    paths = sorted((shared_dir / "corpus" / "xml").glob("*.xml"))
    found = 0
    for p in paths:
        text = read_xml(p.read_bytes(), str(p)).text
        zones = find_zones(text)
        disp = get_zone(zones, "dispositif")
        if disp is not None:
            found += 1
            assert disp.start < disp.end
        for a, b in zip(zones, zones[1:]):
            assert a.end <= b.start, p.name
    assert found / len(paths) >= 0.99


@pytest.mark.parametrize("heading", ["DECTDE:", "D E C T D E :", "ORD0NNF :", "0RDONNE:"])
def test_a_heading_misread_by_ocr_still_opens_the_dispositif(heading):
    text = ("Vu la procédure suivante :\nM. A demande l'annulation.\nConsidérant ce qui suit :\n"
            "1. La requête n'est pas fondée.\n" + heading + "\nArticle 1er : La requête de M. A est rejetée.\n"
            "Article 2 : La présente décision sera notifiée à M. A.\n")
    dispositif = next(z for z in find_zones(text) if z.name == "dispositif")
    assert dispositif.of(text).startswith(heading)


def test_a_line_of_capitals_far_from_a_heading_word_is_not_one():
    text = ("Vu la procédure suivante :\nConsidérant ce qui suit :\n1. Motifs.\nANNEXE :\n"
            "Article 1er : La requête est rejetée.\n")
    from extractors.zones import find_dispositif_heading
    assert find_dispositif_heading(text) is None
