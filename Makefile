# geomap: `make map` builds the default output, `make test` runs every test.
# Both create .venv (Python 3.11+) on first use.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: map test bench clean

$(STAMP): setup.cfg pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit("geomap needs Python 3.11+") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

map: $(STAMP)
	$(VENV)/bin/geomap build

# two workers (pytest-xdist), one test file per worker at a time, so module fixtures are built once;
# the package is byte-compiled first, so the CLI runs the tests start read it compiled even where
# PYTHONDONTWRITEBYTECODE is set (each would otherwise compile it again); for the same reason pytest may keep
# its assertion-rewritten test modules (tests/__pycache__, ignored by git): a run after the first collects in
# ~9.4 CPU-s per worker instead of ~12.3
test: $(STAMP)
	$(PY) -m compileall -q geomap
	PYTHONDONTWRITEBYTECODE= $(PY) -m pytest -q -n 2 --dist loadfile

bench: $(STAMP)
	$(PY) benchmarks/run.py

clean:
	rm -rf out .pytest_cache
