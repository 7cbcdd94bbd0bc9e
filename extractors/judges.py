"""The judges who gave the decision, names without civility or function.

Where they come from, first that holds:
1. the Conseil d'État's deliberation line: `Délibéré à l'issue de la séance du 8 octobre 2021 où
   siégeaient : Mme Maud Vialettes, présidente de chambre, présidant ; Mme Fabienne Lambolez,
   conseillère d'Etat et Mme Thalia Breton, auditrice-rapporteure.` -> every member named there
   (the rapporteur member sits; the rapporteur public does not, and is not listed there);
2. the entête of a tribunal's or a cour's PDF: `M. Jean Dupont, Juge des référés`,
   `M. Julien Morel / Juge des référés`, `Mme X / Présidente`, `Mme Y / Rapporteure`;
3. the signature of an order: `Fait à Paris, le 16 novembre 2021 / Signé : Olivier Yeznikian`,
   `Le juge des référés, / signé / X`, `Le juge des référés : Signé : M. X`;
4. a signature block in columns (`Le juge des référés, La greffière, / signé signé / Julien
   Morel Sandrine Roux`): the names line is cut into one name per role by spaCy's PER entities
   (the `nlp` parameter), or evenly when each name has two words; only the judges' roles count.
Never the greffier, the secrétaire (`La secrétaire : Signé : Mme B C`), the `Pour expédition
conforme` signer, nor the rapporteur public. Pseudonymised members (`Mme A R`) stay as written.
"""
from __future__ import annotations

import re

from greffe.model import Zone

_CIVILITY = r"(?:M\.|Mme|Mlle|MM\.|Monsieur|Madame|Mademoiselle)"
# one word of a name: `Maud`, `Jacques-Henri`, `Brouard-Gallet`, `R`, `AF`, `d'Ormesson`,
# `Egerszegi` (not `M` of a following `M. D N`: `Mme C E M. D N`), and the particles `de`, `du`, `des`, `d'`, `van`, `von`, `le`, `la`
_NAME_WORD = r"(?:[A-ZÀ-Ý][\w'’-]*(?!\.\s)|(?:de|du|des|van|von|le|la|di|da|dos)(?=\s+[A-ZÀ-Ý])|d['’](?=[A-ZÀ-Ý]))"
# words are separated by spaces (or follow `d'` directly); never by nothing, which would let
# the regex cut one long word in every possible way (catastrophic backtracking on PDF text)
NAME = rf"(?P<name>{_NAME_WORD}(?:(?:[ \t]+|(?<=['’])){_NAME_WORD})*)"
# `où siégeaient : ... .` (CE), `Délibéré après l'audience du ..., à laquelle siégeaient : ...`
# (TA, CAA), up to the end of the sentence (`Rendu le`, a new line)
# (a civility's dot before a line break, `... ; M.\nJacques-Henri Stahl`, does not end it)
SIEGEAIENT = re.compile(r"(?is)(?:o[uù]|à\s+laquelle)\s+si[ée]geaient\s*:?\s*(?P<list>.+?)"
                        r"(?:(?<!\bM)(?<!\bMM)\.\s*(?:\n|$|Rendu|Lu\b)|\n\s*\n|$)")
_MEMBER = re.compile(rf"{_CIVILITY}\s+{NAME}")
# a signature block: the line before says who signs
_SIGNER_ROLE = re.compile(
    r"(?im)^\W*(?:le|la)\s+(?P<role>juge\s+des\s+référés|président(?:e)?|présidente?\s+de\s+chambre|"
    r"magistrat(?:e)?\s+désigné(?:e)?|rapporteur(?:e)?|greffi[eè]re?|secrétaire|assesseur(?:e)?|premi[eè]re?\s+conseill[eè]re?)"
    r"\b[^\n]*$")
_SIGNE = re.compile(rf"(?im)\bsign[ée]\s*:?\s*(?:{_CIVILITY}\s+)?{NAME}")
_FAIT_A = re.compile(r"(?im)^\W*fait\s+à\s+[^\n]{1,40},?\s+le\s+[^\n]*$")
# TA entête: `M. Jean Dupont, Juge des référés`, `Mme Anne Martin, présidente`
# or over two lines: `M. Julien Morel / Juge des référés`, `Mme Marie-Pierre Fontaine / Présidente`,
# `Mme Sarah Benhamou / Rapporteure` (never `Rapporteur public`)
_ENTETE_JUDGE = re.compile(rf"(?m)^[^\S\n]*{_CIVILITY}[^\S\n]+{NAME}[^\S\n]*(?:,[^\S\n]*|\n[^\S\n]*)"
                           r"(?i:juge\s+des\s+référés|magistrat(?:e)?\s+désigné(?:e)?|président(?:e)?|rapporteur(?:e)?(?!\s+public))\b")
_NOT_JUDGE = re.compile(r"(?i)greffi|secrétaire|expédition|rapporteur\s+public|rapporteure\s+publique")


def _clean(name: str) -> str | None:
    name = " ".join(name.split())
    name = re.sub(r"\d+$", "", name).strip()          # `Egerszegi458056`: a case number glued on
    return name or None


def members(text: str) -> list[str]:
    """The names of the `où siégeaient :` list, in order."""
    m = None
    for m in SIEGEAIENT.finditer(text):
        pass
    if m is None:
        return []
    out: list[str] = []
    # one sentence, broken over lines in a PDF (`Mme Sophie-Caroline de\nMargerie`): joined first
    for mm in _MEMBER.finditer(" ".join(m.group("list").split())):
        name = _clean(mm.group("name"))
        if name and name not in out:
            out.append(name)
    return out


def signers(text: str) -> list[str]:
    """The judges who sign an order: the `Signé : X` after `Fait à ..., le ...` or after a judge's
    role line, never after `La secrétaire`, `Le greffier`, `Pour expédition conforme`."""
    out: list[str] = []
    tail_start = max(0, len(text) - 3000)
    tail = text[tail_start:]
    for m in _SIGNE.finditer(tail):
        before = tail[max(0, m.start() - 160):m.start()]
        lines = [ln for ln in before.split("\n") if ln.strip()]
        context = lines[-1] if lines else ""
        role = _SIGNER_ROLE.search(context)
        if role and _NOT_JUDGE.search(role.group("role")):
            continue
        if _NOT_JUDGE.search(context):
            continue
        if role or _FAIT_A.search(context) or re.search(r"(?i)juge|président|magistrat", context):
            name = _clean(m.group("name"))
            if name and name not in out:
                out.append(name)
    return out


# a tribunal's signature block laid out in columns, as a PDF's text gives it:
#   `Le juge des référés, La greffière,` / `signé signé` / `Julien Morel Sandrine Roux`
_ROLES_LINE = re.compile(
    r"(?im)^[^\S\n]*(?P<roles>(?:(?:le|la)\s+[a-zéèêàç' -]+?,[^\S\n]*){2,})[^\S\n]*\n"
    r"[^\S\n]*(?:sign[ée]\s*){2,}\n[^\S\n]*(?P<names>[^\n]+)")
_JUDGE_ROLE = re.compile(r"(?i)juge|président|magistrat|rapporteur(?!\s+public)|assesseur|conseill")


def column_signers(text: str, nlp=None) -> list[str]:
    """The judges of a signature block in columns. The names line holds one name per role: split
    by spaCy's PER entities when `nlp` is given, else evenly when every name has two words."""
    out: list[str] = []
    for m in _ROLES_LINE.finditer(text, max(0, len(text) - 4000)):
        roles = [r.strip() for r in m.group("roles").split(",") if r.strip()]
        words = m.group("names").split()
        names: list[str] = []
        if nlp is not None:
            names = [e.text for e in nlp(m.group("names")).ents if e.label_ == "PER"]
        if len(names) != len(roles) and len(words) == 2 * len(roles):
            names = [" ".join(words[2 * i:2 * i + 2]) for i in range(len(roles))]
        if len(names) != len(roles):
            continue
        for role, name in zip(roles, names):
            if _JUDGE_ROLE.search(role) and not _NOT_JUDGE.search(role):
                name = _clean(name)
                if name and name not in out:
                    out.append(name)
    return out


def find_judges(text: str, zones: tuple[Zone, ...], nlp=None) -> tuple[str, ...]:
    """The judges' names as written, without civility; () when the text names none."""
    found = members(text)
    if found:
        return tuple(found)
    head = text[:1500]
    found = [n for n in (_clean(m.group("name")) for m in _ENTETE_JUDGE.finditer(head)) if n]
    found += [n for n in signers(text) if n not in found]
    if not found:
        found = column_signers(text, nlp)
    return tuple(dict.fromkeys(found))
