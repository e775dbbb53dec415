#!/usr/bin/env bash
# Re-vendors Apache ECharts from the npm registry into the dashboard's embedded static files
# and checks the file against the hash recorded below. Run from the repository root.
set -euo pipefail
version=5.6.0
sha256=bf4a223524e40b77c304bec67e1222cf551f14880cf42c69dc046558e11c07b1
dest=dashboards/static/vendor/echarts-$version
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "echarts@$version" >/dev/null && tar xzf "echarts-$version.tgz")
echo "$sha256  $tmp/package/dist/echarts.min.js" | sha256sum -c --quiet
mkdir -p "$dest/licenses"
cp "$tmp/package/dist/echarts.min.js" "$tmp/package/LICENSE" "$tmp/package/NOTICE" "$dest/"
cp "$tmp/package/licenses/"* "$dest/licenses/"
echo "ECharts $version vendored into $dest"
