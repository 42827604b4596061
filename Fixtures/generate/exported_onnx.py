#!/usr/bin/env python3
"""Checks the ONNX files `hlsprune convert MODEL.k3.h5 OUT.onnx` exports: onnx.checker accepts them
and onnxruntime predicts what Keras 3 predicted for the fixture batch (within 1e-4). Stores the
onnxruntime outputs in `Fixtures/onnx/exported/<model>.ort.y.npy` for the Swift tests.

Also the other way: `hlsprune convert X.onnx X.h5` for ONNX fixtures, loaded by Keras 3, must predict
what onnxruntime does (within 1e-5); Keras's outputs go to `Fixtures/onnx/keras/<name>.keras3.y.npy`.

usage: exported_onnx.py HLSPRUNE
"""
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import onnx
import onnxruntime

ROOT = Path(__file__).resolve().parent.parent
ONNX_TO_KERAS = ["mlp_raw", "mlp_float_data", "mlp_decorated", "cnn_nchw", "jet_mlp.tf2onnx", "jet_mlp_bn.tf2onnx",
                 "global_pooling2d.tf2onnx"]
MODELS = ["activations", "bias_dense", "branches", "cnn2d", "conv1d", "dense_no_bias", "global_pooling2d",
          "implicit_input", "jet_mlp", "jet_mlp_bn", "nested"]


def main(binary):
    out = ROOT / "onnx" / "exported"
    out.mkdir(parents=True, exist_ok=True)
    summary = {}
    for name in MODELS:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"{name}.onnx"
            subprocess.run([binary, "convert", str(ROOT / "models" / f"{name}.k3.h5"), str(path)], check=True)
            model = onnx.load(path)
            onnx.checker.check_model(model, full_check=True)
            session = onnxruntime.InferenceSession(str(path), providers=["CPUExecutionProvider"])
            x = np.load(ROOT / "models" / f"{name}.x.npy")
            y = session.run(None, {session.get_inputs()[0].name: x})[0].astype(np.float32)
            keras = np.load(ROOT / "models" / f"{name}.k3.y.npy")
            difference = float(np.abs(y - keras).max())
            if difference > 1e-4:
                raise SystemExit(f"{name}: onnxruntime on the exported model differs from Keras by {difference}")
            np.save(out / f"{name}.ort.y.npy", y)
            summary[name] = {"checker": True, "nodes": len(model.graph.node), "max_difference_from_keras": difference}
            print(name, summary[name], file=sys.stderr)
    # ONNX → Keras: `hlsprune convert X.onnx X.h5`, loaded by Keras 3, must predict what onnxruntime does.
    import os
    os.environ["KERAS_BACKEND"] = "tensorflow"
    import keras
    keras_out = ROOT / "onnx" / "keras"
    keras_out.mkdir(parents=True, exist_ok=True)
    for name in ONNX_TO_KERAS:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"{name}.h5"
            subprocess.run([binary, "convert", str(ROOT / "onnx" / f"{name}.onnx"), str(path)], check=True)
            model = keras.models.load_model(path, compile=False)
            x = np.load(ROOT / "onnx" / f"{name}.x.npy")
            y = model.predict(x, verbose=0).astype(np.float32)
            difference = float(np.abs(y - np.load(ROOT / "onnx" / f"{name}.ort.y.npy")).max())
            if difference > 1e-5:
                raise SystemExit(f"{name}: Keras on the converted model differs from onnxruntime by {difference}")
            np.save(keras_out / f"{name}.keras3.y.npy", y)
            summary[f"{name}.h5"] = {"keras3_loads": True, "max_difference_from_onnxruntime": difference}
            print(name, summary[f"{name}.h5"], file=sys.stderr)
    with open(out / "summary.json", "w") as file:
        json.dump(summary, file, indent=1, sort_keys=True)
        file.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
