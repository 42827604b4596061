#!/usr/bin/env python3
"""A trained jet-tagging MLP for the fine-tuning tests and `make demo` (`Fixtures/trained/jet_trained.*`).

The data are synthetic but learnable like jet tagging: 5 classes, 16 features from class-dependent
Gaussian mixtures with overlap (a fixed seed). The architecture is the jet MLP fixture's (16-64-32-32-5,
ReLU, softmax, L1 1e-4 on the hidden kernels), trained with Adam for 30 epochs in Keras 3 and saved as
`.keras` and Keras 3 `.h5`. Data: `jet_trained.train.x.npy`/`.y.npy` (8 000 samples, one-hot labels)
and `jet_trained.val.x.npy`/`.y.npy` (2 000), float32.
"""
import os
from pathlib import Path

os.environ["KERAS_BACKEND"] = "tensorflow"
os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
os.environ["TF_ENABLE_ONEDNN_OPTS"] = "0"

import keras  # noqa: E402
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "trained"


def data(rng, count):
    centers = np.random.default_rng(7).normal(0, 1.0, (5, 3, 16))
    labels = rng.integers(0, 5, count)
    modes = rng.integers(0, 3, count)
    x = centers[labels, modes] + rng.normal(0, 1.0, (count, 16))
    return x.astype(np.float32), np.eye(5, dtype=np.float32)[labels]


def main():
    keras.utils.set_random_seed(2024)
    tf.config.experimental.enable_op_determinism()
    rng = np.random.default_rng(11)
    x_train, y_train = data(rng, 8000)
    x_val, y_val = data(rng, 2000)
    L = keras.layers
    layers = [keras.Input(shape=(16,), name="input_1")]
    for index, units in enumerate([64, 32, 32], 1):
        layers += [L.Dense(units, name=f"fc{index}", kernel_initializer="lecun_uniform", kernel_regularizer=keras.regularizers.l1(1e-4)),
                   L.Activation("relu", name=f"relu{index}")]
    layers += [L.Dense(5, name="output", kernel_initializer="lecun_uniform"), L.Activation("softmax", name="softmax")]
    model = keras.Sequential(layers, name="jet_trained")
    model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="categorical_crossentropy", metrics=["accuracy"])
    model.fit(x_train, y_train, batch_size=128, epochs=30, verbose=0, shuffle=True)
    loss, accuracy = model.evaluate(x_val, y_val, verbose=0)
    print(f"validation accuracy {accuracy:.4f}, loss {loss:.4f}")
    OUT.mkdir(exist_ok=True)
    model.save(OUT / "jet_trained.keras")
    model.save(OUT / "jet_trained.k3.h5")
    for name, array in [("train.x", x_train), ("train.y", y_train), ("val.x", x_val), ("val.y", y_val)]:
        np.save(OUT / f"jet_trained.{name}.npy", array)


if __name__ == "__main__":
    main()
