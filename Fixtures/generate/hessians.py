#!/usr/bin/env python3
"""hls4ml 1.3.0's own `get_model_hessians` and saliency masks on the trained jet MLP, for the Swift
saliency tests.

`Fixtures/training/jet_trained.hessians.h5` holds, per layer with a kernel, the dataset `/<layer>`:
what hls4ml ranks `saliency` with (`tape.gradient(tape.gradient(loss, kernel), kernel)` on the full
training set, inference mode, categorical cross-entropy without the regularisation terms). TF
differentiates the kernel gradient through its sum, so this is each weight's Hessian row sum over its
own kernel, Σ_j ∂²L/∂w_i∂w_j, not the diagonal (behaviour doc §1.9).

`Fixtures/masks/jet_trained.saliency.masks.json` holds hls4ml's `get_model_masks(..., metric='saliency',
hessians=...)` for the DSP objective at 50 % sparsity, Resource RF 4, in the format of
`jet_mlp.masks.json` (masks.py builds the attributes the same way).

The model is `jet_trained.keras` rebuilt in tf_keras (hls4ml's optimization API needs it) with the
same weights.
"""
import os
from pathlib import Path

os.environ["TF_USE_LEGACY_KERAS"] = "1"
os.environ["PROTOCOL_BUFFERS_PYTHON_IMPLEMENTATION"] = "python"  # keras-tuner 1.1.3 needs it
os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
os.environ["TF_ENABLE_ONEDNN_OPTS"] = "0"
os.environ["KERAS_BACKEND"] = "tensorflow"

import json  # noqa: E402
import sys  # noqa: E402

import h5py  # noqa: E402
import keras  # noqa: E402
import numpy as np  # noqa: E402
import tf_keras  # noqa: E402
from hls4ml.optimization.dsp_aware_pruning.keras.masking import get_model_masks  # noqa: E402
from hls4ml.optimization.dsp_aware_pruning.keras.utils import get_model_hessians  # noqa: E402
from hls4ml.optimization.dsp_aware_pruning.objectives.vivado_objectives import VivadoDSPEstimator  # noqa: E402
from masks import PRECISION, STRUCTURES, attributes, bits  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def legacy_copy(model):
    """The Keras 3 Sequential MLP as a tf_keras model with the same layer names and weights."""
    layers = [tf_keras.Input(shape=model.input_shape[1:], name="input_1")]
    for layer in model.layers:
        if isinstance(layer, keras.layers.Dense):
            layers.append(tf_keras.layers.Dense(layer.units, name=layer.name))
        else:
            layers.append(tf_keras.layers.Activation(layer.get_config()["activation"], name=layer.name))
    copy = tf_keras.Sequential(layers)
    for original, legacy in zip(model.layers, copy.layers):
        legacy.set_weights(original.get_weights())
    return copy


def main():
    model = keras.models.load_model(ROOT / "trained" / "jet_trained.keras", compile=False)
    x = np.load(ROOT / "trained" / "jet_trained.train.x.npy")
    y = np.load(ROOT / "trained" / "jet_trained.train.y.npy")
    legacy = legacy_copy(model)
    assert np.allclose(legacy.predict(x[:64], verbose=0), model.predict(x[:64], verbose=0), atol=1e-6)
    hessians = get_model_hessians(legacy, tf_keras.losses.CategoricalCrossentropy(), x, y)
    out = ROOT / "training"
    out.mkdir(exist_ok=True)
    with h5py.File(out / "jet_trained.hessians.h5", "w") as file:
        for name, value in hessians.items():
            file.create_dataset(name, data=np.asarray(value, dtype=np.float32))
            print(name, value.shape, "max |row sum|", float(np.max(np.abs(value))))
    cases = []
    for structure_name, structure in STRUCTURES.items():
        for local in (True, False):
            attrs = attributes(legacy, VivadoDSPEstimator, structure, "Resource", 4)
            masks, _ = get_model_masks(legacy, attrs, 0.5, VivadoDSPEstimator, metric="saliency", local=local, hessians=hessians)
            layers = [{"name": name, "optimizable": bool(attrs[name].optimizable),
                       "resources": [int(r) for r in VivadoDSPEstimator.layer_resources(attrs[name])],
                       "savings": [int(s) for s in VivadoDSPEstimator.layer_savings(attrs[name])] if attrs[name].optimizable else None,
                       "kept_weights": int(np.asarray(mask).sum()), "mask": bits(mask)}
                      for name, mask in masks.items()]
            cases.append({"objective": "dsp", "structure": structure_name, "sparsity": 0.5, "local": local,
                          "strategy": "Resource", "reuse_factor": 4, "layers": layers})
            print(structure_name, "local" if local else "global", [layer["kept_weights"] for layer in layers], file=sys.stderr)
    with open(ROOT / "masks" / "jet_trained.saliency.masks.json", "w") as file:
        json.dump({"model": "trained/jet_trained.keras", "precision": PRECISION, "metric": "saliency",
                   "hessians": "training/jet_trained.hessians.h5", "knapsack_solver": "CBC_MIP", "cases": cases}, file, indent=1)
        file.write("\n")


if __name__ == "__main__":
    main()
