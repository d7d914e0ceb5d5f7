# The two set-up commands of the README. Each creates .venv with the pack installed
# (exact versions from constraints.txt) the first time, then reuses it.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test check lint corpus clean

demo: $(STAMP)
	$(BIN)/finagents demo

test: $(STAMP)
	$(BIN)/python -m pytest

# Not a set-up command: before a commit, lint, types and the fast tests, in under two
# minutes on two cores. The fast tests are those not marked slow (tests/slow.txt, measured;
# they still run in `make test`), and together they touch every module of the pack.
check: lint
	$(BIN)/python -m pytest -m "not slow" -q --durations=5

# Lint and types alone (ruff and mypy, configured in pyproject.toml); CI runs it before the tests.
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

# Not a set-up command: on a machine with internet, fetch the real public documents the
# corpus tests and evaluations read (fixtures/corpus.toml) into ~/.cache/finagents/corpus,
# or into FINAGENTS_CORPUS when that is set.
corpus: $(STAMP)
	$(BIN)/python -m shared.corpus_download fixtures/corpus.toml

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	touch $(STAMP)

clean:
	rm -rf $(VENV) dist build
