#!/usr/bin/env bash
# The ONNX benchmark of issue 7: hlsprune convert (release) next to onnx.load/onnx.save.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv-fixtures/bin/python ] || { echo "onnx benchmark skipped: run 'make fixtures' to create .venv-fixtures"; exit 0; }
folder=$(mktemp -d)
trap 'rm -rf "$folder"' EXIT
.venv-fixtures/bin/python Benchmarks/onnx/compare.py "$PWD/.build/release/hlsprune" "$folder" --runs "${RUNS:-3}" | tee "${BENCH_OUT:-/dev/null}"
