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

.PHONY: help setup setup-test browser-deps run test pipeline clean
.PHONY: bench bench-align bench-mentions bench-checks bench-real bench-grouping
.PHONY: bench-claims bench-sample bench-counts bench-source-side
.PHONY: lexicon-deps
.PHONY: bench-robust bench-scale bench-group-stage

help:
	@echo "make run             set up .venv and run 'rumorlens align $(CORPUS)' -> $(BUILD)/report.json and report.html"
	@echo "make test            set up .venv with test extras and run the test suite"
	@echo "make bench           every benchmark (bench-align, bench-mentions, bench-checks, bench-source-side, bench-claims, bench-counts, bench-real, bench-sample)"
	@echo "make bench-counts    counts of one thing flagged, counts of different things left quiet (bench/data/count_pairs.jsonl)"
	@echo "make bench-grouping  document grouping on generated corpora (GROUPING_ARGS=... for sizes, seeds, --ann-recall)"
	@echo "make bench-scale     time per stage, peak memory and growth of 'rumorlens align' on generated corpora (SCALE_ARGS=...)"
	@echo "make bench-group-stage  CPU of the group stage alone and its growth, 10^4 and 10^5 generated sentences (GROUP_STAGE_ARGS=...)"
	@echo "make bench-robust    large corpora (10,000 small files, one 15 MB file, one 5 MB line): time and peak memory"
	@echo "make bench-scale ENGINE=dask  time and memory per stage at 10^4 sentences, one process vs dask 1 and 2 workers"
	@echo "make pipeline        the same job stage by stage, each with its artifact in $(BUILD)/; a stage re-runs when its inputs or rumorlens itself change"
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
	$(PIP) install --quiet -e '.[test,st,translate,tbx,xliff]'
	touch $@

# Debian's Chromium for the browser tests, and a CJK font so Chinese renders.
# Checked on every `make test` (nothing to do once installed).  Without root
# or apt-get (a laptop) it says what to install and goes on: the browser
# tests are skipped and the end of the test run says why.  CI sets
# RUMORLENS_REQUIRE_BROWSER=1, which makes a missing Chromium an error.
browser-deps:
	@if [ -n "$$RUMORLENS_CHROMIUM" ] || { command -v chromium >/dev/null && fc-list 2>/dev/null | grep -qi wenquanyi; }; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  apt-get update -qq && apt-get install -y -qq chromium fonts-wqy-microhei || \
	  { echo "make: apt-get could not install chromium fonts-wqy-microhei: the browser tests will be skipped"; \
	    test -z "$$RUMORLENS_REQUIRE_BROWSER"; }; \
	else \
	  echo "make: not root or no apt-get, so no Chromium: the browser tests will be skipped" \
	    "(to run them: sudo apt-get install chromium fonts-wqy-microhei)"; \
	  test -z "$$RUMORLENS_REQUIRE_BROWSER"; \
	fi

# FreeDict fra-eng (Debian) for word-level coverage of French, the same way:
# installed when root with apt-get, else named; without it the French
# coverage check is off (rumorlens says so once) and its tests are skipped.
lexicon-deps:
	@if [ -f /usr/share/dictd/freedict-fra-eng.index ] || [ -n "$$RUMORLENS_FREEDICT" ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  apt-get update -qq && apt-get install -y -qq dict-freedict-fra-eng || \
	  echo "make: apt-get could not install dict-freedict-fra-eng: no word coverage for French"; \
	else \
	  echo "make: not root or no apt-get: no word coverage for French (sudo apt-get install dict-freedict-fra-eng)"; \
	fi

run: setup
	$(RL) align $(CORPUS) -o $(BUILD)/report.json --html $(BUILD)/report.html

test: setup-test browser-deps lexicon-deps
	$(PY) -m pytest -q

# ---------------------------------------------------------------- pipeline
# Stage by stage; the report is byte-identical to `rumorlens align`'s.
# Each stage depends on its inputs and on rumorlens's own code and data
# (src/, models/): change either and what depends on it runs again. Each
# recipe touches its target, since rumorlens leaves an unchanged file as it
# was. Set-up is order-only: reinstalling does not re-run the stages.
CORPUS_FILES := $(shell find $(CORPUS) -type f 2>/dev/null | sort)
CODE_FILES := $(shell find src models -type f -not -path '*/__pycache__/*' -not -path '*.egg-info/*' 2>/dev/null | sort)
MODEL ?= use-m3
GLOSSARY ?=
# MOVES=1 also reports passages a version moved elsewhere (rumorlens align --moves)
MOVES ?=
# a reviewer's decisions (rumorlens serve), beside the corpus as `rumorlens align` reads them
DECISIONS ?= $(patsubst %/,%,$(CORPUS)).decisions.jsonl

pipeline: $(BUILD)/report.html

$(BUILD)/docs.jsonl: $(CORPUS_FILES) $(CODE_FILES) | setup
	$(RL) ingest $(CORPUS) -o $@ --skipped $(BUILD)/skipped.jsonl
	touch $@ $(BUILD)/skipped.jsonl

$(BUILD)/skipped.jsonl: $(BUILD)/docs.jsonl

$(BUILD)/sentences.jsonl: $(BUILD)/docs.jsonl $(CODE_FILES)
	$(RL) sentences $< -o $@
	touch $@

$(BUILD)/embed.done: $(BUILD)/docs.jsonl $(BUILD)/sentences.jsonl $(CODE_FILES)
	$(RL) embed $(BUILD)/docs.jsonl $(BUILD)/sentences.jsonl --model $(MODEL) --done $@
	touch $@

$(BUILD)/pairs.json: $(BUILD)/docs.jsonl $(BUILD)/sentences.jsonl $(BUILD)/embed.done $(CODE_FILES)
	$(RL) pairs $(BUILD)/docs.jsonl $(BUILD)/sentences.jsonl --model $(MODEL) -o $@
	touch $@

$(BUILD)/mentions.jsonl: $(BUILD)/docs.jsonl $(CODE_FILES)
	$(RL) mentions --docs $< -o $@
	touch $@

$(BUILD)/claims.jsonl: $(BUILD)/docs.jsonl $(BUILD)/sentences.jsonl $(CODE_FILES)
	$(RL) claims --docs $(BUILD)/docs.jsonl --sentences $(BUILD)/sentences.jsonl -o $@
	touch $@

$(BUILD)/report.json: $(BUILD)/docs.jsonl $(BUILD)/skipped.jsonl $(BUILD)/sentences.jsonl $(BUILD)/pairs.json $(BUILD)/mentions.jsonl $(BUILD)/claims.jsonl $(CODE_FILES) $(GLOSSARY) $(wildcard $(DECISIONS))
	$(RL) compare --docs $(BUILD)/docs.jsonl --skipped $(BUILD)/skipped.jsonl --sentences $(BUILD)/sentences.jsonl \
	  --pairs $(BUILD)/pairs.json --mentions $(BUILD)/mentions.jsonl --claims $(BUILD)/claims.jsonl --model $(MODEL) -o $@ \
	  --decisions $(DECISIONS) $(if $(GLOSSARY),--glossary $(GLOSSARY)) $(if $(MOVES),--moves,)
	touch $@

$(BUILD)/report.html: $(BUILD)/report.json $(CODE_FILES)
	$(RL) report $< --html $@
	touch $@

# ---------------------------------------------------------------- benchmarks
bench: bench-align bench-mentions bench-checks bench-source-side bench-claims bench-counts bench-real bench-sample

clean:
	rm -rf $(BUILD)

# DEMETR through check-pairs: detection per perturbation, false alarms on clean MT
bench-checks: setup
	$(PY) bench/bench_checks.py --demetr $(SHARED)/bench/demetr/demetr_zh_fr.jsonl

# DEMETR's kinds of perturbation made on the Chinese or French source (the
# English left as it is): detection per kind and language, false alarms
bench-source-side: setup
	$(PY) bench/bench_source_side.py --demetr $(SHARED)/bench/demetr/demetr_zh_fr.jsonl

# Sentence alignment: the transcript set (bench/data/transcript, built from DEMETR by
# bench/build_transcript_bench.py) and Text+Berg de-fr: strict/lax P/R/F1, cold-cache
# timings per encoder (with and without merged-text rescoring), Bertalign's published
# Text+Berg figures, then grouping P/R (bench/bench_grouping.py, when present)
bench-align: setup
	$(PY) bench/bench_align.py --textberg $(SHARED)/bench/textberg --encoders use-m3,e5-small

# mentions stage: precision/recall of extraction and normalization on the
# hand-labelled set bench/data/mentions_gold.jsonl (targets: normalization
# precision >= 0.97, extraction recall >= 0.90)
bench-mentions: setup
	$(PY) bench/bench_mentions.py

# Document grouping on generated corpora with known versions, same-event
# reports and decoys (bench/gencorpus.py; test split, 3 seeds x 1,000
# sentences), then the sample corpus and bench/real as checks: pairwise
# precision/recall/F1 of "versions of one article" (target F1 >= 0.95),
# same_event pairs, time and memory.  Larger corpora and the IVF index's
# recall: GROUPING_ARGS="--sizes 1000,10000,100000 --seeds 1 --ann-recall"
GROUPING_ARGS ?=
bench-grouping: setup
	$(PY) bench/bench_grouping.py --shared $(SHARED) $(GROUPING_ARGS)

# The group stage alone (issue 12's growth exponent <= 1.1 per stage): CPU of
# anchor tokens, candidate pairs and groups on generated corpora read and
# embedded once into $(GROUP_STAGE_WORK) (98,669 sentences: about 200 s of
# CPU the first time), then the growth exponent (bench/bench_group_stage.py;
# --profile FILE, --dump DIR to compare groups between two checkouts).
GROUP_STAGE_WORK ?= /tmp/rumorlens-group-stage
GROUP_STAGE_ARGS ?= --sizes 10000,100000
bench-group-stage: setup
	$(PY) bench/bench_group_stage.py --shared $(SHARED) --work $(GROUP_STAGE_WORK) $(GROUP_STAGE_ARGS)

# Real public articles (bench/real/): runs `rumorlens align bench/real/corpus`,
# then grouping pair P/R against families.json and finding precision against the
# hand verdicts in verdicts.jsonl (overall, top 40, high severity), findings
# between different families, and the findings nobody has judged yet
# (`$(PY) bench/bench_real.py --report $(BUILD)/real/report.json --judge` lists them with context);
# then the same figures on the stories added as held-out (bench/real/SOURCES.md
# says which kinds of rule were later chosen by reading them)
bench-real: setup
	$(PY) bench/bench_real.py --out $(BUILD)/real/report.json
	@echo; echo "Held-out stories only:"
	$(PY) bench/bench_real.py --report $(BUILD)/real/report.json --held-out
# claim edits made by rule on DEMETR's clean pairs (bench/bench_claims.py):
# detection per edit type (target >= 0.70) and false alarms on the unedited
# pairs (target <= 5% with a claim finding), dev and test halves; the checks
# with the default encoder, as `rumorlens align` runs them (--model none: the
# rules alone)
bench-claims: setup
	$(PY) bench/bench_claims.py --demetr $(SHARED)/bench/demetr/demetr_zh_fr.jsonl

# Counts of one thing (a changed number) against counts of different things
# (left quiet), bench/data/count_pairs.jsonl through check-pairs, by id half
bench-counts: setup
	$(PY) bench/bench_counts.py

# Untrusted and large corpora (issue 10): generates 10,000 small files, one
# 15 MB file and one 5 MB line, runs `rumorlens align` on each with a cold
# cache and prints wall time and peak memory (targets: 10,000 files <= 5 min
# and <= 2 GB; the 5 MB line <= 2 GB).  About an hour on 2 cores; pick cases
# with BENCH_ROBUST_ARGS="--cases long-line".
BENCH_ROBUST_ARGS ?=
bench-robust: setup
	$(PY) bench/bench_robust.py $(BENCH_ROBUST_ARGS)

# The sample corpus against a hand-made list of its real discrepancies and of
# equivalent passages (bench/data/sample_discrepancies.jsonl): recall (a finding
# counts when its evidence covers the passage in both versions), controls
# flagged, findings per category and per pair (issue 16)
bench-sample: setup
	$(PY) bench/bench_sample.py --out $(BUILD)/sample/report.json

# Speed (issue 12): generated corpora of about 10^3 and 10^4 sentences
# (bench/gencorpus.py, seeded), `rumorlens align` cold and warm on each: time
# per stage, peak memory of the process tree, growth exponent per stage and
# the ratio of the total to the floor of the method (use-m3 encoding every
# sentence once, measured in the same run).  Targets: ratio <= 3 and <= 3 GB
# at 10^4, <= 8 GB at 10^5, exponent <= 1.1.  10^5 sentences (cold only,
# with --floor-after: 850 s and 3 min of floor in session 52):
# SCALE_ARGS="--sizes 1000,10000,100000"; --jobs N for fewer workers.
#
# Engines at scale (issue 13), ENGINE=dask (needs pip install '.[dask]'): a
# generated corpus of about 10^4 sentences, time and peak memory per stage,
# single process beside --engine dask with 1 and 2 local workers, in one
# run, and the reports compared byte for byte (bench/bench_engine.py; its
# sizes: SCALE_ARGS="--sentences 100000").  Slow: the single-process run
# alone took 428 s at 10^4 sentences on this project's 2 shared cores.
ENGINE ?= local
SCALE_ARGS ?=
bench-scale: setup-test
ifeq ($(ENGINE),dask)
	$(PY) bench/bench_engine.py --shared $(SHARED) --engines serial,dask-1,dask-2 $(SCALE_ARGS)
else
	$(PY) bench/bench_scale.py --shared $(SHARED) $(SCALE_ARGS)
endif
