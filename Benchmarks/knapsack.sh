#!/usr/bin/env bash
# The knapsack benchmark of issue 4: seeded instances, hlsprune (release) next to OR-Tools CBC and
# multi-dimensional branch and bound in the same run. OR-Tools lives in .venv-bench (created here).
set -euo pipefail
cd "$(dirname "$0")/.."
folder=$(mktemp -d)
trap 'rm -rf "$folder"' EXIT
if [ ! -x .venv-bench/bin/python ]; then
  python3 -m venv .venv-bench
  .venv-bench/bin/pip install -q ortools==9.15.6755
fi
python3 Benchmarks/knapsack/instances.py "$folder" > /dev/null
.venv-bench/bin/python Benchmarks/knapsack/compare.py .build/release/hlsprune "$folder"/*.json \
  --limit "${KNAPSACK_TIME_LIMIT:-10}" --runs "${RUNS:-3}" | tee "${BENCH_OUT:-/dev/null}"
