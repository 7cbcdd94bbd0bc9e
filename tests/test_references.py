"""Legal references and cited decisions, each with its span."""
from __future__ import annotations

import pytest

from extractors.references import find_cited_decisions, find_legal_refs, normalise_article


@pytest.mark.parametrize("raw, article", [
    ("L. 521-3", "L521-3"), ("R.541-1", "R541-1"), ("L 761-1", "L761-1"), ("R. 421-1-1", "R421-1-1"),
    ("37", "37"), ("1er", "1"), ("12 bis", "12 bis"), ("D. 312-5", "D312-5"),
])
def test_normalise_article(raw, article):
    assert normalise_article(raw) == article


@pytest.mark.parametrize("text, refs", [
    ("l'article L. 521-3 du code de justice administrative", [("L521-3", "CJA")]),
    ("les articles L. 521-1 et L. 521-2 du code de justice administrative", [("L521-1", "CJA"), ("L521-2", "CJA")]),
    ("l'article L. 761-1 du code de justice administrative. Les articles L. 521-1 et L. 521-2 du même code",
     [("L761-1", "CJA"), ("L521-1", "CJA"), ("L521-2", "CJA")]),
    ("l'article L. 423-23 du code de l'entrée et du séjour des étrangers et du droit d'asile", [("L423-23", "CESEDA")]),
    ("l'article L. 313-11 du code de l’entrée et du séjour des étrangers et du droit d’asile", [("L313-11", "CESEDA")]),
    ("l'article 37 de la loi du 10 juillet 1991 relative à l'aide juridique", [("37", "loi 1991-07-10")]),
    ("l'article 37 de la loi n° 91-647 du 10 juillet 1991", [("37", "loi 1991-07-10")]),
    ("l'article 1240 du code civil", [("1240", "code civil")]),
    ("l'article 8 de la convention européenne de sauvegarde des droits de l'homme", [("8", "CEDH")]),
    ("l'article R. 541-1 du code de justice administrative", [("R541-1", "CJA")]),
    ("l'article L. 2131-11 du code général des collectivités territoriales", [("L2131-11", "CGCT")]),
    ("l'article L. 52-8 du code électoral", [("L52-8", "code électoral")]),
    ("l'article 3 du décret n° 2009-1052 du 26 août 2009", [("3", "décret 2009-08-26")]),
    ("en application de l'article L. 911-1, le juge", [("L911-1", None)]),
])
def test_legal_refs(text, refs):
    assert [(r.article, r.code) for r in find_legal_refs(text)] == refs


def test_legal_ref_spans_cover_the_article():
    text = "Vu les articles L. 521-1 et L. 521-2 du code de justice administrative ;"
    assert [r.span.of(text) for r in find_legal_refs(text)] == ["L. 521-1", "L. 521-2"]


@pytest.mark.parametrize("text, cited", [
    ("Par une ordonnance n° 2121674 du 15 octobre 2021, le juge des référés du tribunal administratif de Paris a rejeté",
     [("TA75", "2021-10-15", "2121674")]),
    ("contre l'arrêt n° 18NT03116 du 7 février 2020 de la cour administrative d'appel de Nantes",
     [("CAA44", "2020-02-07", "18NT03116")]),
    ("Le tribunal administratif de Lyon, par un jugement n° 1704164 du 2 avril 2019, a rejeté sa demande",
     [("TA69", "2019-04-02", "1704164")]),
    ("Par un jugement nos 1704140, 1704141 du 10 avril 2019, le tribunal a rejeté",
     [(None, "2019-04-10", "1704140"), (None, "2019-04-10", "1704141")]),
    ("Par une décision n° 405548 du 2 décembre 2019, le Conseil d'Etat, statuant au contentieux",
     [("CE", "2019-12-02", "405548")]),
    ("l'ordonnance n° 2106827 du juge des référés", [(None, None, "2106827")]),
    # the court between the kind and the number
    ("tels qu'interprétés par la décision du Conseil d'Etat statuant au contentieux n° 452798 du 3 juin 2022, que",
     [("CE", "2022-06-03", "452798")]),
    ("l'arrêt de la cour administrative d'appel de Lyon n° 21LY01234 du 2 mars 2022 a annulé",
     [("CAA69", "2022-03-02", "21LY01234")]),
    ("le jugement du tribunal administratif de Montreuil, n° 2112345 du 4 mai 2021",
     [("TA93", "2021-05-04", "2112345")]),
    # texts and authorities' decisions are not court decisions
    ("la décision n° 19-DCC-157 du 12 août 2019 de l'Autorité de la concurrence", []),
    ("la loi n° 2009-879 du 21 juillet 2009 et le décret n° 2021-983 du 27 juillet 2021", []),
])
def test_cited_decisions(text, cited):
    assert [(c.court, c.date, c.number) for c in find_cited_decisions(text)] == cited


def test_cited_decision_spans():
    text = "Par une ordonnance n° 2121674 du 15 octobre 2021, le juge des référés a rejeté"
    (c,) = find_cited_decisions(text)
    assert c.span.of(text) == "ordonnance n° 2121674 du 15 octobre 2021"
