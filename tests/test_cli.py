"""The command line as users and scripts run it: `greffe extract`, `ingest`, `search`, `show`,
`status`, each through its real entry point (a subprocess), on a real DuckDB file, with a real
Prefect flow run for `ingest`."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from greffe.cli import build_parser

ROOT = Path(__file__).resolve().parent.parent
SEED = "TA38_2506085_20250721"


def greffe(*args: str, env: dict | None = None, check: bool = True) -> subprocess.CompletedProcess:
    e = {**os.environ, **(env or {})}
    proc = subprocess.run([sys.executable, "-m", "greffe.cli", *args], capture_output=True, text=True,
                          env=e, cwd=ROOT)
    if check and proc.returncode != 0:
        raise AssertionError(f"greffe {' '.join(args)} exited {proc.returncode}:\n{proc.stderr}")
    return proc


def corpus_pdfs(corpus_dir: Path) -> list[Path]:
    pdfs = sorted((corpus_dir / "pdf").glob("*.pdf"))
    assert len(pdfs) >= 12, "corpus/pdf should hold the project's tribunal orders"
    return pdfs


def test_every_command_has_help_and_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    for name, parser in sub.choices.items():
        help_text = next(a.help for a in sub._choices_actions if a.dest == name)
        assert help_text and len(help_text) > 10, f"greffe {name} has no help text"
        assert f"greffe {name}" in readme, f"greffe {name} is not documented in the README"


def test_extract_prints_records_that_validate_against_the_contract(shared_dir, corpus_dir):
    import jsonschema
    schema = json.loads((shared_dir / "contract" / "decision.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    inputs = [str(p) for p in corpus_pdfs(corpus_dir)] + [str(shared_dir / "corpus" / "xml")]
    proc = greffe("extract", *inputs, "--format", "jsonl", "--jobs", "2")
    records = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(records) == len(corpus_pdfs(corpus_dir)) + len(list((shared_dir / "corpus" / "xml").glob("*.xml")))
    for rec in records:
        errors = sorted(validator.iter_errors(rec), key=lambda e: list(e.path))
        assert not errors, f"{rec['source']['path']}: {errors[0].message} at {list(errors[0].path)}"


def test_extract_reports_an_unreadable_file_and_goes_on(tmp_path, corpus_dir):
    bad = tmp_path / "empty.pdf"
    bad.write_bytes(b"")
    good = corpus_pdfs(corpus_dir)[0]
    proc = greffe("extract", str(bad), str(good), check=False)
    assert proc.returncode == 1
    assert "empty" in proc.stderr
    assert len(proc.stdout.splitlines()) == 1


@pytest.fixture(scope="module")
def ingested(tmp_path_factory, corpus_dir):
    """A real base: the project corpus ingested by a real Prefect flow run, plus a broken file."""
    work = tmp_path_factory.mktemp("ingest")
    inbox = work / "inbox"
    inbox.mkdir()
    for p in corpus_pdfs(corpus_dir):
        (inbox / p.name).write_bytes(p.read_bytes())
    (inbox / "not-a-pdf.pdf").write_text("<html><body>Erreur 404</body></html>")
    db = work / "greffe.duckdb"
    first = greffe("ingest", str(inbox), "--db", str(db), "--format", "json")
    second = greffe("ingest", str(inbox), "--db", str(db), "--format", "json")
    return db, json.loads(first.stdout), json.loads(second.stdout), inbox


@pytest.mark.slow
def test_ingest_twice_adds_nothing_the_second_time(ingested, corpus_dir):
    db, first, second, _ = ingested
    n = len(corpus_pdfs(corpus_dir))
    assert first["loaded"] == n
    assert first["quarantined"] == 1
    assert first["quarantine"][0]["reason"] == "not-a-pdf"
    assert second["loaded"] == 0
    assert second["skipped"] == n + 1
    status = json.loads(greffe("status", "--db", str(db), "--format", "json").stdout)
    assert status["decisions"] == n
    assert status["sources"] == n
    assert status["quarantined"] == 1
    assert status["quarantine_reasons"] == {"not-a-pdf": 1}


@pytest.mark.slow
def test_search_json_hits_carry_the_documented_keys(ingested):
    db = ingested[0]
    hits = json.loads(greffe("search", "rendez-vous préfecture astreinte", "--db", str(db),
                             "--limit", "10", "--format", "json").stdout)
    assert hits, "the seed case speaks of appointments at the préfecture under astreinte"
    for h in hits:
        assert {"id", "case_numbers", "court", "decision_date", "decision_type", "outcomes",
                "citation", "score", "snippet"} <= set(h)
    assert SEED in [h["id"] for h in hits]
    seed = next(h for h in hits if h["id"] == SEED)
    assert seed["citation"] == "TA Grenoble, ord., 21 juill. 2025, n° 2506085"
    assert seed["court"]["code"] == "TA38"


@pytest.mark.slow
def test_search_csv_and_table_formats(ingested):
    db = ingested[0]
    csv_out = greffe("search", "astreinte", "--db", str(db), "--format", "csv", "--limit", "3").stdout
    assert csv_out.splitlines()[0].startswith("id,citation,decision_date")
    table = greffe("search", "rendez-vous préfecture", "--db", str(db), "--limit", "3",
                   "--court-kind", "TA", "--type", "ordonnance").stdout
    citations = re.findall(r"^(\S.*?)    \[", table, re.M)
    assert len(citations) == 3
    assert all(re.match(r"TA [\w' -]+, ord\., \d+", c) for c in citations), citations


@pytest.mark.slow
def test_show_prints_the_seed_case_with_its_injunction(ingested):
    db = ingested[0]
    out = greffe("show", SEED, "--db", str(db)).stdout
    assert "TA Grenoble, ord., 21 juill. 2025, n° 2506085" in out
    assert "prefet:isere" in out
    assert "500 € par jour" in out
    missing = greffe("show", "TA38_1_20250101", "--db", str(db), check=False)
    assert missing.returncode == 1 and "TA38_1_20250101" in missing.stderr


def test_status_on_a_missing_base_says_what_to_do(tmp_path):
    proc = greffe("status", "--db", str(tmp_path / "nowhere.duckdb"), check=False)
    assert proc.returncode == 1
    assert "greffe ingest" in proc.stderr


def test_db_defaults_to_the_environment(tmp_path):
    proc = greffe("status", env={"GREFFE_DB": str(tmp_path / "from-env.duckdb")}, check=False)
    assert "from-env.duckdb" in proc.stderr
