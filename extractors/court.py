"""The court that gave the decision: kind (TA / CAA / CE), city as in the court's name, the
open-data code (`TA38`, `CAA69`, `CE`) and the court's full name.

Where it comes from, in order:
1. the open-data metadata `Code_Juridiction` (XML);
2. the entête of the document (its first lines, before `Vu ...`): `TRIBUNAL ADMINISTRATIF DE
   GRENOBLE`, `COUR ADMINISTRATIVE D'APPEL DE LYON`, `CONSEIL D'ETAT / statuant au contentieux`,
   `Conseil d'État` (Légifrance header).
A court merely cited in the text (`le tribunal administratif de Paris a rejeté ...`) is never read:
only the entête counts. Nothing found -> `Court(kind=None)`.

The code is the open data's: the kind and the département number of the court's seat
(DESIGN.md, "The court code of a PDF"), so that the PDF and the XML of one decision share a key.
"""
from __future__ import annotations

import re
import unicodedata

from greffe.model import Court, Metadata, Span, Zone

# (city as in the court's name, département of the seat, other names that designate the same
# court). 31 tribunals in metropolitan France, 11 overseas: 42.
TRIBUNAUX: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Amiens", "80", ()),
    ("Bastia", "20", ()),            # Haute-Corse (2B); the open data writes the number 20
    ("Besançon", "25", ()),
    ("Bordeaux", "33", ()),
    ("Caen", "14", ()),
    ("Cergy-Pontoise", "95", ()),
    ("Châlons-en-Champagne", "51", ()),
    ("Clermont-Ferrand", "63", ()),
    ("Dijon", "21", ()),
    ("Grenoble", "38", ()),
    ("Lille", "59", ()),
    ("Limoges", "87", ()),
    ("Lyon", "69", ()),
    ("Marseille", "13", ()),
    ("Melun", "77", ()),
    ("Montpellier", "34", ()),
    ("Montreuil", "93", ()),
    ("Nancy", "54", ()),
    ("Nantes", "44", ()),
    ("Nice", "06", ()),
    ("Nîmes", "30", ()),
    ("Orléans", "45", ()),
    ("Paris", "75", ()),
    ("Pau", "64", ()),
    ("Poitiers", "86", ()),
    ("Rennes", "35", ()),
    ("Rouen", "76", ()),
    ("Strasbourg", "67", ()),
    ("Toulon", "83", ()),
    ("Toulouse", "31", ()),
    ("Versailles", "78", ()),
    ("Guadeloupe", "971", ("Basse-Terre",)),
    ("Martinique", "972", ("Fort-de-France",)),
    ("Guyane", "973", ("Cayenne",)),
    ("La Réunion", "974", ("Saint-Denis de La Réunion", "Réunion", "Saint-Denis")),
    ("Saint-Pierre-et-Miquelon", "975", ()),
    ("Mayotte", "976", ("Mamoudzou",)),
    ("Saint-Barthélemy", "977", ()),
    ("Saint-Martin", "978", ()),
    ("Mata-Utu", "986", ("Wallis-et-Futuna",)),
    ("Polynésie française", "987", ("Papeete",)),
    ("Nouvelle-Calédonie", "988", ("Nouméa",)),
)
# The nine cours administratives d'appel (Toulouse since 2022).
COURS: tuple[tuple[str, str], ...] = (
    ("Bordeaux", "33"), ("Douai", "59"), ("Lyon", "69"), ("Marseille", "13"), ("Nancy", "54"),
    ("Nantes", "44"), ("Paris", "75"), ("Toulouse", "31"), ("Versailles", "78"),
)


def _fold(s: str) -> str:
    """Accents, case, apostrophes and hyphens folded: `CERGY-PONTOISE` ~ `Cergy Pontoise`."""
    s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    s = re.sub(r"^(?:de |d'|d’|de la |de l'|du |des |la |le )", "", s.lower().strip())
    return " ".join(re.findall(r"[a-z0-9]+", s))


_TA_BY_NAME = {_fold(n): (city, dep) for city, dep, alias in TRIBUNAUX for n in (city, *alias)}
_TA_BY_CODE = {"TA" + dep: city for city, dep, _ in TRIBUNAUX}
_CAA_BY_NAME = {_fold(city): (city, dep) for city, dep in COURS}
_CAA_BY_CODE = {"CAA" + dep: city for city, dep in COURS}

# ---- regex fragments ---------------------------------------------------------------------
# the city after the court's name, up to the end of the line or of the header cell:
# `DE CERGY-PONTOISE`, `de La Réunion`, `DE LA GUADELOUPE`, `d'Orléans`
_CITY = r"(?:de\s+la\s+|de\s+l['’]\s*|du\s+|des\s+|de\s+|d['’]\s*)(?P<city>[^\W\d_][\w'’ -]*?[^\W\d_])(?=\s*(?:\n|$|,|\s{2,}|RÉPUBLIQUE|REPUBLIQUE|N°|No\b))"
# `TRIBUNAL ADMINISTRATIF DE GRENOBLE`, `Tribunal administratif de Cergy-Pontoise`
_TA = re.compile(r"(?im)^\W*tribunal\s+administratif\s+" + _CITY)
# `COUR ADMINISTRATIVE D'APPEL DE LYON`
_CAA = re.compile(r"(?im)^\W*cour\s+administrative\s+d['’]\s*appel\s+" + _CITY)
# `CONSEIL D'ETAT` (a court's own layout), `Conseil d'État` (Légifrance)
_CE = re.compile(r"(?im)^\W*conseil\s+d['’]\s*[ée]tat\b")
# where the body starts: `Vu la procédure suivante :`, `Vu la requête ...`
_BODY_START = re.compile(r"(?m)^\s*(?:Vu\b|VU\b|Par une requête|Considérant)")
HEAD_MAX = 1500


def entete(text: str, zones: tuple[Zone, ...] = ()) -> tuple[str, int]:
    """The entête of the document and its offset: the `entete` zone when zones are known, else
    the lines before the first `Vu ...` (at most the first 1 500 characters). Empty for an
    open-data XML, whose text starts at `Vu la procédure suivante`."""
    for z in zones:
        if z.name == "entete":
            return text[z.start:z.end], z.start
    m = _BODY_START.search(text, 0, HEAD_MAX + 200)
    end = m.start() if m else min(len(text), HEAD_MAX)
    return text[:end], 0


def court_from_code(code: str | None) -> Court | None:
    """The court of an open-data `Code_Juridiction` (`CE`, `TA38`, `CAA69`); None if unknown."""
    if not code:
        return None
    code = code.strip().upper()
    if code == "CE":
        return Court(kind="CE", city=None, code="CE", name="Conseil d'État")
    if code in _TA_BY_CODE:
        city = _TA_BY_CODE[code]
        return Court(kind="TA", city=city, code=code, name=f"Tribunal administratif {_of(city)}")
    if code in _CAA_BY_CODE:
        city = _CAA_BY_CODE[code]
        return Court(kind="CAA", city=city, code=code, name=f"Cour administrative d'appel {_of(city)}")
    m = re.fullmatch(r"(TA|CAA)\d+[AB]?", code)
    if m:
        return Court(kind=m.group(1), city=None, code=code)
    return None


def court_from_name(kind: str, city: str, span: Span | None = None) -> Court:
    """`("TA", "CERGY-PONTOISE")` -> the TA of Cergy-Pontoise with its code (TA95)."""
    table = _TA_BY_NAME if kind == "TA" else _CAA_BY_NAME
    known = table.get(_fold(city))
    if known:
        city, dep = known
        code = kind + dep
    else:
        city, code = _title(city), None
    noun = "Tribunal administratif" if kind == "TA" else "Cour administrative d'appel"
    return Court(kind=kind, city=city, code=code, name=f"{noun} {_of(city)}", span=span)


def find_court(text: str, zones: tuple[Zone, ...], meta: Metadata) -> Court:
    """The court of the decision: metadata first, then the entête; `Court(kind=None)` if neither."""
    known = court_from_code(meta.code_juridiction)
    if known:
        return known
    head, offset = entete(text, zones)
    hits = []
    for kind, rx in (("TA", _TA), ("CAA", _CAA)):
        m = rx.search(head)
        if m:
            hits.append((m.start(), kind, m))
    m = _CE.search(head)
    if m:
        hits.append((m.start(), "CE", m))
    if not hits:
        return Court(kind=None)
    _, kind, m = min(hits, key=lambda h: h[0])
    if kind == "CE":
        return Court(kind="CE", city=None, code="CE", name="Conseil d'État",
                     span=Span(offset + m.start(), offset + m.end()))
    return court_from_name(kind, m.group("city"), Span(offset + m.start(), offset + m.end()))


def _of(city: str) -> str:
    """`de Grenoble`, `d'Orléans`, `de La Réunion`, `de la Guadeloupe`."""
    if city in ("Guadeloupe", "Martinique", "Guyane", "Polynésie française", "Nouvelle-Calédonie"):
        return f"de la {city}"
    if _fold(city)[:1] in "aeiouy" and not city.startswith("La "):
        return f"d'{city}"
    return f"de {city}"


def _title(city: str) -> str:
    """An unknown city in capitals (`SAINT-TROPEZ`) written `Saint-Tropez`."""
    if not city.isupper():
        return city.strip()
    return re.sub(r"[^\W\d_]+", lambda w: w.group(0).capitalize(), city.strip().lower())
