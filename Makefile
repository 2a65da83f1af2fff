# framing: the two commands are `make report` and `make test`; both set themselves up.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help setup test report bench clean-venv

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

setup: $(STAMP) ## create .venv and install framing with its dev tools (quick when nothing changed)

test: setup ## run the test suite, notebooks included
	$(BIN)/python -m pytest

report: setup ## execute every notebook headless on the shipped data and rewrite reports/
	$(BIN)/python -m framing.report

bench: setup ## run every benchmark (needs ../shared/data; ~40 min) and write benchmarks/results-*
	$(BIN)/python -m pip install --quiet -e ".[bench]"
	$(BIN)/python benchmarks/bench_load.py
	$(BIN)/python benchmarks/bench_match.py
	$(BIN)/python benchmarks/bench_spans.py
	$(BIN)/python benchmarks/bench_quotes.py
	$(BIN)/python benchmarks/bench_sentiment.py
	$(BIN)/python benchmarks/bench_scale.py

clean-venv: ## remove the virtual environment
	rm -rf $(VENV)
