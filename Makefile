# The two set-up commands of the README:
#   make all    build the docs, the JSON exports and the site from data/
#   make test   run the test suite
# Each creates the virtual environment .venv on first use.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: all build site validate test check clean

all: build site

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,site]'
	touch $(STAMP)

validate: $(STAMP)
	$(BIN)/provcat validate --data data

build: validate
	$(BIN)/provcat build --data data --out site/docs

# The browsable site in site/build/ (open site/build/index.html, or: provcat site serve).
site: $(STAMP)
	$(BIN)/provcat site build --data data

test: $(STAMP)
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) site/build .pytest_cache
