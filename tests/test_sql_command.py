"""`greffe sql`: one read-only statement on the published base; nothing else gets through."""
from __future__ import annotations

import subprocess
import sys

import duckdb
import pytest

from greffe.publish import publish
from greffe.sqlshell import QueryRefused, run_one


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
