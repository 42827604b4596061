#!/usr/bin/env python3
"""One optimizer step of QKeras 0.9 (Keras 2, TF 2.14) on the QKeras fixtures, for training through
quantizers: the forward pass uses the quantized weights and activations, and the gradients reach the
float kernels through QKeras's straight-through estimators.

Runs in the QKeras environment (`.venv-qkeras`). For each model of `MODELS`, on its fixture batch
(`<model>.x.npy`) with one-hot labels drawn with a fixed seed (stored as `<model>.labels.npy` in
`Fixtures/training/qkeras`), writes to `Fixtures/training/qkeras/steps.h5` per model and optimizer
(`sgd`: learning rate 0.01, momentum 0.9, Nesterov; `adam`: learning rate 0.001) the float weights
after one `train_on_batch` with categorical cross-entropy, as `/<model>/<optimizer>/<layer>/<weight>`,
and the loss QKeras reported as an attribute.
"""
import os
from pathlib import Path

os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
os.environ["TF_ENABLE_ONEDNN_OPTS"] = "0"

import h5py  # noqa: E402
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
from qkeras.utils import _add_supported_quantized_objects  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "training" / "qkeras"
MODELS = ["qjet_6bit", "qmixed_mlp", "qcnn2d"]


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    objects = {}
    _add_supported_quantized_objects(objects)
    optimizers = {"sgd": lambda: tf.keras.optimizers.SGD(learning_rate=0.01, momentum=0.9, nesterov=True),
                  "adam": lambda: tf.keras.optimizers.Adam(learning_rate=0.001)}
    with h5py.File(OUT / "steps.h5", "w") as file:
        for name in MODELS:
            x = np.load(ROOT / "qkeras" / f"{name}.x.npy")
            probe = tf.keras.models.load_model(ROOT / "qkeras" / f"{name}.h5", custom_objects=objects, compile=False)
            classes = probe.output_shape[-1]
            labels = np.eye(classes, dtype=np.float32)[np.random.default_rng(5).integers(0, classes, size=len(x))]
            np.save(OUT / f"{name}.labels.npy", labels)
            for optimizer, make in optimizers.items():
                model = tf.keras.models.load_model(ROOT / "qkeras" / f"{name}.h5", custom_objects=objects, compile=False)
                model.compile(optimizer=make(), loss="categorical_crossentropy")
                loss = model.train_on_batch(x, labels)
                group = file.create_group(f"{name}/{optimizer}")
                group.attrs["loss"] = float(loss)
                for layer in model.layers:
                    for variable in layer.weights:
                        weight = variable.name.split("/")[-1].split(":")[0]
                        group.create_dataset(f"{layer.name}/{weight}", data=np.asarray(variable.numpy(), dtype=np.float32))
                print(name, optimizer, "loss", float(loss))


if __name__ == "__main__":
    main()
