# Two commands set everything up: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
DB     ?= data/netzwerk.db
SOURCE ?=
DEMO_FILES := $(shell find data/demo -type f 2>/dev/null)

.PHONY: run test check lint bench db demo clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.run-installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $@ $(VENV)/.run-installed

# Rebuilt when missing or older than the demo sources. Without SOURCE the ETL picks its default folder
# (NETZWERKRADAR_SOURCE, the upload working copy, or the demo), so uploaded data is never replaced by
# the demo; unchanged sources are detected by content hash and skipped. Exit 1 (rows rejected) still
# leaves a database; 2 (fatal, German message) and 3 (unexpected crash, traceback in $(DB)-fehler.log)
# fail the target.
$(DB): $(DEMO_FILES) | $(VENV)/.run-installed
	$(BIN)/python -m etl build $(if $(SOURCE),--source $(SOURCE)) --db $(DB) || [ $$? -eq 1 ]

db: $(DB)

run: $(VENV)/.run-installed $(DB)
	NETZWERKRADAR_DB=$(DB) $(BIN)/streamlit run app.py --server.address 127.0.0.1 --server.port 8501

# ruff on everything; mypy on etl, analysis, vocab, ui, pages and app.py (the list and settings: pyproject.toml).
lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/mypy

# The fast loop for daily work: lint and every test except the browser and the slow ones (see README), the
# property-based tests with fewer examples (make test runs them all). --dist loadfile keeps a file's tests on
# one worker, so its module fixtures (built databases) and cached parses are made once, not once per worker;
# --no-loadscope-reorder deals the files out in collection order, the costliest first (tests/conftest.py, FIRST),
# so both workers end together.
# Bytecode caches are kept even where the shell sets PYTHONDONTWRITEBYTECODE (else every worker compiles the
# project and its tests again: about 5 s of CPU each; __pycache__ is ignored by git).
check: lint
	PYTHONDONTWRITEBYTECODE= PROTOKOLL_FUZZ_EXAMPLES=40 PROTOKOLL_PROPERTY_EXAMPLES=30 LOADER_FUZZ_EXAMPLES=20 \
		$(BIN)/pytest -q -n 2 --dist loadfile --no-loadscope-reorder -m "not browser and not slow"

# The full suite, as CI runs it: everything but the browser on two workers (as make check, all examples), then
# the browser tests one at a time (each starts its own Streamlit server and Chromium).
test: lint
	PYTHONDONTWRITEBYTECODE= $(BIN)/pytest -q -n 2 --dist loadfile --no-loadscope-reorder -m "not browser"
	PYTHONDONTWRITEBYTECODE= $(BIN)/pytest -q -m browser

# Every benchmark at scales 1, 10, 20, 50 and, for pages and the slider, at the real network's size
# (python -m demo --preset netzwerk); see benchmarks/RESULTS.md.
bench: $(VENV)/.dev-installed
	$(BIN)/python -m benchmarks --presets netzwerk

demo: $(VENV)/.run-installed
	$(BIN)/python -m demo --scale 1 --seed 42 --out data/demo

clean:
	rm -rf $(VENV) $(DB) .pytest_cache .ruff_cache
