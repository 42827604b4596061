#!/usr/bin/env python3
"""hls4ml 1.3.0's compiled firmware (C simulation) on float64 inputs: the oracle of the Firmware emulation.

For each case, converts a Keras model with hls4ml (Vitis, io_parallel), runs `hls_model.compile()`
(g++ on the written project) and `hls_model.predict(x)` with float64 inputs, and writes to
`Fixtures/firmware/<case>/`: `config.json` (the hls_config passed), `types.json` (every layer's
resolved C++ types, as `hls4ml_precedence.py` records them), `x.npy` (float64 inputs), `y.npy`
(hls4ml's float64 outputs) and `keras.npy` (Keras's float32 predictions, for the difference report
printed at the end).
"""
import os
import shutil
import sys
import tempfile
from pathlib import Path

os.environ["KERAS_BACKEND"] = "tensorflow"
os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"

import numpy as np  # noqa: E402
import keras  # noqa: E402
import hls4ml  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from hls4ml_precedence import resolved_types, write_json  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "firmware"
ROWS = 200


def model_precision(precision):
    def edit(config):
        config["Model"]["Precision"] = {"default": precision}
    return edit


def resource_rf4(config):
    config["Model"]["Strategy"] = "Resource"
    for layer in config["LayerName"].values():
        if "ReuseFactor" in layer:
            layer["ReuseFactor"] = 4


CASES = [  # (case, model file, inputs, granularity, edit)
    ("jet_mlp_default", "models/jet_mlp.k2.h5", "models/jet_mlp.x.npy", "name", None),
    ("jet_mlp_model_fixed16_6", "models/jet_mlp.k2.h5", "models/jet_mlp.x.npy", "model", None),
    ("jet_mlp_model_fixed8_3", "models/jet_mlp.k2.h5", "models/jet_mlp.x.npy", "model", model_precision("fixed<8,3>")),
    ("jet_mlp_resource_rf4", "models/jet_mlp.k2.h5", "models/jet_mlp.x.npy", "name", resource_rf4),
    ("jet_trained_default", "trained/jet_trained.keras", "trained/jet_trained.val.x.npy", "name", None),
    ("jet_trained_model_fixed16_6", "trained/jet_trained.keras", "trained/jet_trained.val.x.npy", "model", None),
    ("jet_trained_model_fixed8_3", "trained/jet_trained.keras", "trained/jet_trained.val.x.npy", "model", model_precision("fixed<8,3>")),
]


def run_case(name, model_file, inputs_file, granularity, edit):
    model = keras.models.load_model(ROOT / model_file, compile=False)
    x = np.ascontiguousarray(np.load(ROOT / inputs_file)[:ROWS], dtype=np.float64)
    config = hls4ml.utils.config_from_keras_model(model, granularity=granularity, backend="Vitis")
    if edit:
        edit(config)
    target = OUT / name
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    write_json(target / "config.json", {"model": model_file, "inputs": inputs_file, "rows": ROWS,
                                        "granularity": granularity, "hls_config": config})
    with tempfile.TemporaryDirectory() as folder:
        hls_model = hls4ml.converters.convert_from_keras_model(
            model, hls_config=config, output_dir=folder, backend="Vitis", io_type="io_parallel")
        hls_model.compile()
        y = np.asarray(hls_model.predict(x), dtype=np.float64)
        write_json(target / "types.json", resolved_types(hls_model))
    keras_y = np.asarray(model.predict(x.astype(np.float32), verbose=0))
    np.save(target / "x.npy", x)
    np.save(target / "y.npy", y)
    np.save(target / "keras.npy", keras_y)
    agree = np.mean(np.argmax(y, axis=1) == np.argmax(keras_y, axis=1))
    print(f"{name}: max |firmware - keras| = {np.max(np.abs(y - keras_y)):.4f}, argmax agreement {agree:.3f}")


def main():
    for case in CASES:
        run_case(*case)


if __name__ == "__main__":
    main()
