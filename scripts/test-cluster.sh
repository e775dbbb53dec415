#!/usr/bin/env bash
# make test-cluster: brings a fresh loopback cluster up under DIR (bounded), runs the cluster
# tests against it (go test -tags cluster: the schema in both layouts, the writer with its
# quorum and intake lease, leases, the rollup views, the read side against one server, the
# failover test of two skm servers, the demo on the cluster), and takes the cluster down,
# also when they fail or are interrupted. Prints how long it took.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$(realpath -m "${1:-.cluster-test}")
started=$(date +%s)
mkdir -p bin
go build -o bin/skm-cluster-test ./cmd/skm
export SKM_BIN=$PWD/bin/skm-cluster-test
# Leftovers of an interrupted earlier run.
bash scripts/cluster.sh down "$dir" >/dev/null 2>&1 || true
rm -rf "$dir"
trap 'bash scripts/cluster.sh down "$dir" || echo "test-cluster: could not stop the cluster under $dir" >&2' EXIT
timeout 240 bash scripts/cluster.sh up "$dir"
export SKM_TEST_CLUSTER=$dir
go test -tags cluster -count=1 -timeout 15m -run '^TestCluster' ./chlocal/ ./ingest/schema/ ./ingest/ ./reports/
# The binary's cluster tests (the failover test, the demo) verbosely: their counts belong in
# the output; screenshots go where make test puts them.
SKM_SCREENSHOT_DIR=${SKM_SCREENSHOT_DIR:-$PWD/screenshots} go test -tags cluster -count=1 -timeout 10m -v -run '^TestCluster' ./cmd/skm/
echo "test-cluster: passed in $(($(date +%s) - started)) s"
