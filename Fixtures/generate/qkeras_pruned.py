#!/usr/bin/env python3
"""QKeras loads what `hlsprune prune` writes for QKeras models, and predicts the fixture batch.

Usage: qkeras_pruned.py HLSPRUNE (in the QKeras environment, `.venv-qkeras`). For each model of
`Fixtures/qkeras` runs `HLSPRUNE prune <model>.h5 --objective parameters --sparsity 0.6`, loads the
written `model_pruned.h5` with QKeras 0.9 (Keras 2), checks every Q layer and quantizer survived, and
stores its predictions on `<model>.x.npy` as `Fixtures/qkeras/pruned/<model>.y.npy`. Models hlsprune
refuses to prune are reported and skipped. With `--keras3` (the main environment with qkeras-v3 on
`PYTHONPATH`) it does the same for `Fixtures/qkeras/keras3/*.h5` and `*.keras`, loading with Keras 3,
and writes `Fixtures/qkeras/keras3/pruned/<model>.h5.y.npy` / `<model>.keras.y.npy`.
"""
import json
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"

import h5py  # noqa: E402
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
from qkeras.utils import _add_supported_quantized_objects  # noqa: E402

KERAS3 = "--keras3" in sys.argv
ROOT = Path(__file__).resolve().parent.parent / "qkeras" / ("keras3" if KERAS3 else "")


def layer_configs(path):
    if path.suffix == ".keras":
        with zipfile.ZipFile(path) as archive:
            config = json.loads(archive.read("config.json"))
    else:
        config = json.loads(h5py.File(path, "r").attrs["model_config"])
    return [(layer["class_name"], {k: v for k, v in layer["config"].items() if "quantizer" in k or k == "activation"})
            for layer in config["config"]["layers"]]


def main():
    hlsprune = [arg for arg in sys.argv[1:] if not arg.startswith("--")][0]
    custom = {}
    _add_supported_quantized_objects(custom)
    (ROOT / "pruned").mkdir(exist_ok=True)
    sources = sorted(ROOT.glob("*.h5")) + (sorted(ROOT.glob("*.keras")) if KERAS3 else [])
    for source in sources:
        name = source.stem
        with tempfile.TemporaryDirectory() as folder:
            run = subprocess.run([hlsprune, "prune", str(source), "-o", f"{folder}/out", "--objective", "parameters",
                                  "--sparsity", "0.6"], capture_output=True, text=True)
            if run.returncode != 0:
                print(f"{name}: hlsprune refused: {run.stderr.strip()}")
                continue
            written = Path(folder, "out", "model_pruned" + source.suffix)
            if layer_configs(written) != layer_configs(source):
                sys.exit(f"{name}: the pruned file's layers or quantizers differ from the original's")
            model = tf.keras.models.load_model(written, custom_objects=custom, compile=False)
            y = model.predict(np.load(ROOT / f"{name}.x.npy"), verbose=0).astype(np.float32)
        np.save(ROOT / "pruned" / (f"{source.name}.y.npy" if KERAS3 else f"{name}.y.npy"), y)
        print(name, "done")


if __name__ == "__main__":
    main()
