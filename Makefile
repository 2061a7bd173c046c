# Two commands for everyone:  make lab   and   make test
# Everything goes into a virtual environment in .venv (Python 3.11 or newer).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# A second environment like Google Colab's: ipywidgets 7.7.1, matplotlib 3.10
COMPAT       := .venv-compat
COMPAT_STAMP := $(COMPAT)/.installed

# one BLAS thread: steadier timings, and the same numbers on every machine
export OPENBLAS_NUM_THREADS := 1
export OMP_NUM_THREADS := 1

.PHONY: lab test main-tests compat unit notebooks browser bench execute clean help

help:
	@echo "make lab        set up, then open JupyterLab at the index notebook"
	@echo "make test       set up, then run the whole test suite (both environments)"
	@echo "make compat     only the Colab-like environment (ipywidgets 7.7.1, matplotlib 3.10)"
	@echo "make browser    only the real-browser test (needs Debian's chromium)"
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

# JupyterLab refuses to start as root (containers, some cloud machines) unless told it may
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root)

lab: $(STAMP)
	$(BIN)/jupyter lab $(ALLOW_ROOT) notebooks/00-index.ipynb

$(COMPAT_STAMP): requirements-compat.txt pyproject.toml
	$(PYTHON) -m venv $(COMPAT)
	$(COMPAT)/bin/python -m pip install --quiet --upgrade pip
	$(COMPAT)/bin/python -m pip install --quiet -r requirements-compat.txt
	$(COMPAT)/bin/python -m pip install --quiet --no-deps -e .
	$(COMPAT)/bin/python -m pip check
	touch $(COMPAT_STAMP)

test: main-tests compat

main-tests: $(STAMP)
	$(BIN)/python -m pytest

# In the Colab-like environment figures fall back to SVG, so stored outputs differ on purpose:
# the notebooks run with --nbval-lax (every cell must run without error).
compat: $(COMPAT_STAMP)
	$(COMPAT)/bin/python -m pytest -p no:cacheprovider -o addopts="" -W ignore::DeprecationWarning \
	    tests/test_attention.py tests/test_i18n_style_plots.py tests/test_widgets.py
	PYDEVD_DISABLE_FILE_VALIDATION=1 $(COMPAT)/bin/python -m pytest -p no:cacheprovider -o addopts="" \
	    --nbval-lax --nbval-current-env --nbval-cell-timeout=300 notebooks

unit: $(STAMP)
	$(BIN)/python -m pytest tests

notebooks: $(STAMP)
	$(BIN)/python -m pytest notebooks

browser: $(STAMP)
	$(BIN)/python -m pytest tests/test_browser.py -s

bench: $(STAMP)
	$(BIN)/python tests/bench/bench_notebooks.py
	$(BIN)/python tests/bench/bench_explorer.py

execute: $(STAMP)
	$(BIN)/python tests/tools/execute_notebooks.py $(NB)

clean:
	rm -rf $(VENV) $(COMPAT) test-artifacts
	find . -name __pycache__ -prune -exec rm -rf {} +
