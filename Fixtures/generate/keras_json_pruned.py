#!/usr/bin/env python3
"""Checks with tf-keras that the pruned JSON + weights models hlsprune writes load, and stores
their predictions for the Swift tests (`Fixtures/keras_json/pruned/`).

usage: keras_json_pruned.py HLSPRUNE

For `mlp`, `cnn` (architecture JSON + `<name>_weights.h5`) and `mlp_old` (the Keras 2.2.4 form +
`mlp_old.h5`), runs `hlsprune prune ARCH.json -o … --objective parameters --sparsity 0.5`, reads
the written `model_pruned.json` with `tf_keras.models.model_from_json` and
`model_pruned_weights.h5` with `load_weights` (Keras 2's weights-only reader), checks that the
weights file has the input's layout (the same `layer_names`, `weight_names` and dataset shapes)
and that pruning zeroed weights, and writes tf-keras's predictions on `<name>.x.npy` as
`pruned/<name>.pruned.y.npy`. `pruned/summary.json` records, per model, the zero weights before
and after and the largest difference from `hlsprune predict` on the same files.
"""
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ["TF_USE_LEGACY_KERAS"] = "1"
os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"

import h5py  # noqa: E402
import numpy as np  # noqa: E402
import tf_keras as keras  # noqa: E402

FOLDER = Path(__file__).resolve().parent.parent / "keras_json"
MODELS = {"mlp": "mlp_weights.h5", "cnn": "cnn_weights.h5", "mlp_old": "mlp_old.h5"}
ARGUMENTS = ["--objective", "parameters", "--sparsity", "0.5"]


def layout(path):
    """layer_names, and each layer's weight_names with their dataset shapes."""
    with h5py.File(path, "r") as file:
        names = [name.decode() if isinstance(name, bytes) else name for name in file.attrs["layer_names"]]
        result = {}
        for name in names:
            group = file[name]
            weights = [w.decode() if isinstance(w, bytes) else w for w in group.attrs["weight_names"]]
            result[name] = [(w, group[w].shape) for w in weights]
        return names, result


def zeros(model):
    return int(sum(np.sum(w == 0) for w in model.get_weights()))


def main(binary):
    out = FOLDER / "pruned"
    out.mkdir(exist_ok=True)
    summary = {"arguments": ARGUMENTS, "models": {}}
    for name, weights in MODELS.items():
        base = name.replace("_old", "")
        x = np.load(FOLDER / f"{base}.x.npy")
        original = keras.models.model_from_json((FOLDER / f"{name}.json").read_text())
        original.load_weights(FOLDER / weights)
        with tempfile.TemporaryDirectory() as folder:
            target = Path(folder) / "out"
            subprocess.run([binary, "prune", str(FOLDER / f"{name}.json"), "-o", str(target), *ARGUMENTS], check=True, capture_output=True)
            pruned_json, pruned_weights = target / "model_pruned.json", target / "model_pruned_weights.h5"
            assert layout(pruned_weights) == layout(FOLDER / weights), f"{name}: the weights file's layout changed"
            model = keras.models.model_from_json(pruned_json.read_text())
            model.load_weights(pruned_weights)
            predictions = model.predict(x, verbose=0).astype(np.float32)
            ours_path = Path(folder) / "ours.npy"
            subprocess.run([binary, "predict", str(pruned_json), "--x", str(FOLDER / f"{base}.x.npy"), "-o", str(ours_path)],
                           check=True, capture_output=True)
            difference = float(np.max(np.abs(np.load(ours_path) - predictions)))
            assert zeros(model) > zeros(original), f"{name}: nothing was pruned"
            np.save(out / f"{name}.pruned.y.npy", predictions)
            summary["models"][name] = {"zeros_before": zeros(original), "zeros_after": zeros(model),
                                       "max_difference_from_hlsprune_predict": difference}
            print(name, summary["models"][name], file=sys.stderr)
    with open(out / "summary.json", "w") as file:
        json.dump(summary, file, indent=1)
        file.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
