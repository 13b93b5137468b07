# The two commands README gives a newcomer:
#   make serve   — install what is missing, build the release site, serve it on http://127.0.0.1:8080
#   make test    — install what is missing, run every check and test (this is what .ci/run calls)
SHELL := /bin/bash
export PATH := $(CURDIR)/.tools/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export CHROMEDRIVER ?= /usr/bin/chromedriver

.PHONY: serve test setup setup-test build lint test-host test-browser test-e2e size bench clean

serve: setup build
	node scripts/serve.mjs --dir dist --port 8080

test: setup-test lint test-host build test-browser test-e2e size
	@echo "make test: all layers passed"

setup:
	@scripts/setup.sh build

setup-test:
	@scripts/setup.sh test

build:
	trunk build --release

lint:
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy -p registry-doctor --target wasm32-unknown-unknown -- -D warnings
	scripts/check-core-is-pure.sh
	scripts/check-web-safety.sh

test-host:
	cargo test --workspace

test-browser:
	cargo test -p registry-doctor --target wasm32-unknown-unknown --test browser --test browser_pages

test-e2e:
	cd e2e && node --test --test-reporter=spec --test-concurrency=1 tests/

size:
	@FIRST_LOAD_BUDGET_GZIP=122880 node scripts/size-report.mjs dist

bench:
	scripts/bench.sh

clean:
	rm -rf dist target
