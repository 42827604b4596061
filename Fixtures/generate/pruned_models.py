#!/usr/bin/env python3
"""Checks with real Keras that the pruned models hlsprune writes load and predict, and stores the
predictions for the Swift tests (`Fixtures/pruned/`).

usage: pruned_models.py HLSPRUNE

For each model below and each variant (`pruned`: `--objective parameters --sparsity 0.6`;
`reduced`: `--objective gpu-flops --local --reduce`), runs `hlsprune prune MODEL -o …`, loads
`model_pruned.h5`/`.keras` with Keras 3 (and, for Keras 2 files, with tf_keras too), predicts the
fixture's input batch, and writes `<model file>.<variant>.k3.y.npy` (and `.k2.y.npy`). The Swift
test recomputes the same models and compares its forward pass with these predictions.
"""
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ["TF_USE_LEGACY_KERAS"] = "1"
os.environ["KERAS_BACKEND"] = "tensorflow"
os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"

import numpy as np  # noqa: E402
import keras  # noqa: E402
import tf_keras  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
MODELS = ["jet_mlp.k2.h5", "jet_mlp.k3.h5", "jet_mlp.keras", "jet_mlp_bn.k2.h5", "cnn2d.k2.h5", "conv1d.k3.h5", "conv1d.keras"]
# ONNX inputs per variant: pruned weights written back (external data included), and reduced
# models exported afresh.
ONNX_MODELS = {"pruned": ["mlp_raw.onnx", "mlp_float_data.onnx", "jet_mlp.tf2onnx.onnx", "mlp_external.onnx"],
               "reduced": ["jet_mlp.tf2onnx.onnx", "cnn_nchw.onnx"]}
# Masked kernels (same shapes), and reduced models (zero neurons/filters removed, config rewritten).
VARIANTS = {"pruned": ["--objective", "parameters", "--sparsity", "0.6"],
            "reduced": ["--objective", "gpu-flops", "--local", "--reduce"]}


def main(binary):
    out = ROOT / "pruned"
    out.mkdir(exist_ok=True)
    summary = {"variants": VARIANTS, "models": {}}
    for (variant, arguments), name in ((v, m) for v in VARIANTS.items() for m in MODELS):
        base = name.split(".")[0]
        x = np.load(ROOT / "models" / f"{base}.x.npy")
        with tempfile.TemporaryDirectory() as folder:
            target = Path(folder) / "out"
            subprocess.run([binary, "prune", str(ROOT / "models" / name), "-o", str(target), *arguments],
                           check=True, capture_output=True)
            pruned = target / ("model_pruned.keras" if name.endswith(".keras") else "model_pruned.h5")
            loaders = {"k3": lambda p: keras.models.load_model(p, compile=False)}
            if name.endswith(".k2.h5"):
                loaders["k2"] = lambda p: tf_keras.models.load_model(p, compile=False)
            entry = {}
            for flavour, load in loaders.items():
                try:
                    model = load(str(pruned))
                except Exception as error:  # acceptable only when Keras cannot load the original either
                    try:
                        load(str(ROOT / "models" / name))
                    except Exception:
                        entry[flavour] = {"loads": False, "original_loads": False, "error": type(error).__name__}
                        continue
                    raise
                predictions = model.predict(x, verbose=0).astype(np.float32)
                np.save(out / f"{name}.{variant}.{flavour}.y.npy", predictions)
                zeros = sum(int((w == 0).sum()) for layer in model.layers for w in layer.get_weights()[:1])
                entry[flavour] = {"loads": True, "first_weight_zeros": zeros, "parameters": int(model.count_params())}
            summary["models"][f"{name}.{variant}"] = entry
            print(variant, name, entry, file=sys.stderr)
    # ONNX input: the written file passes onnx.checker and onnxruntime predicts it.
    import onnx
    import onnxruntime
    for variant, names in ONNX_MODELS.items():
        for name in names:
            base = name[: -len(".onnx")]
            x = np.load(ROOT / "onnx" / f"{base}.x.npy")
            with tempfile.TemporaryDirectory() as folder:
                target = Path(folder) / "out"
                subprocess.run([binary, "prune", str(ROOT / "onnx" / name), "-o", str(target), *VARIANTS[variant]],
                               check=True, capture_output=True)
                pruned = target / "model_pruned.onnx"
                onnx.checker.check_model(str(pruned))  # by path, so external data is checked in place
                session = onnxruntime.InferenceSession(str(pruned), providers=["CPUExecutionProvider"])
                y = session.run(None, {session.get_inputs()[0].name: x})[0].astype(np.float32)
                np.save(out / f"{name}.{variant}.ort.y.npy", y)
                summary["models"][f"{name}.{variant}"] = {"ort": {"loads": True, "checker": True}}
                print(variant, name, "onnx.checker and onnxruntime ok", file=sys.stderr)
    with open(out / "summary.json", "w") as file:
        json.dump(summary, file, indent=1, sort_keys=True)
        file.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
