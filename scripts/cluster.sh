#!/usr/bin/env bash
# A loopback ClickHouse cluster for trying skm on and for its cluster tests: Debian's
# ZooKeeper and 2 shards × 2 replicas of Debian's clickhouse-server, each its own process on
# free loopback ports, everything (state, configuration, data, logs) under DIR.
#
#   scripts/cluster.sh up [DIR]           start what does not run (idempotent); print the
#                                         --clickhouse URL and the --cluster name
#   scripts/cluster.sh down [DIR]         stop every process (SIGTERM, SIGKILL after 20 s)
#   scripts/cluster.sh status [DIR]       what runs, where, and its log
#   scripts/cluster.sh kill NODE [DIR]    SIGKILL one process, as a crash (zookeeper, s1r1, s1r2, s2r1, s2r2)
#   scripts/cluster.sh start NODE [DIR]   start it again, on its ports, with its data (with
#                                         force_restore_data if it refuses parts a crash left)
#
# DIR defaults to .cluster/ in the repository (gitignored). The work is done by `skm cluster`
# (chlocal.StartCluster), which the cluster tests use too; install what it needs with
# `SKM_DEPS=cluster bash scripts/install-deps.sh`. Then, for example:
#   go run ./cmd/skm demo --clickhouse "$URL" --cluster skm
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
  sed -n '5,12p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}
[ $# -ge 1 ] || usage
action=$1
shift
node=()
case "$action" in
  up | down | status) ;;
  kill | start)
    [ $# -ge 1 ] || usage
    node=("$1")
    shift
    ;;
  *) usage ;;
esac
dir=${1:-.cluster}
[ $# -le 1 ] || usage

skm=(go run ./cmd/skm)
if [ -n "${SKM_BIN:-}" ]; then
  skm=("$SKM_BIN")
fi
exec "${skm[@]}" cluster "$action" "${node[@]}" --dir "$dir" --log-level warn
