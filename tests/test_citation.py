"""Citations as French lawyers write them (greffe.citation)."""
from __future__ import annotations

import datetime as dt

import pytest

from greffe.citation import citation, court_label, french_date, numbers_label
from greffe.model import Court

TA_GRENOBLE = Court("TA", "Grenoble", "TA38", "Tribunal administratif de Grenoble")
CE = Court("CE", None, "CE", "Conseil d'État")


@pytest.mark.parametrize("court, decision_type, date, numbers, expected", [
    # the TA's juge des référés
    (TA_GRENOBLE, "ordonnance", "2025-07-21", ["2506085"], "TA Grenoble, ord., 21 juill. 2025, n° 2506085"),
    # a CE decision: the kind is not named
    (CE, "decision", "2021-11-19", ["458056"], "CE, 19 nov. 2021, n° 458056"),
    (CE, "ordonnance", "2021-11-19", ["458056"], "CE, ord., 19 nov. 2021, n° 458056"),
    # an avis contentieux says so
    (CE, "avis", "2021-11-15", ["454125"], "CE, avis, 15 nov. 2021, n° 454125"),
    # a CAA arrêt, with its alphanumeric number
    (Court("CAA", "Paris", "CAA75"), "arret", "2022-02-03", ["21PA02971"], "CAA Paris, 3 févr. 2022, n° 21PA02971"),
    # a TA jugement; joined cases: 'nos'
    (Court("TA", "Montreuil", "TA93"), "jugement", "2023-12-05", ["2317376", "2317377"],
     "TA Montreuil, 5 déc. 2023, nos 2317376, 2317377"),
    # the first of the month is '1er'
    (Court("TA", "Cergy-Pontoise"), "ordonnance", "2024-08-01", ["2412345"],
     "TA Cergy-Pontoise, ord., 1er août 2024, n° 2412345"),
    # a city of several words keeps its spelling
    (Court("TA", "La Réunion"), "ordonnance", "2024-06-14", ["2400900"], "TA La Réunion, ord., 14 juin 2024, n° 2400900"),
    # the court as a dict (a search hit's court)
    ({"kind": "CE", "city": None, "code": "CE", "name": None}, "decision", dt.date(2021, 11, 8), ["457748"],
     "CE, 8 nov. 2021, n° 457748"),
    # unknown parts are left out, never guessed
    (CE, None, None, [], "CE"),
    (Court(None), "ordonnance", "2025-03-14", ["2502403"], "ord., 14 mars 2025, n° 2502403"),
    (Court(None, name="Tribunal administratif de Lille"), None, "2025-01-02", ["2500001"],
     "Tribunal administratif de Lille, 2 janv. 2025, n° 2500001"),
])
def test_citation(court, decision_type, date, numbers, expected):
    assert citation(court, decision_type, date, numbers) == expected


@pytest.mark.parametrize("date, expected", [
    ("2025-01-01", "1er janv. 2025"), ("2025-02-10", "10 févr. 2025"), ("2025-03-31", "31 mars 2025"),
    ("2025-04-02", "2 avr. 2025"), ("2025-05-08", "8 mai 2025"), ("2025-06-30", "30 juin 2025"),
    ("2025-07-14", "14 juill. 2025"), ("2025-08-15", "15 août 2025"), ("2025-09-01", "1er sept. 2025"),
    ("2025-10-21", "21 oct. 2025"), ("2025-11-11", "11 nov. 2025"), ("2025-12-25", "25 déc. 2025"),
])
def test_every_month_abbreviation(date, expected):
    assert french_date(date) == expected


@pytest.mark.parametrize("court, expected", [
    (Court("CE"), "CE"),
    (Court("CAA", "Lyon", "CAA69"), "CAA Lyon"),
    (Court("TA", None), "TA"),
    (Court(None, code="TA38"), "TA38"),
    (None, None),
])
def test_court_label(court, expected):
    assert court_label(court) == expected


def test_numbers_label_skips_empty_numbers():
    assert numbers_label(["452798", "", "452806"]) == "nos 452798, 452806"
    assert numbers_label([]) is None
