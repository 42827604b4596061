#!/usr/bin/env python3
"""QKeras loads what `hlsprune prune` writes for QKeras models, and predicts the fixture batch.

Usage: qkeras_pruned.py HLSPRUNE (in the QKeras environment, `.venv-qkeras`). For each model of
`Fixtures/qkeras` runs `HLSPRUNE prune <model>.h5 --objective parameters --sparsity 0.6`, loads the
written `model_pruned.h5` with QKeras 0.9 (Keras 2), checks every Q layer and quantizer survived, and
stores its predictions on `<model>.x.npy` as `Fixtures/qkeras/pruned/<model>.y.npy`. Models hlsprune
refuses to prune are reported and skipped.
"""
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"

import h5py  # noqa: E402
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
import qkeras  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent / "qkeras"


def layer_configs(path):
    config = json.loads(h5py.File(path, "r").attrs["model_config"])
    return [(layer["class_name"], {k: v for k, v in layer["config"].items() if "quantizer" in k or k == "activation"})
            for layer in config["config"]["layers"]]


def main():
    hlsprune = sys.argv[1]
    custom = {}
    qkeras.utils._add_supported_quantized_objects(custom)
    (ROOT / "pruned").mkdir(exist_ok=True)
    for source in sorted(ROOT.glob("*.h5")):
        name = source.stem
        with tempfile.TemporaryDirectory() as folder:
            run = subprocess.run([hlsprune, "prune", str(source), "-o", f"{folder}/out", "--objective", "parameters",
                                  "--sparsity", "0.6"], capture_output=True, text=True)
            if run.returncode != 0:
                print(f"{name}: hlsprune refused: {run.stderr.strip()}")
                continue
            written = Path(folder, "out", "model_pruned.h5")
            if layer_configs(written) != layer_configs(source):
                sys.exit(f"{name}: the pruned file's layers or quantizers differ from the original's")
            model = tf.keras.models.load_model(written, custom_objects=custom, compile=False)
            y = model.predict(np.load(ROOT / f"{name}.x.npy"), verbose=0).astype(np.float32)
        np.save(ROOT / "pruned" / f"{name}.y.npy", y)
        print(name, "done")


if __name__ == "__main__":
    main()
