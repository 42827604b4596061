#!/usr/bin/env bash
# Times `hlsprune inspect` (release build) on the largest fixtures and, when the fixture
# environment exists, Keras loading the same file and printing its summary, in the same run.
set -euo pipefail
cd "$(dirname "$0")/.."
models=(Fixtures/models/tfmot_pruned.k2.h5 Fixtures/models/jet_mlp_bn.k3.h5 Fixtures/models/jet_mlp_bn.keras)
commands=()
for model in "${models[@]}"; do commands+=(".build/release/hlsprune inspect $model"); done
if [ -x .venv-fixtures/bin/python ]; then
  commands+=("TF_CPP_MIN_LOG_LEVEL=3 KERAS_BACKEND=tensorflow .venv-fixtures/bin/python -c 'import keras; keras.models.load_model(\"Fixtures/models/jet_mlp_bn.keras\").summary()'")
fi
hyperfine --warmup 2 --runs "${RUNS:-20}" --export-markdown "${BENCH_OUT:-/dev/null}" "${commands[@]}"
/usr/bin/time -f "peak RSS of inspect on ${models[0]}: %M KB" .build/release/hlsprune inspect "${models[0]}" > /dev/null
