"""A small real base for the research tests: the 32 orders of corpus/pdf extracted and loaded
once per test session (about 30 s), then published. Used by test_views, test_export,
test_similar and the research part of test_sql_queries.

    from corpus_base import base, corpus_base, gold, ro   # the fixtures `base` and `ro` too
    path = corpus_base(tmp_path_factory, corpus_dir)     # the base; its snapshot is published
    gold(corpus_dir)["TA38_2506085_20250721"]["procedure"] -> 'refere-mesures-utiles'
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

_BUILT: dict[str, Path] = {}


def corpus_base(tmp_path_factory, corpus_dir: Path) -> Path:
    """The path of a base holding every order of corpus/pdf, built once per session and
    published (readers open greffe.publish.newest(path))."""
    key = str(corpus_dir)
    if key not in _BUILT:
        from extractors import EXTRACTOR_VERSION
        from greffe import db, pipeline
        from greffe.publish import publish
        path = tmp_path_factory.mktemp("corpus-base") / "greffe.duckdb"
        con = db.connect(path)
        items = [(it, pipeline.fingerprint(it)) for it in pipeline.discover([corpus_dir / "pdf"])]
        for out in pipeline.process_all(items):
            assert isinstance(out, pipeline.Extracted), out
            db.load(con, out.decision, out.textmap, EXTRACTOR_VERSION)
        if hasattr(db, "sync_index"):
            db.sync_index(con)
        con.execute("CHECKPOINT")
        con.close()
        publish(path)
        _BUILT[key] = path
    return _BUILT[key]


def gold(corpus_dir: Path) -> dict[str, dict]:
    """{decision id: the gold fields} of corpus/gold."""
    return {p.stem: json.loads(p.read_text(encoding="utf-8"))["fields"]
            for p in sorted((corpus_dir / "gold").glob("*.json"))}


@pytest.fixture(scope="module")
def base(tmp_path_factory, corpus_dir) -> Path:
    """The corpus base (import this fixture: `from corpus_base import base, ro`)."""
    return corpus_base(tmp_path_factory, corpus_dir)


@pytest.fixture(scope="module")
def ro(base):
    """Its published snapshot, read-only, as a researcher opens it."""
    from greffe import db
    from greffe.publish import newest
    con = db.connect(newest(base), read_only=True)
    yield con
    con.close()
