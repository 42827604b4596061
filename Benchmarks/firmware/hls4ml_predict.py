#!/usr/bin/env python3
"""hls4ml's own route to firmware outputs, as one process: convert a Keras model (name granularity,
Vitis, io_parallel), compile() the project with g++, predict() float64 inputs, save the outputs.

Usage: hls4ml_predict.py MODEL.h5 X.npy OUT.npy [CONFIG.json]

CONFIG.json may give a Model block (its ReuseFactor becomes config_from_keras_model's
default_reuse_factor, its Strategy the model's) and LayerName entries laid over the generated ones
(`Precision` entries merged), as `hlsprune --config` lays them.
"""
import json
import os
import sys
import tempfile

os.environ["KERAS_BACKEND"] = "tensorflow"
os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"

import numpy as np  # noqa: E402
import keras  # noqa: E402
import hls4ml  # noqa: E402


def main():
    model_file, inputs_file, output_file = sys.argv[1:4]
    model = keras.models.load_model(model_file, compile=False)
    overlay = {}
    if len(sys.argv) > 4:
        with open(sys.argv[4]) as file:
            overlay = json.load(file)
    model_block = overlay.get("Model", {})
    config = hls4ml.utils.config_from_keras_model(model, granularity="name", backend="Vitis",
                                                  default_reuse_factor=model_block.get("ReuseFactor", 1))
    if "Strategy" in model_block:
        config["Model"]["Strategy"] = model_block["Strategy"]
    for layer, entries in overlay.get("LayerName", {}).items():
        for key, value in entries.items():
            if key == "Precision":
                config["LayerName"][layer].setdefault("Precision", {}).update(value)
            else:
                config["LayerName"][layer][key] = value
    with tempfile.TemporaryDirectory() as folder:
        hls_model = hls4ml.converters.convert_from_keras_model(
            model, hls_config=config, output_dir=folder, backend="Vitis", io_type="io_parallel")
        hls_model.compile()
        y = hls_model.predict(np.ascontiguousarray(np.load(inputs_file), dtype=np.float64))
    np.save(output_file, np.asarray(y, dtype=np.float64))


if __name__ == "__main__":
    main()
