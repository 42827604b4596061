#!/usr/bin/env python3
"""Checks with tf-keras that the pruned JSON + weights models hlsprune writes load, and stores
their predictions for the Swift tests (`Fixtures/keras_json/pruned/`).

usage: keras_json_pruned.py HLSPRUNE

For `mlp`, `cnn`, `qmlp` (QKeras; architecture JSON + `<name>_weights.h5`) and `mlp_old` (the
Keras 2.2.4 form + `mlp_old.h5`), and each variant (`pruned`: `--objective parameters --sparsity 0.5`; `reduced`:
`--objective gpu-flops --local --reduce`), runs `hlsprune prune ARCH.json -o …`, reads the
written `model_pruned.json` with `tf_keras.models.model_from_json` and `model_pruned_weights.h5`
with `load_weights` (Keras 2's weights-only reader), checks that the weights file has the input's
layout (the same `layer_names` and `weight_names`; the same dataset shapes unless reduced) and
that weights were zeroed (or removed), and writes tf-keras's predictions on `<name>.x.npy` as
`pruned/<name>.<variant>.y.npy`. `pruned/summary.json` records, per model and variant, zero
weights and parameters before and after and the largest difference from `hlsprune predict`.
The Keras 3 pair `k3_mlp` is pruned too; its weights come back as `model_pruned.weights.h5`, which
Keras 3's `load_weights` reads (`pruned/k3_mlp.pruned.y.npy`).
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
from qkeras.utils import _add_supported_quantized_objects  # noqa: E402

CUSTOM_OBJECTS = {}
_add_supported_quantized_objects(CUSTOM_OBJECTS)

FOLDER = Path(__file__).resolve().parent.parent / "keras_json"
MODELS = {"mlp": "mlp_weights.h5", "cnn": "cnn_weights.h5", "mlp_old": "mlp_old.h5", "qmlp": "qmlp_weights.h5"}
# Masked weights (same shapes), and reduced models (zero neurons/filters removed, the JSON rewritten).
VARIANTS = {"pruned": ["--objective", "parameters", "--sparsity", "0.5"],
            "reduced": ["--objective", "gpu-flops", "--local", "--reduce"]}


def layout(path, shapes=True):
    """layer_names, and each layer's weight_names (with their dataset shapes)."""
    with h5py.File(path, "r") as file:
        names = [name.decode() if isinstance(name, bytes) else name for name in file.attrs["layer_names"]]
        result = {}
        for name in names:
            group = file[name]
            weights = [w.decode() if isinstance(w, bytes) else w for w in group.attrs["weight_names"]]
            result[name] = [(w, group[w].shape) if shapes else w for w in weights]
        return names, result


def zeros(model):
    return int(sum(np.sum(w == 0) for w in model.get_weights()))


def main(binary):
    out = FOLDER / "pruned"
    out.mkdir(exist_ok=True)
    summary = {"variants": VARIANTS, "models": {}}
    for (variant, arguments), (name, weights) in ((v, m) for v in VARIANTS.items() for m in MODELS.items()):
        base = name.replace("_old", "")
        x = np.load(FOLDER / f"{base}.x.npy")
        original = keras.models.model_from_json((FOLDER / f"{name}.json").read_text(), custom_objects=CUSTOM_OBJECTS)
        original.load_weights(FOLDER / weights)
        with tempfile.TemporaryDirectory() as folder:
            target = Path(folder) / "out"
            subprocess.run([binary, "prune", str(FOLDER / f"{name}.json"), "-o", str(target), *arguments], check=True, capture_output=True)
            pruned_json, pruned_weights = target / "model_pruned.json", target / "model_pruned_weights.h5"
            same_shapes = variant == "pruned"
            assert layout(pruned_weights, same_shapes) == layout(FOLDER / weights, same_shapes), f"{name}: the weights file's layout changed"
            model = keras.models.model_from_json(pruned_json.read_text(), custom_objects=CUSTOM_OBJECTS)
            model.load_weights(pruned_weights)
            predictions = model.predict(x, verbose=0).astype(np.float32)
            ours_path = Path(folder) / "ours.npy"
            subprocess.run([binary, "predict", str(pruned_json), "--x", str(FOLDER / f"{base}.x.npy"), "-o", str(ours_path)],
                           check=True, capture_output=True)
            difference = float(np.max(np.abs(np.load(ours_path) - predictions)))
            if same_shapes:
                assert zeros(model) > zeros(original), f"{name}: nothing was pruned"
            else:
                assert model.count_params() < original.count_params(), f"{name}: nothing was removed"
            np.save(out / f"{name}.{variant}.y.npy", predictions)
            summary["models"][f"{name}.{variant}"] = {"zeros_before": zeros(original), "zeros_after": zeros(model),
                                                     "parameters_before": original.count_params(), "parameters_after": model.count_params(),
                                                     "max_difference_from_hlsprune_predict": difference}
            print(name, variant, summary["models"][f"{name}.{variant}"], file=sys.stderr)
    summary["models"]["k3_mlp.pruned"] = keras3_pruned(binary, out)
    with open(out / "summary.json", "w") as file:
        json.dump(summary, file, indent=1)
        file.write("\n")


def keras3_pruned(binary, out):
    """The Keras 3 pair: pruned weights written as `model_pruned.weights.h5`, which Keras 3's
    `load_weights` reads into `model_from_json` of the written JSON."""
    import keras as keras3

    x = np.load(FOLDER / "k3_mlp.x.npy")
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "out"
        subprocess.run([binary, "prune", str(FOLDER / "k3_mlp.json"), "--weights", str(FOLDER / "k3_mlp.weights.h5"), "-o", str(target),
                        *VARIANTS["pruned"]], check=True, capture_output=True)
        model = keras3.models.model_from_json((target / "model_pruned.json").read_text())
        model.load_weights(target / "model_pruned.weights.h5")
        predictions = model.predict(x, verbose=0).astype(np.float32)
        zeroed = int(sum(np.sum(w == 0) for w in model.get_weights()))
        assert zeroed > 0, "k3_mlp: nothing was pruned"
        np.save(out / "k3_mlp.pruned.y.npy", predictions)
        return {"zeros_after": zeroed, "parameters_after": model.count_params()}


if __name__ == "__main__":
    main(sys.argv[1])
