"""The benchmark's command line (the figures themselves are measured by `make bench`)."""
import pytest

from greffe.bench import pipeline


def test_large_copies_sets_the_size_of_the_large_run():
    assert pipeline.step_sizes()["large"] == (1000, 30)
    assert pipeline.step_sizes(large_copies=250)["large"] == (1000, 250)       # ~ a year
    assert pipeline.step_sizes(quick=True, large_copies=5)["large"] == (100, 5)
    assert pipeline.step_sizes(large_copies=250)["xml"] == pipeline.FULL["xml"]  # the rest as is


def test_large_copies_below_three_is_refused_with_the_reason(capsys):
    with pytest.raises(SystemExit) as stop:
        pipeline.main(["--only", "large", "--large-copies", "2"])
    assert stop.value.code == 2
    assert "at least 3" in capsys.readouterr().err


def test_new_base_removes_the_base_and_its_companions_only(tmp_path):
    base = tmp_path / "mem1000.duckdb"
    base.write_bytes(b"x")
    (tmp_path / "mem1000.duckdb.wal").write_bytes(b"x")
    (tmp_path / "mem1000.duckdb.tantivy").mkdir()
    (tmp_path / "mem1000.duckdb.tantivy" / "meta.json").write_text("{}")
    neighbours = [tmp_path / "mem10000.duckdb", tmp_path / "mem1000.duckdbx"]
    for other in neighbours:
        other.write_bytes(b"x")
    assert pipeline.new_base(base) == base
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in neighbours)


def test_a_step_run_again_in_the_same_workdir_loads_its_documents_again(tmp_path):
    """--workdir kept from an earlier bench: the step measures a first ingestion, not a re-run."""
    from greffe.bench.documents import write_xml
    docs = tmp_path / "xml"
    write_xml(docs, 2, seed=5)
    runs = [pipeline.child(str(pipeline.new_base(tmp_path / "b.duckdb")), 1, [str(docs)], preload=False)
            for _ in range(2)]
    assert [r["loaded"] for r in runs] == [2, 2]
    assert [r["skipped"] for r in runs] == [0, 0]


def test_the_child_reports_what_duckdb_held_on_the_writer_while_it_stored(tmp_path):
    """Figure 4's row on DuckDB: sampled while storing, so a run that loads something reports
    the memory DuckDB held (its keys and the rows written at least), and nothing spilled on a
    run this small."""
    from greffe.bench.documents import write_xml
    docs = tmp_path / "xml"
    write_xml(docs, pipeline.DUCKDB_EVERY, seed=6)
    run = pipeline.child(str(tmp_path / "b.duckdb"), 1, [str(docs)], preload=False)
    assert run["loaded"] == pipeline.DUCKDB_EVERY
    assert 0 < run["duckdb_held_mb"] < 40
    assert run["duckdb_spilled_mb"] == 0
