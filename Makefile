# Ngã Tư — build, run, test and benchmark.
# `make run` and `make test` work on a fresh Debian machine with Swift: `deps` installs
# the system libraries (GSL, SQLite, pkg-config) when they are missing.

SWIFT       ?= swift
SCENARIO    ?= scenarios/ninh-kieu-am-peak.yaml
APT_PKGS    := libgsl-dev libsqlite3-dev pkg-config
SUDO        := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps valgrind chromium build release run test bench bench-check bench-baseline compare screenshot clean pydeps pyenv python compare-rl

deps:
	@missing=""; for p in $(APT_PKGS); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "make deps: installing$$missing"; \
	  $(SUDO) apt-get install -y -qq $$missing >/dev/null 2>&1 || \
	  { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq $$missing; }; \
	else echo "make deps: $(APT_PKGS) present"; fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product ngatu

run: release
	.build/release/ngatu run $(SCENARIO)

# pytest for the project's Python tools (scripts/, bench/compare/), installed when missing.
pydeps:
	@python3 -m pytest --version >/dev/null 2>&1 || python3 -m pip install -q pytest

# The project's Python environment .venv (sees the system's packages): pytest, numpy,
# gymnasium and pettingzoo from PyPI (python/requirements-dev.txt), installed when missing.
PYVENV ?= .venv
PY := $(PYVENV)/bin/python
pyenv:
	@python3 -c "import ensurepip, venv" 2>/dev/null || { echo "make pyenv: installing python3-venv"; \
	  $(SUDO) apt-get install -y -qq python3-venv >/dev/null 2>&1 || \
	  { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq python3-venv; }; }
	@[ -x $(PY) ] || python3 -m venv --system-site-packages $(PYVENV)
	@$(PY) -c "import pytest, numpy, gymnasium, pettingzoo" 2>/dev/null || \
	  { echo "make pyenv: installing python/requirements-dev.txt into $(PYVENV)"; $(PY) -m pip install -q -r python/requirements-dev.txt; }

# Headless Chromium for the playback test and screenshots, installed when missing.
chromium:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || \
	  { echo "make chromium: installing chromium"; $(SUDO) apt-get install -y -qq chromium >/dev/null 2>&1 || \
	    { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium; }; }

# The Python package's tests load the debug libNgaTuC just built (NGATU_LIBRARY).
test: deps pyenv chromium
	$(SWIFT) build --build-tests
	$(SWIFT) build --product NgaTuC
	$(SWIFT) test --skip-build
	NGATU_LIBRARY=$(CURDIR)/.build/debug/libNgaTuC.so PYTHONPATH=$(CURDIR)/python $(PY) -m pytest -q tests/python

# The Python package: libNgaTuC (release) copied into python/ngatu/lib, then
# `pip install ./python` into .venv (`$(PYVENV)/bin/python -c "import ngatu"`).
python: deps pyenv
	$(SWIFT) build -c release --product NgaTuC
	mkdir -p python/ngatu/lib
	cp .build/release/libNgaTuC.so python/ngatu/lib/
	$(PY) -m pip install -q ./python && $(PY) -m pip install -q --force-reinstall --no-deps ./python

# A real Slurm job array (4 shards + merge) on a one-node local cluster, checked byte for byte
# against a plain run; prints both wall times. Needs root (installs slurm-wlm and munge);
# minutes, so not part of `make test`.
.PHONY: test-slurm
test-slurm: release
	bash tests/slurm/test-slurm.sh

bench: deps
	$(SWIFT) build -c release --product ngatu-bench
	.build/release/ngatu-bench

# Instructions of the simulation core (callgrind) on two fixed cases against the committed
# bench/instructions.txt: fails on a rise above 3%. Independent of machine load; not part of
# `make test` (about 20 s after the release build). `make bench-baseline` rewrites the baseline after a deliberate change.
valgrind:
	@command -v valgrind >/dev/null 2>&1 || { echo "make valgrind: installing valgrind"; \
	  $(SUDO) apt-get install -y -qq valgrind >/dev/null 2>&1 || \
	  { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq valgrind; }; }

bench-check: deps valgrind
	$(SWIFT) build -c release --product ngatu-bench
	bash bench/bench-check.sh

bench-baseline: deps valgrind
	$(SWIFT) build -c release --product ngatu-bench
	bash bench/bench-check.sh --update

# Cross-validation with SUMO (micro, meso) and UXsim from a pinned local virtual environment.
compare: deps
	bash bench/compare/compare.sh

# sumo-rl (pinned in bench/compare/.venv) against the Python package on sumo-rl's single
# intersection and RESCO's grid4x4 through import-sumo: results/bench/compare-rl.md.
compare-rl: deps
	bash bench/compare/compare-rl.sh

# The README's screenshots of the flagship report with headless Chromium (installed when
# missing): the whole page, the level-of-service map and the playback at three clock times in
# both languages (scripts/readme-screenshots.sh).
screenshot: chromium
	@[ -f results/ninh-kieu-am-peak/report.html ] || $(MAKE) run
	scripts/screenshot.sh results/ninh-kieu-am-peak results/screenshots/ninh-kieu-am-peak.png
	scripts/readme-screenshots.sh results/ninh-kieu-am-peak

clean:
	rm -rf .build
