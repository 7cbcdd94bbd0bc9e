"""One normalised key per administration, so that a researcher can count the orders against
one préfecture: `préfète de l'Isère` -> `prefet:isere`, `ministre de l'intérieur` ->
`ministre:interieur` (contract/README.md, `authority`)."""
from __future__ import annotations

import re
import unicodedata


def _slug(s: str) -> str:
    s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    s = re.sub(r"[’'`]", " ", s.lower())
    s = re.sub(r"\b(de|du|des|la|le|les|l|d|et)\b", " ", s)
    return "-".join(re.findall(r"[a-z0-9]+", s))


# `préfet de la Seine-Saint-Denis`, `préfète de l'Isère`, `préfet du Rhône`, `préfet de police`
_PREFET = re.compile(r"^(?:le |la )?pr[ée]f[eè]te?\s+(?:de\s+police(?:\s+de\s+paris)?|(?:de la |de l'|de l’|du |des |de )(?P<dep>.+))$", re.I)
# `ministre de l'intérieur`, `ministre de l'économie, des finances et de la relance`
_MINISTRE = re.compile(r"^(?:le |la )?ministre\s+(?:d[eu]\s+|de la |de l'|de l’|des\s+)?(?P<what>.+)$", re.I)


def authority_key(name: str) -> str | None:
    """The key of an administration named as the decision writes it; None when it is not one."""
    n = " ".join(name.split()).strip(" ,;.")
    m = _PREFET.match(n)
    if m:
        return "prefet:" + _slug(m.group("dep")) if m.group("dep") else "prefet-de-police"
    m = _MINISTRE.match(n)
    if m:
        return "ministre:" + _slug(m.group("what"))
    low = _slug(n)
    for key in ("ofii", "ants", "ofpra", "cnac"):
        if low == key or low.startswith(key + "-"):
            return key
    if low.startswith("office-francais-immigration-integration"):
        return "ofii"
    if low.startswith("agence-nationale-titres-securises"):
        return "ants"
    if low == "premier-ministre":
        return "premier-ministre"
    return None
