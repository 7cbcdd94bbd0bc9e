"""Pure extractors: the cleaned text of a decision (and the metadata that came with it) in,
frozen records out. No I/O, nothing loaded at import time; the spaCy pipeline is a parameter.

    from extractors import extract
    decision = extract(parsed_document, nlp=load_nlp())

`EXTRACTOR_VERSION` goes into the ledger: raising it makes the next ingestion re-extract.
"""
from __future__ import annotations

from greffe.model import Decision, ParsedDocument

from . import (astreintes, court, dates, deadlines, doctype, injunctions, judges, numbers,
               outcomes, parties, references, topics, zones)

EXTRACTOR_VERSION = "0.3.0"


def extract(doc: ParsedDocument, nlp=None) -> Decision:
    """Every field of the decision record, from one parsed document."""
    text, meta = doc.text, doc.meta
    zs = zones.find_zones(text)
    the_court = court.find_court(text, zs, meta)
    case_numbers = numbers.find_case_numbers(text, zs, meta)
    date = dates.find_decision_date(text, zs, meta)
    found_deadlines = deadlines.find_deadlines(text, zs)
    found_astreintes = astreintes.find_astreintes(text, zs)
    decision = Decision(
        id=decision_id(the_court.code or the_court.kind, case_numbers, date, doc.source.sha256),
        source=doc.source,
        court=the_court,
        case_numbers=case_numbers,
        decision_date=date,
        decision_type=doctype.find_decision_type(text, zs, meta),
        formation=doctype.find_formation(text, zs, meta),
        procedure=doctype.find_procedure(text, zs, meta),
        judges=judges.find_judges(text, zs, nlp),
        parties=parties.find_parties(text, zs, meta, nlp),
        outcomes=outcomes.find_outcomes(text, zs),
        injunctions=injunctions.find_injunctions(text, zs),
        astreintes=found_astreintes,
        deadlines=found_deadlines,
        legal_refs=references.find_legal_refs(text),
        cited_decisions=references.find_cited_decisions(text),
        topics=topics.find_topics(text),
        zones=zs,
        text=text,
        warnings=doc.warnings,
    )
    return decision.located(doc.textmap)


def decision_id(court_key: str | None, case_numbers: tuple[str, ...], date: str | None, sha256: str) -> str:
    """`{court code or kind}_{first case number}_{YYYYMMDD}`, the key a PDF and the XML of one
    decision share; the sha256 prefix when any of the three is unknown."""
    if court_key and case_numbers and date:
        return f"{court_key}_{case_numbers[0]}_{date.replace('-', '')}"
    return f"sha256-{sha256[:16]}"
