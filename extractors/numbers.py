"""The case numbers (numéros de requête) of this decision: the main one first, then the cases
joined to it, normalised without `n°`, spaces or dots (contract: `N°21PA02971` -> `21PA02971`).

Where they come from:
1. the main number: the open-data `Numero_Dossier` (XML), else the entête of the document
   (`N° 457748`, `Nos 432576, 438370`, `N°21PA02971`, `n° 2506085`);
2. joined cases: the entête's list (`Nos 432576, 438370`), then the visas, where each joined
   request opens a paragraph: `1° Sous le n° 432576, ...`, `2° Sous le n° 438370`,
   `II. Sous le numéro 454002`, `1. Sous les nos 437141 et 437142, ...`,
   `Par une requête, enregistrée, sous le numéro 451039, ...`.

Rules that real files forced:
- numbers of OTHER decisions (`Par une ordonnance n° 2121674 du 15 octobre 2021`, `le
  jugement nos 1704140, 1704141`, `enregistrée sous le n° 1704321` at the tribunal) are not this
  decision's: a joined number must be written like the main one (same shape: `457748` and
  `457749` are both six digits, `21PA02971` is 2 digits, 2 letters, 5 digits), and only `sous le
  n°` phrasings of the visas count, never `jugement n°`, `ordonnance n°`;
- the request au fond that a référé goes with (`Vu la requête enregistrée le 22 avril 2025 sous
  le n° 2506189, par laquelle ... demande l'annulation`) is another case: a `Vu ...` line is never
  read for joined numbers;
- a mistyped number in the visas (`1° Sous le n° 453153` in case 435153): the first enumerated
  request IS the main case, so when the main number is known and not in the list, the first
  item of the list is taken as a typo of it and dropped;
- glued text (`Signé : Anne Egerszegi458056`, a stray footer `Nos 437141, 437142- 6 -`) is
  never read: the signature and the end of the text are not searched.
"""
from __future__ import annotations

import re

from greffe.model import Metadata, Zone

from .court import entete

# one number as courts write them: `457748`, `2506085`, `21PA02971`, `21 PA 02971`, `21PA.02971`
_NUMBER = r"\d{2}\s?[A-Z]{2}\s?[\d.]{4,6}|\d[\d .]{3,9}\d"
# `N°`, `n°`, `Nos`, `nos`, `N° s`, `numéro`, `numéros`
_NO = r"(?:[Nn]\s?°\s?s?|[Nn]os?\b\.?|[Nn]uméros?)"
# a list of numbers: `432576, 438370`, `437141 et 437142`, `453907, 453914 et 456330`
_LIST = rf"(?P<list>(?:{_NUMBER})(?:\s*(?:,|et)\s*(?:{_NUMBER}))*)"
# the number line of an entête: `N° 457748`, `Nos 432576, 438370`, `N°21PA02971`
ENTETE_NUMBER = re.compile(rf"(?m)^[^\S\n]*{_NO}\s*{_LIST}(?=[^\S\n]*(?:\n|$|[^\d\s]))")
# a request of the visas: `1° Sous le n° 432576`, `II. Sous le numéro 454002`,
# `1. Sous les nos 437141 et 437142`, `1°/ Sous le n° 450513`, `enregistrée, sous le numéro 451039`,
# `le Conseil d'Etat statuant au contentieux, saisi, sous les nos 437141 et 437142, des requêtes`,
# `I. Par une requête enregistrée le 4 décembre 2023 sous le n° 2317376, M. Moussa K...`
_ENUM = r"(?P<enum>(?:\d+\s?°\s?/?|[IVX]+\s?[.°)]|\d+\.)\s*)?"
_REGISTERED_ON = r"(?:\s+le\s+\d{1,2}(?:er)?\s+\w+\s+\d{4})?"
VISA_REQUEST = re.compile(rf"(?m)(?:^[^\S\n]*{_ENUM}|\b(?:enregistrée?s?{_REGISTERED_ON}|requête|pourvoi|saisie?),?\s+)[Ss]ous\s+les?\s+{_NO}\s*{_LIST}")
_SPLIT = re.compile(rf"{_NUMBER}")
# a référé's visas cite the request au fond it goes with, by its number: `Vu la requête
# enregistrée le 22 avril 2025 sous le n° 2506189, par laquelle Mme J... K... demande
# l'annulation de la décision contestée`. That number is another case, not a joined one.
_VU_REQUETE = re.compile(r"^\W*Vu\b")
# the motifs start: joined cases are listed before
_MOTIFS = re.compile(r"(?m)^\s*(?:\d+\.\s*)?Considérant\b|^\s*Sur\s+(?:le|la|les)\s+")


def normalise_number(raw: str) -> str:
    """`n° 2506085` -> `2506085`; `21PA 02971` -> `21PA02971`; `N° 457.748` -> `457748`."""
    s = re.sub(rf"^\s*{_NO}\s*", "", raw.strip())
    return re.sub(r"[\s.\u00a0]", "", s).upper()


def shape(number: str) -> str:
    """`457748` -> `999999`; `21PA02971` -> `99AA99999`: two numbers of one court look alike."""
    return re.sub(r"[A-Z]", "A", re.sub(r"\d", "9", number))


def _numbers(list_text: str) -> list[str]:
    return [normalise_number(m.group(0)) for m in _SPLIT.finditer(list_text)]


def entete_numbers(text: str, zones: tuple[Zone, ...] = ()) -> list[str]:
    """The numbers of the entête line `N° ...` / `Nos ...`, in order."""
    head, _ = entete(text, zones)
    m = ENTETE_NUMBER.search(head)
    return _numbers(m.group("list")) if m else []


def visa_numbers(text: str, zones: tuple[Zone, ...] = ()) -> list[str]:
    """The request numbers listed by the visas (`1° Sous le n° ...`), in order, before the motifs."""
    start, end = 0, len(text)
    for z in zones:
        if z.name == "visas":
            start, end = z.start, z.end
            break
    else:
        m = _MOTIFS.search(text)
        end = m.start() if m else len(text)
    found: list[str] = []
    for m in VISA_REQUEST.finditer(text, start, end):
        line = text[text.rfind("\n", 0, m.start()) + 1:m.start()]
        if _VU_REQUETE.match(line):
            continue               # `Vu la requête enregistrée ... sous le n° 2506189`: the case au fond
        found += [n for n in _numbers(m.group("list")) if n not in found]
    return found


def find_case_numbers(text: str, zones: tuple[Zone, ...], meta: Metadata) -> tuple[str, ...]:
    """The main number first, then the joined cases; () when none is stated."""
    head = entete_numbers(text, zones)
    main = normalise_number(meta.numero_dossier) if meta.numero_dossier else (head[0] if head else None)
    visas = visa_numbers(text, zones)
    if main and visas and main not in visas and len(visas) > 1:
        visas = visas[1:]          # `1° Sous le n° 453153` in case 435153: a typo of the main number
    out: list[str] = [main] if main else []
    for n in head + visas:
        if n in out:
            continue
        if out and shape(n) != shape(out[0]):
            continue               # a tribunal's number (`1704321`) in a CE decision
        out.append(n)
    return tuple(out)
