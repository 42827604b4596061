#!/usr/bin/env python3
"""hls4ml 1.3.0 on every Keras activation layer class: for each one, a small model
Input(8) → Dense(8) → <activation layer> → Dense(4) is saved to `Fixtures/hls4ml/activation_layers/<case>.keras`
with its inputs and Keras predictions, and hls4ml's Keras 3 route (`config_from_keras_model` at name
granularity + `convert_from_keras_model(...).write()`) is recorded beside it: `<case>/weights/`,
`<case>/hls4ml_config.json` (without Stamp, OutputDir, KerasModel). Layers hls4ml refuses are listed
in `refused.json` with its error.
"""
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

os.environ["KERAS_BACKEND"] = "tensorflow"
os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"

import numpy as np  # noqa: E402
import keras  # noqa: E402
import yaml  # noqa: E402
import hls4ml  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from hls4ml_outputs import TagIgnoringLoader  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "hls4ml" / "activation_layers"
CASES = {
    "relu": lambda: keras.layers.ReLU(name="act"),
    "relu_max6": lambda: keras.layers.ReLU(max_value=6.0, name="act"),
    "relu_negative_slope": lambda: keras.layers.ReLU(negative_slope=0.1, name="act"),
    "relu_threshold": lambda: keras.layers.ReLU(threshold=0.5, name="act"),
    "leaky_relu": lambda: keras.layers.LeakyReLU(negative_slope=0.2, name="act"),
    "prelu": lambda: keras.layers.PReLU(name="act", alpha_initializer=keras.initializers.RandomUniform(0.0, 0.5, seed=3)),
    "elu": lambda: keras.layers.ELU(alpha=0.5, name="act"),
    "softmax": lambda: keras.layers.Softmax(name="act"),
    "activation_relu": lambda: keras.layers.Activation("relu", name="act"),
    "activation_sigmoid": lambda: keras.layers.Activation("sigmoid", name="act"),
}


def build(case, make_layer):
    keras.utils.set_random_seed(7)
    inputs = keras.Input((8,), name="x")
    hidden = keras.layers.Dense(8, name="fc1")(inputs)
    hidden = make_layer()(hidden)
    outputs = keras.layers.Dense(4, name="fc2")(hidden)
    return keras.Model(inputs, outputs, name=case)


def main():
    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir(parents=True)
    refused = {}
    x = np.random.default_rng(11).normal(size=(32, 8)).astype(np.float32)
    np.save(OUT / "x.npy", x)
    for case, make_layer in CASES.items():
        model = build(case, make_layer)
        model.save(OUT / f"{case}.keras")
        np.save(OUT / f"{case}.y.npy", model.predict(x, verbose=0).astype(np.float32))
        try:
            config = hls4ml.utils.config_from_keras_model(model, granularity="name", backend="Vitis")
            with tempfile.TemporaryDirectory() as folder:
                hls_model = hls4ml.converters.convert_from_keras_model(model, hls_config=config, output_dir=folder, backend="Vitis")
                hls_model.write()
                shutil.copytree(Path(folder) / "firmware" / "weights", OUT / case / "weights")
                with open(Path(folder) / "hls4ml_config.yml") as file:
                    written = yaml.load(file, Loader=TagIgnoringLoader)
        except Exception as error:  # hls4ml's refusals are recorded, not worked around
            refused[case] = f"{type(error).__name__}: {error}"
            print(case, "refused:", refused[case], file=sys.stderr)
            continue
        for key in ("Stamp", "OutputDir", "KerasModel"):
            written.pop(key, None)
        with open(OUT / case / "hls4ml_config.json", "w") as file:
            json.dump(written, file, indent=1, sort_keys=True)
            file.write("\n")
        print(case, "converted", file=sys.stderr)
    with open(OUT / "refused.json", "w") as file:
        json.dump(refused, file, indent=1, sort_keys=True)
        file.write("\n")


if __name__ == "__main__":
    main()
