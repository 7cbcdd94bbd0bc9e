"""The decision date: metadata, entête, closing lines; never the hearing nor a cited date."""
from __future__ import annotations

import pytest

from extractors.dates import find_decision_date, parse_french_date
from greffe.model import Metadata

NO_META = Metadata()


@pytest.mark.parametrize("s, iso", [
    ("8 novembre 2021", "2021-11-08"),
    ("1er juillet 2025", "2025-07-01"),
    ("lundi 8 novembre 2021", "2021-11-08"),
    ("21 juillet 2025", "2025-07-21"),
    ("15 août 2021", "2021-08-15"),
    ("3 décembre 2020", "2020-12-03"),
    ("21/07/2025", "2025-07-21"),
    ("31 février 2021", None),
])
def test_parse_french_date(s, iso):
    assert parse_french_date(s) == iso


@pytest.mark.parametrize("text, iso", [
    ("TRIBUNAL ADMINISTRATIF DE GRENOBLE\nN° 2506085\nOrdonnance du 21 juillet 2025\nVu la requête\n", "2025-07-21"),
    ("CONSEIL D'ETAT\nN° 457748\nSéance du 20 octobre 2021\nDécision du 8 novembre 2021\nVu la procédure\n", "2021-11-08"),
    ("Conseil d'État\nN° 457748\nLecture du lundi 8 novembre 2021\nRÉPUBLIQUE FRANÇAISE\nVu la procédure\n", "2021-11-08"),
    ("CONSEIL D'ETAT\nN° 454125\nAvis du 15 novembre 2021\nVu la procédure\n", "2021-11-15"),
    ("COUR ADMINISTRATIVE D'APPEL DE LYON\nN° 21LY01234\nArrêt du 1er décembre 2021\nVu la procédure\n", "2021-12-01"),
    # no entête date: the closing lines
    ("Vu la requête\nConsidérant\nO R D O N N E :\nArticle 1er : rejet.\nFait à Grenoble, le 21 juillet 2025.\n"
     "Le juge des référés,\n", "2025-07-21"),
    ("Vu la requête\nAudience du 3 juillet 2025.\nLu en audience publique le 8 juillet 2025.\n", "2025-07-08"),
    ("Vu la requête\nDélibéré à l'issue de la séance du 8 octobre 2021 où siégeaient : M. A.\nRendu le 24 novembre 2021.\n",
     "2021-11-24"),
    ("Vu la requête\nRendu public par mise à disposition au greffe le 2 mars 2022.\n", "2022-03-02"),
])
def test_decision_date_from_the_text(text, iso):
    assert find_decision_date(text, (), NO_META) == iso


@pytest.mark.parametrize("text", [
    # only a hearing date and dates cited in the text
    "Vu la requête\nSéance du 20 octobre 2021\nPar une ordonnance n° 2121674 du 15 octobre 2021, le juge a rejeté.\n",
    "Vu la procédure suivante :\nDélibéré à l'issue de la séance du 8 octobre 2021.\n",
])
def test_no_decision_date_is_guessed(text):
    assert find_decision_date(text, (), NO_META) is None


def test_metadata_date_wins():
    text = "Vu la requête\nFait à Paris, le 3 novembre 2021\n"
    assert find_decision_date(text, (), Metadata(date_lecture="2021-11-02")) == "2021-11-02"
