#!/usr/bin/env bash
# Draws docs/dashboard.svg and docs/dashboard.png: config/monitoring/twoway-dashboard.json over the
# exporter's scrapes of a real run, integration-tests/target/dashboard-samples.json, which
# MigrationMetricsIT writes (run it first:
#   ./mvnw -B verify -pl integration-tests -am -Dit.test=MigrationMetricsIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false).
# The SVG is drawn by dev.twoway.it.monitoring.DashboardPicture (no Grafana here); the PNG is a
# headless Chromium screenshot of it (apt-get install chromium), skipped with a note when there is none.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
SAMPLES="$REPO/integration-tests/target/dashboard-samples.json"
[ -f "$SAMPLES" ] || { echo "no $SAMPLES: run MigrationMetricsIT first" >&2; exit 2; }
cd "$REPO"
CP_FILE=$(mktemp)
trap 'rm -f "$CP_FILE"' EXIT
# The renderer is test code of integration-tests (after ./twoway build, for the modules it uses).
./mvnw -B -q test-compile dependency:build-classpath -pl integration-tests -Dmdep.outputFile="$CP_FILE" >/dev/null
java -cp "$REPO/integration-tests/target/test-classes:$(cat "$CP_FILE")" dev.twoway.it.monitoring.DashboardPicture \
  config/monitoring/twoway-dashboard.json "$SAMPLES" docs/dashboard.svg
echo "docs/dashboard.svg"
BROWSER=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$BROWSER" ]; then
  echo "no headless Chromium (apt-get install chromium): docs/dashboard.png not drawn" >&2
  exit 0
fi
HEIGHT=$(sed -n 's/^<svg [^>]*height="\([0-9]*\)".*/\1/p' docs/dashboard.svg | head -1)
"$BROWSER" --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size="1600,$HEIGHT" \
  --screenshot="$REPO/docs/dashboard.png" "file://$REPO/docs/dashboard.svg" 2>/dev/null
echo "docs/dashboard.png"
