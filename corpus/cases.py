"""The structured description of one order, from which both its PDF and its gold record come.

A `Case` is filled by the writers in `corpus/orders.py`. Every fact that the gold records is
registered at the moment its words are written: `case.A(...)` returns the words of an astreinte
and records it, `case.D(...)` the words of a time limit, `case.enjoin(...)` the words of an
injunction of the dispositif. The gold is therefore right by construction: it cannot say
something that the text does not say, nor miss something that the text says through these
helpers. `Case.layout()` gives the `corpus.layout.Layout` to render, `Case.gold()` the gold file.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from layout import Block, Layout, Signature

MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
          "octobre", "novembre", "décembre")

# open-data court code -> (kind, city as in the court's name)
COURTS = {
    "TA38": ("TA", "Grenoble"), "TA75": ("TA", "Paris"), "TA93": ("TA", "Montreuil"),
    "TA95": ("TA", "Cergy-Pontoise"), "TA77": ("TA", "Melun"), "TA78": ("TA", "Versailles"),
    "TA69": ("TA", "Lyon"), "TA13": ("TA", "Marseille"), "TA44": ("TA", "Nantes"),
    "TA59": ("TA", "Lille"), "TA31": ("TA", "Toulouse"), "TA67": ("TA", "Strasbourg"),
    "TA35": ("TA", "Rennes"), "TA33": ("TA", "Bordeaux"), "TA06": ("TA", "Nice"),
    "TA34": ("TA", "Montpellier"), "TA76": ("TA", "Rouen"), "TA21": ("TA", "Dijon"),
    "TA974": ("TA", "La Réunion"), "CAA75": ("CAA", "Paris"), "CAA69": ("CAA", "Lyon"),
}

TOPICS = ("rendez-vous-prefecture", "anef", "demarches-simplifiees", "titre-de-sejour", "asile",
          "visa", "eloignement", "naturalisation", "alternative-non-dematerialisee")


def court_name(code: str) -> str:
    """'TA38' -> 'Tribunal administratif de Grenoble'; 'CAA75' -> "Cour administrative d'appel de Paris"."""
    kind, city = COURTS[code]
    base = "Tribunal administratif" if kind == "TA" else "Cour administrative d'appel"
    return f"{base} de {city}"


def de(words: str) -> str:
    """'de', elided before a vowel: de('enregistrer ...') -> "d'enregistrer ..."."""
    return ("d'" if words[:1].lower() in "aeiouyéèêàâîô" else "de ") + words


def fr_date(iso: str) -> str:
    """'2025-07-21' -> '21 juillet 2025'; the first of the month is '1er'."""
    y, m, d = (int(x) for x in iso.split("-"))
    return f"{'1er' if d == 1 else d} {MONTHS[m - 1]} {y}"


@dataclass(frozen=True)
class Who:
    """A party as the text names it. `le` is the name with its article ('la préfète de
    l'Isère'); `name` is the gold name, without the article ('préfète de l'Isère')."""
    name: str
    le: str
    fem: bool = False
    role: str = "requerant"
    kind: str = "personne"
    authority: str | None = None

    @property
    def au(self) -> str:      # 'à la préfète de l'Isère', 'au préfet de police', "à l'Office ..."
        if self.le.startswith("le "):
            return "au " + self.le[3:]
        if self.le.startswith("les "):
            return "aux " + self.le[4:]
        return "à " + self.le

    @property
    def du(self) -> str:      # 'de la préfète', 'du préfet', "de l'Office"
        if self.le.startswith("le "):
            return "du " + self.le[3:]
        if self.le.startswith("les "):
            return "des " + self.le[4:]
        return "de " + self.le

    @property
    def il(self) -> str:
        return "elle" if self.fem else "il"

    @property
    def Il(self) -> str:
        return self.il.capitalize()

    def e(self, word: str) -> str:
        """Agreement: e('représenté') -> 'représentée' for a woman or a feminine body."""
        return word + "e" if self.fem else word

    @property
    def Le(self) -> str:
        return self.le[0].upper() + self.le[1:]

    def party(self) -> dict:
        return {"name": self.name, "role": self.role, "kind": self.kind, "authority": self.authority}


def person(name: str, fem: bool = False) -> Who:
    return Who(name, name, fem)


def association(name: str, le: str | None = None, role: str = "requerant") -> Who:
    return Who(name, le or ("l'" + name if name[0] in "AEIOUaeiouÉ" else "la " + name),
               fem=True, role=role, kind="association")


def prefet(dep: str, key: str, fem: bool = False, de: str = "de ") -> Who:
    """prefet("l'Isère", "isere", fem=True) -> la préfète de l'Isère, authority prefet:isere."""
    title = "préfète" if fem else "préfet"
    name = f"{title} {de}{dep}".replace("de l' ", "de l'")
    return Who(name, ("la " if fem else "le ") + name, fem, "defendeur", "administration",
               f"prefet:{key}")


PREFET_POLICE = Who("préfet de police", "le préfet de police", False, "defendeur", "administration",
                    "prefet-de-police")
MINISTRE_INTERIEUR = Who("ministre de l'intérieur", "le ministre de l'intérieur", False, "defendeur",
                         "administration", "ministre:interieur")
OFII = Who("Office français de l'immigration et de l'intégration",
           "l'Office français de l'immigration et de l'intégration", False, "defendeur",
           "administration", "ofii")
ANTS = Who("Agence nationale des titres sécurisés", "l'Agence nationale des titres sécurisés",
           True, "defendeur", "administration", "ants")


@dataclass
class Case:
    """One order: what it says (paragraphs) and the facts the gold records about it."""
    court: str
    numbers: list[str]
    date: str
    decision_type: str                  # ordonnance | jugement | arret
    formation: str                      # 'juge des référés', '4ème chambre', 'magistrat désigné'
    procedure: str
    judges: list[str]                   # names without titles; never the greffier
    parties: list[Who]
    outcomes: list[str]
    topics: list[str]
    exercises: str                      # one line for the README: what this order exercises
    header_parties: list[str] = field(default_factory=list)
    header_bench: list[str] = field(default_factory=list)   # ['M. Julien Morel', 'Juge des référés']
    header_extra: list[str] = field(default_factory=list)   # ['Audience du 18 juillet 2025', '54-035-04', 'C']
    header_formation: str = "Le juge des référés"
    visas: list[str] = field(default_factory=list)
    motifs: list[str] = field(default_factory=list)
    heading: str = "O R D O N N E :"
    articles: list[str] = field(default_factory=list)
    closing: list = field(default_factory=list)          # Block texts (str) and Signature
    running: str = "footer-dash"
    family: str = "serif"
    size: float = 12.0
    notes: list[str] = field(default_factory=list)
    astreintes: list[dict] = field(default_factory=list)
    deadlines: list[dict] = field(default_factory=list)
    injunctions: list[dict] = field(default_factory=list)
    nbsp: bool = False                  # French typography: no-break spaces before ':' and ';'

    # --------------------------------------------------------------------------------------
    @property
    def stem(self) -> str:
        return f"{self.court}_{self.numbers[0]}_{self.date.replace('-', '')}"

    @property
    def city(self) -> str:
        return COURTS[self.court][1]

    @property
    def number_label(self) -> str:
        return ("N° " if len(self.numbers) == 1 else "Nos ") + ", ".join(self.numbers)

    def A(self, text: str, amount: float | None, period: str | None, status: str) -> str:
        """The words of an astreinte, recorded: A('sous astreinte de 500 euros par jour de retard',
        500, 'jour', 'prononcee')."""
        item = {"amount_eur": amount, "period": period, "status": status, "text": text}
        if status not in ("demandee", "prononcee", "liquidee", "refusee"):
            raise ValueError(status)
        self.astreintes.append(item)
        return text

    def D(self, text: str, status: str, days: int | None = None, months: int | None = None,
          anchor: str | None = None) -> str:
        """The words of a time limit, recorded: D('sous huit jours', 'prononce', days=8)."""
        if status not in ("demande", "prononce") or (days and months):
            raise ValueError((text, status))
        self.deadlines.append({"text": text, "days": days, "months": months, "anchor": anchor,
                               "status": status})
        return text

    def enjoin(self, to: Who, measure: str, deadline: dict | None = None,
               astreinte: dict | None = None, form: str = "enjoint") -> str:
        """The words of an injunction of the dispositif, recorded with its deadline and astreinte.

        `deadline` and `astreinte` are the keyword arguments of D and A (status forced to
        prononce / prononcee). form 'enjoint': 'Il est enjoint à la préfète ... de {measure},
        {deadline}, {astreinte}.'; form 'futur': '{Le préfet} {measure}, {deadline}...'."""
        dl = self._item(self.D, deadline, "prononce") if deadline else None
        ast = self._item(self.A, astreinte, "prononcee") if astreinte else None
        self.injunctions.append({"addressee": to.name, "authority": to.authority, "measure": measure,
                                 "deadline": dl, "astreinte": ast})
        tail = "".join(f", {x['text']}" for x in (dl, ast) if x)
        if form == "enjoint":
            return f"Il est enjoint {to.au} {de(measure)}{tail}."
        return f"{to.Le} {measure}{tail}."

    def _item(self, fn, kw: dict, status: str) -> dict:
        if fn == self.D:
            fn(kw["text"], status, days=kw.get("days"), months=kw.get("months"), anchor=kw.get("anchor"))
            return self.deadlines[-1]
        fn(kw["text"], kw.get("amount"), kw.get("period"), status)
        return self.astreintes[-1]

    # --------------------------------------------------------------------------------------
    def gold(self) -> dict:
        kind, city = COURTS[self.court]
        for t in self.topics:
            if t not in TOPICS:
                raise ValueError(f"{self.stem}: unknown topic {t!r}")

        def distinct(items, key):
            seen, out = set(), []
            for it in items:
                k = key(it)
                if k not in seen:
                    seen.add(k)
                    out.append(it)
            return out

        fields = {
            "court": {"kind": kind, "city": city, "code": self.court, "name": court_name(self.court)},
            "case_numbers": list(self.numbers),
            "decision_date": self.date,
            "decision_type": self.decision_type,
            "formation": self.formation,
            "procedure": self.procedure,
            "outcomes": sorted(set(self.outcomes)),
            "injunctions": self.injunctions,
            "astreintes": distinct(self.astreintes, lambda a: (a["amount_eur"], a["period"], a["status"])),
            "deadlines": distinct(self.deadlines, lambda d: (d["days"], d["months"], d["anchor"], d["status"])),
            "parties": [p.party() for p in self.parties],
            "judges": list(self.judges),
            "topics": list(self.topics),
        }
        return {"id": self.stem, "identification": self.stem, "annotated": list(fields),
                "fields": fields, "notes": list(self.notes)}

    def plain_paragraphs(self) -> list[str]:
        """Every paragraph of the body, markup removed (for checks against the PDF text)."""
        out = []
        for b in self.layout().blocks:
            if isinstance(b, Block):
                out.append(b.text.replace("**", ""))
            else:
                out.extend(" ".join(c) for c in b.columns)
        return out

    def layout(self) -> Layout:
        kind, city = COURTS[self.court]
        left = ["TRIBUNAL ADMINISTRATIF" if kind == "TA" else "COUR ADMINISTRATIVE D'APPEL",
                "DE " + city.upper()]
        rows: list[tuple[str | None, str | None]] = [(left[0], "RÉPUBLIQUE FRANÇAISE"), (left[1], None),
                                                    ("---", None), (self.number_label, "AU NOM DU PEUPLE FRANÇAIS"),
                                                    ("---", None)]
        bold_rows = (0, 1)
        right = self.header_formation.split("\n")
        for i in range(max(len(self.header_parties), len(right))):
            rows.append((self.header_parties[i] if i < len(self.header_parties) else None,
                         right[i] if i < len(right) else None))
        rows.append(("---", None))
        for line in self.header_bench:
            rows.append((line, None))
        rows.append(("---", None))
        for line in self.header_extra:
            rows.append((line, None))
        kind_word = {"ordonnance": "Ordonnance", "jugement": "Jugement", "arret": "Arrêt"}[self.decision_type]
        rows.append((f"{kind_word} du {fr_date(self.date)}", None))
        if self.decision_type != "ordonnance":
            rows[-1] = (f"Lecture du {fr_date(self.date)}" if self.decision_type == "arret"
                        else f"{kind_word} du {fr_date(self.date)}", None)

        def fix(s: str) -> str:
            s = re.sub(r"(?<=\d) (?=\d{3}\b)", "\u00a0", s)     # '1 500 euros' never splits
            s = s.replace("« ", "«\u00a0").replace(" »", "\u00a0»")
            if self.nbsp:
                s = s.replace("n° ", "n°\u00a0")
                s = s.replace(" :", "\u00a0:").replace(" ;", "\u00a0;")
            return s

        blocks: list = [Block(fix("Vu la procédure suivante :"), indent=0, space_before=4)]
        for v in self.visas:
            blocks.append(_para(fix(v)))
        blocks.append(Block(fix("Considérant ce qui suit :"), indent=12, space_before=4, keep_with_next=True))
        for m in self.motifs:
            blocks.append(_para(fix(m)))
        blocks.append(Block(f"**{self.heading}**", align="C", indent=0, space_before=7,
                            keep_with_next=True))
        for a in self.articles:
            blocks.append(Block(fix(a), space_before=3))
        for c in self.closing:
            blocks.append(c if isinstance(c, Signature) else _para(fix(c)))
        return Layout(header=tuple(rows), blocks=tuple(blocks), number_label=self.number_label,
                      court_label=court_name(self.court).upper(),
                      running=self.running, family=self.family, size=self.size,
                      title=f"{court_name(self.court)}, {self.number_label}, {fr_date(self.date)}",
                      header_bold_rows=bold_rows)


def _para(text: str) -> Block:
    """'- le code ...' lines of the visas are not indented; '1. ...' motifs are."""
    if text.startswith("- "):
        return Block(text, indent=0, left=6, space_before=1)
    return Block(text)
