#!/usr/bin/env python3
"""Checks the Keras files `hlsprune convert` writes: Keras 3 loads each one and predicts what the
source model predicts (Keras 3 for Keras sources, onnxruntime for ONNX sources) within 1e-5.

Routes: `.k2.h5 → .keras`, `.k3.h5 → .keras` and `.keras → .h5` for every Keras fixture in
Fixtures/models, `.onnx → .keras` for the ONNX fixtures. Keras's predictions on each converted file
go to `Fixtures/converted/<source file>.<target extension>.y.npy`; `summary.json` lists every route
with the largest difference, or the message hlsprune refused it with (models a Keras 3 file cannot
hold, such as Keras 2's hard sigmoid of slope 0.2).

usage: keras_conversions.py HLSPRUNE
"""
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ["KERAS_BACKEND"] = "tensorflow"
os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"

import numpy as np  # noqa: E402
import keras  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "converted"
MODELS = ["activations", "bias_dense", "branches", "cnn2d", "conv1d", "dense_no_bias", "global_pooling2d",
          "implicit_input", "jet_mlp", "jet_mlp_bn", "nested"]
ONNX = ["mlp_raw", "mlp_float_data", "mlp_decorated", "cnn_nchw", "jet_mlp.tf2onnx", "jet_mlp_bn.tf2onnx",
        "global_pooling2d.tf2onnx"]


def routes():
    for name in MODELS:
        expected = ROOT / "models" / f"{name}.k3.y.npy"
        inputs = ROOT / "models" / f"{name}.x.npy"
        yield ROOT / "models" / f"{name}.k2.h5", "keras", inputs, expected
        yield ROOT / "models" / f"{name}.k3.h5", "keras", inputs, expected
        yield ROOT / "models" / f"{name}.keras", "h5", inputs, expected
    for name in ONNX:
        yield ROOT / "onnx" / f"{name}.onnx", "keras", ROOT / "onnx" / f"{name}.x.npy", ROOT / "onnx" / f"{name}.ort.y.npy"


def main(binary):
    OUT.mkdir(parents=True, exist_ok=True)
    summary = {}
    for source, target, inputs, expected in routes():
        key = f"{source.name}.{target}"
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"converted.{target}"
            run = subprocess.run([binary, "convert", str(source), str(path)], capture_output=True, text=True)
            if run.returncode != 0:
                summary[key] = {"refused": run.stderr.strip().splitlines()[0]}
                print(key, summary[key], file=sys.stderr)
                continue
            model = keras.models.load_model(path, compile=False)
            y = np.asarray(model.predict(np.load(inputs), verbose=0), dtype=np.float32)
            difference = float(np.abs(y - np.load(expected)).max())
            if difference > 1e-5:
                raise SystemExit(f"{key}: Keras on the converted model differs from the source's predictions by {difference}")
            np.save(OUT / f"{key}.y.npy", y)
            summary[key] = {"keras3_loads": True, "max_difference": difference}
            print(key, summary[key], file=sys.stderr)
    with open(OUT / "summary.json", "w") as file:
        json.dump(summary, file, indent=1, sort_keys=True)
        file.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
