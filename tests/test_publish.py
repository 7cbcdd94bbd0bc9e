"""Publishing read-only snapshots so that readers never touch the file ingestion writes."""
from __future__ import annotations

import subprocess
import sys
import textwrap

import duckdb
import pytest

from greffe.errors import DatabaseNotFound
from greffe.publish import KEEP, newest, publish, published_dir, snapshots


def make_base(path, rows: int) -> None:
    con = duckdb.connect(str(path))
    con.execute("CREATE OR REPLACE TABLE t AS SELECT range AS i FROM range(?)", [rows])
    con.execute("CHECKPOINT")
    con.close()


def count(path) -> int:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute("SELECT count(*) FROM t").fetchone()[0]
    finally:
        con.close()


def test_each_publication_is_a_new_versioned_file_and_current_follows(tmp_path):
    base = tmp_path / "greffe.duckdb"
    make_base(base, 3)
    first = publish(base)
    make_base(base, 5)
    second = publish(base)
    assert first.name == "000001.duckdb" and second.name == "000002.duckdb"
    assert count(first) == 3 and count(second) == 5
    assert newest(base) == second
    assert (published_dir(base) / "current.duckdb").resolve() == second.resolve()


def test_old_snapshots_are_pruned(tmp_path):
    base = tmp_path / "greffe.duckdb"
    make_base(base, 1)
    for _ in range(KEEP + 2):
        publish(base)
    assert [p.name for p in snapshots(base)] == [f"{n:06d}.duckdb" for n in range(3, KEEP + 3)]


def test_a_reader_opens_the_snapshot_while_a_writer_holds_the_base(tmp_path):
    base = tmp_path / "greffe.duckdb"
    make_base(base, 4)
    publish(base)
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import duckdb, sys, time
        con = duckdb.connect({str(base)!r})
        con.execute("INSERT INTO t VALUES (99)")
        print("holding", flush=True)
        sys.stdin.read()
    """)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "holding"
        with pytest.raises(duckdb.IOException):
            duckdb.connect(str(base), read_only=True)      # the reason snapshots exist
        assert count(newest(base)) == 4
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)


def test_a_base_never_created_says_how_to_create_it(tmp_path):
    with pytest.raises(DatabaseNotFound, match="greffe ingest"):
        newest(tmp_path / "nothing.duckdb")
