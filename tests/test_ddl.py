"""A writable connection applies the DDL (tables, views) only when sql/ changed since it was last
applied to that base (greffe.db._apply_ddl): a run opens its base several times."""
from __future__ import annotations

import duckdb

from greffe import db


def _view_exists(con, name: str) -> bool:
    return con.execute("SELECT count(*) FROM duckdb_views() WHERE view_name = ?", [name]).fetchone()[0] == 1


def test_unchanged_ddl_is_not_applied_again(tmp_path):
    base = tmp_path / "g.duckdb"
    db.connect(base).close()
    with duckdb.connect(str(base)) as raw:           # someone drops a view behind greffe's back
        raw.execute("DROP VIEW decisions_v")
    with db.connect(base) as con:                     # same DDL digest: nothing re-applied
        assert not _view_exists(con, "decisions_v")


def test_changed_ddl_is_applied_again(tmp_path):
    base = tmp_path / "g.duckdb"
    db.connect(base).close()
    with duckdb.connect(str(base)) as raw:           # the DDL of an older greffe
        raw.execute("DROP VIEW decisions_v")
        raw.execute("UPDATE ddl_applied SET sha256 = 'older'")
    with db.connect(base) as con:
        assert _view_exists(con, "decisions_v")
        assert db.run(con, "ddl_applied").fetchone()[0] != "older"


def test_a_base_made_before_ddl_applied_gets_it(tmp_path):
    base = tmp_path / "g.duckdb"
    db.connect(base).close()
    with duckdb.connect(str(base)) as raw:
        raw.execute("DROP TABLE ddl_applied")
        raw.execute("DROP VIEW decisions_v")
    with db.connect(base) as con:
        assert _view_exists(con, "decisions_v")
        assert len(db.run(con, "ddl_applied").fetchone()[0]) == 64
