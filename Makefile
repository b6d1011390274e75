# Two entry points (see README): `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin
DB ?= demo.db

.PHONY: install demo test lint bench clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

demo: install
	$(BIN)/newsgraph ingest examples/demo --db $(DB)
	$(BIN)/newsgraph quotes --db $(DB)
	$(BIN)/newsgraph quotes --repeated --db $(DB)
	@echo "database: $(abspath $(DB))  (try: $(BIN)/newsgraph stats --db $(DB))"

lint: install
	$(BIN)/ruff check newsgraph tests bench

test: install lint
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python bench/throughput.py

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm
