# rumorlens: one command to set up, one to run, one to test.
#   make run    install (first time) and run the main job on corpus/
#   make test   install with the test extras (first time) and run the tests
# Stage-by-stage pipeline and benchmarks: see `make help`.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
RL     := $(VENV)/bin/rumorlens
CORPUS ?= corpus
BUILD  ?= build
SHARED ?= ../shared

.PHONY: help setup setup-test run test bench bench-align bench-mentions bench-checks clean

help:
	@echo "make run             set up .venv and run 'rumorlens align $(CORPUS)' -> $(BUILD)/report.json"
	@echo "make test            set up .venv with test extras and run the test suite"
	@echo "make bench           every benchmark (bench-align, bench-mentions, bench-checks)"
	@echo "make setup           only create .venv and install rumorlens with its default models"

setup: $(VENV)/.setup-stamp

$(VENV)/.setup-stamp: setup.cfg pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e .
	touch $@

# torch is pinned and installed first: 2.13.0 is the CPU wheel; letting
# sentence-transformers pick a torch would pull gigabytes of CUDA.
setup-test: $(VENV)/.test-stamp

$(VENV)/.test-stamp: $(VENV)/.setup-stamp
	$(PIP) install --quiet torch==2.13.0
	$(PIP) install --quiet -e '.[test,st,translate]'
	touch $@

run: setup
	$(RL) align $(CORPUS) -o $(BUILD)/report.json

test: setup-test
	$(PY) -m pytest -q

bench: bench-align bench-mentions bench-checks

clean:
	rm -rf $(BUILD)
