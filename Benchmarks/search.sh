#!/usr/bin/env bash
# The pruning search on the 12.6 M-parameter MLP: time and peak memory (Benchmarks/search/measure.py).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv-fixtures/bin/python ] || { echo "search benchmark skipped: run 'make fixtures' to create .venv-fixtures"; exit 0; }
mkdir -p .build/bench
TF_CPP_MIN_LOG_LEVEL=3 .venv-fixtures/bin/python Benchmarks/search/measure.py "$PWD/.build/release/hlsprune" .build/bench --runs "${RUNS:-3}"
