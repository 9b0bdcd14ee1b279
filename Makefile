# sitrep — the two commands a newcomer needs are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHARED ?= ../shared
SAMPLES := src/sitrep/data/samples
OUT := out

.PHONY: setup run test lint bench train clean postgres stress

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	$(BIN)/sitrep gazetteer build
	touch $(STAMP)

setup: $(STAMP) postgres

# The PostgreSQL store's tests start a throw-away server (initdb + pg_ctl): install Debian's server binaries
# when no pg_ctl is found (CI runs as root on a fresh machine).
postgres:
	@ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || command -v pg_ctl >/dev/null 2>&1 || \
	  (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql) || \
	  echo "warning: could not install postgresql; the PostgreSQL store tests will skip (fail under CI=true)"

run: setup
	@mkdir -p $(OUT)
	$(BIN)/sitrep ingest --refresh $(SAMPLES)
	$(BIN)/sitrep events --background
	$(BIN)/sitrep export --format acled -o $(OUT)/events_acled.csv
	$(BIN)/sitrep export --format geojson -o $(OUT)/events.geojson
	@echo "wrote $(OUT)/events_acled.csv and $(OUT)/events.geojson"

test: setup
	$(BIN)/ruff check src tests
	$(BIN)/python -m pytest -q

lint: setup
	$(BIN)/ruff check src tests

# the full-size concurrency targets of issues 12 and 13 (two ingests of 1,000 documents into PostgreSQL and of
# 400 into SQLite, an ingest during a rebuild of a 3,000-document store): several minutes
stress: setup
	$(BIN)/python -m pytest -q -s -m stress tests/test_concurrency.py

bench: setup
	$(BIN)/python -m sitrep.bench
	$(BIN)/python -m sitrep.bench_api

train: setup
	$(BIN)/python -m sitrep.train

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache

# The analyst's workspace (fusion, API, dashboard): the dashboard's JS packages come from the npm registry
# (package-lock.json, installed as is), and its browser test drives Debian's chromium when it is there.
NODE_STAMP := node_modules/.package-lock.json
$(NODE_STAMP): package.json package-lock.json
	npm ci --omit=peer --no-audit --no-fund
assets: $(NODE_STAMP)
browser:
	@command -v chromium >/dev/null 2>&1 || (apt-get update && apt-get install -y chromium) || echo "warning: could not install chromium; the dashboard's browser test will skip (fail under CI=true)"
setup: assets browser
bench-api: setup
	$(BIN)/python -m sitrep.bench_api
serve: setup
	$(BIN)/sitrep serve
.PHONY: assets browser bench-api serve
