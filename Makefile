# The two set-up commands of the README:
#   make all    build the docs, the JSON exports and the site from data/
#   make test   run the test suite
# Each creates the virtual environment .venv on first use.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: all build site validate test check clean data mutate

all: build site

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,site]'
	$(BIN)/python -m compileall -q generator  # with PYTHONDONTWRITEBYTECODE set, each run compiled every module (0.5 s of an edit build)
	touch $(STAMP)

validate: $(STAMP)
	$(BIN)/provcat validate --data data

build: validate
	$(BIN)/provcat build --data data --out site/docs

# The browsable site in site/build/ (open site/build/index.html, or: provcat site serve).
site: $(STAMP)
	$(BIN)/provcat site build --data data

# Rebuild the imported part of data/ from the corpora in ../shared, in order of precedence: facts
# already in data/ (curated) are never overwritten, then starmap, then models.dev; LiteLLM only
# fills facts of files that exist. Running it twice changes nothing. The models.dev bundle's history
# (cloned once into build/) dates the prices: pricing.history, providers/<id>/changes.yaml and
# history.yaml, whose last walked commit makes the next run read only newer commits.
# See the guide's Importing page.
SHARED ?= ../shared/corpora
data: $(STAMP)
	mkdir -p build
	$(BIN)/provcat import starmap $(SHARED)/starmap/catalog --data data --commit e7867540 --report build/import-starmap.json
	$(BIN)/provcat import models.dev $(SHARED)/models.dev --data data --commit f3fc692 --report build/import-models.dev.json
	test -d build/models.dev-git || git clone -q -b main $(SHARED)/models.dev-git/models.dev.bundle build/models.dev-git
	$(BIN)/provcat import models.dev build/models.dev-git --history --data data --report build/import-models.dev-history.json
	$(BIN)/provcat import litellm $(SHARED)/litellm/model_prices_and_context_window.json --data data \
		--accessed 2026-03-15 --existing-only --report build/import-litellm.json
	$(BIN)/provcat link --data data --write --report build/link.json

test: $(STAMP)
	$(BIN)/python -m pytest

# Mutation testing of pricing, rules, file layout and the importers' mapping and merge: each
# module's mutants against its own test files, then the score per module. Minutes, not run in CI;
# run it after changing one of those modules or its tests (guide: Testing). MUTATE="pricing rules"
# runs only those, MUTATE="--again rules" only the last run's survivors; mutmut edits the module in place while it runs, so leave the tree alone meanwhile.
MUTATE ?=
mutate: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[mutation]'
	$(BIN)/python mutation/run.py $(MUTATE)

clean:
	rm -rf $(VENV) site/build .pytest_cache .mutmut-cache build/mutation
