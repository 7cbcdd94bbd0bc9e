"""Amounts and durations as the decisions write them, and round trips through every French form."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractors.amounts import find_amounts, parse_amount, parse_duration, parse_number, parse_ordinal


@pytest.mark.parametrize("text, expected", [
    ("sous astreinte de 100 euros par jour de retard", 100.0),
    ("une astreinte de 10 000 euros par jour de retard", 10000.0),
    ("une astreinte de 100 000 euros par semestre de retard", 100000.0),
    ("sous astreinte de 762,25 € par jour de retard", 762.25),
    ("sous astreinte d'un million d'euros par mois de retard", 1000000.0),
    ("une astreinte de cent euros par jour à l'encontre de l'Etat", 100.0),
    ("la somme de 274 638,84 euros", 274638.84),
    ("la somme de 3000 euros", 3000.0),
    ("la somme de 1 500 €", 1500.0),
    ("la somme de 1\u00a0500\u00a0euros", 1500.0),           # no-break spaces
    ("la somme de 1\u202f500 euros", 1500.0),                  # narrow no-break space
    ("la somme de 1.500.000 euros", 1500000.0),                # dots as thousands
    ("une amende de deux cent cinquante euros", 250.0),
    ("une somme de quatre-vingt-dix-neuf euros", 99.0),
    ("1 000 000 euros par mois", 1000000.0),
    ("aucune somme", None),
])
def test_parse_amount(text, expected):
    assert parse_amount(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("quinze jours", (15, None)),
    ("dans un délai de huit jours", (8, None)),
    ("dans un délai de 48 heures", (2, None)),
    ("dans le délai de vingt-quatre heures", (1, None)),
    ("dans un délai de quarante-huit heures", (2, None)),
    ("dans un délai d'un mois", (None, 1)),
    ("dans un délai de deux mois", (None, 2)),
    ("dans un délai de 2 mois", (None, 2)),
    ("dans les trois mois suivant la notification", (None, 3)),
    ("un contrat d'une durée d'un an", (None, 12)),
    ("dans un délai de trois (3) mois", (None, 3)),
    ("sous huitaine", (8, None)),
    ("dans la quinzaine", (15, None)),
    ("dans un délai de 30 jours", (30, None)),
    ("sans délai", None),
])
def test_parse_duration(text, expected):
    assert parse_duration(text) == expected


@pytest.mark.parametrize("words, value", [
    ("un", 1), ("une", 1), ("seize", 16), ("dix-sept", 17), ("vingt et un", 21), ("vingt-deux", 22),
    ("soixante et onze", 71), ("soixante-dix-sept", 77), ("quatre-vingts", 80), ("quatre-vingt-un", 81),
    ("quatre-vingt-onze", 91), ("quatre-vingt-dix-neuf", 99), ("cent", 100), ("deux cents", 200),
    ("deux cent cinquante", 250), ("mille", 1000), ("trois mille cinq cents", 3500),
    ("un million", 1000000), ("deux millions", 2000000),
])
def test_number_words(words, value):
    assert parse_number(words) == value


@pytest.mark.parametrize("word, value", [("huitième", 8), ("quinzième", 15), ("premier", 1), ("8e", 8), ("15ème", 15)])
def test_ordinals(word, value):
    assert parse_ordinal(word) == value


def test_find_amounts_gives_offsets():
    text = "la somme de 12 650 euros, puis 50 euros par jour"
    found = list(find_amounts(text))
    assert [v for v, _, _ in found] == [12650.0, 50.0]
    assert [text[s:e] for _, s, e in found] == ["12 650 euros", "50 euros"]


# ------------------------------------------------------------------------------------------
# Round trips: an int rendered in each French form parses back to itself.
_UNITS = ["zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze",
          "douze", "treize", "quatorze", "quinze", "seize"]
_TENS = {20: "vingt", 30: "trente", 40: "quarante", 50: "cinquante", 60: "soixante"}


def _below_100(n: int) -> str:
    if n <= 16:
        return _UNITS[n]
    if n < 20:
        return "dix-" + _UNITS[n - 10]
    if n < 70:
        tens, unit = divmod(n, 10)
        word = _TENS[tens * 10]
        return word if unit == 0 else word + (" et un" if unit == 1 else "-" + _UNITS[unit])
    if n < 80:
        return "soixante" + (" et onze" if n == 71 else "-" + _below_100(n - 60))
    if n == 80:
        return "quatre-vingts"
    return "quatre-vingt-" + _below_100(n - 80)


def _below_1000(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    if hundreds == 0:
        return _below_100(rest)
    head = "cent" if hundreds == 1 else _UNITS[hundreds] + " cent" + ("s" if rest == 0 else "")
    return head if rest == 0 else head + " " + _below_100(rest)


def french_words(n: int) -> str:
    """A test-side renderer of French number words (1990 spelling with spaces, as decisions write)."""
    millions, rest = divmod(n, 1_000_000)
    thousands, units = divmod(rest, 1000)
    parts = []
    if millions:
        parts.append(("un million" if millions == 1 else _below_1000(millions) + " millions"))
    if thousands:
        parts.append("mille" if thousands == 1 else _below_1000(thousands) + " mille")
    if units or not parts:
        parts.append(_below_1000(units))
    return " ".join(parts)


def grouped(n: int, sep: str) -> str:
    return f"{n:,}".replace(",", sep)


@given(st.integers(min_value=0, max_value=999_999_999))
def test_amount_round_trip_digits(n):
    for sep in (" ", "\u00a0", "\u202f", ".", ""):
        assert parse_amount(f"{grouped(n, sep)} euros") == float(n)
        assert parse_amount(f"{grouped(n, sep)} €") == float(n)


@given(st.integers(min_value=0, max_value=9_999_999), st.integers(min_value=0, max_value=99))
def test_amount_round_trip_decimal_comma(n, cents):
    assert parse_amount(f"{grouped(n, ' ')},{cents:02d} euros") == pytest.approx(n + cents / 100)


@given(st.integers(min_value=1, max_value=999_999_999))
def test_amount_round_trip_words(n):
    words = french_words(n)
    currency = "d'euros" if words.endswith(("million", "millions")) else "euros"
    assert parse_amount(f"une astreinte de {words} {currency}") == float(n), words


@given(st.integers(min_value=1, max_value=999))
def test_duration_round_trip(n):
    for form in (str(n), french_words(n)):
        assert parse_duration(f"dans un délai de {form} jours") == (n, None)
        assert parse_duration(f"dans un délai de {form} mois") == (None, n)
        assert parse_duration(f"dans un délai de {form} ans") == (None, 12 * n)
