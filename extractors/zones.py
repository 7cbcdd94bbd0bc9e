"""Zones of a decision: character ranges of `entete`, `visas`, `motifs`, `dispositif`, `signature`.

    entete      court, number, parties ... up to the first `Vu` (absent from the open-data XML)
    visas       `Vu la procédure suivante :` / `Vu la requête ...` up to `Considérant`
    motifs      `Considérant ce qui suit :` / `Considérant que ...` up to the dispositif heading
    dispositif  `O R D O N N E :`, `D E C I D E :`, `DÉCIDE :` ... to the end of the last article
    signature   what follows: `Délibéré ...`, `Fait à ...`, `Rendu public ...`, `La greffière`

Headings are found on their own line (the XML and the PDF text both keep one paragraph a line).
"""
from __future__ import annotations

import re

from greffe.model import Zone

_SP = r"[ \t\u00a0]*"


def _spaced(word: str) -> str:
    """`DECIDE` -> a pattern that also reads `D E C I D E` and `D É C I D E`."""
    letters = []
    for ch in word:
        # OCR reads `O` as `0` and `I` as `l` or `1`: `0 R D 0 N N E`, `D E C l D E`
        letters.append({"E": "[EÉ]", "É": "[EÉ]", "O": "[O0]", "I": "[Il1]"}.get(ch, ch))
    return _SP.join(letters)


# The dispositif heading, alone on its line: `O R D O N N E :`, `ORDONNE :`, `D E C I D E :`,
# `DÉCIDE :`, `D É C I D E`, `Décide :`, `ARRÊTE :` (CAA), `REND L'AVIS SUIVANT :` (avis contentieux),
# `PAR CES MOTIFS, DECIDE :` (older judgments, on one line)
_HEADING = re.compile(
    rf"^{_SP}(?:PAR CES MOTIFS{_SP},?{_SP})?(?:{_spaced('ORDONNE')}|{_spaced('DECIDE')}|Ordonne|D[ée]cide|{_spaced('ARRETE')}|"
    rf"ARR[ÊE]TE|REND L['’]AVIS SUIVANT|{_spaced('JUGE')}){_SP}:?{_SP}$",
    re.M)
# A line of dashes under the heading: `--------------`
# The first visa: `Vu la procédure suivante :`, `Vu la requête, enregistrée le ...`, `VU la requête`
_VU = re.compile(r"^\s*(?:Vu|VU)\b", re.M)
# Without `Vu` (some tribunal orders): `Par une requête enregistrée le ...`
_PAR_REQUETE = re.compile(r"^\s*Par (?:une|un|des|deux|trois) (?:requêtes?|mémoires?|demandes?|recours|protestations?)\b", re.M)
# The start of the motifs: `Considérant ce qui suit :`, `Considérant que ...`, `1. Considérant ...`
_CONSIDERANT = re.compile(r"^\s*(?:\d+\.\s*)?(?:Considérant|CONSIDÉRANT)\b", re.M)
# Numbered paragraphs of the motifs when `Considérant` is missing: `1. Aux termes de ...`
_POINT_ONE = re.compile(r"^\s*1\.\s+\S", re.M)
# An article of the dispositif: `Article 1er :`, `Article 2 :`, `ARTICLE 3 :`, `Art. 4 -`
# (`Article ler :` is how OCR reads `1er`)
_ARTICLE = re.compile(r"^\s*(?:Article|ARTICLE|Art\.)\s*(?:\d+|premier|[lI]er)(?:er|re)?\b", re.M)
# Lines that open the signature block after the last article.
_SIGNATURE = re.compile(
    r"^\s*(?:Délibéré\b|Fait à\b|Rendu public\b|Rendu le\b|Lu en audience\b|Lecture\b|"
    r"Le juge des référés\s*[,:]?\s*$|La juge des référés\s*[,:]?\s*$|"
    r"L[ea] (?:président|présidente|rapporteur|rapporteure|greffier|greffière|secrétaire|magistrat|"
    r"magistrate|juge|assesseur|assesseure)\b[^\n]{0,40}$|"
    r"Signé\b|La République mande et ordonne\b|Pour expédition conforme\b|"
    r"L[ea] (?:vice-)?présidente?\b[^\n]{0,40}$)",
    re.M)


# A short line of capitals that may be a heading misread by OCR: `DECTDE:`, `O R D O N N F :`
_CAPS_LINE = re.compile(rf"^{_SP}(?:[A-ZÉÈÊ0-9]{_SP}){{5,8}}:?{_SP}$", re.M)
_HEADING_WORDS = ("ORDONNE", "DECIDE", "ARRETE")


def _one_letter_off(word: str, target: str) -> bool:
    """`DECTDE` ~ `DECIDE`: same length, one letter differs (what OCR does to a spaced heading)."""
    return len(word) == len(target) and sum(a != b for a, b in zip(word, target)) == 1


def find_dispositif_heading(text: str) -> re.Match | None:
    """The heading that opens the dispositif: the last one standing alone on a line, since an
    earlier one can only be a quotation of another decision's dispositif. When there is none,
    a line of capitals one letter off a heading word (a scan read by OCR: `DECTDE:`)."""
    found = None
    for m in _HEADING.finditer(text):
        found = m
    if found is None:
        for m in _CAPS_LINE.finditer(text):
            word = re.sub(r"[\s:]", "", m.group()).replace("É", "E").replace("0", "O")
            if any(_one_letter_off(word, w) for w in _HEADING_WORDS):
                found = m
    return found


def find_zones(text: str) -> tuple[Zone, ...]:
    """The zones found in `text`, in order; a zone that cannot be located is left out."""
    n = len(text)
    heading = find_dispositif_heading(text)
    disp_start = heading.start() if heading else None
    body_end = disp_start if disp_start is not None else n

    vu = _VU.search(text, 0, body_end) or _PAR_REQUETE.search(text, 0, body_end)
    visas_start = vu.start() if vu else None

    search_from = visas_start or 0
    cons = _CONSIDERANT.search(text, search_from, body_end)
    if cons is None:
        cons = _POINT_ONE.search(text, search_from, body_end)
    motifs_start = cons.start() if cons else None

    zones: list[Zone] = []
    first = min(x for x in (visas_start, motifs_start, disp_start, n) if x is not None)
    if first > 0 and text[:first].strip():
        zones.append(Zone("entete", 0, first))
    if visas_start is not None:
        zones.append(Zone("visas", visas_start, motifs_start if motifs_start is not None else body_end))
    if motifs_start is not None:
        zones.append(Zone("motifs", motifs_start, body_end))
    if disp_start is not None:
        disp_end, sig_start = _dispositif_end(text, heading.end())
        zones.append(Zone("dispositif", disp_start, disp_end))
        if sig_start is not None:
            zones.append(Zone("signature", sig_start, n))
    return tuple(zones)


def _dispositif_end(text: str, after_heading: int) -> tuple[int, int | None]:
    """Where the last article ends (at the first signature line after it, or the text's end),
    and where the signature starts (None when there is none)."""
    last_article = None
    for m in _ARTICLE.finditer(text, after_heading):
        last_article = m
    start = last_article.end() if last_article else after_heading
    sig = _SIGNATURE.search(text, start)
    end = sig.start() if sig else len(text)
    while end > after_heading and text[end - 1] in " \t\n\r":
        end -= 1
    return end, (sig.start() + len(sig.group()) - len(sig.group().lstrip()) if sig else None)


def zone_of(zones: tuple[Zone, ...], offset: int) -> str | None:
    """The name of the zone that holds `offset`."""
    for z in zones:
        if z.start <= offset < z.end:
            return z.name
    return None


def get_zone(zones: tuple[Zone, ...], name: str) -> Zone | None:
    return next((z for z in zones if z.name == name), None)


# A sentence ends at `.`, `;` or `:` followed by a line break, or at `. ` before a capital
# (`... est rejetée. Les conclusions ...`), never inside `M. A`, `L. 761-1`, `n° 12.345`, nor after
# the dots of a pseudonym (`M. T... U...`).
_SENTENCE_END = re.compile(r"\n+|(?<!\b[A-Z])(?<!\bMe)(?<!\bMM)(?<!\bMme)(?<!\bart)(?<!\bn°)(?<!\.)\.(?!\.)\s+(?=[A-ZÉÈÀÇ\"«])")


def sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of each sentence (or line) of text[start:end], blanks trimmed."""
    end = len(text) if end is None else end
    out: list[tuple[int, int]] = []
    pos = start
    for m in _SENTENCE_END.finditer(text, start, end):
        stop = m.start() + (1 if text[m.start()] == "." else 0)
        _add(text, pos, stop, out)
        pos = m.end()
    _add(text, pos, end, out)
    return out


def _add(text: str, a: int, b: int, out: list[tuple[int, int]]) -> None:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if b > a:
        out.append((a, b))
