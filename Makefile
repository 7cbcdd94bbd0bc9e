# greffe: the commands of the README. Every target sets up what it needs on a fresh machine.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
SHARED ?= ../shared
DB     ?= greffe.duckdb
export PREFECT_HOME ?= $(CURDIR)/var/prefect
export PREFECT_SERVER_ANALYTICS_ENABLED ?= false
export PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS ?= 120
export DO_NOT_TRACK ?= 1

.PHONY: venv demo test eval eval-scans bench corpus clean

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml constraints.txt
	mkdir -p $(PREFECT_HOME)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[test]'
	# the project's own bytecode, written once (an editable install has none, and a shell with
	# PYTHONDONTWRITEBYTECODE=1 never writes it: every command would compile greffe again)
	$(BIN)/python -m compileall -q greffe extractors flows
	$(BIN)/greffe doctor
	touch $@

demo: venv
	rm -rf demo.duckdb demo.duckdb.wal demo.duckdb.published demo.duckdb.tantivy demo.duckdb.alerts.jsonl
	$(BIN)/greffe ingest corpus/ --db demo.duckdb
	$(BIN)/greffe status --db demo.duckdb
	$(BIN)/greffe search "rendez-vous préfecture astreinte" --db demo.duckdb --limit 5
	$(BIN)/greffe search "ANEF titre de séjour" --db demo.duckdb --limit 5
	$(BIN)/greffe show TA38_2506085_20250721 --db demo.duckdb

test: venv
	$(BIN)/python -m pytest -q

# the scanned column: 40 originals scanned into var/scans, their OCR kept in var/ocr-cache
EVAL_ARGS ?= --scan-sample 40
eval: venv
	$(BIN)/python -m greffe.evaluate --shared $(SHARED) $(EVAL_ARGS)

eval-scans: venv
	$(BIN)/python -m greffe.evaluate_scans --shared $(SHARED) --sample 40

BENCH_ARGS ?= --n 100000 --engines greffe
# PIPELINE_BENCH_ARGS=--quick for small sizes (figures not comparable); the full run takes ~15 min
# and exits 1 when a figure misses its target (the search benchmark runs anyway).
PIPELINE_BENCH_ARGS ?=
bench: venv
	$(BIN)/python -m compileall -q greffe extractors flows
	-$(BIN)/python -m greffe.bench.pipeline $(PIPELINE_BENCH_ARGS)
	$(BIN)/python -m greffe.bench.search $(BENCH_ARGS)

corpus: venv
	$(BIN)/python corpus/generate.py

clean:
	rm -rf $(VENV) var demo.duckdb* .pytest_cache
