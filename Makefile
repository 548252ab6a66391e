# Wirestream: `make run` (the service on a local Kafka) and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
NATIVE := native/Cargo.toml native/Cargo.lock native/pyproject.toml $(wildcard native/src/*.rs)
STAMP  := $(VENV)/.installed-$(shell (cat pyproject.toml $(NATIVE); echo "$(WIRE_NATIVE)") | sha1sum | cut -c1-12)

.PHONY: help venv kafka run test lint typecheck unit integration soak bench clean distclean

help:
	@echo "make run    - local Kafka broker + worker + wire ingest (demo folder and feed); Ctrl-C stops everything"
	@echo "make test   - ruff, mypy, unit and integration tests (starts its own broker)"
	@echo "make bench  - benchmarks with same-run baselines (bench/results/)"

# The compiled core (native/: dedup sketch and decision, gazetteer scan; Rust via maturin, 1 to 2
# minutes) is built and installed
# with the rest; WIRE_NATIVE=0 skips it (the pure-Python path then runs, same results, slower).
$(STAMP): pyproject.toml $(NATIVE)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install -q --disable-pip-version-check -e '.[dev]'
	@if [ "$(WIRE_NATIVE)" = 0 ]; then echo "WIRE_NATIVE=0: the native core is not built"; \
	elif PATH="$$PATH:$$HOME/.cargo/bin" command -v cargo >/dev/null; then \
	  PATH="$$PATH:$$HOME/.cargo/bin" $(BIN)/python -m pip install -q --disable-pip-version-check ./native \
	  || echo "WARNING: building native/ failed: the Python sketch path runs (same results, slower)"; \
	else echo "WARNING: no Rust toolchain (cargo): the Python sketch path runs (same results, slower)"; fi
	rm -f $(VENV)/.installed-* && touch $@

# The compiled core (mypyc over the hot pure-core modules, streams/compiled.py): built into
# .cache/mypyc/<digest of the sources>/ when no build matches them (17 to 33 s on 2 quiet cores,
# 1.5 to 2.5 minutes under load; docs/architecture.md), nothing otherwise; a failed build leaves the interpreted core running. WIRE_COMPILED=0
# skips it. Under CI (CI=true) a failed build fails the run: the fallback hid a build that broke
# in every clean clone for a session (a type mypyc could not infer in a clean build, session 25).
venv: $(STAMP)
	@if [ "$(WIRE_COMPILED)" = 0 ]; then echo "WIRE_COMPILED=0: the compiled core is not built"; \
	else $(BIN)/python -m streams.dev.compile_core \
	  || { if [ "$(CI)" = true ]; then echo "ERROR: building the compiled core failed (CI)"; exit 1; fi; \
	       echo "WARNING: building the compiled core failed: the interpreted core runs (same results, slower)"; }; fi

kafka: venv
	$(BIN)/wire broker fetch

run: kafka
	$(BIN)/wire demo

lint: venv
	$(BIN)/ruff check streams tests bench
	$(BIN)/ruff format --check streams tests bench

typecheck: venv
	$(BIN)/mypy

unit: venv
	$(BIN)/pytest -q tests/unit

integration: kafka
	$(BIN)/pytest -q --durations=12 tests/integration

test: lint typecheck unit integration

# The fault tests at full size (CI runs them sized down).
soak: kafka
	WIRE_SOAK_ITEMS=20000 WIRE_SOAK_KILLS=5 WIRE_SOAK_BURST=100000 \
	  $(BIN)/pytest -q -s tests/integration/test_crash.py tests/integration/test_backpressure.py

bench: kafka
	$(BIN)/python -m bench

clean:
	rm -rf .pytest_cache .mypy_cache .ruff_cache var

distclean: clean
	rm -rf $(VENV) .cache
