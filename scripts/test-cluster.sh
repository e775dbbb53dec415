#!/usr/bin/env bash
# make test-cluster: brings a fresh loopback cluster up under DIR (bounded), runs the cluster
# tests against it (go test -tags cluster: the schema in both layouts, the writer with its
# quorum and intake lease, leases, the rollup views, the read side against one server, the
# failover test of two skm servers, the demo on the cluster), and takes the cluster down,
# also when they fail or are interrupted. Prints how long it took.
#
# Its whole output (the cluster's start, the tests' -v logs, the skm servers' logs the
# failover test prints) goes through a check that fails the run when it holds the cluster's
# password, the secret of DIR/password: CI keeps the log.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$(realpath -m "${1:-.cluster-test}")
if [ -z "${SKM_TEST_CLUSTER_CHECKED:-}" ]; then
  log=$(mktemp)
  trap 'rm -f "$log"' EXIT
  status=0
  SKM_TEST_CLUSTER_CHECKED=1 bash "$0" "$dir" 2>&1 | tee "$log" || status=$?
  if [ -s "$dir/password" ] && grep -qF -- "$(cat "$dir/password")" "$log"; then
    echo "test-cluster: FAILED: the output holds the cluster's password ($(grep -cF -- "$(cat "$dir/password")" "$log") lines); print $dir/password's path, never its content" >&2
    exit 1
  fi
  if [ -s "$dir/password" ]; then
    echo "test-cluster: the output holds no password"
  fi
  exit "$status"
fi
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
# The launcher's tests first and alone: they start clusters of their own, which a
# ClickHouse 18.16 server starved of CPU by the other packages' tests may not survive (its
# DDL worker crashes when its first ZooKeeper connection times out).
go test -tags cluster -count=1 -timeout 10m -run '^TestCluster' ./chlocal/
# One package at a time (-p 1): two packages migrating their databases at once send ON
# CLUSTER statements together, and 18.16's DDL worker can stop for good on the race ("Node
# exists, path: …/shards/…/executed"), leaving every later ON CLUSTER statement to time out.
go test -p 1 -tags cluster -count=1 -timeout 15m -run '^TestCluster' ./ingest/schema/ ./ingest/ ./reports/
# The binary's cluster tests (the failover test, the demo) verbosely: their counts belong in
# the output; screenshots go where make test puts them.
SKM_SCREENSHOT_DIR=${SKM_SCREENSHOT_DIR:-$PWD/screenshots} go test -tags cluster -count=1 -timeout 10m -v -run '^TestCluster' ./cmd/skm/
echo "test-cluster: passed in $(($(date +%s) - started)) s"
