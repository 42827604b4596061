#!/usr/bin/env python3
"""One optimizer step of real Keras 3 from the jet MLP's weights on its fixture batch, for the Swift
training tests: `Fixtures/training/jet_mlp.steps.h5` holds, per optimizer (`sgd`: learning rate
0.01, momentum 0.9, Nesterov; `adam`: learning rate 0.001, Keras defaults), the weights after one
`train_on_batch` with categorical cross-entropy (the model's L1 kernel penalties included), as
datasets `/<optimizer>/<layer>/<weight>`, and the loss Keras reported as an attribute; and `bn_sgd`:
the same SGD step on the jet MLP with BatchNormalization (training-mode statistics, moving averages).
"""
import os
from pathlib import Path

os.environ["KERAS_BACKEND"] = "tensorflow"
os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
os.environ["TF_ENABLE_ONEDNN_OPTS"] = "0"

import h5py  # noqa: E402
import keras  # noqa: E402
import numpy as np  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def main():
    x = np.load(ROOT / "models" / "jet_mlp.x.npy")
    y = np.load(ROOT / "models" / "jet_mlp.labels.npy")
    out = ROOT / "training"
    out.mkdir(exist_ok=True)
    optimizers = {"sgd": lambda: keras.optimizers.SGD(learning_rate=0.01, momentum=0.9, nesterov=True),
                  "adam": lambda: keras.optimizers.Adam(learning_rate=0.001)}
    with h5py.File(out / "jet_mlp.steps.h5", "w") as file:
        for name, make in optimizers.items():
            model = keras.models.load_model(ROOT / "models" / "jet_mlp.keras", compile=False)
            model.compile(optimizer=make(), loss="categorical_crossentropy")
            loss = model.train_on_batch(x, y)
            group = file.create_group(name)
            group.attrs["loss"] = float(loss)
            for layer in model.layers:
                for variable in layer.weights:
                    group.create_dataset(f"{layer.name}/{variable.name}", data=np.asarray(variable.numpy(), dtype=np.float32))
            print(name, "loss", float(loss))
        # BatchNormalization in training mode: batch statistics, moving averages (momentum 0.99).
        model = keras.models.load_model(ROOT / "models" / "jet_mlp_bn.keras", compile=False)
        model.compile(optimizer=optimizers["sgd"](), loss="categorical_crossentropy")
        x_bn = np.load(ROOT / "models" / "jet_mlp_bn.x.npy")
        y_bn = np.load(ROOT / "models" / "jet_mlp_bn.labels.npy")
        loss = model.train_on_batch(x_bn, y_bn)
        group = file.create_group("bn_sgd")
        group.attrs["loss"] = float(loss)
        for layer in model.layers:
            for variable in layer.weights:
                group.create_dataset(f"{layer.name}/{variable.name}", data=np.asarray(variable.numpy(), dtype=np.float32))
        print("bn_sgd loss", float(loss))


if __name__ == "__main__":
    main()
