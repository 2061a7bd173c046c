# Two commands for everyone:  make lab   and   make test
# Everything goes into a virtual environment in .venv (Python 3.11 or newer).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# make lab installs the course (requirements.txt); the tests also need requirements-dev.txt
DEV_STAMP := $(VENV)/.installed-dev
# A second environment like Google Colab's before its set-up cell: ipywidgets 7.7.1, matplotlib 3.10
COMPAT       := .venv-compat
COMPAT_STAMP := $(COMPAT)/.installed
# A second OpenBLAS kernel (SSE3 only, no FMA): the notebooks' stored outputs must not depend on it
OTHER_BLAS_KERNEL ?= Prescott

# one BLAS thread: steadier timings (training limits itself to one thread anyway)
export OPENBLAS_NUM_THREADS := 1
export OMP_NUM_THREADS := 1

.PHONY: lab test main-tests kernels compat colab unit notebooks browser bench execute badges clean help \
        exercises release collect autograde feedback grades formgrader html slides

help:
	@echo "make lab        set up, then open JupyterLab at the index notebook"
	@echo "make test       set up, then run the whole test suite (all of the parts below)"
	@echo "make unit       only the unit tests of helpers/ (fast)"
	@echo "make notebooks  only the notebooks under strict nbval"
	@echo "make kernels    the notebooks again under another OpenBLAS kernel ($(OTHER_BLAS_KERNEL))"
	@echo "make compat     only the Colab-like environment (ipywidgets 7.7.1, matplotlib 3.10)"
	@echo "make colab      only the simulated Google Colab (fresh environment, set-up cell, classic Notebook)"
	@echo "make browser    only the real-browser test in JupyterLab (needs Debian's chromium)"
	@echo "make bench      time each notebook, 'import helpers' and a slider move of the explorer"
	@echo "make execute    re-run every notebook and store its outputs (after you edit one)"
	@echo "make badges     write the Colab/Binder badges and set-up cells from pyproject.toml's address"
	@echo "make exercises  make the exercises' student versions from the teacher versions (nbgrader), and run both"
	@echo "make html       the course as a static website in site/ (works offline, from file://)"
	@echo "make slides     a reveal.js slide deck per lesson in slides/ (reveal.js inside; for rooms without Python)"
	@echo "Grading a class (README, 'Homework and grading'); CLASS=class by default:"
	@echo "make release    EX=ex05-softmax           the student version to hand out"
	@echo "make collect    EX=ex05-softmax FROM=dir  copy a folder of hand-ins, named by student"
	@echo "make autograde  EX=ex05-softmax           run each hand-in in its own kernel, with a time limit"
	@echo "make feedback   EX=ex05-softmax           a feedback page and letters in both languages per student"
	@echo "make grades     EX=ex05-softmax           the grade table, CLASS/grades-EX.csv"
	@echo "make formgrader                           mark the written answers by hand in JupyterLab"

$(STAMP): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed / Python 3.11 বা নতুন লাগবে")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	$(BIN)/python -m pip check
	touch $(STAMP)

$(DEV_STAMP): $(STAMP) requirements-dev.txt requirements-teacher.txt
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	$(BIN)/python -m pip check
	touch $(DEV_STAMP)

# The teacher's tools (nbgrader), in the same environment; students never need them
TEACHER_STAMP := $(VENV)/.installed-teacher
$(TEACHER_STAMP): $(STAMP) requirements-teacher.txt
	$(BIN)/python -m pip install --quiet -r requirements-teacher.txt
	$(BIN)/python -m pip check
	touch $(TEACHER_STAMP)

# JupyterLab refuses to start as root (containers, some cloud machines) unless told it may
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root)

lab: $(STAMP)
	$(BIN)/jupyter lab $(ALLOW_ROOT) notebooks/00-index.ipynb

$(COMPAT_STAMP): requirements-compat.txt requirements-colab.txt pyproject.toml
	$(PYTHON) -m venv $(COMPAT)
	$(COMPAT)/bin/python -m pip install --quiet --upgrade pip
	$(COMPAT)/bin/python -m pip install --quiet -r requirements-compat.txt
	$(COMPAT)/bin/python -m pip install --quiet --no-deps -e .
	$(COMPAT)/bin/python -m pip check
	touch $(COMPAT_STAMP)

# The second-kernel pass and the compat pass time nothing, so they share the two cores;
# the passes with timed browser and benchmark figures run alone.
test:
	$(MAKE) main-tests
	@echo "== make kernels and make compat, side by side (each one's output appears when it ends)"
	$(MAKE) --no-print-directory --output-sync=target -j2 kernels compat
	$(MAKE) colab

# Two workers, a whole file (a notebook, a test module) to one worker at a time: the two cores
# both work, and a notebook's cells still run in order in one kernel.  The two lessons whose
# claims are about measured time (12: a Bahdanau step is slower than a Luong step; 13: time
# grows like T²) run afterwards, alone, so the other worker cannot skew their clocks.
TIMED_LESSONS := notebooks/12-types-of-attention.ipynb notebooks/13-limits.ipynb
main-tests: $(DEV_STAMP)
	$(BIN)/python -m pytest -n 2 --dist loadfile $(addprefix --ignore=,$(TIMED_LESSONS))
	$(BIN)/python -m pytest $(TIMED_LESSONS)

# Every notebook again, strict, with OpenBLAS forced to another kernel: what strict nbval
# compares must be the same on any CPU (training results are checked by claims instead).
kernels: $(DEV_STAMP)
	OPENBLAS_CORETYPE=$(OTHER_BLAS_KERNEL) $(BIN)/python -m pytest notebooks tests/test_blas_kernel.py \
	    --ignore=notebooks/exercises

# Google Colab, simulated without a network: a fresh environment with Colab's versions and
# nothing of ours, a fake google.colab module, and the set-up cell installing the course
# from a local clone; then every notebook (but lessons 10 and 12, which only compare training runs, and 13,
# which measures time: here two notebooks run at once),
# and the playground in the classic Notebook.
colab: $(DEV_STAMP)
	$(BIN)/python -m pytest -p no:cacheprovider -rs -o addopts="" tests/colab

# Colab's own packages before its set-up cell (matplotlib 3.10, as anyone with a matplotlib
# older than 3.11 has): figures fall back to SVG, so stored outputs differ on purpose and the
# notebooks run with --nbval-lax (every cell must run without error).  Lessons 10, 11 and 12 only
# train models there, as they do in every other pass, so they are left to those passes.
compat: $(COMPAT_STAMP)
	$(COMPAT)/bin/python -m pytest -p no:cacheprovider -o addopts="" -W ignore::DeprecationWarning \
	    tests/test_attention.py tests/test_i18n_style_plots.py tests/test_widgets.py tests/test_claims.py \
	    tests/test_checks.py
	PYDEVD_DISABLE_FILE_VALIDATION=1 $(COMPAT)/bin/python -m pytest -p no:cacheprovider -o addopts="" \
	    --nbval-lax --nbval-current-env --nbval-cell-timeout=300 notebooks \
	    --ignore=notebooks/10-why-attention-works.ipynb --ignore=notebooks/11-heatmaps.ipynb \
	    --ignore=notebooks/12-types-of-attention.ipynb

unit: $(DEV_STAMP)
	$(BIN)/python -m pytest tests --ignore=tests/test_browser.py

notebooks: $(DEV_STAMP)
	$(BIN)/python -m pytest notebooks

browser: $(DEV_STAMP)
	$(BIN)/python -m pytest tests/test_browser.py -s

bench: $(DEV_STAMP) $(COMPAT_STAMP)
	$(BIN)/python tests/bench/bench_notebooks.py
	$(BIN)/python tests/bench/bench_explorer.py
	$(BIN)/python tests/bench/bench_checks.py
	$(BIN)/python tests/bench/bench_attention.py
	@echo "-- the same in Colab's own packages before the set-up cell (matplotlib 3.10: SVG fallback)"
	$(COMPAT)/bin/python tests/bench/bench_explorer.py

execute: $(STAMP)
	$(BIN)/python tests/tools/execute_notebooks.py $(NB)

badges: $(STAMP)
	$(BIN)/python tests/tools/badges.py

# ---- the course as a static website, readable offline and on a phone
html: $(TEACHER_STAMP)
	$(BIN)/python tests/tools/build_site.py

slides: $(TEACHER_STAMP)
	$(BIN)/python tests/tools/slides.py
	$(BIN)/python tests/tools/build_site.py --slides

# ---- homework: the exercises' student versions, and grading a class with nbgrader
CLASS ?= class
EX    ?=
FROM  ?=
GRADING = $(BIN)/python -m helpers.grading

exercises: $(TEACHER_STAMP)
	$(GRADING) student-versions
	$(BIN)/python tests/tools/execute_notebooks.py notebooks/exercises/ex*.ipynb notebooks/exercises/source/*/*.ipynb

release: $(TEACHER_STAMP)
	$(GRADING) release $(EX) --class-dir $(CLASS)

collect: $(TEACHER_STAMP)
	$(GRADING) collect $(EX) $(FROM) --class-dir $(CLASS)

autograde: $(TEACHER_STAMP)
	$(GRADING) autograde $(EX) --class-dir $(CLASS)

feedback: $(TEACHER_STAMP)
	$(GRADING) feedback $(EX) --class-dir $(CLASS)

grades: $(TEACHER_STAMP)
	$(GRADING) grades $(EX) --class-dir $(CLASS)

formgrader: $(TEACHER_STAMP)
	cd $(CLASS) && $(abspath $(BIN))/jupyter lab $(ALLOW_ROOT)

clean:
	rm -rf $(VENV) $(COMPAT) test-artifacts site slides
	find . -name __pycache__ -prune -exec rm -rf {} +
