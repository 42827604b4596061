#!/usr/bin/env bash
# Issue 15: `hlsprune predict --firmware` (release) against hls4ml's convert + compile() + predict()
# on the 1.5 M-parameter MLP of masks.sh and 500 float64 samples, whole processes, both with hls4ml's
# name-granularity configuration, Resource with reuse factor 64 (with Latency, hls4ml's C simulation
# of the 1024×1024 layer overflows the default 8 MB stack and crashes) and an explicit result type
# for the last Dense (with its `auto` result the softmax outputs a constant); then checks that the
# two outputs are equal bit for bit.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv-fixtures/bin/python ] || { echo "firmware benchmark skipped: run 'make fixtures' to create .venv-fixtures"; exit 0; }
folder=$(mktemp -d)
trap 'rm -rf "$folder"' EXIT
TF_USE_LEGACY_KERAS=1 TF_CPP_MIN_LOG_LEVEL=3 .venv-fixtures/bin/python -c "
import numpy as np, tf_keras as K
K.utils.set_random_seed(0)
model = K.Sequential([K.Input(shape=(64,), name='x'), K.layers.Dense(1024, activation='relu', name='fc1'),
                      K.layers.Dense(1024, activation='relu', name='fc2'), K.layers.Dense(384, activation='relu', name='fc3'),
                      K.layers.Dense(5, activation='softmax', name='out')], name='big_mlp')
print('big MLP parameters:', model.count_params())
model.save('$folder/big_mlp.h5')
np.save('$folder/x.npy', np.random.default_rng(0).normal(size=(${SAMPLES:-500}, 64)))"
echo '{"Model": {"Strategy": "Resource", "ReuseFactor": 64}, "LayerName": {"out": {"Precision": {"result": "fixed<16,6>"}}}}' > "$folder/layers.json"
hyperfine --runs "${RUNS:-3}" \
  ".build/release/hlsprune predict $folder/big_mlp.h5 --x $folder/x.npy -o $folder/ours.npy --firmware --config $folder/layers.json" \
  ".venv-fixtures/bin/python Benchmarks/firmware/hls4ml_predict.py $folder/big_mlp.h5 $folder/x.npy $folder/theirs.npy $folder/layers.json"
.venv-fixtures/bin/python -c "
import numpy as np
ours, theirs = np.load('$folder/ours.npy'), np.load('$folder/theirs.npy')
same = ours.shape == theirs.shape and (ours.view(np.uint64) == theirs.view(np.uint64)).all()
print('predict --firmware equals hls4ml bit for bit:', same)"
