# Two commands do everything: `make run` and `make test`.
PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: run test quick lint typecheck unit bench schema demo forms screenshots clean package \
	selftest-package wheel-selftest a11y

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PY) -m venv $(VENV) || { \
	  echo "Could not create a virtual environment: install python3.11-venv (apt-get install python3.11-venv)"; exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

# PyInstaller for `make package` (the `package` extra), on top of the dev install.
PKG_STAMP := $(VENV)/.package-stamp
VERSION = $(shell sed -n 's/^__version__ = "\(.*\)"$$/\1/p' rpc_desktop/__init__.py)
TARBALL = dist/rpc-desktop-$(VERSION)-linux-$(shell uname -m).tar.gz

$(PKG_STAMP): $(STAMP) pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[dev,package]'
	@touch $(PKG_STAMP)

run: $(STAMP)
	$(BIN)/rpc-desktop

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy rpc_desktop

# Every test, on every core (pytest-xdist); `make quick` leaves out the ones marked slow.
unit: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -n auto

quick: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -n auto -m "not slow"

# The self-test runs from an installed wheel and against the built binary too, not only from
# source: each finds what its packaging left out.
test: lint typecheck $(PKG_STAMP) unit wheel-selftest selftest-package

# A wheel built from the tree, installed with its dependencies in a new virtual environment
# that knows nothing of this checkout, runs the self-test.
WHEEL_DIR := build/wheel
WHEEL_VENV := build/wheel-venv
wheel-selftest: $(STAMP)
	rm -rf $(WHEEL_DIR) $(WHEEL_VENV)
	$(BIN)/python -m pip wheel --quiet --no-deps --no-build-isolation -w $(WHEEL_DIR) .
	$(PY) -m venv $(WHEEL_VENV)
	$(WHEEL_VENV)/bin/python -m pip install --quiet $(WHEEL_DIR)/rpc_desktop-*.whl
	cd $(WHEEL_VENV) && ./bin/rpc-desktop self-test

# The one-folder build (packaging/rpc_desktop.spec) in dist/rpc-desktop/, packed with the
# desktop entry, icon and install.sh. PyInstaller reuses build/ when nothing changed.
package: $(PKG_STAMP)
	@command -v objdump >/dev/null || { \
	  echo "make package needs binutils (objdump, strip): apt-get install binutils"; exit 1; }
	$(BIN)/pyinstaller --noconfirm --log-level ERROR --distpath dist --workpath build \
	  packaging/rpc_desktop.spec
	$(BIN)/python packaging/linux/pack.py dist/rpc-desktop $(TARBALL)

selftest-package: package
	dist/rpc-desktop/rpc-desktop self-test

bench: $(PKG_STAMP)
	@for b in benchmarks/[!_]*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

forms: $(STAMP)
	@for f in ui/*.ui; do n=$$(basename $$f .ui); \
	  $(BIN)/pyside6-uic --from-imports --no-autoconnection $$f -o rpc_desktop/gui/forms/ui_$$n.py; done

screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/screenshots.py

schema: $(STAMP)
	$(BIN)/rpc-desktop schema > docs/case.schema.json

# Complete the demo referral through the accessibility tree alone, under Xvfb with AT-SPI
# (docs/accessibility.md). Not part of `make test`: it takes several minutes.
a11y: $(STAMP)
	scripts/a11y.sh

demo: $(STAMP)
	$(BIN)/rpc-desktop demo --out demo-bundle

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build dist *.egg-info
