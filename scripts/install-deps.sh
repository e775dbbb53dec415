#!/usr/bin/env bash
# Installs what skm needs on a Debian machine and is not there yet: ClickHouse (Debian's
# clickhouse-server, 18.16.1 on bookworm); for the test command also make, gcc (-race needs
# cgo), chromium (the real-browser tests), zbar-tools (an independent QR reader) and
# Node.js/npm (the SQL check on a current ClickHouse, chDB), python3-openpyxl and
# libreoffice-calc-nogui (independent readers of the Excel reports), and zookeeper (with the Java
# runtime it depends on) for the loopback cluster. Safe to run again: it installs only what is
# missing. SKM_DEPS=run skips the test-only packages; SKM_DEPS=cluster installs what skm and the
# loopback cluster need (scripts/cluster.sh, make test-cluster).
set -euo pipefail

need=()
have_clickhouse() {
  command -v clickhouse-server >/dev/null 2>&1 || command -v clickhouse >/dev/null 2>&1 ||
    [ -x /usr/sbin/clickhouse-server ] || [ -x /usr/bin/clickhouse ]
}
have_clickhouse || need+=(clickhouse-server clickhouse-client)
command -v make >/dev/null 2>&1 || need+=(make)
command -v gcc >/dev/null 2>&1 || need+=(gcc libc6-dev)
deps=${SKM_DEPS:-test}
if [ "$deps" = "test" ] || [ "$deps" = "cluster" ]; then
  # ZooKeeper for the loopback cluster; the package depends on a Java runtime.
  { [ -f /usr/share/java/zookeeper.jar ] && command -v java >/dev/null 2>&1; } || need+=(zookeeper)
fi
if [ "$deps" = "test" ]; then
  command -v chromium >/dev/null 2>&1 || need+=(chromium)
  command -v zbarimg >/dev/null 2>&1 || need+=(zbar-tools)
  command -v npm >/dev/null 2>&1 || need+=(nodejs npm)
  # Independent readers of our workbooks: openpyxl (Debian's python3) and LibreOffice.
  /usr/bin/python3 -c 'import openpyxl' >/dev/null 2>&1 || need+=(python3-openpyxl)
  command -v soffice >/dev/null 2>&1 || need+=(libreoffice-calc-nogui)
  # poppler's pdftotext reads the printed workbooks back (no "###" for a too narrow column).
  command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
fi

if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi

sudo=""
if [ "$(id -u)" != "0" ]; then
  if command -v sudo >/dev/null 2>&1; then
    sudo="sudo"
  else
    echo "skm needs these Debian packages: ${need[*]}" >&2
    echo "Install them as root: apt-get update && apt-get install -y ${need[*]}" >&2
    exit 1
  fi
fi

echo "Installing: ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
