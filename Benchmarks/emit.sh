#!/usr/bin/env bash
# The writers benchmark of issue 6: hlsprune emit (release) next to hls4ml's write() on a 1.5M MLP.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv-fixtures/bin/python ] || { echo "emit benchmark skipped: run 'make fixtures' to create .venv-fixtures"; exit 0; }
folder=$(mktemp -d)
trap 'rm -rf "$folder"' EXIT
.venv-fixtures/bin/python Benchmarks/emit/compare.py .build/release/hlsprune "$folder" --runs "${RUNS:-3}" 2>/dev/null \
  | tee "${BENCH_OUT:-/dev/null}"
