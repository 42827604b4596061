#!/usr/bin/env bash
# The pruning-mask benchmark of issue 5: hlsprune prune --dry-run (release) next to hls4ml's
# get_model_masks on the jet MLP (48 cases) and on a 1.5M-parameter MLP built here, same run.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv-fixtures/bin/python ] || { echo "masks benchmark skipped: run 'make fixtures' to create .venv-fixtures"; exit 0; }
folder=$(mktemp -d)
trap 'rm -rf "$folder"' EXIT
TF_USE_LEGACY_KERAS=1 TF_CPP_MIN_LOG_LEVEL=3 .venv-fixtures/bin/python -c "
import tf_keras as K
K.utils.set_random_seed(0)
model = K.Sequential([K.Input(shape=(64,), name='x'), K.layers.Dense(1024, activation='relu', name='fc1'),
                      K.layers.Dense(1024, activation='relu', name='fc2'), K.layers.Dense(384, activation='relu', name='fc3'),
                      K.layers.Dense(5, activation='softmax', name='out')], name='big_mlp')
print('big MLP parameters:', model.count_params())
model.save('$folder/big_mlp.h5')"
.venv-fixtures/bin/python Benchmarks/masks/compare.py .build/release/hlsprune "$folder/big_mlp.h5" --runs "${RUNS:-3}" \
  | tee "${BENCH_OUT:-/dev/null}"
