# Avenue Desk: `make run` starts the app, `make test` runs the tests.
# Both set up everything they need on a Debian/Ubuntu machine and are safe to repeat.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# What Qt needs for a real window (xcb), fonts to draw with, and Xvfb for screenshots.
SYSTEM_PACKAGES := libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxcb-image0 \
	libxcb-render-util0 libxcb-shape0 libxcb-randr0 libxcb-xkb1 libxkbcommon-x11-0 \
	libxkbcommon0 libegl1 libgl1 libfontconfig1 libdbus-1-3 libglib2.0-0 \
	fonts-dejavu-core xvfb xauth python3-venv \
	binutils tesseract-ocr
# (binutils: PyInstaller reads the libraries it bundles with objdump, for `make dist`.
# tesseract-ocr: the optional OCR engine that proposes an excerpt from a screenshot; the
# app works without it, and its tests with the real engine need it.)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test test-postgres test-postgres-app coverage system venv lint benchmark demo dist clean forms docs dist-smoke

run: system venv
	$(PY) -m avenue_desk

test: system venv
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q $(PYTEST_ARGS)

# The services and command-line tests again, each test on a database of its own on a
# throwaway PostgreSQL server (.ci/postgres.sh: installed from the distribution's packages
# if missing, started as an unprivileged account on a socket in a temporary folder, stopped
# at the end). POSTGRES_TESTS narrows it, e.g. make test-postgres POSTGRES_TESTS=tests/cli
POSTGRES_TESTS ?= tests/services tests/cli
test-postgres: system venv
	QT_QPA_PLATFORM=offscreen .ci/postgres.sh run $(PY) -m pytest -q $(POSTGRES_TESTS) \
		$(PYTEST_ARGS)

# A slice of them connected as the application's role of `server init` (which cannot alter
# or drop a table or trigger), each database migrated by its owner first: everything the
# office does works with no more rights than that.
POSTGRES_APP_TESTS ?= tests/services/test_incidents.py tests/services/test_escalation.py \
	tests/services/test_accounts.py tests/services/test_search.py \
	tests/services/test_server_search.py tests/services/test_no_lost_update.py \
	tests/services/test_two_offices.py tests/services/test_people.py tests/services/test_importing.py
test-postgres-app: system venv
	QT_QPA_PLATFORM=offscreen AVENUE_DESK_TEST_POSTGRES_AS_APP=1 .ci/postgres.sh run \
		$(PY) -m pytest -q $(POSTGRES_APP_TESTS) $(PYTEST_ARGS)

# The tests again, measuring which lines of avenue_desk/ they run: a table of what each
# module leaves unrun (fully covered ones left out), and htmlcov/index.html to read it.
coverage: system venv
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q --cov --cov-report=term \
		--cov-report=html $(PYTEST_ARGS)

lint: venv
	$(VENV)/bin/ruff check avenue_desk tests benchmarks

benchmark: system venv
	QT_QPA_PLATFORM=offscreen $(PY) -m benchmarks $(BENCH_ARGS)

demo: venv
	$(PY) -m avenue_desk demo

# Installs only the system packages that are missing, so a second run does nothing.
system:
	@if command -v dpkg >/dev/null 2>&1; then \
		missing=""; \
		for p in $(SYSTEM_PACKAGES); do \
			dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; \
		done; \
		if [ -n "$$missing" ]; then \
			echo "Installing system packages:$$missing"; \
			$(SUDO) apt-get update -qq && \
			DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq \
				--no-install-recommends $$missing >/dev/null; \
		fi; \
	else \
		echo "Not a Debian/Ubuntu machine: install Qt's xcb libraries yourself (see README)."; \
	fi

venv: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test,dev,server]'
	touch $(STAMP)

dist: system venv
	$(VENV)/bin/pyinstaller --noconfirm --clean build.spec

# Builds the program (as `dist`), checks the bundle holds what it needs at run time, starts
# the built program offscreen on an empty data folder, makes a small demo school and a letter
# with it (ReportLab's fonts read from inside the bundle), and fails if anything was written
# inside the built folder. DIST_USER signs the letter command in (empty: no sign-in).
DIST_DIR := dist/Avenue Desk
DIST_EXE := $(DIST_DIR)/avenue-desk
DIST_CLI := $(DIST_DIR)/avenue-desk-cli
DIST_USER ?= head
DIST_PASSWORD ?= dist-smoke-Avenue-2026
dist-smoke: dist
	@set -e; tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	export QT_QPA_PLATFORM=offscreen AVENUE_DESK_PASSWORD='$(DIST_PASSWORD)'; \
	for need in resources/fonts/Symbola.ttf resources/fonts/DejaVuSerif.ttf \
		resources/templates/removal_request.txt resources/common-passwords.txt \
		resources/qss/avenue.qss docs/user-guide.md docs/guide/escalating-and-letters.md \
		docs/images/home.png \
		forms/first_run.ui avenue_desk/store/migrations/env.py \
		avenue_desk/store/migrations/versions/0001_initial_schema.py; do \
		test -f "$(DIST_DIR)/_internal/$$need" || { echo "Missing from the bundle: $$need"; exit 1; }; \
	done; \
	for lib in '*/_cffi_backend.*' '*/_argon2_cffi_bindings/_ffi.*' \
		'*/pypdfium2_raw/libpdfium*' '*/bidi/bidi.*' '*/sqlcipher3/_sqlite3*'; do \
		found=$$(cd "$(DIST_DIR)/_internal" && find . -path "$$lib" | head -1); \
		test -n "$$found" || { echo "Missing from the bundle: $$lib"; exit 1; }; \
		echo "Bundled: $$found"; \
	done; \
	(cd "$(DIST_DIR)" && find . -printf '%p %s %T@\n' | sort) > "$$tmp/before.txt"; \
	"$(DIST_EXE)" --data-dir "$$tmp/data" --smoke-test; \
	"$(DIST_CLI)" --data-dir "$$tmp/demo" demo --incidents 20; \
	test -s "$$tmp/demo/records-key.json" && ! head -c 16 "$$tmp/demo/avenue-desk.sqlite3" | \
		grep -q 'SQLite format' || { echo "The built program's records are not encrypted."; exit 1; }; \
	echo "The built program's records are encrypted (SQLCipher, records-key.json beside them)."; \
	for id in $$(seq 20 -1 1); do \
		"$(DIST_CLI)" --data-dir "$$tmp/demo" $(if $(DIST_USER),--user $(DIST_USER)) \
			letter $$id --kind removal-request -o "$$tmp/letter.pdf" > /dev/null 2>&1 && break; \
	done; \
	test -s "$$tmp/letter.pdf" || { echo "The built program made no letter."; exit 1; }; \
	echo "Letter written for incident $$id."; \
	$(PY) -c "import sys; from pypdf import PdfReader; \
		text = PdfReader(sys.argv[1]).pages[0].extract_text(); \
		assert 'Dear' in text and 'Yours sincerely' in text, text; \
		print('The built program wrote a letter:', len(text), 'characters of text.')" \
		"$$tmp/letter.pdf"; \
	(cd "$(DIST_DIR)" && find . -printf '%p %s %T@\n' | sort) > "$$tmp/after.txt"; \
	if ! diff -u "$$tmp/before.txt" "$$tmp/after.txt"; then \
		echo "The built program wrote inside its own folder (above)."; exit 1; \
	fi; \
	echo "dist-smoke: the built program started, made a demo school and a letter, and wrote" \
		"nothing inside $(DIST_DIR)."

# The user guide's screenshots (docs/images/), made by `avenue-desk screenshot` from a new
# demo school in a temporary folder (and the first page of one of its letters, letter.png), so they never go stale, then shrunk to 256 colours.
# DOCS_USER is the account the screens are drawn for (the demo's Headteacher; empty for a
# build without sign-in). The audit trail is drawn first, before each screenshot's own
# sign-in fills it; step-correct last, as it corrects and withdraws a demo step to show them.
DOCS_SCREENS := login audit first-run home incidents incident people reports settings \
	conduct-wizard conduct-register accounts lock help people-import policy-review \
	chronology social-accounts course-of-conduct evidence-capture platform-reports step-correct
DOCS_USER ?= head
DOCS_PASSWORD ?= docs-demo-Avenue-2026
docs: system venv
	@set -e; tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	export QT_QPA_PLATFORM=offscreen AVENUE_DESK_PASSWORD='$(DOCS_PASSWORD)'; \
	$(PY) -m avenue_desk --data-dir "$$tmp" demo --incidents 500 > /dev/null; \
	mkdir -p docs/images; \
	for screen in $(DOCS_SCREENS); do \
		$(PY) -m avenue_desk --data-dir "$$tmp" $(if $(DOCS_USER),--user $(DOCS_USER)) \
			screenshot $$screen -o docs/images/$$screen.png > /dev/null; \
	done; \
	for id in $$(seq 500 -1 440); do \
		$(PY) -m avenue_desk --data-dir "$$tmp" $(if $(DOCS_USER),--user $(DOCS_USER)) \
			letter $$id --kind removal-request -o "$$tmp/letter.pdf" > /dev/null 2>&1 && break; \
	done; \
	$(PY) -c "import sys, pypdfium2; page = pypdfium2.PdfDocument(sys.argv[1])[0]; \
		page.render(scale=1.25).to_pil().convert('RGB').save(sys.argv[2])" \
		"$$tmp/letter.pdf" docs/images/letter.png; \
	$(PY) -m avenue_desk.ui.screenshots.shrink $(foreach s,$(DOCS_SCREENS),docs/images/$(s).png) \
		docs/images/letter.png

# Designer files in forms/ compiled to checked-in Python (tests/ui/test_forms_compiled.py
# fails when one is stale).
forms: venv
	for f in forms/*.ui; do \
		name=$$(basename $$f .ui); \
		$(VENV)/bin/pyside6-uic $$f -o avenue_desk/ui/forms/ui_$$name.py || exit 1; \
	done

clean:
	rm -rf build dist .pytest_cache .coverage htmlcov
