"""Judges: the deliberation list, the TA entête, the order's signature; never the greffier."""
from __future__ import annotations

import pytest

from extractors.judges import find_judges


@pytest.mark.parametrize("text, expected", [
    ("Délibéré à l'issue de la séance du 8 octobre 2021 où siégeaient : Mme Maud Vialettes, présidente de chambre, "
     "présidant ; Mme Fabienne Lambolez, conseillère d'Etat et Mme Thalia Breton, auditrice-rapporteure.\n"
     "Rendu le 24 novembre 2021.\nLa présidente :\nSigné : Mme Maud Vialettes\nLa rapporteure :\nSigné : Mme Thalia Breton\n"
     "La secrétaire :\nSigné : Mme B C405548\n",
     ("Maud Vialettes", "Fabienne Lambolez", "Thalia Breton")),
    # pseudonymised members, particles, a missing comma
    ("Délibéré à l'issue de la séance du 22 octobre 2021 où siégeaient : M. Jacques-Henri Stahl, président adjoint de la "
     "section du contentieux, présidant ; Mme A R, Mme G O, présidentes de chambre ; M. C N, Mme E I M. D N, conseillers "
     "d'Etat et Mme Sophie-Caroline de Margerie, conseillère d'Etat-rapporteure.\nRendu le 22 novembre 2021.\n",
     ("Jacques-Henri Stahl", "A R", "G O", "C N", "E I", "D N", "Sophie-Caroline de Margerie")),
    # the list broken over lines in a PDF
    ("Délibéré à l'issue de la séance du 4 novembre 2021 où siégeaient : M. Nicolas Boulouis, président de\nchambre, "
     "présidant ; Mme Anne Courrèges, conseillère d'Etat et Mme Sophie-Caroline de\nMargerie, conseillère d'Etat-rapporteure.\n"
     "Rendu le 19 novembre 2021.\n", ("Nicolas Boulouis", "Anne Courrèges", "Sophie-Caroline de Margerie")),
    # a line break right after a civility's dot does not end the list
    ("Délibéré à l'issue de la séance du 4 novembre 2021 où siégeaient : Mme Maud Vialettes, présidente de chambre, "
     "présidant ; M.\nJacques-Henri Stahl, conseiller d'Etat.\nRendu le 19 novembre 2021.\n",
     ("Maud Vialettes", "Jacques-Henri Stahl")),
    # an order of the juge des référés: `Fait à ..., le ...` then the signature
    ("O R D O N N E :\nArticle 1er : rejet.\nFait à Paris, le 16 novembre 2021\nSigné : Olivier Yeznikian\n"
     "La République mande et ordonne ...\nPour expédition conforme,\nPour le secrétaire du contentieux,\n"
     "par délégation : Marie-Adeline Allain454631\n", ("Olivier Yeznikian",)),
    ("ORDONNE :\nArticle 1er : rejet.\nFait à Grenoble, le 21 juillet 2025.\nLe juge des référés,\nSigné : M. Jean Dupont\n"
     "Le greffier,\nSigné : Mme Anne Martin\n", ("Jean Dupont",)),
    # TA entête, on one line or two
    ("TRIBUNAL ADMINISTRATIF DE GRENOBLE\nN° 2506085\nM. Jean Dupont, Juge des référés\nVu la requête\n", ("Jean Dupont",)),
    ("TRIBUNAL ADMINISTRATIF\nDE GRENOBLE\nN° 2506085\nASSOCIATION X et autres\nM. Julien Morel\nJuge des référés\n"
     "Ordonnance du 21 juillet 2025\nVu la procédure suivante :\n", ("Julien Morel",)),
    # a tribunal's or a cour's jugement: `à laquelle siégeaient`, not the entête's rapporteur public
    ("COUR ADMINISTRATIVE D'APPEL\nDE LYON\nMme Marie-Pierre Fontaine\nPrésidente\nM. Grégoire Lenoir\nRapporteur public\n"
     "Vu la procédure suivante :\nDélibéré après l'audience du 14 décembre 2023, à laquelle siégeaient : Mme Marie-Pierre "
     "Fontaine, présidente de chambre, M. Julien Royer, président assesseur, Mme Sarah Benhamou, première conseillère.\n"
     "Rendu public par mise à disposition au greffe le 18 janvier 2024.\n",
     ("Marie-Pierre Fontaine", "Julien Royer", "Sarah Benhamou")),
    # nothing signed by a judge
    ("La secrétaire :\nSigné : Mme B C\n", ()),
])
def test_judges(text, expected):
    assert find_judges(text, ()) == expected


def test_the_rapporteur_public_is_not_a_judge():
    text = ("Après avoir entendu en séance publique :\n- le rapport de Mme Thalia Breton, auditrice,\n"
            "- les conclusions de M. Frédéric Dieu, rapporteur public ;\n"
            "Délibéré à l'issue de la séance du 8 octobre 2021 où siégeaient : Mme Maud Vialettes, présidente de "
            "chambre, présidant ; Mme Thalia Breton, auditrice-rapporteure.\nRendu le 24 novembre 2021.\n")
    assert "Frédéric Dieu" not in find_judges(text, ())


@pytest.mark.parametrize("block, expected", [
    ("Fait à Grenoble, le 21 juillet 2025.\nLe juge des référés, La greffière,\nsigné signé\nJulien Morel Sandrine Roux\n",
     ("Julien Morel",)),
    ("Rendu public le 25 mars 2025.\nLe rapporteur, Le président, La greffière,\nsigné signé signé\n"
     "Kevin Martelli Marc Orsini Corinne Lorenzi\n", ("Kevin Martelli", "Marc Orsini")),
])
def test_signature_block_in_columns(block, expected):
    assert find_judges("Vu la requête\n" + block, ()) == expected


@pytest.mark.slow
def test_signature_block_in_columns_with_spacy(nlp):
    block = ("Fait à Lyon, le 10 avril 2025.\nLa juge des référés, Le greffier,\nsigné signé\n"
             "Claire Mounier-Dubois Thierry Blanc\n")
    assert find_judges("Vu la requête\n" + block, (), nlp) == ("Claire Mounier-Dubois",)


@pytest.mark.slow
def test_judges_f1_on_the_gold(shared_dir):
    """Judges F1 over the 99 annotated decisions, names compared as the scorer does: >= 0.95."""
    import json
    import sys
    sys.path.insert(0, str(shared_dir / "tools"))
    import score
    from greffe.opendata import read_xml
    corpus = shared_dir / "corpus"
    tp = fp = fn = 0
    for path in sorted((corpus / "gold").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        if "judges" not in gold["annotated"]:
            continue
        doc = read_xml((corpus / "xml" / gold["identification"]).read_bytes(), gold["identification"])
        g = {score.norm_name(j, drop_titles=True) for j in gold["fields"]["judges"]}
        p = {score.norm_name(j, drop_titles=True) for j in find_judges(doc.text, ())}
        tp, fp, fn = tp + len(g & p), fp + len(p - g), fn + len(g - p)
    f1 = 2 * tp / (2 * tp + fp + fn)
    assert f1 >= 0.95, f1
