"""`greffe sql`: one read-only statement on the published base; nothing else gets through."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from greffe.publish import publish
from greffe.sqlshell import QueryRefused, run_one, statement_text

RESEARCH = Path(__file__).resolve().parent.parent / "sql" / "research"


@pytest.fixture()
def base(tmp_path):
    path = tmp_path / "g.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE decisions AS SELECT * FROM (VALUES ('TA38_2506085_20250721', 'TA38'), "
                "('TA69_2408813_20241003', 'TA69')) t(id, court_code)")
    con.close()
    publish(path)
    return path


def test_a_select_runs_on_the_published_snapshot(base):
    res = run_one(base, "SELECT court_code, count(*) AS n FROM decisions GROUP BY 1 ORDER BY 1")
    assert res.columns == ["court_code", "n"]
    assert res.rows == [("TA38", 1), ("TA69", 1)]


@pytest.mark.parametrize("statement, says", [
    ("DELETE FROM decisions", "read-only"),
    ("CREATE TABLE t (x INT)", "read-only"),
    ("SELECT * FROM read_csv('/etc/passwd')", "file system operations are disabled"),
    ("COPY decisions TO '/tmp/greffe-leak.csv'", "disabled"),
    ("ATTACH '/tmp/other.duckdb' AS o", "file system operations are disabled"),
    ("INSTALL httpfs", "disabled"),
    ("LOAD fts", "disabled"),
    ("SET memory_limit = '100GB'", "locked"),
    ("PRAGMA threads = 64", "locked"),
    ("SELECT 1; DROP TABLE decisions", "exactly one statement"),
    ("SELEC 1", "does not parse"),
])
def test_anything_but_one_read_only_query_is_refused(base, statement, says):
    with pytest.raises(QueryRefused, match=says):
        run_one(base, statement)
    assert run_one(base, "SELECT count(*) FROM decisions").rows == [(2,)]   # untouched


def test_a_query_past_its_time_limit_is_stopped(base):
    with pytest.raises(QueryRefused, match="longer than 0.5 s"):
        run_one(base, "SELECT count(*) FROM range(1000000000) a, range(1000000000) b", seconds=0.5)


def test_a_query_past_its_memory_limit_is_stopped(base):
    with pytest.raises(QueryRefused, match="memory"):
        run_one(base, "SELECT list(range) FROM range(300000000)", memory_limit="64MB")


def test_the_command_prints_a_table_and_fails_cleanly(base):
    ok = subprocess.run([sys.executable, "-m", "greffe.cli", "sql", "SELECT id FROM decisions ORDER BY id",
                         "--db", str(base)], capture_output=True, text=True)
    assert ok.returncode == 0
    assert ok.stdout.splitlines() == ["id", "---------------------", "TA38_2506085_20250721",
                                      "TA69_2408813_20241003", "(2 rows)"]
    bad = subprocess.run([sys.executable, "-m", "greffe.cli", "sql", "DROP TABLE decisions", "--db", str(base)],
                         capture_output=True, text=True)
    assert bad.returncode == 1 and "read-only" in bad.stderr


def greffe_sql(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "greffe.cli", "sql", *args], capture_output=True, text=True)


def test_the_statement_can_come_from_a_file(base, tmp_path):
    query = tmp_path / "by_court.sql"
    query.write_text("-- Question: how many decisions per court?\n"
                     "SELECT court_code, count(*) AS n FROM decisions\nGROUP BY 1 ORDER BY 1;\n", encoding="utf-8")
    ok = greffe_sql("--file", str(query), "--db", str(base), "--format", "csv")
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.splitlines() == ["court_code,n", "TA38,1", "TA69,1"]


@pytest.mark.parametrize("args, says", [
    (["SELECT 1", "--file", "x.sql"], "not both"),
    ([], "not neither"),
    (["--file", "/nonexistent/q.sql"], "no such SQL file"),
])
def test_a_statement_and_a_file_or_neither_is_refused(base, args, says):
    bad = greffe_sql(*args, "--db", str(base))
    assert bad.returncode == 1 and says in bad.stderr


def test_a_file_of_two_statements_is_refused(base, tmp_path):
    query = tmp_path / "two.sql"
    query.write_text("SELECT 1;\nDROP TABLE decisions;\n", encoding="utf-8")
    with pytest.raises(QueryRefused, match="exactly one statement"):
        run_one(base, statement_text(None, query))


def test_a_research_query_runs_on_a_published_greffe_base(tmp_path):
    """The views come with every base (sql/views.sql), so sql/research/ runs on any snapshot."""
    from greffe import db
    path = tmp_path / "empty.duckdb"
    db.connect(path).close()
    publish(path)
    ok = greffe_sql("--file", str(RESEARCH / "injunction_rate_by_procedure.sql"), "--db", str(path))
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.split()[:3] == ["procedure", "decisions", "with_injunction"]
    assert ok.stdout.splitlines()[-1] == "(0 rows)"
