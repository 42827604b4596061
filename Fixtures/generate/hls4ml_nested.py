#!/usr/bin/env python3
"""hls4ml 1.3.0 on nested Keras models, through its Keras 2 route (the only one that converts them:
its Keras 3 route fails with "'IsolatedLayerReader' object has no attribute 'model'").

Runs in the Keras 2 environment (`.venv-qkeras`: TF 2.14). For a Sequential inside a Functional model
and a Functional inside a Functional model, saves `Fixtures/hls4ml/nested/<name>.h5` (Keras 2.14) with
a fixed input batch and Keras's predictions, and hls4ml's output beside it: `<name>/weights/*`,
`<name>/hls4ml_config.json` (without Stamp, OutputDir, KerasModel) and `<name>/layers.json` (hls4ml's
layers with their indices).
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
OUT = ROOT / "hls4ml" / "nested"
L = tf.keras.layers


class TagIgnoringLoader(yaml.SafeLoader):
    """Reads hls4ml_config.yml, whose `KerasModel: !keras_model '…'` is dropped anyway."""


TagIgnoringLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def sequential_in_functional():
    inner = tf.keras.Sequential([tf.keras.Input(shape=(8,), name="inner_in"), L.Dense(8, activation="relu", name="inner_fc1"),
                                 L.Dense(4, name="inner_fc2")], name="sub")
    features = tf.keras.Input(shape=(16,), name="features")
    hidden = L.Dense(8, activation="relu", name="fc1")(features)
    return tf.keras.Model(features, L.Activation("softmax", name="softmax")(inner(hidden)), name="sequential_in_functional")


def functional_in_functional():
    inner_in = tf.keras.Input(shape=(8,), name="inner_in")
    inner_out = L.Dense(4, name="inner_fc2")(L.Dense(8, activation="relu", name="inner_fc1")(inner_in))
    inner = tf.keras.Model(inner_in, inner_out, name="subf")
    features = tf.keras.Input(shape=(16,), name="features")
    hidden = L.Dense(8, activation="relu", name="fc1")(features)
    return tf.keras.Model(features, L.Activation("softmax", name="softmax")(inner(hidden)), name="functional_in_functional")


def main():
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True)
    x = np.random.default_rng(13).normal(size=(32, 16)).astype(np.float32)
    np.save(OUT / "x.npy", x)
    for make in (sequential_in_functional, functional_in_functional):
        tf.keras.utils.set_random_seed(4)
        model = make()
        name = model.name
        model.save(OUT / f"{name}.h5")
        np.save(OUT / f"{name}.y.npy", model.predict(x, verbose=0).astype(np.float32))
        config = hls4ml.utils.config_from_keras_model(model, granularity="name", backend="Vitis")
        with tempfile.TemporaryDirectory() as folder:
            hls_model = hls4ml.converters.convert_from_keras_model(model, hls_config=config, output_dir=folder, backend="Vitis")
            hls_model.write()
            shutil.copytree(Path(folder) / "firmware" / "weights", OUT / name / "weights")
            written = yaml.load(Path(folder, "hls4ml_config.yml").read_text(), Loader=TagIgnoringLoader)
        for key in ("Stamp", "OutputDir", "KerasModel"):
            written.pop(key, None)
        (OUT / name / "hls4ml_config.json").write_text(json.dumps(written, indent=1, sort_keys=True) + "\n")
        layers = [{"index": layer.index, "name": layer.name, "class": layer.class_name} for layer in hls_model.get_layers()]
        (OUT / name / "layers.json").write_text(json.dumps(layers, indent=1) + "\n")
        print(name, [(layer["index"], layer["name"]) for layer in layers])


if __name__ == "__main__":
    main()
