# BranchDesk: `make run` and `make test` are all a fresh machine needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# One stamp per install and pyproject.toml version: `make run` installs the laptop's program
# alone (no head-office server: no FastAPI, uvicorn or psycopg); `make test` adds the test
# extra, which brings the head-office server the sync tests run against.
PYPROJECT_SUM := $(shell cat pyproject.toml | cksum | cut -d' ' -f1)
APP_STAMP := $(VENV)/.installed-app-$(PYPROJECT_SUM)
TEST_STAMP := $(VENV)/.installed-test-$(PYPROJECT_SUM)
# Debian packages Qt needs for a real window (xcb) and the tests need for fonts and PDFs.
APT_PACKAGES := libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 \
	libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 \
	libxcb-xkb1 libxcb-shape0 libxcb-randr0 fonts-noto-cjk fonts-wqy-microhei poppler-utils postgresql

.PHONY: run test bench lint translations system-deps clean dist dist-check

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# pip's log goes to a file (its mirror warnings are noise) and is shown only if it fails.
$(APP_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e . >$(VENV)/pip.log 2>&1 || (cat $(VENV)/pip.log; exit 1)
	$(BIN)/python -c "import PySide6, sqlalchemy, alembic, keyring, requests, reportlab"
	rm -f $(VENV)/.installed-app-* && touch $@

# Everything the app has and more, so it stands for the app's stamp too.
$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]' >$(VENV)/pip.log 2>&1 || (cat $(VENV)/pip.log; exit 1)
	$(BIN)/python -c "import PySide6, sqlalchemy, alembic, keyring, requests, reportlab, pytestqt, importlinter, fastapi, uvicorn, psycopg, mypy, ruff"
	rm -f $(VENV)/.installed-* && touch $@ $(APP_STAMP)

# Installs only what is missing, so it is quiet and quick on a machine that has it all.
system-deps:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		if command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
		else echo "Please install: $$missing"; fi; \
	fi

run: system-deps $(APP_STAMP)
	$(BIN)/branchdesk

# The checks that need no display: import contracts, lint, formatting, types.
lint: $(TEST_STAMP)
	$(BIN)/lint-imports
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# The checks first: a lint or type error fails in seconds, before the long test run.
# The slowest tests are listed at the end: the suite must stay under ~20 minutes on 2 cores.
test: system-deps lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest --durations=25 --ignore=tests/dist

bench: system-deps $(TEST_STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python tests/bench/run.py

# Refresh the zh_CN source from the code, then compile it (edit the .ts in Qt Linguist between).
translations: $(APP_STAMP)
	$(BIN)/pyside6-lupdate -no-obsolete $$(git ls-files -co --exclude-standard 'ui/*.py' 'ui/**/*.py') \
		-ts resources/i18n/branchdesk_zh_CN.ts
	$(BIN)/pyside6-lrelease resources/i18n/branchdesk_zh_CN.ts -qm resources/i18n/branchdesk_zh_CN.qm

# The laptop's program as one folder and an archive of it (PyInstaller, packaging/branchdesk.spec; the
# Windows build runs the same spec, README "Install"). Rebuilt when a source file or the spec changed.
DIST_STAMP := $(VENV)/.installed-dist-$(PYPROJECT_SUM)
VERSION := $(shell sed -n 's/^__version__ = "\(.*\)"/\1/p' app/__init__.py)
PLATFORM := $(shell $(PYTHON) -c 'import sysconfig; print(sysconfig.get_platform())')
DIST_ARCHIVE := dist/branchdesk-$(VERSION)-$(PLATFORM).tar.gz
DIST_SOURCES := $(shell find app ui local_db sync resources packaging -type f -not -path '*/__pycache__/*' 2>/dev/null)

$(DIST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dist]' >$(VENV)/pip.log 2>&1 || (cat $(VENV)/pip.log; exit 1)
	$(BIN)/python -c "import PyInstaller"
	touch $@

$(DIST_ARCHIVE): $(DIST_SOURCES) pyproject.toml | $(APP_STAMP) $(DIST_STAMP)
	@start=$$(date +%s); rm -rf dist/branchdesk $(DIST_ARCHIVE); mkdir -p build; \
	echo "PyInstaller: packaging/branchdesk.spec -> dist/branchdesk/ (log: build/pyinstaller.log)"; \
	$(BIN)/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller \
		packaging/branchdesk.spec >build/pyinstaller.log 2>&1 || { cat build/pyinstaller.log; exit 1; }; \
	tar -C dist -czf $(DIST_ARCHIVE) branchdesk; \
	echo "dist/branchdesk/ $$(du -sh dist/branchdesk | cut -f1), $(DIST_ARCHIVE) $$(du -h $(DIST_ARCHIVE) | cut -f1)," \
		"built in $$(( $$(date +%s) - start )) s"

# PyInstaller reads the libraries' links with objdump (binutils).
dist: APT_PACKAGES += binutils
dist: system-deps $(DIST_ARCHIVE)

# Unpacks the archive in a clean folder and runs it with no virtualenv in sight (tests/dist, which
# `make test` leaves out: the build takes minutes).
dist-check: $(TEST_STAMP) dist
	BRANCHDESK_DIST_ARCHIVE=$(DIST_ARCHIVE) $(BIN)/python -m pytest -p no:cacheprovider --durations=0 tests/dist

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis .mypy_cache .ruff_cache build dist
