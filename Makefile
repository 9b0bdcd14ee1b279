# sitrep — the two commands a newcomer needs are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHARED ?= ../shared
SAMPLES := src/sitrep/data/samples
OUT := out

.PHONY: setup run test lint bench train clean postgres stress fuzz lock

# Python packages come from the lock files, every one pinned with its hashes: requirements.lock (what sitrep
# needs to run) and requirements-dev.lock (that plus the test tools). The project itself goes on top without
# its dependencies. To change a dependency: edit pyproject.toml, run `make lock`, commit both lock files.
PIP_VERSION := 26.3
$(STAMP): pyproject.toml requirements.lock requirements-dev.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet "pip==$(PIP_VERSION)"
	$(BIN)/pip install --quiet --require-hashes -r requirements-dev.lock
	$(BIN)/pip install --quiet --no-deps -e .
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

# The property-based tests (hypothesis over the cleaner, readers, date/number/fatality parsers and extract;
# schemathesis over the API) with 10,000 examples per target and a fresh seed; `make test` runs them with 20,
# derandomized. FUZZ_EXAMPLES=N for another count. One to two hours on 2 cores, most of it in extract.
FUZZ_EXAMPLES ?= 10000
fuzz: setup
	HYPOTHESIS_PROFILE=fuzz FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/python -m pytest -q -m property \
		-p no:cacheprovider --hypothesis-show-statistics

# Re-pin every Python dependency with its hashes after a change to pyproject.toml (e.g. adding
# "psycopg[binary]==X" to dependencies). pip-compile resolves against the index pip is configured with
# (pip.conf: PyPI plus this machine's mirrors); the runtime lock constrains the dev lock, so the two agree.
LOCK_VENV := .venv-lock
PIP_COMPILE := $(LOCK_VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	--no-emit-index-url --no-emit-find-links
lock:
	$(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/pip install --quiet "pip-tools==7.7.0"
	$(PIP_COMPILE) --output-file requirements.lock pyproject.toml
	$(PIP_COMPILE) --extra dev --constraint requirements.lock --output-file requirements-dev.lock pyproject.toml

lint: setup
	$(BIN)/ruff check src tests

# the full-size targets of issues 12 and 13 (two ingests of 1,000 documents into PostgreSQL and of
# 400 into SQLite, an ingest during a rebuild of a 3,000-document store, a 1.2-million-character report with
# its peak memory): several minutes
stress: setup
	$(BIN)/python -m pytest -q -s -m stress tests/test_concurrency.py tests/test_huge.py

bench: setup
	$(BIN)/python -m sitrep.bench
	$(BIN)/python -m sitrep.bench_parallel
	$(BIN)/python -m sitrep.bench_api

train: setup
	$(BIN)/python -m sitrep.train

clean:
	rm -rf $(VENV) $(LOCK_VENV) $(OUT) .pytest_cache .hypothesis

# The analyst's workspace (fusion, API, dashboard): the dashboard's JS packages come from the npm registry
# (package-lock.json, installed as is), and its browser test drives Debian's chromium when it is there.
NODE_STAMP := node_modules/.package-lock.json
# --ignore-scripts: the packages are files to serve, none needs an install script (swagger-ui-dist's @scarf/scarf
# would report the install to its vendor)
$(NODE_STAMP): package.json package-lock.json
	npm ci --omit=peer --ignore-scripts --no-audit --no-fund
assets: $(NODE_STAMP)
browser:
	@command -v chromium >/dev/null 2>&1 || (apt-get update && apt-get install -y chromium) || echo "warning: could not install chromium; the dashboard's browser test will skip (fail under CI=true)"
setup: assets browser
bench-api: setup
	$(BIN)/python -m sitrep.bench_api
serve: setup
	$(BIN)/sitrep serve
.PHONY: assets browser bench-api serve
