"""What the document is: its type (ordonnance, jugement, arrêt, décision, avis), the formation
that gave it, and the procedure it was given in.

Decision type: what the document calls itself, never the metadata first (the open data files 31
ordonnances of the juge des référés of the Conseil d'État as `Décision`). In order:
1. the entête: `Ordonnance du 21 juillet 2025`, `Décision du ...`, `Avis du ...`, `Arrêt du ...`,
   `Jugement du ...`;
2. the verb of the dispositif: `O R D O N N E :` / `ORDONNE :` -> ordonnance; `D E C I D E :` /
   `DÉCIDE :` -> `decision` at the Conseil d'État, `arret` at a CAA, `jugement` at a TA;
3. what the closing article says: `Le présent avis sera notifié` -> avis, `La présente
   ordonnance sera notifiée` -> ordonnance, `Le présent arrêt` -> arret, `Le présent jugement` ->
   jugement, `La présente décision` -> the court's default;
4. the metadata `Type_Decision`.

Formation: the metadata `Formation_Jugement` (trimmed); else the formation in parentheses under
the court's name at the head of the body (`Le tribunal administratif de Nice / (2ème chambre)`);
else the entête: `4ème chambre jugeant seule`, `1ère et 4ème chambres réunies`, `Juge des
référés`, `Section du contentieux` (`statuant au contentieux` is not a formation).

Procedure (PROCEDURES of the model), from the visas, first rule that holds:
1. `cassation`: the request is a pourvoi (`pourvoi sommaire`, `se pourvoit en cassation`,
   `Par un pourvoi`), whatever the procedure below was;
2. the référé named by its article where the request is stated: L. 521-2 -> refere-liberte,
   L. 521-1 -> refere-suspension, L. 521-3 -> refere-mesures-utiles, R. 541-1 ->
   refere-provision; the juge des référés seized with none of them -> refere-autre;
   (the execution rule below comes before the référé articles: a request to liquidate the
   astreinte of an earlier référé order recites that order's article);
3. `execution`: article L. 911-4, `liquidation de l'astreinte`, or `exécution de la décision /
   du jugement / de l'ordonnance` asked for;
4. `appel`: `relever appel`, `fait appel`, `requête d'appel`, or any other request to a cour
   administrative d'appel;
5. `fond` otherwise.
"""
from __future__ import annotations

import re

from greffe.model import Metadata, Zone

from .court import entete, find_court

# ---- decision type -----------------------------------------------------------------------
# `Ordonnance du 21 juillet 2025`, `Décision du 8 novembre 2021`, `ARRÊT DU ...`
_ENTETE_TYPE = re.compile(r"(?im)^\W*(?P<t>ordonnance|d[ée]cision|avis|arr[êe]t|jugement)\s+du\s+\d")
# `O R D O N N E :`, `ORDONNE :`, `D E C I D E :`, `D É C I D E :`, `DÉCIDE :`
_DISPOSITIF_VERB = re.compile(r"(?m)^\s*(?P<v>O\s?R\s?D\s?O\s?N\s?N\s?E|D\s?[EÉ]\s?C\s?I\s?D\s?E)\s*:")
# `La présente ordonnance sera notifiée`, `Le présent avis sera notifié`, `Le présent arrêt`
_PRESENT = re.compile(r"(?i)\b(?:la\s+présente|le\s+présent)\s+(?P<t>ordonnance|décision|avis|arrêt|jugement)\s+sera\s+notifi")
_WORD_TYPE = {"ordonnance": "ordonnance", "decision": "decision", "décision": "decision", "avis": "avis",
              "arret": "arret", "arrêt": "arret", "jugement": "jugement"}
_DEFAULT_BY_COURT = {"CE": "decision", "CAA": "arret", "TA": "jugement"}


def find_decision_type(text: str, zones: tuple[Zone, ...], meta: Metadata) -> str | None:
    """ordonnance / jugement / arret / decision / avis, as the document calls itself."""
    head, _ = entete(text, zones)
    m = _ENTETE_TYPE.search(head)
    if m:
        return _WORD_TYPE[m.group("t").lower()]
    kind = find_court(text, zones, meta).kind
    verbs = list(_DISPOSITIF_VERB.finditer(text))
    if verbs:
        verb = re.sub(r"\s", "", verbs[-1].group("v"))
        if verb == "ORDONNE":
            return "ordonnance"
        return _DEFAULT_BY_COURT.get(kind or "", "decision")
    said = [_WORD_TYPE[m.group("t").lower()] for m in _PRESENT.finditer(text)]
    if said:
        last = said[-1]
        return _DEFAULT_BY_COURT.get(kind or "", "decision") if last == "decision" else last
    t = (meta.type_decision or "").strip().lower()
    return _WORD_TYPE.get(t) or _WORD_TYPE.get(t.replace("é", "e"))


# ---- formation ---------------------------------------------------------------------------
_ORD = r"\d{1,2}\s?(?:ère|ere|ème|eme|e|er)"
# `4ème chambre jugeant seule`, `2ème chambre`, `1ère et 4ème chambres réunies`,
# `Juge des référés`, `Bureau des référés`, `Section du contentieux`, `Assemblée du contentieux`,
# `Formation spécialisée`, `Président de la section du contentieux`, `Magistrat désigné`
FORMATION = re.compile(
    rf"(?i)(?<![\w])(?P<f>{_ORD}(?:\s+et\s+{_ORD})?\s+chambres?(?:\s+réunies|\s+jugeant\s+seule)?"
    r"|juge\s+des\s+référés|bureau\s+des\s+référés|formation\s+spécialisée"
    r"|(?:section|assemblée)\s+du\s+contentieux|pr[ée]sident(?:e)?\s+de\s+la\s+section\s+du\s+contentieux"
    r"|magistrat\s+désigné|formation\s+plénière|plénière)\b")
# the formation in parentheses under the court's name, at the head of the body (a tribunal's or
# a cour's layout): `Le tribunal administratif de Nice\n(2ème chambre)`,
# `(6ème section - 1ère chambre)`, `La cour administrative d'appel de Lyon\n(2ème chambre)`
BODY_FORMATION = re.compile(
    r"(?im)^\W*(?:le\s+tribunal\s+administratif|la\s+cour\s+administrative\s+d['’]appel)\b[^\n]*\n\s*\((?P<f>[^()\n]{3,60})\)")


def find_formation(text: str, zones: tuple[Zone, ...], meta: Metadata) -> str | None:
    """The formation as written (`4ème chambre jugeant seule`); None when the document does not say."""
    if meta.formation and meta.formation.strip():
        return " ".join(meta.formation.split())
    m = BODY_FORMATION.search(text, 0, 4000)
    if m:
        return " ".join(m.group("f").split())
    head, _ = entete(text, zones)
    for m in FORMATION.finditer(head):
        f = " ".join(m.group("f").split())
        if re.search(r"(?i)section\s+du\s+contentieux", f) and re.search(r"(?i)statuant\s+au\s+contentieux", head[max(0, m.start() - 20):m.end()]):
            continue
        return f[0].upper() + f[1:] if not f[0].isdigit() else f
    return None


# ---- procedure ---------------------------------------------------------------------------
# `Par un pourvoi sommaire`, `se pourvoit en cassation`, `pourvoi en cassation`
_CASSATION = re.compile(r"(?i)\bpar\s+un\s+pourvoi\b|\bpourvoi\s+(?:sommaire|en\s+cassation)|se\s+pourvoi(?:t|ent)\s+en\s+cassation")
# `l'article L. 521-2 du code de justice administrative`, `L.521-1`
_REFERE_ARTICLE = re.compile(r"\b(?P<a>L\.?\s?521-[123]|R\.?\s?541-1)\b")
_REFERE_BY_ARTICLE = {"L521-1": "refere-suspension", "L521-2": "refere-liberte",
                      "L521-3": "refere-mesures-utiles", "R541-1": "refere-provision"}
_JUGE_REFERES = re.compile(r"(?i)\bjuge\s+des\s+référés\b")
# `l'article L. 911-4`, `d'assurer l'exécution de la décision`, `demande d'exécution`
_EXECUTION = re.compile(r"(?i)\bL\.?\s?911-4\b|liquid(?:er|ation)\s+(?:provisoire\s+|définitive\s+)?(?:de\s+)?l['’]astreinte|(?:assurer|prescrire|procéder\s+à)\s+l['’]exécution\s+(?:de\s+la\s+décision|du\s+jugement|de\s+l['’]arrêt|de\s+l['’]ordonnance)")
# `relever appel`, `fait appel`, `requête d'appel`
_APPEL = re.compile(r"(?i)\brelever\s+appel\b|\bfait\s+appel\b|\brequête\s+d['’]appel\b|\bfaire\s+appel\b")
_MOTIFS_START = re.compile(r"(?m)^\s*(?:\d+\.\s*)?Considérant\b")


def find_procedure(text: str, zones: tuple[Zone, ...], meta: Metadata) -> str | None:
    """One of the model's PROCEDURES, from the visas (rules in the module's docstring)."""
    visas = _visas(text, zones)
    if not visas.strip():
        return None
    if _CASSATION.search(visas):
        return "cassation"
    if _EXECUTION.search(visas):
        return "execution"
    articles = [re.sub(r"[.\s]", "", m.group("a")) for m in _REFERE_ARTICLE.finditer(visas)]
    if articles:
        return _REFERE_BY_ARTICLE[articles[0]]
    if _JUGE_REFERES.search(visas) or "référé" in (meta.formation or "").lower():
        return "refere-autre"
    if _APPEL.search(visas) or find_court(text, zones, meta).kind == "CAA":
        return "appel"
    return "fond"


def _visas(text: str, zones: tuple[Zone, ...]) -> str:
    for z in zones:
        if z.name == "visas":
            return text[z.start:z.end]
    m = _MOTIFS_START.search(text)
    return text[:m.start()] if m else text[:6000]
