"""Provenance: for every document of both corpora, each party, injunction, deadline and
astreinte carries a span whose text is the phrase it was read from, and the page it is on."""
from __future__ import annotations

import re

import pytest

from greffe.pipeline import Item, extract_one, read


def _norm(s: str) -> str:
    return " ".join(s.split()).casefold()


def _words(s: str) -> set[str]:
    return {w.casefold() for w in re.findall(r"\w+", s) if len(w) > 2}


def check_spans(rec) -> list[str]:
    """What is wrong with the spans of one decision record (an empty list when all is right)."""
    text, pdf = rec.text, rec.source.format == "pdf"
    problems = []

    def span_ok(what, value, span, quoted: str | None):
        if span is None:
            problems.append(f"{what} {value!r}: no span")
            return
        if not (0 <= span.start < span.end <= len(text)):
            problems.append(f"{what} {value!r}: span {span} outside the text")
            return
        if quoted is not None and _norm(quoted) not in _norm(span.of(text)):
            problems.append(f"{what}: {quoted!r} is not in text[{span.start}:{span.end}] = {span.of(text)!r}")
        if pdf and span.page is None:
            problems.append(f"{what} {value!r}: no page")

    for p in rec.parties:
        # a name is written without its article (`l'association X` -> `association X`), and a
        # name drawn from a list (`les associations X, Y et Z`) points at its proper name `Y`:
        # the words of one must be those of the other
        span_ok("party", p.name, p.span, None)
        if p.span:
            name, quoted = _words(p.name), _words(p.span.of(text))
            if not (name <= quoted or quoted <= name):
                problems.append(f"party {p.name!r} not in {p.span.of(text)!r}")
    for a in rec.astreintes:
        span_ok("astreinte", a.key(), a.span, a.text)
    for d in rec.deadlines:
        span_ok("deadline", d.key(), d.span, d.text)
    for i in rec.injunctions:
        span_ok("injunction", i.addressee, i.span, None)
        if i.deadline is not None:
            span_ok("injunction deadline", i.deadline.key(), i.deadline.span, i.deadline.text)
        if i.astreinte is not None:
            span_ok("injunction astreinte", i.astreinte.key(), i.astreinte.span, i.astreinte.text)
    return problems


@pytest.mark.slow
def test_every_span_of_the_project_corpus_quotes_its_phrase(corpus_dir, nlp):
    pdfs = sorted((corpus_dir / "pdf").glob("*.pdf"))
    assert len(pdfs) >= 30
    problems = {}
    for pdf in pdfs:
        rec = extract_one(read(Item(str(pdf), "pdf"), sandbox=False), nlp)
        if found := check_spans(rec):
            problems[pdf.name] = found
    assert not problems, problems


@pytest.mark.slow
def test_every_span_of_the_real_corpus_quotes_its_phrase(shared_dir, nlp):
    xmls = sorted((shared_dir / "corpus" / "xml").glob("*.xml"))
    pdfs = sorted((shared_dir / "corpus" / "pdf" / "original").glob("*.pdf"))[:40]
    problems = {}
    for path, kind in [(x, "xml") for x in xmls] + [(p, "pdf") for p in pdfs]:
        rec = extract_one(read(Item(str(path), kind), sandbox=False), nlp)
        if found := check_spans(rec):
            problems[path.name] = found
    assert not problems, dict(list(problems.items())[:5])


def test_a_span_that_does_not_quote_its_phrase_is_caught():
    """The check itself fails on a wrong span (so the two tests above can fail)."""
    from greffe.model import Astreinte, Span
    from extractors import extract
    from greffe.model import ParsedDocument, Source
    doc = ParsedDocument(text="Vu la requête.\nO R D O N N E :\nArticle 1er : sous astreinte de 100 euros par jour.\n",
                         source=Source(path="x.xml", sha256="0" * 64, format="xml"))
    rec = extract(doc)
    assert rec.astreintes and not check_spans(rec)
    import dataclasses
    wrong = dataclasses.replace(rec, astreintes=(Astreinte(100.0, "jour", "prononcee",
                                                            "sous astreinte de 100 euros", Span(0, 5)),))
    assert check_spans(wrong)
