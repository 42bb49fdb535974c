# airflow-aggregator: `make demo` starts Airflow with the plugin and example pipelines;
# `make test` runs everything CI runs.
PYTHON ?= python3.11
VENV ?= .venv
PY := $(VENV)/bin/python
PYTEST_WORKERS ?= 2

.PHONY: install ui demo test test-pg-metadata test-ui test-unit test-integration lint docs bench bench-install bench-load bench-transform bench-api bench-ui clean

install: $(VENV)/.installed

$(VENV)/.installed: setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,dev]'
	@# setuptools leaves metadata in the source tree; Airflow would then see the plugin twice.
	rm -rf *.egg-info
	touch $@

# The pages inside Airflow's UI: a React bundle built into ui_plugin/frontend/dist (npm registry only).
FRONTEND := ui_plugin/frontend

ui: $(FRONTEND)/dist/aggregator.js

$(FRONTEND)/dist/aggregator.js: $(FRONTEND)/package.json $(FRONTEND)/package-lock.json $(FRONTEND)/vite.config.ts $(shell find $(FRONTEND)/src -type f 2>/dev/null)
	cd $(FRONTEND) && npm ci --no-audit --no-fund && npm run build

demo: install ui
	$(VENV)/bin/aggregator demo

test: install lint ui test-ui
	$(PY) -m pytest -n $(PYTEST_WORKERS) tests
	$(MAKE) test-pg-metadata

# The API's permission matrix and its pipeline, version and publishing flows once more, with
# Airflow's own tables in PostgreSQL (127.0.0.1:5432, user postgres) instead of SQLite.
PG_METADATA_TESTS := $(addprefix tests/integration/api/,test_route_permission_matrix.py \
	test_pipeline_routes.py test_version_routes.py test_publishing_routes.py test_api_schemathesis.py)

test-pg-metadata: install
	AGGREGATOR_TEST_METADATA=postgresql $(PY) -m pytest -n $(PYTEST_WORKERS) $(PG_METADATA_TESTS)

# Component tests of the UI (Vitest).
test-ui: ui
	cd $(FRONTEND) && npm test

test-unit: install
	$(PY) -m pytest -n $(PYTEST_WORKERS) tests/unit

test-integration: install ui
	$(PY) -m pytest -n $(PYTEST_WORKERS) tests/integration

lint: install
	$(VENV)/bin/ruff check dag_factory providers ui_plugin tests bench plugins

docs: install
	$(VENV)/bin/aggregator schema --output docs/spec/aggregator-v1.schema.json
	$(PY) -m dag_factory.registry.reference docs/node-types.md
	$(PY) -m providers.expressions.reference docs/expressions.md
	$(PY) -m dag_factory.registry.transform_reference docs/transforms.md
	$(PY) -m ui_plugin.api.openapi_document docs/api/openapi.json

# Benchmarks get their own virtualenv: the baselines they install (dag-factory) register
# Airflow plugins that the demo and the tests must not see.
BENCH_VENV ?= .venv-bench
BENCH_LOAD_ARGS ?=
BENCH_TRANSFORM_ARGS ?=
BENCH_API_ARGS ?=

bench-install: $(BENCH_VENV)/.installed

$(BENCH_VENV)/.installed: setup.cfg pyproject.toml
	$(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(BENCH_VENV)/bin/python -m pip install --quiet -e '.[bench]'
	rm -rf *.egg-info
	touch $@

# DAG parsing only; the load benchmark needs PostgreSQL and takes much longer.
bench: bench-install
	$(BENCH_VENV)/bin/python bench/parse_bench.py

# CSV and PostgreSQL into PostgreSQL (127.0.0.1:5432, user postgres), 1M rows and a 5 GB CSV;
# `make bench-load BENCH_LOAD_ARGS=--quick` for a smoke run.
bench-load: bench-install
	$(BENCH_VENV)/bin/python bench/load_bench.py $(BENCH_LOAD_ARGS)

# Filter/derive/cast, aggregate and join on 10M Parquet rows beside plain pyarrow and pandas
# (about 30 minutes on 2 busy cores); `make bench-transform BENCH_TRANSFORM_ARGS=--quick` for a smoke run.
bench-transform: bench-install
	$(BENCH_VENV)/bin/python bench/transform_bench.py $(BENCH_TRANSFORM_ARGS)

# The REST API under load beside Airflow's own DAG list: 1,000 pipelines x 20 versions in PostgreSQL
# (127.0.0.1:5432, user postgres), a real `airflow api-server`, 20 clients for 60 s per API; a smoke run:
# `make bench-api BENCH_API_ARGS="--pipelines 50 --versions 3 --seconds 5 --clients 4"`.
bench-api: bench-install
	$(BENCH_VENV)/bin/python bench/api_bench.py $(BENCH_API_ARGS)

# The pipeline builder with 200 nodes in Chromium beside Airflow's Graph view (a real Airflow,
# a few minutes); `make bench-ui BENCH_UI_ARGS="--runs 2"` for fewer runs. Uses the product's
# virtualenv: the benchmark venv's extra Airflow plugins must not load into this Airflow.
BENCH_UI_ARGS ?=
bench-ui: install ui
	$(PY) bench/ui_bench.py $(BENCH_UI_ARGS)

clean:
	rm -rf $(VENV) $(BENCH_VENV) build dist *.egg-info .pytest_cache .ruff_cache dags/output $(FRONTEND)/dist $(FRONTEND)/node_modules
