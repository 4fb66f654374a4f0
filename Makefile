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
	fonts-dejavu-core xvfb xauth python3-venv
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test system venv lint benchmark demo dist clean forms

run: system venv
	$(PY) -m avenue_desk

test: system venv
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q $(PYTEST_ARGS)

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
	$(PY) -m pip install -q -e '.[test,dev]'
	touch $(STAMP)

dist: system venv
	$(VENV)/bin/pyinstaller --noconfirm --clean build.spec

# Designer files in forms/ compiled to checked-in Python (tests/ui/test_forms_compiled.py
# fails when one is stale).
forms: venv
	for f in forms/*.ui; do \
		name=$$(basename $$f .ui); \
		$(VENV)/bin/pyside6-uic $$f -o avenue_desk/ui/forms/ui_$$name.py || exit 1; \
	done

clean:
	rm -rf build dist .pytest_cache
