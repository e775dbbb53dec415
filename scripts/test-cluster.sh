#!/usr/bin/env bash
# make test-cluster: brings a fresh loopback cluster up under DIR (bounded), runs the cluster
# tests against it (go test -tags cluster: the schema in both layouts, the writer, the rollup
# views, the read side against one server), and takes the cluster down, also when they fail
# or are interrupted. Prints how long it took.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-.cluster-test}
started=$(date +%s)
mkdir -p bin
go build -o bin/skm-cluster-test ./cmd/skm
export SKM_BIN=$PWD/bin/skm-cluster-test
# Leftovers of an interrupted earlier run.
bash scripts/cluster.sh down "$dir" >/dev/null 2>&1 || true
rm -rf "$dir"
trap 'bash scripts/cluster.sh down "$dir" || echo "test-cluster: could not stop the cluster under $dir" >&2' EXIT
timeout 240 bash scripts/cluster.sh up "$dir"
SKM_TEST_CLUSTER=$dir go test -tags cluster -count=1 -timeout 15m -run '^TestCluster' ./chlocal/ ./ingest/schema/ ./ingest/ ./reports/
echo "test-cluster: passed in $(($(date +%s) - started)) s"
