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
