#!/usr/bin/env bash
# Times `hlsprune predict` (release) against Keras 3 predicting the same inputs with the same model,
# whole commands (Keras includes its start-up), when the fixture environment exists; then against warm
# Keras with peak memory, on the jet MLP and a 12.6 M-parameter MLP made in .build/bench
# (Benchmarks/predict/compare.py; BASELINE=path/to/older/hlsprune adds a column for that build).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv-fixtures/bin/python ] || { echo "predict benchmark skipped: run 'make fixtures' to create .venv-fixtures"; exit 0; }
folder=$(mktemp -d)
trap 'rm -rf "$folder"' EXIT
.venv-fixtures/bin/python -c "
import numpy as np
rng = np.random.default_rng(0)
np.save('$folder/jet.npy', rng.normal(size=(100000, 16)).astype('float32'))
np.save('$folder/cnn.npy', rng.normal(size=(10000, 12, 12, 3)).astype('float32'))"
keras='TF_CPP_MIN_LOG_LEVEL=3 KERAS_BACKEND=tensorflow .venv-fixtures/bin/python -c "import sys, numpy, keras; keras.models.load_model(sys.argv[1], compile=False).predict(numpy.load(sys.argv[2]), batch_size=1024, verbose=0)"'
hyperfine --warmup 1 --runs "${RUNS:-5}" \
  ".build/release/hlsprune predict Fixtures/models/jet_mlp.keras --x $folder/jet.npy -o $folder/out.npy" \
  "$keras Fixtures/models/jet_mlp.keras $folder/jet.npy" \
  ".build/release/hlsprune predict Fixtures/models/cnn2d.keras --x $folder/cnn.npy -o $folder/out.npy" \
  "$keras Fixtures/models/cnn2d.keras $folder/cnn.npy"
mkdir -p .build/bench
.venv-fixtures/bin/python Benchmarks/predict/compare.py "$PWD/.build/release/hlsprune" .build/bench --runs "${RUNS:-5}" ${BASELINE:+--baseline "$BASELINE"} 2>/dev/null
