#!/usr/bin/env python3
"""Make the Keras fixture models and the Keras-side facts the Swift tests compare against.

Every model is built twice from one description: once with Keras 3 (`keras`), where it is trained
briefly on seeded synthetic data, and once with Keras 2 (`tf_keras`), which receives the trained
weights. Both are saved, and Keras's own view of each (layers, shapes, parameter counts, weight
checksums, predictions) is written next to them. See README.md in this folder.
"""
import json
import os
import sys
from pathlib import Path

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tfmot then uses tf_keras; `import keras` stays Keras 3
os.environ["KERAS_BACKEND"] = "tensorflow"
os.environ["TF_ENABLE_ONEDNN_OPTS"] = "0"
os.environ["TF_CPP_MIN_LOG_LEVEL"] = "2"
os.environ["PYTHONHASHSEED"] = "0"

import logging  # noqa: E402
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
import keras  # noqa: E402
import tf_keras  # noqa: E402
import tensorflow_model_optimization as tfmot  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "models"
SEED = 1234


def reseed():
    np.random.seed(SEED)
    tf.random.set_seed(SEED)
    keras.utils.set_random_seed(SEED)
    tf_keras.utils.set_random_seed(SEED)


# ---------------------------------------------------------------- model descriptions (K = keras module)

def jet_mlp(K, batch_norm=False):
    L = K.layers
    layers = [K.Input(shape=(16,), name="input_1")]
    for index, units in enumerate([64, 32, 32], 1):
        layers.append(L.Dense(units, name=f"fc{index}", kernel_initializer="lecun_uniform",
                              kernel_regularizer=K.regularizers.l1(1e-4)))
        if batch_norm:
            layers.append(L.BatchNormalization(name=f"bn{index}"))
        layers.append(L.Activation("relu", name=f"relu{index}"))
    layers += [L.Dense(5, name="output", kernel_initializer="lecun_uniform"), L.Activation("softmax", name="softmax")]
    return K.Sequential(layers, name="jet_mlp_bn" if batch_norm else "jet_mlp")


def cnn2d(K):
    L = K.layers
    return K.Sequential([
        K.Input(shape=(12, 12, 3), name="image"),
        L.Conv2D(8, 3, activation="relu", name="conv1"),
        L.MaxPooling2D(2, name="pool1"),
        L.ZeroPadding2D(1, name="pad"),
        L.DepthwiseConv2D(3, padding="same", depth_multiplier=2, name="depthwise"),
        L.BatchNormalization(name="bn"),
        L.ReLU(name="relu"),
        L.Conv2D(8, 3, strides=2, padding="same", dilation_rate=1, name="conv2"),
        L.UpSampling2D(2, name="up"),
        L.AveragePooling2D(2, name="avg"),
        L.Dropout(0.1, name="drop"),
        L.Flatten(name="flat"),
        L.Dense(4, activation="softmax", name="out"),
    ], name="cnn2d")


def conv1d(K):
    L = K.layers
    return K.Sequential([
        K.Input(shape=(32, 4), name="series"),
        L.Conv1D(8, 3, activation="relu", name="conv1"),
        L.MaxPooling1D(2, name="pool1"),
        L.Conv1D(8, 3, padding="same", dilation_rate=2, activation="tanh", name="conv2"),
        L.AveragePooling1D(2, name="avg"),
        L.UpSampling1D(2, name="up"),
        L.ZeroPadding1D(1, name="pad"),
        L.Conv1D(4, 3, strides=2, use_bias=False, name="conv3"),
        L.GlobalAveragePooling1D(name="gap"),
        L.Dense(3, activation="softmax", name="out"),
    ], name="conv1d")


def branches(K):
    L = K.layers
    features = K.Input(shape=(16,), name="features")
    a = L.Dense(16, activation="tanh", name="branch_a")(features)
    b = L.Dense(16, activation="sigmoid", name="branch_b")(features)
    total = L.Add(name="add")([a, b])
    difference = L.Subtract(name="subtract")([a, b])
    product = L.Multiply(name="multiply")([a, b])
    mean = L.Average(name="average")([total, difference])
    high = L.Maximum(name="maximum")([mean, product])
    low = L.Minimum(name="minimum")([mean, product])
    joined = L.Concatenate(name="concat")([high, low, total])
    leaky = L.LeakyReLU(name="leaky")(joined)
    grid = L.Reshape((12, 4), name="reshape")(leaky)
    pooled = L.GlobalMaxPooling1D(name="gmp")(grid)
    hidden = L.PReLU(name="prelu")(L.Dense(8, name="fc")(leaky))
    merged = L.Concatenate(name="concat2")([pooled, hidden])
    logits = L.Dense(3, name="logits")(merged)
    return K.Model(features, L.Softmax(name="softmax")(logits), name="branches")


def global_pooling2d(K):
    L = K.layers
    image = K.Input(shape=(8, 8, 2), name="image")
    conv = L.Conv2D(4, 3, padding="same", activation="elu", name="conv")(image)
    mean = L.GlobalAveragePooling2D(name="gap")(conv)
    peak = L.GlobalMaxPooling2D(name="gmp")(conv)
    return K.Model(image, L.Dense(2, activation="sigmoid", name="out")(L.Concatenate(name="concat")([mean, peak])),
                   name="global_pooling2d")


def activations(K):
    L = K.layers
    names = ["linear", "relu", "sigmoid", "tanh", "softmax", "softplus", "softsign", "elu", "selu", "hard_sigmoid", "swish"]
    layers = [K.Input(shape=(8,), name="x")]
    for name in names:
        layers.append(L.Dense(8, name=f"fc_{name}"))
        layers.append(L.Activation(name, name=f"act_{name}"))
    layers.append(L.Dense(2, activation="selu", name="out"))
    return K.Sequential(layers, name="activations")


def dense_no_bias(K):
    L = K.layers
    return K.Sequential([
        K.Input(shape=(16,), name="input"),
        L.Dense(8, use_bias=False, activation="relu", name="fc_nobias"),
        L.Dense(4, use_bias=False, activation="softmax", name="out"),
    ], name="dense_no_bias")


def nested(K):
    L = K.layers
    inner = K.Sequential([K.Input(shape=(8,), name="inner_in"), L.Dense(8, activation="relu", name="inner_fc1"),
                          L.Dense(4, name="inner_fc2")], name="sub")
    features = K.Input(shape=(16,), name="in")
    hidden = L.BatchNormalization(name="bn")(L.Dense(8, name="fc1")(features))
    return K.Model(features, L.Activation("softmax", name="softmax")(inner(hidden)), name="nested")


def bias_dense(K):
    L = K.layers
    return K.Sequential([
        K.Input(shape=(16,), name="input"),
        L.Dense(8, activation="relu", name="bias_dense"),
        L.Dense(4, activation="softmax", name="kernel_out"),
    ], name="bias_dense")


def implicit_input(K):
    L = K.layers
    return K.Sequential([L.Dense(8, input_shape=(16,), activation="relu", name="fc1"),
                         L.Dense(4, activation="softmax", name="fc2")], name="implicit_input")


MODELS = {
    "jet_mlp": (jet_mlp, "classes"),
    "jet_mlp_bn": (lambda K: jet_mlp(K, batch_norm=True), "classes"),
    "cnn2d": (cnn2d, "classes"),
    "conv1d": (conv1d, "classes"),
    "branches": (branches, "classes"),
    "global_pooling2d": (global_pooling2d, "binary"),
    "activations": (activations, "regression"),
    "dense_no_bias": (dense_no_bias, "classes"),
    "nested": (nested, "classes"),
    "bias_dense": (bias_dense, "classes"),
    "implicit_input": (implicit_input, "classes"),
}


# ---------------------------------------------------------------- data, training, facts

def synthetic_data(model, task, samples):
    rng = np.random.default_rng(SEED)
    shape = tuple(model.inputs[0].shape)[1:]
    x = rng.normal(size=(samples, *shape)).astype("float32")
    outputs = int(model.outputs[0].shape[-1])
    if task == "regression":
        return x, rng.normal(size=(samples, outputs)).astype("float32")
    labels = (x.reshape(samples, -1)[:, :outputs] > 0).argmax(axis=1) if task == "classes" else None
    if task == "binary":
        return x, (x.reshape(samples, -1)[:, :outputs] > 0).astype("float32")
    return x, np.eye(outputs, dtype="float32")[labels]


# Models whose Keras 2 and Keras 3 predictions legitimately differ, and why.
KERAS_2_DIFFERS = {"activations": "hard_sigmoid is clip(0.2x + 0.5) in Keras 2 and clip(x/6 + 0.5) in Keras 3"}

LOSSES = {"classes": "categorical_crossentropy", "binary": "binary_crossentropy", "regression": "mse"}


def fnv1a64(array):
    value = 0xCBF29CE484222325
    for byte in np.ascontiguousarray(array, dtype="<f4").tobytes():
        value = ((value ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return f"{value:016x}"


def short_weight_name(variable):
    name = getattr(variable, "path", None) or variable.name
    return name.split("/")[-1].split(":")[0]


def output_shape(layer):
    shape = layer.output.shape if hasattr(layer.output, "shape") else layer.output_shape
    return [None if d is None else int(d) for d in tuple(shape)[1:]]


def layer_entries(model, prefix=""):
    for layer in model.layers:
        if hasattr(layer, "layers") and isinstance(layer, (keras.Model, tf_keras.Model)):
            yield from layer_entries(layer, f"{prefix}{layer.name}/")
            continue
        shown = layer.layer if type(layer).__name__ == "PruneLowMagnitude" else layer
        weights = [{"name": short_weight_name(w), "shape": [int(d) for d in w.shape],
                    "zeros": int(np.count_nonzero(np.asarray(w) == 0)), "fnv1a64": fnv1a64(np.asarray(w))}
                   for w in shown.weights]
        yield {"name": prefix + shown.name, "class": type(shown).__name__, "output_shape": output_shape(layer),
               "parameters": int(sum(int(np.prod(w["shape"])) for w in weights)), "weights": weights}


def facts(model, version):
    return {"keras_version": version, "input_shapes": [[int(d) for d in tuple(t.shape)[1:]] for t in model.inputs],
            "layers": list(layer_entries(model))}


def write_json(path, value):
    path.write_text(json.dumps(value, indent=1) + "\n")


def make(name, build, task):
    reseed()
    k3_model = build(keras)
    x_train, y_train = synthetic_data(k3_model, task, 512)
    k3_model.compile(optimizer=keras.optimizers.Adam(1e-2), loss=LOSSES[task])
    k3_model.fit(x_train, y_train, epochs=2, batch_size=64, verbose=0, shuffle=False)
    k2_model = build(tf_keras)
    k2_model.set_weights(k3_model.get_weights())

    x = synthetic_data(k3_model, task, 32)[0] + 0.5
    y3 = k3_model.predict(x, verbose=0)
    y2 = k2_model.predict(x, verbose=0)
    gap = float(np.max(np.abs(y3 - y2)))
    if gap > 1e-5 and name not in KERAS_2_DIFFERS:
        sys.exit(f"{name}: Keras 2 and Keras 3 predictions differ by {gap}")

    k3_model.save(OUT / f"{name}.k3.h5")
    k3_model.save(OUT / f"{name}.keras")
    k2_model.save(OUT / f"{name}.k2.h5")
    np.save(OUT / f"{name}.x.npy", x)
    np.save(OUT / f"{name}.k3.y.npy", y3.astype("float32"))
    np.save(OUT / f"{name}.k2.y.npy", y2.astype("float32"))
    write_json(OUT / f"{name}.k3.json", facts(k3_model, keras.__version__))
    write_json(OUT / f"{name}.k2.json", facts(k2_model, tf_keras.__version__))
    print(f"{name}: {k3_model.count_params()} parameters, Keras 2/3 prediction gap {gap:.1e}")


def make_tfmot_pruned():
    """A Keras 2 model still wrapped in tfmot's prune_low_magnitude, saved without strip_pruning."""
    reseed()
    base = jet_mlp(tf_keras)
    schedule = tfmot.sparsity.keras.ConstantSparsity(0.5, begin_step=0, frequency=1)
    model = tfmot.sparsity.keras.prune_low_magnitude(base, pruning_schedule=schedule)
    x_train, y_train = synthetic_data(model, "classes", 512)
    model.compile(optimizer=tf_keras.optimizers.Adam(1e-2), loss="categorical_crossentropy")
    model.fit(x_train, y_train, epochs=2, batch_size=64, verbose=0, shuffle=False,
              callbacks=[tfmot.sparsity.keras.UpdatePruningStep()])
    x = synthetic_data(model, "classes", 32)[0] + 0.5
    model.save(OUT / "tfmot_pruned.k2.h5")
    np.save(OUT / "tfmot_pruned.x.npy", x)
    np.save(OUT / "tfmot_pruned.k2.y.npy", model.predict(x, verbose=0).astype("float32"))
    write_json(OUT / "tfmot_pruned.k2.json", facts(model, tf_keras.__version__))
    print("tfmot_pruned: saved with prune_low_magnitude wrappers")


# Metric and loss hlsprune's `evaluate` pairs with each task, as Keras names them.
EVALUATION = {"classes": ("accuracy", "categorical_crossentropy"), "binary": ("binary_accuracy", "binary_crossentropy"),
              "regression": ("mse", "mse")}


def labels_for(x, outputs, task):
    """Seeded labels for the fixed input batch (the models need not predict them well)."""
    flat = x.reshape(len(x), -1)
    if task == "classes":
        return np.eye(outputs, dtype="float32")[flat[:, :outputs].argmax(axis=1)]
    if task == "binary":
        return (flat[:, :outputs] > 0.5).astype("float32")
    return np.random.default_rng(SEED + 1).normal(size=(len(x), outputs)).astype("float32")


def evaluate_fixture(name, task):
    """Keras 3's evaluate() of the saved .keras model on the fixed batch, with the labels stored."""
    model = keras.models.load_model(OUT / f"{name}.keras", compile=False)
    x = np.load(OUT / f"{name}.x.npy")
    labels = labels_for(x, int(model.outputs[0].shape[-1]), task)
    np.save(OUT / f"{name}.labels.npy", labels)
    metric, loss = EVALUATION[task]
    model.compile(loss=loss, metrics=[metric])
    loss_value, metric_value = model.evaluate(x, labels, batch_size=len(x), verbose=0)
    result = {"metric": metric, "value": float(metric_value), "loss": float(loss_value), "samples": len(x)}
    if task == "classes":
        sparse = labels.argmax(axis=1).astype("int64")
        np.save(OUT / f"{name}.sparse_labels.npy", sparse)
        model.compile(loss="sparse_categorical_crossentropy", metrics=["accuracy"])
        sparse_loss, sparse_accuracy = model.evaluate(x, sparse, batch_size=len(x), verbose=0)
        result["sparse"] = {"value": float(sparse_accuracy), "loss": float(sparse_loss)}
    write_json(OUT / f"{name}.evaluate.json", result)
    print(f"{name}: {metric} {metric_value:.6f}, loss {loss_value:.6f}")


def main():
    logging.getLogger("absl").setLevel(logging.ERROR)
    tf.get_logger().setLevel(logging.ERROR)
    tf.config.experimental.enable_op_determinism()
    OUT.mkdir(parents=True, exist_ok=True)
    arguments = sys.argv[1:]
    evaluate_only = "--evaluate-only" in arguments
    only = set(arguments) - {"--evaluate-only"}
    for name, (build, task) in MODELS.items():
        if not only or name in only:
            if not evaluate_only:
                make(name, build, task)
            evaluate_fixture(name, task)
    if not evaluate_only and (not only or "tfmot_pruned" in only):
        make_tfmot_pruned()


if __name__ == "__main__":
    main()
