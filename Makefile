# The two commands of the README: `make run` and `make test`. Both install what is missing.
SHELL := /bin/bash
.DEFAULT_GOAL := build
JOBS ?= $(shell nproc)

.PHONY: deps deps-test web build build-test run test bench bench-build bench-finders bench-pipeline clean

deps:
	scripts/install-deps

deps-test:
	scripts/install-deps --test

web: deps
	npm run --silent web:build

build: deps web
	cmake --preset release -DRRMA_BUILD_TESTS=OFF -DRRMA_BUILD_BENCH=OFF >/dev/null
	cmake --build --preset release -j $(JOBS)

run: build
	mkdir -p var
	build/rrma serve --db sqlite:var/rrma.db --listen 127.0.0.1:8080

build-test: deps-test web
	cmake --preset test >/dev/null
	cmake --build --preset test -j $(JOBS)

test: build-test
	scripts/with-postgres scripts/run-tests

bench-build: deps-test web
	cmake --preset release -DRRMA_BUILD_TESTS=OFF -DRRMA_BUILD_BENCH=ON >/dev/null
	cmake --build --preset release -j $(JOBS)

bench: bench-build
	bench/run
	RRMA_TEST_PG_DATABASES="bench_beast bench_httplib" scripts/with-postgres bench/http_load
	RRMA_TEST_PG_DATABASES="bench_finders" scripts/with-postgres bench/finders
	RRMA_TEST_PG_DATABASES="bench_pipeline" scripts/with-postgres bench/pipeline

# The relationship graph at national scale only (issue 8): about 10 minutes.
bench-finders: bench-build
	RRMA_TEST_PG_DATABASES="bench_finders" scripts/with-postgres bench/finders

# The dashboard and the kanban at national scale only (issue 9).
bench-pipeline: bench-build
	RRMA_TEST_PG_DATABASES="bench_pipeline" scripts/with-postgres bench/pipeline

clean:
	rm -rf build build-test web/dist
