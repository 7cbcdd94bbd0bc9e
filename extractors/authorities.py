"""One normalised key per administration, so that a researcher can count the decisions against
one préfecture or one ministry (contract/README.md, `authority`).

The rule, derived from every authority of the gold files:

    key = [type ":"] slug

- the slug is the name folded: accents removed, lower case, apostrophes and spaces -> `-`;
- an authority that exists in many places (a préfet, a commune, a département, a région, a
  communauté d'agglomération / de communes, a métropole, a université, a centre hospitalier, a
  directeur régional / départemental des finances publiques) is `type:place`: the type, then the
  place as the name writes it (its own small words kept: `commune:val-d-isere`,
  `universite:pau-et-des-pays-de-l-adour`, `departement:ille-et-vilaine`), the linking
  `de` / `de la` / `du` / `d'` between type and place dropped;
- a ministre is `ministre:` + the words of the portfolio WITHOUT the small words (`de`, `du`,
  `des`, `la`, `l'`, `et`): `ministre de l'économie, des finances et de la relance` ->
  `ministre:economie-finances-relance`; a portfolio written in another order (`des finances, de
  l'économie et de la relance`) maps to the known key with the same words; `garde des sceaux,
  ministre de la justice` -> `ministre:justice`;
- a national body with a current acronym is its acronym: OFPRA, OFII, ANTS, CNAC, ACOSS,
  CNRACL, AMF, CNDA; `Premier ministre` -> `premier-ministre`; `préfet de police` ->
  `prefet-de-police`;
- any other public body: the slug of its whole name (`autorite-de-la-concurrence`,
  `ecole-centrale-de-lyon`, `institut-departemental-albert-calmette`).
"""
from __future__ import annotations

import re
import unicodedata

_SMALL = r"(?:de|du|des|la|le|les|l|d|et|aux?|a)"


def slug(s: str) -> str:
    """`Val d'Isère` -> `val-d-isere`; `Pau et des Pays de l'Adour` -> `pau-et-des-pays-de-l-adour`."""
    s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    return "-".join(re.findall(r"[a-z0-9]+", s.lower()))


def _content_words(s: str) -> list[str]:
    return [w for w in slug(s).split("-") if not re.fullmatch(_SMALL, w)]


# portfolios whose words may come in another order; the key keeps the usual order
KNOWN_MINISTRIES = ("economie-finances-relance", "interieur", "justice", "armees", "culture",
                    "transition-ecologique", "travail-emploi-insertion", "solidarites-sante",
                    "europe-affaires-etrangeres", "education-nationale-jeunesse-sports",
                    "enseignement-superieur-recherche-innovation", "outre-mer",
                    "cohesion-territoires-relations-avec-collectivites-territoriales",
                    "transformation-fonction-publiques", "agriculture-alimentation")

# acronyms of national bodies: (the words of the full name, folded) -> key
ACRONYMS = {
    "office-francais-de-protection-des-refugies-et-apatrides": "ofpra",
    "office-francais-de-l-immigration-et-de-l-integration": "ofii",
    "agence-nationale-des-titres-securises": "ants",
    "commission-nationale-d-amenagement-commercial": "cnac",
    "agence-centrale-des-organismes-de-securite-sociale": "acoss",
    "caisse-nationale-de-retraites-des-agents-des-collectivites-locales": "cnracl",
    "autorite-des-marches-financiers": "amf",
    "cour-nationale-du-droit-d-asile": "cnda",
}
_BARE = {"ofpra", "ofii", "ants", "cnac", "acoss", "cnracl", "amf", "cnda"}

# the link between a type and its place: `de la `, `de l'`, `du `, `des `, `de `, `d'` (a whole
# word: `de Lapeyrouse-Mornay` is not `de La` + `peyrouse`)
_LINK = r"(?:\s+(?:de\s+la\s+|de\s+l['’]\s*|du\s+|des\s+|de\s+|d['’]\s*))"
# `préfet de la Seine-Saint-Denis`, `préfète de l'Isère`, `préfet du Rhône`
_PREFET = re.compile(rf"^pr[ée]f[eè]te?{_LINK}(?P<place>.+)$", re.I)
_PREFET_POLICE = re.compile(r"^pr[ée]f[eè]te?\s+de\s+police\b", re.I)
# `garde des sceaux, ministre de la justice`, `ministre de l'intérieur`, `ministre des armées`
_MINISTRE = re.compile(r"^(?:garde\s+des\s+sceaux\s*,\s*)?ministre\b(?:\s+d['’]Etat)?(?P<what>.*)$", re.I)
# `commune de Val d'Isère`, `ville de Paris`, `département d'Ille-et-Vilaine`, `région Bretagne`
_PLACED = (
    (re.compile(rf"^(?:commune|ville){_LINK}(?P<place>.+)$", re.I), "commune"),
    (re.compile(rf"^d[ée]partement{_LINK}(?P<place>.+)$", re.I), "departement"),
    (re.compile(rf"^r[ée]gion(?:{_LINK}|\s+)(?P<place>.+)$", re.I), "region"),
    (re.compile(rf"^communaut[ée]\s+d['’]\s*agglom[ée]ration(?:{_LINK}|\s+)(?P<place>.+)$", re.I), "communaute-agglomeration"),
    (re.compile(r"^(?P<place>.+?)\s+agglom[ée]ration$", re.I), "communaute-agglomeration"),
    (re.compile(rf"^communaut[ée]\s+de\s+communes(?:{_LINK}|\s+)(?P<place>.+)$", re.I), "communaute-communes"),
    (re.compile(rf"^m[ée]tropole(?:{_LINK}|\s+)(?P<place>.+)$", re.I), "metropole"),
    (re.compile(rf"^universit[ée](?:{_LINK}|\s+)(?P<place>.+)$", re.I), "universite"),
    (re.compile(rf"^centre\s+hospitalier(?:\s+universitaire)?(?:{_LINK}|\s+)(?P<place>.+)$", re.I), "centre-hospitalier"),
    (re.compile(rf"^direct(?:eur|rice)\s+r[ée]gional(?:e)?\s+des\s+finances\s+publiques{_LINK}(?P<place>.+)$", re.I), "drfip"),
    (re.compile(rf"^direct(?:eur|rice)\s+d[ée]partemental(?:e)?\s+des\s+finances\s+publiques{_LINK}(?P<place>.+)$", re.I), "ddfip"),
)


def authority_key(name: str) -> str | None:
    """The key of an administration as the decision names it; None when `name` is not one."""
    n = " ".join(name.split()).strip(" ,;.")
    n = re.sub(r"^(?:le|la|les|l['’])\s*", "", n, flags=re.I)
    n = re.sub(r"\s*\((?P<a>[A-Z]{2,})\)$", "", n)              # `... apatrides (OFPRA)`
    n = re.sub(r"[\"«»“”]", " ", n)
    n = " ".join(n.split())
    if not n:
        return None
    if _PREFET_POLICE.match(n):
        return "prefet-de-police"
    m = _PREFET.match(n)
    if m:
        return "prefet:" + slug(m.group("place"))
    if re.fullmatch(r"(?i)premi[eè]re?\s+ministre", n):
        return "premier-ministre"
    m = _MINISTRE.match(n)
    if m:
        words = _content_words(m.group("what"))
        if not words:
            return None
        key = "-".join(words)
        for known in KNOWN_MINISTRIES:
            if sorted(known.split("-")) == sorted(words):
                key = known
        return "ministre:" + key
    for rx, kind in _PLACED:
        m = rx.match(n)
        if m:
            place = re.sub(r"^(?:(?:la|le|les)\s+|l['’]\s*)", "", m.group("place").strip(" \"«»"))
            return f"{kind}:{slug(place)}"
    s = slug(n)
    if s in _BARE:
        return s
    return ACRONYMS.get(s, s or None)
