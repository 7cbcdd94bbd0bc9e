"""The parties: requérants, défendeurs, intervenants, with their kind and, for an administration
or a collectivité, its authority key.

How the annotators counted (the 100 gold files with parties), and so how this module works:

1. The list of parties is the notification article: `La présente ordonnance sera notifiée à
   M. A, à l'association X et au ministre de l'intérieur.` Every addressee is a party; the
   `Copie en sera adressée à ...` line is not, with two exceptions: a private person there (the
   adverse party of the first instance) is a party, and when the notification names only the
   requérants, the administration that receives a copy is the adverse party (a fiscal pourvoi
   notified to the taxpayer, `Copie ... au ministre de l'économie`) and so the défendeur.
2. Roles come from the visas: who `demande au Conseil d'Etat` / `au juge des référés` /
   `au tribunal` / `à la cour` is a requérant (`Par un pourvoi ..., la société Free demande au
   Conseil d'Etat`); who does it `Par une intervention` / `Par un mémoire en intervention` is an
   intervenant, and so is one whose intervention the court admits or rejects (`L'intervention
   du syndicat X est admise`); an addressee called `premier requérant dénommé`, `représentante unique` is a
   requérant. Everyone else notified is a défendeur. When no requérant of the visas matches
   an addressee, the first addressee is the requérant (the court notifies the requérant first).
3. When the notification names only the first requérant (`première requérante dénommée`), the
   other requérants named in the visas are added.
4. A text with no notification article (truncated, or an extract): the parties named by the
   visas, requérants as in 2, défendeurs who `concluent au rejet` / `ont présenté des observations`.
5. Names as written, without the article (`l'association La Cimade` -> `association La Cimade`)
   nor the appositions (`, premier requérant désigné`); `et autres` is not a name.

Kinds: personne (`M.`, `Mme`, `M. et Mme`), association, societe (`société`, SCI, SARL, SNC...),
collectivite (commune, ville, département, région, communauté d'agglomération, métropole),
administration (ministre, préfet, offices and agencies, universités, hospitals, public
commissions and authorities), autre (syndicats, fédérations, ordres, everything else).
The legal phrasing is fixed enough for rules: `nlp` is accepted (the orchestrator passes it) but
not used; spaCy's NER splits `préfète de l'Isère` as a place and court names as MISC, which the
rules above do not need.
"""
from __future__ import annotations

import re

from greffe.model import Metadata, Party, Span, Zone

from .authorities import authority_key

# ---- the notification article ------------------------------------------------------------
# a list whose full stop OCR lost (`... et à M. 11€ Délibéré à l'issue de la séance ...`, the
# `L C.` read as `11€`) ends before the deliberation line, not at the next full stop
_UNFINISHED = r"|\s+(?=(?-i:Délibéré\s+à\s+l['’]issue|Fait\s+à\s))"
# `La présente décision sera notifiée à ...`, `Le présent avis sera notifié au ...`,
# `La présente ordonnance sera notifiée à M. A et au ministre de l'intérieur.` (the list ends at a
# full stop, not at the dot of `M.` before a PDF line break: `à M.\nA D`)
NOTIFICATION = re.compile(
    r"(?is)(?:la\s+présente|le\s+présent)\s+(?:ordonnance|décision|avis|arrêt|jugement)\s+sera\s+notifiée?\s+"
    r"(?P<list>(?:à|au|aux)\s.+?)(?:(?<!\bM)(?<!\bMM)\.(?=\s*(?:\n|$|Copie|Une\s+copie|Délibéré|Fait\s+à|Article|\d{4,}))"
    + _UNFINISHED + ")")
# `Copie en sera adressée au Premier ministre.`, `Une copie en sera transmise à ...`
COPY = re.compile(r"(?is)\b(?:une\s+)?copie\s+(?:en\s+)?sera\s+(?:adressée|transmise)\s+(?P<list>(?:à|au|aux)\s.+?)"
                  r"(?:(?<!\bM)(?<!\bMM)\.(?=\s*(?:\n|$|Délibéré|Fait\s+à|Article|\d{4,}))" + _UNFINISHED + ")")

_PARTY_HEAD = (r"(?:société|sociétés|commune|communes|ville|association|ministre|garde|syndicat|fédération|"
               r"confédération|union|office|agence|caisse|centre|communauté|commission|conseil|université|"
               r"institut|école|directeur|directrice|préfet|préfète|département|région|établissement|section|"
               r"président|groupement|métropole|autorité|compagnie|organisme|chambre|haut|haute|ordre|"
               r"premier|cour|tribunal)\b")
_PARTY_START = rf"(?=(?:(?:la|le|les)\s+)*(?:l['’]\s*)?(?:[A-ZÀ-Ý\"«]|{_PARTY_HEAD}))"
# the separators of the list: `, à`, ` et à`, `, au`, ` et aux`, `, ainsi qu'au`, and ` à` with no
# comma before a new party (`à la société France Télévisions à la société Télévision Française 1`)
_SPLIT = re.compile(rf"(?:\s*,\s*(?:et\s+|ainsi\s+qu['’]\s*)?|\s+et\s+|\s+ainsi\s+qu['’]\s*|\s+)(?:à|au|aux)\s+{_PARTY_START}"
                    r"|(?<!M\.)\s+et\s+(?=(?:M\.|Mme|Mlle|MM\.)\s)"
                    # `à l'association La Cimade, le Groupe d'information ... et la Ligue des droits de l'Homme`
                    rf"|(?:\s*,\s*|\s+et\s+)(?=(?:la|le|les)\s+(?:[A-ZÀ-Ý]|{_PARTY_HEAD})|l['’]\s*(?:[A-ZÀ-Ý]|{_PARTY_HEAD}))")
_LEAD = re.compile(r"^(?:à|au|aux)\s+", re.I)
_ARTICLE = re.compile(r"^(?:(?:la|le|les)\s+)+|^l['’]\s*", re.I)
# appositions that are not part of the name: `, premier requérant désigné`, `, première
# requérante dénommée`, `, désignée représentante unique de la requête n°437141`,
# `, représentante unique désignée pour l'ensemble des requérants`, `, premier dénommé, pour ...`
_APPOSITION = re.compile(r"\s*,\s*(?:premi|désign|représentant|mandataire|pour\s+l['’]ensemble|pour\s+les\s+).*$", re.I | re.S)
_REPRESENTS = re.compile(r"(?i)premi(?:er|ère)\s+(?:requérante?\s+)?(?:dénommée?|désignée?)|représentante?\s+unique|mandataire\s+unique|premi(?:er|ère)\s+dénommée?")
# a stray footer or case number glued on: `... de la relance. 437180- 4 -`
_TRAILING_NOISE = re.compile(r"\s*\d{5,}.*$|\s*-\s*\d+\s*-\s*$")
# not parties: the section du rapport, the Conseil constitutionnel, an avocat (`Me Chloé Baudin`)
_NOT_PARTY = re.compile(r"(?i:^(?:section\s+du\s+rapport|conseil\s+constitutionnel|maître\s))|^Me\s")
# a copy to the Premier ministre is information, never an adverse party
_NOT_PARTY_IN_COPY = re.compile(r"(?i)^premier\s+ministre\b")

# ---- the visas: who asks ------------------------------------------------------------------
# `..., la société Free demande au Conseil d'Etat`, `M. et Mme O demandent au Conseil`,
# `M. A demande au juge des référés`, `l'association X demande au tribunal`, `... à la cour`,
# `Par une intervention ..., la société Molotov demande que le Conseil d'Etat fasse droit`
# (the verb is searched first and its subject read backwards, up to 400 characters within its
# clause: a regex starting with the subject would try every position of the text)
ASKS = re.compile(r"\s+(?:demande(?:nt)?|doit\s+être\s+regardée?\s+comme\s+demandant|"
                  r"doivent\s+être\s+regardés\s+comme\s+demandant)\s+(?:au\s+Conseil|au\s+juge|au\s+tribunal|"
                  r"à\s+la\s+cour|au\s+président|à\s+la\s+section|l['’]annulation|que\s+(?:le|la)\s+(?:Conseil|juge|tribunal|cour)\b)")
# a party's name starts with an article or a civility: `la société Free`, `l'OFPRA`, `M. A`, `Mme B`
_ARTICLE_OR_CIVILITY = re.compile(r"(?i:(?:le|la|les)\s+|l['’]\s*)|(?:M\.|Mme|MM\.|Mlle|Monsieur|Madame)\s")
# capitalised words that open the registration clause, not a party
_NOT_SUBJECT_START = {"Par", "Sous", "Au", "Aux", "En", "Dans", "Pour", "Après", "Devant", "Avant", "Puis",
                      "Enfin", "Ainsi", "Il", "Elle", "Ils", "Elles", "Enregistrée", "Enregistré", "Enregistrés"}
# `les syndicats X, Y et Z`, `les sociétés A et B`, `les associations ...`
_PLURAL = re.compile(r"^les\s+(?P<head>syndicats|sociétés|associations|communes|fédérations)\s+")
# who defends: `Par un mémoire en défense, ..., le préfet du Rhône conclut au rejet de la requête`,
# `l'Ecole centrale de Lyon a présenté des observations`
DEFENDS = re.compile(r"\s+(?:conclu(?:en)?t\s+(?:au|à)\s|(?:a|ont)\s+présenté\s+des\s+observations|"
                     r"(?:a|ont)\s+produit\s+(?:un\s+mémoire|des\s+observations))")
# the court rules on an intervention (motifs or dispositif): `L'intervention du syndicat
# Fédération de l'enseignement privé FEP-CFDT est admise.`, `L'intervention de la société X
# n'est pas admise`
INTERVENTION_RULED = re.compile(
    r"\b[Ll]['’]intervention\s+(?:de\s+la\s+|de\s+l['’]\s*|du\s+|des\s+|de\s+|d['’]\s*)(?P<who>[^\n.;]{2,200}?)"
    r"\s+(?:est|sont|n['’]est\s+pas|ne\s+sont\s+pas)\s+(?:admises?|recevables?|irrecevables?)")
_INTERVENTION = re.compile(r"(?i)\bpar\s+(?:une|un)\s+(?:intervention|mémoire\s+en\s+intervention)")

# ---- kinds --------------------------------------------------------------------------------
_PERSON = re.compile(r"^(?:M\.|Mme|Mlle|MM\.|Monsieur|Madame|Mademoiselle)(?:\s|$)")
_ASSOCIATION = re.compile(r"(?i)^association\b(?!\s+foncière)")
_SOCIETE = re.compile(r"(?i)^(?:société|sociétés|compagnie|SCI|SCCV|SARL|SAS|SASU|SA|SNC|EURL|SCP|SCEA|GAEC|selarl|banque|mutuelle)\b")
_COLLECTIVITE = re.compile(r"(?i)^(?:commune|communes|ville|département|région|communauté|métropole|collectivité|syndicat\s+intercommunal)\b|\bagglomération$")
_ADMINISTRATION = re.compile(
    r"(?i)^(?:ministre|garde\s+des\s+sceaux|premier\s+ministre|préfet|préfète|office|agence|caisse|centre\s+hospitalier|"
    r"université|[ée]cole|institut|autorité|commission|directeur|directrice|[ée]tablissement\s+public|association\s+foncière|"
    r"haut\s+conseil|haute\s+autorité|Etat|État|administration|recteur|rectrice)\b|^(?:OFII|OFPRA|ANTS|CNAC|ACOSS|CNRACL|AMF)\b")


# Associations named without the word `association`: a name that starts with `ligue` or
# `collectif` (`la Ligue des droits de l'Homme`, `le collectif Droit au séjour`), and the
# associations that defend foreigners before the administrative courts, by name or acronym
# (`La Cimade`, `le Groupe d'information et de soutien des immigré·e·s (GISTI)`, `l'Anafé`):
# the people who look for their cases in greffe are these associations.
_ASSOCIATION_NAMED = re.compile(
    r"(?i)^(?:ligue|collectif)\b|^groupe\s+d['’]information\s+et\s+de\s+soutien\s+des\s+immigr|"
    r"^avocats\s+pour\s+la\s+défense\s+des\s+droits\s+des\s+étrangers\b|^comité\s+pour\s+la\s+santé\s+des\s+exilés\b|"
    r"^(?:secours\s+catholique|médecins\s+du\s+monde|médecins\s+sans\s+frontières|amnesty\s+international|"
    r"utopia\s+56|droit\s+au\s+logement|emmaüs|SOS\s+racisme|dom['’]\s*asile)\b")
_ASSOCIATION_ACRONYM = re.compile(r"\b(?:GISTI|LDH|ADDE|ANAFE|Anafé|FASTI|COMEDE|Comede|MRAP|ACAT|Cimade|CIMADE)\b")


# When the decision calls its requérants `les associations requérantes`, a requérant named like a
# public body (`Office dauphinois des travailleurs immigrés (ODTI)`, `Institut des droits de
# l'homme du barreau de Grenoble (IDH)`) is one of those associations, not an administration.
_ASSOCIATIONS_REQUERANTES = re.compile(r"(?i)\bassociations\s+requérantes\b")
_BODY_NAMED_LIKE_AN_OFFICE = re.compile(r"(?i)^(?:office|institut|centre|comité|collectif|groupe|fédération)\b")


def party_kind(name: str) -> str:
    """personne / association / societe / collectivite / administration / autre."""
    if _PERSON.match(name):
        return "personne"
    if _ASSOCIATION.match(name) or _ASSOCIATION_NAMED.match(name) or _ASSOCIATION_ACRONYM.search(name):
        return "association"
    if _SOCIETE.match(name):
        return "societe"
    if _COLLECTIVITE.search(name):
        return "collectivite"
    if _ADMINISTRATION.search(name):
        return "administration"
    return "autre"


def clean_name(raw: str) -> str:
    """`à l'association La Cimade, première requérante dénommée` -> `association La Cimade`."""
    s = " ".join(raw.split())
    s = _LEAD.sub("", s)
    s = _TRAILING_NOISE.sub("", s)
    s = _APPOSITION.sub("", s)
    s = _ARTICLE.sub("", s)
    s = re.sub(r"\s+et\s+autres$", "", s)
    return s.strip(" ,;.")


# ---- a letter of a name misread by OCR ---------------------------------------------------
# OCR may misread one letter of an acronym in one place and read it right everywhere else:
# `la société civile immobilière MET Théoule IV` in the notification, `la société MFT Théoule
# IV` four times in the visas and motifs. An acronym of a name (capitals only, 2 letters or
# more) followed (or preceded) by the same word elsewhere, read there one letter otherwise and
# at least twice as often (and at least 3 times), takes that reading, when the two letters are
# ones OCR confuses (`F`/`E`, `O`/`D`/`Q`, `C`/`G`, `I`/`L`/`T`, `B`/`R`/`8`...); never the
# reading of another addressee. `SCI ABC Paris` and `SCI ABD Paris` stay two companies.
_ACRONYM = re.compile(r"^[A-Z]{2,}$")
_CONFUSED = ("EF", "ODQ0", "CGO", "ILT1", "BR8E", "HN", "MN", "UV", "S5", "Z2", "PR")


def _one_letter_apart(a: str, b: str) -> bool:
    """Same length, one letter different, and those two letters are ones OCR confuses."""
    if len(a) != len(b):
        return False
    diff = [(x, y) for x, y in zip(a, b) if x != y]
    return len(diff) == 1 and any(diff[0][0] in g and diff[0][1] in g for g in _CONFUSED)


def consensus_name(text: str, name: str, others: tuple[str, ...] = ()) -> str:
    """`name` with each acronym read one letter off (see above) replaced by the document's usual
    reading: `société civile immobilière MET Théoule IV` -> `... MFT Théoule IV` when the text
    says `MFT Théoule` four times and `MET Théoule` once. `others`: the other addressees."""
    words = name.split()
    taken = {w for o in others for w in o.split()}
    for i, w in enumerate(words):
        if not _ACRONYM.match(w):
            continue
        if i + 1 < len(words):
            context = re.compile(rf"\b([A-Z]{{{len(w)}}})\s+{re.escape(words[i + 1])}\b")
        elif i > 0:
            context = re.compile(rf"\b{re.escape(words[i - 1])}\s+([A-Z]{{{len(w)}}})\b")
        else:
            continue
        seen: dict[str, int] = {}
        for m in context.finditer(text):
            seen[m.group(1)] = seen.get(m.group(1), 0) + 1
        best = max((v for v in seen if _one_letter_apart(v, w) and v not in taken),
                   key=lambda v: seen[v], default=None)
        if best and seen[best] >= 3 and seen[best] >= 2 * seen.get(w, 0):
            words[i] = best
    return " ".join(words)


def split_addressees(list_text: str) -> list[tuple[str, int, int]]:
    """The addressees of a notification list with their offsets in `list_text`."""
    out, pos = [], 0
    for m in _SPLIT.finditer(list_text):
        out.append((list_text[pos:m.start()], pos, m.start()))
        pos = m.end()
    out.append((list_text[pos:], pos, len(list_text)))
    return [(s, a, b) for s, a, b in out if s.strip()]


def _tokens(name: str) -> set[str]:
    """The distinctive words of a name: capitalised words and acronyms, without civilities."""
    words = re.findall(r"[A-ZÀ-Ý][\w'’-]*", name)
    return {w for w in words if w not in {"M", "Mme", "Mlle", "MM", "Monsieur", "Madame", "Conseil", "Etat", "État"}}


def _same(mention: str, name: str) -> bool:
    """Does the visas' `mention` (`la SCCV Ilot de Vigny`, `M. et Mme O`, `la commune`) designate
    the addressee `name` (`société civile de construction vente Ilot de Vigny`, `M. et Mme B O`)?"""
    m, n = clean_name(mention), name
    if m.lower() == n.lower():
        return True
    km, kn = party_kind(m), party_kind(n)
    if km == "administration" and kn == "administration":
        am, an = authority_key(m) or "", authority_key(n) or ""
        if am and an and (am == an or an.startswith(am) or am.startswith(an)):
            return True
    if km != kn and "autre" not in (km, kn):
        return False            # an association is not the ministre whose title shares a word
    tm, tn = _tokens(m), _tokens(n)
    if tm and tn:
        common = tm & tn
        if km == "personne" or kn == "personne":
            return km == kn and bool(common)
        return len(common) >= min(2, len(tm), len(tn))
    if not tm and m.split()[:1] and n.split()[:1]:
        return m.split()[0].lower() == n.split()[0].lower()
    return False


def _party_like(segment: str) -> bool:
    """Does this piece of a subject start like a party (`la société X`, `M. A`, `GISTI`), not
    like the registration clause (`Par une requête`, `enregistrée le ...`) or an apposition
    (`représentée par Me X`, `administrateur judiciaire de ...`)?"""
    if _ARTICLE_OR_CIVILITY.match(segment):
        return True
    first = segment.split(" ", 1)[0]
    return bool(re.match(r"[A-ZÀ-Ý]", first)) and first not in _NOT_SUBJECT_START


def _split_mention(who: str) -> list[str]:
    """The parties of the subject of `... demande(nt) au ...`:

    `Par un pourvoi, enregistré le 3 mai 2021, la société Free` -> `la société Free`;
    `..., l'association La Cimade, l'Association ADDE, la Ligue des droits de l'Homme et
    l'association Marseille Accueil Exilés, représentés par Me Paul Santini,` -> the four;
    `..., le ministre de l'économie, des finances et de la relance` -> one;
    `M. A D, administrateur judiciaire de la société Bleufontaine,` -> `M. A D`;
    `M. et Mme O` stays one; `les syndicats X, Y et Z` -> `syndicat X`, `syndicat Y`, `syndicat Z`.
    """
    segments: list[str] = []
    for seg in re.split(r"\s*,\s*", who.strip(" ,")):
        if segments and re.match(r"(?:de|des|du|d['’])\b", seg):
            segments[-1] += ", " + seg          # `ministre de l'économie, des finances ...`
        elif seg:
            segments.append(seg)
    while segments and not _party_like(segments[-1]):
        segments.pop()                          # trailing appositions
    subject: list[str] = []
    while segments and _party_like(segments[-1]):
        subject.insert(0, segments.pop())
    out: list[str] = []
    head = None
    for seg in subject:
        plural = _PLURAL.match(seg)
        if plural:                              # `les syndicats SUD-TRAVAIL AFFAIRES SOCIALES`
            head = plural.group("head")[:-1]
            seg = seg[plural.end():]
        for part in re.split(r"(?<!M\.)\s+et\s+(?=(?:la|le|les|l['’]|M\.|Mme|Mlle)\s?|[A-ZÀ-Ý])", seg):
            part = part.strip()
            if not part:
                continue
            if head and not _ARTICLE_OR_CIVILITY.match(part):
                part = f"{head} {part}"
            out.append(part)
    return out


def _subject_before(text: str, end: int, limit: int = 400) -> str:
    """The clause before a verb: back to the previous new line, `;` or `:` (at most `limit` chars)."""
    start = max(text.rfind(c, 0, end) for c in "\n;:") + 1
    return text[max(start, end - limit):end]


def asking(visas: str) -> tuple[list[str], list[str], list[str]]:
    """(requérants, intervenants, défendeurs) as the visas name them."""
    req: list[str] = []
    inter: list[str] = []
    for m in ASKS.finditer(visas):
        line_start = visas.rfind("\n", 0, m.start()) + 1
        sentence = visas[line_start:m.end()]
        target = inter if _INTERVENTION.search(sentence) else req
        for p in _split_mention(_subject_before(visas, m.start())):
            if p not in target:
                target.append(p)
    defend: list[str] = []
    for m in DEFENDS.finditer(visas):
        defend += [p for p in _split_mention(_subject_before(visas, m.start())) if p not in defend]
    return req, inter, defend


def _visas(text: str, zones: tuple[Zone, ...]) -> str:
    for z in zones:
        if z.name == "visas":
            return text[z.start:z.end]
    m = re.search(r"(?m)^\s*(?:\d+\.\s*)?Considérant\b", text)
    return text[:m.start()] if m else text[:8000]


def _from_visas(text: str, visas: str, req: list[str], inter: list[str], defend: list[str]) -> tuple[Party, ...]:
    """No notification article (a truncated text): the parties the visas name, requérants
    (`... demande au juge des référés`), intervenants, défendeurs (`... conclut au rejet`)."""
    out: list[Party] = []
    offset = text.find(visas[:200]) if visas else -1
    for mentions, role in ((req, "requerant"), (inter, "intervenant"), (defend, "defendeur")):
        for mention in mentions:
            name = clean_name(mention)
            if not name or _NOT_PARTY.match(name) or any(_same(mention, p.name) for p in out):
                continue
            at = visas.find(mention)
            span = Span(offset + at, offset + at + len(mention)) if at >= 0 and offset >= 0 \
                else first_mention(text, name)
            kind = party_kind(name)
            auth = authority_key(name) if kind in ("administration", "collectivite") else None
            out.append(Party(name=name, role=role, kind=kind, authority=auth, span=span))
    return tuple(out)


def find_parties(text: str, zones: tuple[Zone, ...], meta: Metadata, nlp=None) -> tuple[Party, ...]:
    """The parties of the decision (rules in the module's docstring). Without a notification
    article, the parties that the visas name (requérants, intervenants, défendeurs)."""
    notif = None
    for notif in NOTIFICATION.finditer(text):
        pass
    visas = _visas(text, zones)
    req_mentions, inter_mentions, defence_mentions = asking(visas)
    inter_mentions += [m.group("who") for m in INTERVENTION_RULED.finditer(text)]
    if notif is None:
        return _from_visas(text, visas, req_mentions, inter_mentions, defence_mentions)

    addressees: list[tuple[str, Span, bool]] = []     # (name, span, apposition says requérant)
    base = notif.start("list")
    for raw, a, b in split_addressees(notif.group("list")):
        name = clean_name(raw)
        if name and not _NOT_PARTY.match(name):
            addressees.append((name, Span(base + a, base + b), bool(_REPRESENTS.search(raw))))
    names = tuple(n for n, _, _ in addressees)
    addressees = [(consensus_name(text, n, names[:k] + names[k + 1:]), sp, r)
                  for k, (n, sp, r) in enumerate(addressees)]

    roles: list[str] = []
    for name, _, named_requerant in addressees:
        if named_requerant or any(_same(m, name) for m in req_mentions):
            roles.append("requerant")
        elif any(_same(m, name) for m in inter_mentions):
            roles.append("intervenant")
        else:
            roles.append("defendeur")
    copy = COPY.search(text, notif.end(), min(len(text), notif.end() + 1500))
    copies = [] if copy is None else [
        (clean_name(raw), Span(copy.start("list") + a, copy.start("list") + b))
        for raw, a, b in split_addressees(copy.group("list"))]
    copies = [(n, sp) for n, sp in copies if n and not _NOT_PARTY.match(n) and not _NOT_PARTY_IN_COPY.match(n)]
    copy_requerant = any(_same(m, n) for n, _ in copies for m in req_mentions)
    if addressees and "requerant" not in roles and not copy_requerant:
        roles[0] = "requerant"

    parties = [Party(name=n, role=r, kind=party_kind(n), span=s) for (n, s, _), r in zip(addressees, roles)]

    only_requerants = all(r == "requerant" for r in roles)
    for name, span in copies:
        kind = party_kind(name)
        if any(_same(m, name) for m in req_mentions):
            role = "requerant"          # an appellant préfet who only receives a copy
        elif any(_same(m, name) for m in inter_mentions):
            role = "intervenant"
        elif kind == "personne" or only_requerants or any(_same(m, name) for m in defence_mentions):
            role = "defendeur"
        else:
            continue
        parties.append(Party(name=name, role=role, kind=kind, span=span))

    if _REPRESENTS.search(notif.group("list")):
        for mention in req_mentions:
            name = clean_name(mention)
            if not name or any(_same(mention, p.name) for p in parties):
                continue
            parties.append(Party(name=name, role="requerant", kind=party_kind(name)))

    associations = bool(_ASSOCIATIONS_REQUERANTES.search(text))
    out: list[Party] = []
    for p in parties:
        if any(q.name == p.name and q.role == p.role for q in out):
            continue
        kind = p.kind
        if associations and p.role == "requerant" and kind in ("administration", "autre") \
                and _BODY_NAMED_LIKE_AN_OFFICE.match(p.name):
            kind = "association"
        auth = authority_key(p.name) if kind in ("administration", "collectivite") else None
        out.append(Party(name=p.name, role=p.role, kind=kind, authority=auth,
                         span=p.span or first_mention(text, p.name)))
    return tuple(out)


def first_mention(text: str, name: str) -> Span | None:
    """Where a party found in a sentence of the visas (without its position) is first named:
    the name as written, spaces and case aside (`l'association La Cimade` -> `association La Cimade`)."""
    words = name.split()
    # `les associations Respire, Ras-le-Scoot et Paris Sans Voiture` names `association Ras-le-Scoot`
    # without the word `association` in front of it: look for the proper name alone then
    tries = [words, words[1:]] if len(words) > 1 and _KIND_WORD.match(words[0]) else [words]
    for w in tries:
        m = re.search(r"\s+".join(map(re.escape, w)), text, re.I)
        if m:
            return Span(m.start(), m.end())
    return None


_KIND_WORD = re.compile(r"(?i)^(?:association|société|syndicat|fédération|union|commune|collectif)$")
