#!/usr/bin/env python3
"""hls4ml 1.3.0 on Keras 2's ThresholdedReLU layer class (Keras 3 has none), through its Keras 2 route.

Runs in the Keras 2 environment (`.venv-qkeras`: TF 2.14). Saves
`Fixtures/hls4ml/activation_layers/thresholded_relu.k2.h5` — Input(8) → Dense(8) → ThresholdedReLU(0.2)
→ Dense(4) — with Keras's predictions on the folder's `x.npy` (`thresholded_relu.k2.y.npy`), and
hls4ml's output in `thresholded_relu_k2/`: `weights/*`, `hls4ml_config.json`.
"""
import json
import os
import shutil
import tempfile
from pathlib import Path

os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
os.environ["PROTOCOL_BUFFERS_PYTHON_IMPLEMENTATION"] = "python"

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
import yaml  # noqa: E402
import hls4ml  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "hls4ml" / "activation_layers"


class TagIgnoringLoader(yaml.SafeLoader):
    """Reads hls4ml_config.yml, whose `KerasModel: !keras_model '…'` is dropped anyway."""


TagIgnoringLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def main():
    tf.keras.utils.set_random_seed(7)
    inputs = tf.keras.Input((8,), name="x")
    hidden = tf.keras.layers.ThresholdedReLU(theta=0.2, name="act")(tf.keras.layers.Dense(8, name="fc1")(inputs))
    model = tf.keras.Model(inputs, tf.keras.layers.Dense(4, name="fc2")(hidden), name="thresholded_relu")
    model.save(OUT / "thresholded_relu.k2.h5")
    np.save(OUT / "thresholded_relu.k2.y.npy", model.predict(np.load(OUT / "x.npy"), verbose=0).astype(np.float32))
    config = hls4ml.utils.config_from_keras_model(model, granularity="name", backend="Vitis")
    target = OUT / "thresholded_relu_k2"
    shutil.rmtree(target, ignore_errors=True)
    with tempfile.TemporaryDirectory() as folder:
        hls_model = hls4ml.converters.convert_from_keras_model(model, hls_config=config, output_dir=folder, backend="Vitis")
        hls_model.write()
        shutil.copytree(Path(folder) / "firmware" / "weights", target / "weights")
        written = yaml.load(Path(folder, "hls4ml_config.yml").read_text(), Loader=TagIgnoringLoader)
    for key in ("Stamp", "OutputDir", "KerasModel"):
        written.pop(key, None)
    (target / "hls4ml_config.json").write_text(json.dumps(written, indent=1, sort_keys=True) + "\n")
    print([(layer.index, layer.name, layer.class_name) for layer in hls_model.get_layers()])


if __name__ == "__main__":
    main()
