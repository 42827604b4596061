#!/usr/bin/env bash
# The training benchmark of issue 8: hlsprune train (release) next to Keras fit, seconds per epoch.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv-fixtures/bin/python ] || { echo "training benchmark skipped: run 'make fixtures' to create .venv-fixtures"; exit 0; }
folder=$(mktemp -d)
trap 'rm -rf "$folder"' EXIT
.venv-fixtures/bin/python Benchmarks/training/compare.py "$PWD/.build/release/hlsprune" "$folder" --runs "${RUNS:-3}" 2>/dev/null | tee "${BENCH_OUT:-/dev/null}"
