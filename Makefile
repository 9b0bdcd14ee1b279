# sitrep — the two commands a newcomer needs are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHARED ?= ../shared
SAMPLES := src/sitrep/data/samples
OUT := out

.PHONY: setup run test lint bench train clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	$(BIN)/sitrep gazetteer build
	touch $(STAMP)

setup: $(STAMP)

run: setup
	@mkdir -p $(OUT)
	$(BIN)/sitrep ingest $(SAMPLES)
	$(BIN)/sitrep events --background
	$(BIN)/sitrep export --format acled -o $(OUT)/events_acled.csv
	$(BIN)/sitrep export --format geojson -o $(OUT)/events.geojson
	@echo "wrote $(OUT)/events_acled.csv and $(OUT)/events.geojson"

test: setup
	$(BIN)/ruff check src tests
	$(BIN)/python -m pytest -q

lint: setup
	$(BIN)/ruff check src tests

bench: setup
	$(BIN)/python -m sitrep.bench

train: setup
	$(BIN)/python -m sitrep.train

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache
