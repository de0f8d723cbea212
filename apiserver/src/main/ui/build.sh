#!/bin/sh
# Builds the dashboard with the machine's node/npm (Maven runs this in generate-resources).
#   $1  output directory (the jar's ui/ folder: target/classes/ui)
#   $2  work directory for npm (target/ui-build: node_modules with playwright-core for the browser tests)
set -eu
src=$(cd "$(dirname "$0")" && pwd)
out=$1
work=$2
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "[kube4j dashboard] ERROR: 'node' and 'npm' are needed to build the dashboard (apiserver/src/main/ui)" >&2
  echo "[kube4j dashboard] but were not found on PATH. Install Node.js 18 or newer (Debian: apt-get install nodejs npm)." >&2
  exit 1
fi
major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$major" -lt 18 ]; then
  echo "[kube4j dashboard] ERROR: Node.js 18 or newer is needed, found $(node --version)" >&2
  exit 1
fi
mkdir -p "$work"
cp "$src/package.json" "$src/package-lock.json" "$work/"
# npm ci only when the lock file changed since the last install in this work directory
if ! cmp -s "$src/package-lock.json" "$work/node_modules/.kube4j-installed-lock" 2>/dev/null; then
  (cd "$work" && npm ci --no-audit --no-fund --loglevel=error)
  cp "$src/package-lock.json" "$work/node_modules/.kube4j-installed-lock"
fi
cd "$src" && npm run --silent build -- "$out"
