"""The one data model of greffe: small frozen records that know where they came from.

Every extracted value carries a `Span` into the cleaned text of its document; the page is
filled in once the text map is known (`Decision.located`). `Decision.to_record()` gives the
JSON-ready dict of the shared contract (`../shared/contract/decision.schema.json`).
"""
from __future__ import annotations

import dataclasses
from array import array
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any, Literal

Role = Literal["requerant", "defendeur", "intervenant", "autre"]
PartyKind = Literal["personne", "association", "administration", "societe", "collectivite", "autre"]
Period = Literal["jour", "semaine", "mois", "trimestre", "semestre", "an", "autre"]
AstreinteStatus = Literal["demandee", "prononcee", "liquidee", "refusee"]
DeadlineStatus = Literal["demande", "prononce"]
Anchor = Literal["notification", "decision", "autre"]
ZoneName = Literal["entete", "visas", "motifs", "dispositif", "signature"]

OUTCOMES = ("rejet", "injonction", "suspension", "annulation", "non-lieu", "desistement",
            "astreinte", "liquidation", "renvoi", "sursis", "incompetence", "autre")
PROCEDURES = ("refere-liberte", "refere-suspension", "refere-mesures-utiles", "refere-provision",
              "refere-autre", "execution", "fond", "appel", "cassation", "autre")
DECISION_TYPES = ("ordonnance", "jugement", "arret", "decision", "avis")
ZONE_NAMES = ("entete", "visas", "motifs", "dispositif", "signature")


@dataclass(frozen=True, slots=True)
class Span:
    """Characters [start, end) of the cleaned text, and the 1-based page they start on."""
    start: int
    end: int
    page: int | None = None

    def of(self, text: str) -> str:
        return text[self.start:self.end]

    def shifted(self, offset: int) -> Span:
        return Span(self.start + offset, self.end + offset, self.page)

    def as_list(self) -> list[int]:
        return [self.start, self.end]


@dataclass(frozen=True, slots=True)
class Zone:
    name: ZoneName
    start: int
    end: int

    def of(self, text: str) -> str:
        return text[self.start:self.end]


@dataclass(frozen=True, slots=True)
class Court:
    kind: Literal["TA", "CAA", "CE"] | None
    city: str | None = None
    code: str | None = None
    name: str | None = None
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class Party:
    name: str
    role: Role
    kind: PartyKind
    authority: str | None = None
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class Deadline:
    text: str
    days: int | None = None
    months: int | None = None
    anchor: Anchor | None = None
    status: DeadlineStatus = "prononce"
    span: Span | None = None

    def key(self) -> tuple:
        return (self.days, self.months, self.anchor, self.status)


@dataclass(frozen=True, slots=True)
class Astreinte:
    amount_eur: float | None
    period: Period | None
    status: AstreinteStatus
    text: str = ""
    span: Span | None = None

    def key(self) -> tuple:
        return (self.amount_eur, self.period, self.status)


@dataclass(frozen=True, slots=True)
class Injunction:
    addressee: str
    measure: str
    authority: str | None = None
    deadline: Deadline | None = None
    astreinte: Astreinte | None = None
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class LegalRef:
    article: str
    code: str | None = None
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class CitedDecision:
    court: str | None
    date: str | None
    number: str | None
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class Source:
    path: str
    sha256: str
    format: Literal["pdf", "xml"]
    pages: int | None = None
    ocr: bool = False


@dataclass(frozen=True, slots=True)
class Metadata:
    """What the open-data XML states outright (all optional: a PDF has none of it)."""
    identification: str | None = None
    code_juridiction: str | None = None
    nom_juridiction: str | None = None
    numero_dossier: str | None = None
    date_lecture: str | None = None
    date_audience: str | None = None
    date_mise_jour: str | None = None
    ecli: str | None = None
    avocat_requerant: str | None = None
    type_decision: str | None = None
    type_recours: str | None = None
    code_publication: str | None = None
    formation: str | None = None


class TextMap:
    """Where each character of the cleaned text came from: its page (1-based; 0 for a character
    that greffe inserted, such as a joining space) and its box on that page, in PDF points from
    the top-left corner (x0, top, x1, bottom).

    Kept as two flat arrays so that a 1 000-page document stays a few megabytes.
    """
    __slots__ = ("pages", "boxes", "_page_starts")

    def __init__(self, pages: array, boxes: array):
        if len(boxes) != 4 * len(pages):
            raise ValueError("TextMap: boxes must hold four numbers per character")
        self.pages = pages
        self.boxes = boxes
        starts, last = [], 0
        for i, p in enumerate(pages):
            if p and p != last:
                starts.append((i, p))
                last = p
        self._page_starts = starts

    @classmethod
    def empty(cls) -> TextMap:
        return cls(array("H"), array("f"))

    def __len__(self) -> int:
        return len(self.pages)

    def page_at(self, offset: int) -> int | None:
        """Page of the character at `offset` (an inserted character takes its neighbour's)."""
        if not self._page_starts:
            return None
        i = bisect_right([s for s, _ in self._page_starts], offset) - 1
        return self._page_starts[max(i, 0)][1]

    def box(self, start: int, end: int) -> tuple[int, tuple[float, float, float, float]] | None:
        """The page of `start` and the box around the characters of [start, end) on that page."""
        page = self.page_at(start)
        if page is None:
            return None
        x0 = top = float("inf")
        x1 = bottom = float("-inf")
        for i in range(start, min(end, len(self.pages))):
            if self.pages[i] != page:
                continue
            b = self.boxes[4 * i: 4 * i + 4]
            x0, top, x1, bottom = min(x0, b[0]), min(top, b[1]), max(x1, b[2]), max(bottom, b[3])
        if x0 == float("inf"):
            return None
        return page, (round(x0, 1), round(top, 1), round(x1, 1), round(bottom, 1))


@dataclass(frozen=True)
class ParsedDocument:
    """A source after parsing: the cleaned text, where it came from, what metadata came with it."""
    text: str
    source: Source
    meta: Metadata = field(default_factory=Metadata)
    textmap: TextMap | None = None
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Decision:
    id: str
    source: Source
    court: Court
    case_numbers: tuple[str, ...]
    decision_date: str | None
    decision_type: str | None
    formation: str | None
    procedure: str | None
    judges: tuple[str, ...]
    parties: tuple[Party, ...]
    outcomes: tuple[str, ...]
    injunctions: tuple[Injunction, ...]
    astreintes: tuple[Astreinte, ...]
    deadlines: tuple[Deadline, ...]
    legal_refs: tuple[LegalRef, ...]
    cited_decisions: tuple[CitedDecision, ...]
    topics: tuple[str, ...]
    zones: tuple[Zone, ...]
    text: str
    warnings: tuple[str, ...] = ()

    def zone(self, name: ZoneName) -> Zone | None:
        return next((z for z in self.zones if z.name == name), None)

    def located(self, textmap: TextMap | None) -> Decision:
        """The same decision with the page of every span filled in from `textmap`."""
        if textmap is None:
            return self
        return _with_pages(self, textmap)

    def to_record(self) -> dict[str, Any]:
        """The decision as the contract's JSON object."""
        return _record(self)


def _with_pages(obj: Any, textmap: TextMap) -> Any:
    if isinstance(obj, Span):
        return Span(obj.start, obj.end, textmap.page_at(obj.start))
    if isinstance(obj, tuple):
        return tuple(_with_pages(x, textmap) for x in obj)
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        changes = {f.name: _with_pages(getattr(obj, f.name), textmap)
                   for f in dataclasses.fields(obj)
                   if isinstance(getattr(obj, f.name), (Span, tuple)) or
                   (dataclasses.is_dataclass(getattr(obj, f.name)) and f.name != "source")}
        return dataclasses.replace(obj, **changes) if changes else obj
    return obj


def _record(obj: Any) -> Any:
    """Dataclasses to dicts; a `span` becomes [start, end] beside a `page` key."""
    if isinstance(obj, Span):
        return obj.as_list()
    if isinstance(obj, tuple):
        return [_record(x) for x in obj]
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        out: dict[str, Any] = {}
        for f in dataclasses.fields(obj):
            value = getattr(obj, f.name)
            if f.name == "span":
                out["span"] = value.as_list() if value else None
                if not isinstance(obj, Court):
                    out["page"] = value.page if value else None
                continue
            out[f.name] = _record(value)
        if isinstance(obj, Court):
            out.pop("span", None)
        return out
    return obj
