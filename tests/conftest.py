"""Shared fixtures. Tests that need the real corpus ask for `shared_dir` and skip cleanly when
`../shared` is absent (a user's clone); nothing here finds data by magic."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SHARED = Path(os.environ.get("GREFFE_SHARED", ROOT.parent / "shared"))

# Prefect: a home of the project's own, no analytics, room for a slow temporary server.
os.environ.setdefault("PREFECT_HOME", str(ROOT / "var" / "prefect-test"))
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")
os.environ.setdefault("DO_NOT_TRACK", "1")
Path(os.environ["PREFECT_HOME"]).mkdir(parents=True, exist_ok=True)   # Prefect does not create it


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """`../shared` (or $GREFFE_SHARED); the test is skipped when it is not there."""
    if not (SHARED / "corpus" / "xml").is_dir():
        pytest.skip(f"the real corpus is not at {SHARED} (it ships only with the project's shared folder)")
    return SHARED


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The project's own corpus of tribunal orders (`corpus/`)."""
    return CORPUS


@pytest.fixture(scope="session")
def nlp():
    """The real French spaCy pipeline, loaded once for the session."""
    from greffe.nlp import load_nlp
    return load_nlp()
