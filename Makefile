# journeykit: `make demo` runs it on the bundled examples, `make test` runs the checks.
# The demo leaves nothing inside examples/ (no result cache): what the tests copy is what
# git holds. Both set up everything they need on a fresh Debian machine: a virtual environment with
# the package and its extras, and the system packages (Graphviz, Chromium) via apt-get.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
JS_STAMP := tests/js/node_modules/.installed
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT    := DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get
PY_DIRS  := $(wildcard src tests benchmarks)
EXAMPLES := examples/retail examples/b2b-software examples/kuluttaja examples/subscription

.PHONY: setup system-deps demo test check lint typecheck bench schemas events clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Graphviz renders the images; Chromium runs the browser tests (the HTML report, and
# mermaid.js from npm drawing our Mermaid output); Java runs Spark (`measure --engine spark`
# and the tests marked `spark`).
system-deps:
	@missing=""; \
	command -v dot >/dev/null 2>&1 || missing="$$missing graphviz fonts-dejavu-core"; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v npm >/dev/null 2>&1 || missing="$$missing nodejs npm"; \
	command -v git >/dev/null 2>&1 || missing="$$missing git"; \
	command -v java >/dev/null 2>&1 || missing="$$missing openjdk-17-jre-headless"; \
	if [ -n "$$missing" ]; then \
		echo "installing system packages:$$missing"; \
		$(APT) update -qq && $(APT) install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

setup: $(STAMP) system-deps

$(JS_STAMP): tests/js/package.json tests/js/package-lock.json | system-deps
	npm ci --prefix tests/js --silent --no-audit --no-fund
	touch $(JS_STAMP)

demo: setup
	$(BIN)/journeykit --version
	$(BIN)/journeykit validate --no-cache $(EXAMPLES)
	$(BIN)/journeykit lint --no-cache $(EXAMPLES) --format concise --statistics --exit-zero
	$(BIN)/journeykit gaps examples/retail
	@for ws in $(EXAMPLES); do \
		name=$$(basename $$ws); \
		for view in map flow channels coverage; do \
			$(BIN)/journeykit render $$ws --view $$view -f svg -o out/$$name || exit 1; \
		done; \
		$(BIN)/journeykit render $$ws --view map -f png -o out/$$name || exit 1; \
		$(BIN)/journeykit report $$ws -o out/site/$$name || exit 1; \
		$(BIN)/journeykit measure $$ws --events $$ws/events/events.csv -f json \
			-o out/$$name/measure.json || exit 1; \
		$(BIN)/journeykit measure $$ws --events $$ws/events/events.csv -f markdown \
			-o out/$$name/measure.md || exit 1; \
		$(BIN)/journeykit render $$ws --view flow --events $$ws/events/events.csv -f svg \
			-o out/$$name/observed || exit 1; \
	done
	$(BIN)/journeykit measure examples/retail --events examples/retail/events/events.csv \
		--journey online-order
	$(BIN)/journeykit measure examples/retail --events examples/retail/events/events.csv \
		--journey online-order --outcome purchase -f markdown -o out/retail/attribution.md
	$(BIN)/journeykit report examples/retail --events examples/retail/events/events.csv \
		--outcome purchase -o out/site-observed/retail
	$(BIN)/journeykit lint examples/retail --events examples/retail/events/events.csv \
		--select JK306,JK307,JK504,JK605,JK705 --format concise --exit-zero
	@echo "images and measurements in out/<example>/ (observed flows in out/<example>/observed/), HTML reports in out/site/<example>/index.html"

lint: $(STAMP)
	$(BIN)/ruff check $(PY_DIRS)
	$(BIN)/ruff format --check $(PY_DIRS)

typecheck: $(STAMP)
	$(BIN)/mypy $(PY_DIRS)

test: setup $(JS_STAMP) lint typecheck
	$(BIN)/pytest

schemas: $(STAMP)
	$(BIN)/journeykit schema --output schemas

# The examples' event logs (examples/*/events/events.csv), from benchmarks/eventlog.py;
# tests/test_example_events.py checks that they are what it writes.
events: $(STAMP)
	$(BIN)/python benchmarks/eventlog.py --examples

bench: setup
	$(BIN)/pip install --quiet -e '.[bench]'
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .mypy_cache .ruff_cache tests/js/node_modules
