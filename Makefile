# The two commands of the README: `make run` (skm with demo data on its own ClickHouse) and
# `make test` (every test, against a real ClickHouse that the tests start themselves).
GO      ?= go
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X main.version=$(VERSION)

.PHONY: run test test-cluster cluster-up cluster-down sqlcheck lint bench bench-intake bench-ikm bench-cases bench-dashboard bench-reports build deps clean

## run: start skm with both example agencies and generated history (installs ClickHouse if missing)
run:
	@SKM_DEPS=run bash scripts/install-deps.sh
	$(GO) run -ldflags "$(LDFLAGS)" ./cmd/skm demo

## test: run every test with the race detector, integration tests included; the browser
## tests save their screenshots and printed pages in screenshots/ (SKM_SCREENSHOT_DIR)
test: deps
	SKM_SCREENSHOT_DIR=$${SKM_SCREENSHOT_DIR:-$(CURDIR)/screenshots} $(GO) test -race -count=1 -timeout 20m ./...

## test-cluster: bring the loopback cluster up (ZooKeeper, 2 shards × 2 replicas, under
## .cluster-test/), run the cluster tests (go test -tags cluster) against it, take it down
## even when they fail
CLUSTER_TEST_DIR ?= $(CURDIR)/.cluster-test
test-cluster:
	@SKM_DEPS=cluster bash scripts/install-deps.sh
	bash scripts/test-cluster.sh $(CLUSTER_TEST_DIR)

## cluster-up / cluster-down: the loopback cluster for trying skm on (scripts/cluster.sh)
cluster-up:
	@SKM_DEPS=cluster bash scripts/install-deps.sh
	bash scripts/cluster.sh up
cluster-down:
	bash scripts/cluster.sh down

## sqlcheck: run every migration and every statement skm sends on a current ClickHouse (chDB 26.x),
## in each layout: one server, replicated, sharded (the cluster ones on a one-server cluster)
sqlcheck:
	@command -v node >/dev/null 2>&1 || { echo "sqlcheck needs Node.js and npm (apt-get install nodejs npm)"; exit 1; }
	npm install --prefix tools/chdb --no-audit --no-fund --loglevel=error
	rm -rf .sqlcheck
	$(GO) run ./cmd/skm sql-render .sqlcheck
	node tools/chdb/run.js --db skm .sqlcheck/00-migrations.sql .sqlcheck/10-statements.sql > .sqlcheck/output.csv
	node tools/chdb/run.js --db skm --config tools/chdb/cluster.xml .sqlcheck/20-migrations-replicated.sql .sqlcheck/30-statements-replicated.sql > .sqlcheck/output-replicated.csv
	node tools/chdb/run.js --db skm --config tools/chdb/cluster.xml .sqlcheck/40-migrations-sharded.sql .sqlcheck/50-statements-sharded.sql > .sqlcheck/output-sharded.csv

## lint: gofmt, go vet (also of the cluster tests) and staticcheck (pinned as a tool in go.mod)
lint:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(GO) vet -tags cluster ./chlocal/ ./ingest/... ./reports/ ./cmd/skm/
	$(GO) tool staticcheck ./...

## bench: run the benchmarks (each prints its figure beside a same-run reference)
bench: deps
	$(GO) test -run '^$$' -bench . -benchmem -count=1 ./...

## bench-intake: load the real server (durable spool) and a bare gin handler, 30 s each, and compare
bench-intake: deps
	$(GO) run ./bench/intake -duration 30s -connections 32

## bench-cases: import 1M cases from CSV beside parsing alone; the monthly summary at 2M cases
bench-cases: deps
	$(GO) run ./bench/cases -rows 1000000

## bench-ikm: IKM question at 1M and 10M responses, rollup beside raw table
bench-ikm: deps
	$(GO) run ./bench/ikm -rows 1000000,10000000

## bench-dashboard: the dashboard page's server time at 10M responses + 2M cases, beside the same page with survey panels from raw rows
bench-dashboard: deps
	$(GO) run ./bench/dashboard -responses 10000000 -cases 1000000

## bench-reports: the monthly workbook at 10M responses + 2M cases, the semester workbook of ~10 000 respondents, a ~1M-row export beside a bare StreamWriter
bench-reports: deps
	$(GO) run ./bench/reports -responses 10000000 -cases 1000000 -export 1000000

## build: build bin/skm
build:
	$(GO) build -ldflags "$(LDFLAGS)" -o bin/skm ./cmd/skm

## deps: install the Debian packages skm needs (clickhouse-server, make, gcc) when missing
deps:
	@bash scripts/install-deps.sh

clean:
	@bash scripts/cluster.sh down >/dev/null 2>&1 || true
	rm -rf bin skm-data skm-demo-data .sqlcheck .cluster .cluster-test tools/chdb/node_modules
