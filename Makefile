# Two commands for everyone:  make lab   and   make test
# Everything goes into a virtual environment in .venv (Python 3.11 or newer).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: lab test unit notebooks bench execute clean help

help:
	@echo "make lab        set up, then open JupyterLab at the index notebook"
	@echo "make test       set up, then run the whole test suite"
	@echo "make unit       only the unit tests of helpers/ (fast)"
	@echo "make notebooks  only the notebooks under strict nbval"
	@echo "make bench      time each notebook top to bottom, and 'import helpers'"
	@echo "make execute    re-run every notebook and store its outputs (after you edit one)"

$(STAMP): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed / Python 3.11 বা নতুন লাগবে")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	$(BIN)/python -m pip check
	touch $(STAMP)

lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/00-index.ipynb

test: $(STAMP)
	$(BIN)/python -m pytest

unit: $(STAMP)
	$(BIN)/python -m pytest tests

notebooks: $(STAMP)
	$(BIN)/python -m pytest notebooks

bench: $(STAMP)
	$(BIN)/python tests/bench/bench_notebooks.py

execute: $(STAMP)
	$(BIN)/python tests/tools/execute_notebooks.py $(NB)

clean:
	rm -rf $(VENV)
	find . -name __pycache__ -prune -exec rm -rf {} +
