#!/usr/bin/env python3
"""Keras architecture JSON + weights models (hls4ml's `KerasJson` + `KerasH5` input) and what
Keras and hls4ml 1.3.0 make of them (`Fixtures/keras_json/`).

Five small models (one with QKeras 0.9 layers) are built and briefly trained with tf-keras 2.19
(Keras 2) and saved as
`model.to_json()` + `model.save_weights()`: `<name>.json` + `<name>_weights.h5`. Each is also
written in the form Keras 2.0-2.4 wrote (`<name>_old.json` + `<name>_old.h5`), edited from the
new JSON the way those versions differ: `Model` as the functional class name, no `module` /
`registered_name` / `build_config` keys, `keras_version` 2.2.4; an old Sequential's `config` is the
bare layer list whose first layer carries `batch_input_shape` (no InputLayer entry). The weights
file is the same bytes with `keras_version` 2.2.4. tf-keras loads both forms; the script stops
when their predictions differ.

`k3_mlp.json` + `k3_mlp.weights.h5` are a Keras 3.15 model saved the same way (Keras 3's weights
layout), with its predictions; hls4ml's KerasJson reader does not read that layout.

Stored beside each model: `<name>.x.npy` (a fixed input batch), `<name>.y.npy` (tf-keras's
predictions). hls4ml's outputs go to `hls4ml/<case>/` (`weights/*` and `hls4ml_config.json`, the
written config without `Stamp`, `OutputDir`, `KerasJson`, `KerasH5`), from hls4ml's KerasJson route
(`keras_v2_to_hls`: hls4ml 1.3.0's `convert_from_config` returns None for KerasJson), configured as
`convert_from_keras_model` configures a model, with defaults (name granularity from `config_from_keras_model`, Vitis,
fixed<16,6>, RF 1, Latency, io_parallel); for `mlp`, also an hls4ml configuration file
(`mlp_hls4ml.yml`, KerasJson/KerasH5 relative to it, Resource RF 2) converted as
`hls4ml convert -c` does (hls4ml resolves the paths from the working directory, so it runs there).
`cases.json` lists the cases and hls4ml's refusals.
"""
import copy
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

os.environ["TF_USE_LEGACY_KERAS"] = "1"
os.environ["KERAS_BACKEND"] = "tensorflow"
os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"

import h5py  # noqa: E402
import numpy as np  # noqa: E402
import tf_keras as keras  # noqa: E402
import yaml  # noqa: E402
from qkeras import QActivation, QDense, quantized_bits  # noqa: E402
from qkeras.utils import _add_supported_quantized_objects  # noqa: E402
import hls4ml  # noqa: E402
from hls4ml.converters.keras_v2_to_hls import KerasFileReader, keras_v2_to_hls  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "keras_json"
OLD_VERSION = "2.2.4"


def mlp():
    inputs = keras.Input(shape=(16,), name="input_1")
    x = keras.layers.Dense(32, name="fc1")(inputs)
    x = keras.layers.Activation("relu", name="relu1")(x)
    x = keras.layers.Dropout(0.2, name="dropout_1")(x)
    x = keras.layers.Dense(16, activation="relu", name="fc2")(x)
    x = keras.layers.Dense(5, name="output")(x)
    outputs = keras.layers.Activation("softmax", name="softmax")(x)
    return keras.Model(inputs, outputs, name="model_1"), (16,), 5


def cnn():
    model = keras.Sequential([
        keras.layers.InputLayer(input_shape=(8, 8, 1), name="input_1"),
        keras.layers.Conv2D(4, 3, activation="relu", name="conv2d_1"),
        keras.layers.MaxPooling2D(2, name="max_pooling2d_1"),
        keras.layers.Flatten(name="flatten_1"),
        keras.layers.Dense(10, name="dense_1"),
        keras.layers.Activation("softmax", name="activation_1"),
    ], name="sequential_1")
    return model, (8, 8, 1), 10


def bn_mlp():
    inputs = keras.Input(shape=(10,), name="input_1")
    x = keras.layers.Dense(24, name="dense_1")(inputs)
    x = keras.layers.BatchNormalization(name="batch_normalization_1")(x)
    x = keras.layers.Activation("elu", name="activation_1")(x)
    outputs = keras.layers.Dense(3, activation="sigmoid", name="dense_2")(x)
    return keras.Model(inputs, outputs, name="model_1"), (10,), 3


def activations():
    """Every activation name Keras 2.0-2.4 knew, each as an Activation layer after a Dense."""
    names = ["relu", "sigmoid", "tanh", "softplus", "softsign", "selu", "elu", "hard_sigmoid", "exponential", "linear", "softmax"]
    inputs = keras.Input(shape=(6,), name="input_1")
    x = inputs
    for index, name in enumerate(names):
        x = keras.layers.Dense(6, name=f"dense_{index + 1}")(x)
        x = keras.layers.Activation(name, name=f"activation_{index + 1}")(x)
    return keras.Model(inputs, x, name="model_1"), (6,), 6


def qmlp():
    """A QKeras MLP: quantized kernels and biases, a quantized ReLU, a float softmax."""
    inputs = keras.Input(shape=(12,), name="input_1")
    x = QDense(16, kernel_quantizer=quantized_bits(8, 3, alpha=1), bias_quantizer=quantized_bits(8, 3, alpha=1), name="qdense_1")(inputs)
    x = QActivation("quantized_relu(8,4)", name="qrelu_1")(x)
    x = QDense(4, kernel_quantizer=quantized_bits(6, 2, alpha=1), bias_quantizer=quantized_bits(6, 2, alpha=1), name="qdense_2")(x)
    outputs = keras.layers.Activation("softmax", name="softmax")(x)
    return keras.Model(inputs, outputs, name="model_1"), (12,), 4


MODELS = {"mlp": mlp, "cnn": cnn, "bn_mlp": bn_mlp, "activations": activations, "qmlp": qmlp}


def strip_new_keys(value):
    """The configuration as Keras 2.0-2.4 wrote it: without the keys Keras 2.13+ added."""
    if isinstance(value, list):
        return [strip_new_keys(item) for item in value]
    if not isinstance(value, dict):
        return value
    return {key: strip_new_keys(item) for key, item in value.items() if key not in ("module", "registered_name", "build_config", "compile_config")}


def old_style(architecture):
    old = strip_new_keys(copy.deepcopy(architecture))
    old["keras_version"] = OLD_VERSION
    if old["class_name"] == "Functional":
        old["class_name"] = "Model"
    elif old["class_name"] == "Sequential":
        layers = old["config"]["layers"]
        assert layers[0]["class_name"] == "InputLayer"
        first = layers[1]
        first["config"]["batch_input_shape"] = layers[0]["config"]["batch_input_shape"]
        old["config"] = layers[1:]
    return old


def check_old_inbound_nodes(architecture):
    """tf-keras 2.19 writes the old list form already: [[["source", 0, 0, {}]]]."""
    for layer in architecture["config"]["layers"] if isinstance(architecture["config"], dict) else []:
        for node in layer.get("inbound_nodes", []):
            assert isinstance(node, list) and all(isinstance(entry, list) and len(entry) == 4 for entry in node), layer["name"]


def save(name):
    keras.utils.set_random_seed(18)
    model, shape, outputs = MODELS[name]()
    rng = np.random.default_rng(18)
    x_train = rng.normal(size=(256, *shape)).astype(np.float32)
    y_train = keras.utils.to_categorical(rng.integers(0, outputs, 256), outputs) if name != "bn_mlp" else (rng.random((256, outputs)) > 0.5).astype(np.float32)
    model.compile(optimizer=keras.optimizers.Adam(0.01), loss="binary_crossentropy" if name == "bn_mlp" else "categorical_crossentropy")
    model.fit(x_train, y_train, epochs=2, batch_size=32, verbose=0)
    x = rng.normal(size=(32, *shape)).astype(np.float32)
    np.save(OUT / f"{name}.x.npy", x)
    architecture = json.loads(model.to_json())
    check_old_inbound_nodes(architecture)
    (OUT / f"{name}.json").write_text(json.dumps(architecture, indent=1, sort_keys=True) + "\n")
    model.save_weights(OUT / f"{name}_weights.h5")
    (OUT / f"{name}_old.json").write_text(json.dumps(old_style(architecture), indent=4, sort_keys=True) + "\n")
    shutil.copyfile(OUT / f"{name}_weights.h5", OUT / f"{name}_old.h5")
    with h5py.File(OUT / f"{name}_old.h5", "r+") as file:
        file.attrs["keras_version"] = np.bytes_(OLD_VERSION)
    predictions = model.predict(x, verbose=0)
    for json_name, weights in ((f"{name}.json", f"{name}_weights.h5"), (f"{name}_old.json", f"{name}_old.h5")):
        custom_objects = {}
        _add_supported_quantized_objects(custom_objects)
        loaded = keras.models.model_from_json((OUT / json_name).read_text(), custom_objects=custom_objects)
        loaded.load_weights(OUT / weights)
        again = loaded.predict(x, verbose=0)
        assert np.max(np.abs(again - predictions)) <= 1e-6, f"{json_name} predicts differently"
    np.save(OUT / f"{name}.y.npy", predictions.astype(np.float32))


def save_keras3():
    """A Keras 3 model as `to_json()` + `save_weights()` (`layers/…/vars` layout, no
    keras_version in the JSON); its hard_sigmoid is Keras 3's x/6 + 0.5."""
    import keras as keras3

    keras3.utils.set_random_seed(18)
    inputs = keras3.Input(shape=(8,), name="input_1")
    x = keras3.layers.Dense(12, activation="relu", name="fc1")(inputs)
    outputs = keras3.layers.Dense(3, activation="hard_sigmoid", name="output")(x)
    model = keras3.Model(inputs, outputs, name="k3_mlp")
    x = np.random.default_rng(18).normal(size=(32, 8)).astype(np.float32)
    (OUT / "k3_mlp.json").write_text(json.dumps(json.loads(model.to_json()), indent=1, sort_keys=True) + "\n")
    model.save_weights(OUT / "k3_mlp.weights.h5")
    np.save(OUT / "k3_mlp.x.npy", x)
    np.save(OUT / "k3_mlp.y.npy", model.predict(x, verbose=0).astype(np.float32))


def store(folder, case, target_root):
    target = target_root / case
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(Path(folder) / "firmware" / "weights", target / "weights")
    with open(Path(folder) / "hls4ml_config.yml") as file:
        written = yaml.safe_load(file)
    for key in ("Stamp", "OutputDir", "KerasJson", "KerasH5"):
        written.pop(key, None)
    with open(target / "hls4ml_config.json", "w") as file:
        json.dump(written, file, indent=1, sort_keys=True)
        file.write("\n")


def name_granularity_config(json_path, weights_path):
    """hls4ml's `config_from_keras_model` for a KerasJson model: its dict route needs a reader of
    the weights, which it takes from `KerasModelReader`; hls4ml's own file reader stands in."""
    original = hls4ml.converters.KerasModelReader
    hls4ml.converters.KerasModelReader = lambda _: KerasFileReader({"KerasH5": str(weights_path)})
    try:
        return hls4ml.utils.config_from_keras_model(json.loads(Path(json_path).read_text()), granularity="name", backend="Vitis")
    finally:
        hls4ml.converters.KerasModelReader = original


def convert(case, json_name, weights_name):
    """What `convert_from_keras_model(model, hls_config=…, backend="Vitis")` writes, with the
    KerasJson + KerasH5 reader in place of the model object (the same configuration steps)."""
    hls_config = name_granularity_config(OUT / json_name, OUT / weights_name)
    with tempfile.TemporaryDirectory() as folder:
        config = hls4ml.utils.config.create_config(output_dir=folder, project_name="myproject", backend="Vitis")
        config["KerasJson"], config["KerasH5"] = str(OUT / json_name), str(OUT / weights_name)
        config["InputData"], config["OutputPredictions"] = None, None
        config["HLSConfig"] = {"Model": hls4ml.converters._check_model_config(hls_config.get("Model"))}
        config["HLSConfig"]["Model"]["BitExact"] = None
        hls4ml.converters._check_hls_config(config, hls_config)
        keras_v2_to_hls(config).write()
        store(folder, case, OUT / "hls4ml")
    return {"case": case, "json": json_name, "weights": weights_name, "granularity": "name", "qkeras": case.startswith("qmlp")}


def convert_yml():
    yml = OUT / "mlp_hls4ml.yml"
    yml.write_text("KerasJson: mlp.json\nKerasH5: mlp_weights.h5\nOutputDir: mlp_hls4ml_prj\nProjectName: myproject\n"
                   "Part: xcvu13p-flga2577-2-e\nClockPeriod: 5\nBackend: Vitis\nIOType: io_parallel\n"
                   "HLSConfig:\n  Model:\n    Precision: ap_fixed<16,6>\n    ReuseFactor: 2\n    Strategy: Resource\n")
    previous = os.getcwd()
    with tempfile.TemporaryDirectory() as folder:
        os.chdir(OUT)
        try:
            config = hls4ml.converters.parse_yaml_config(yml.name)
            config["OutputDir"] = folder
            # hls4ml 1.3.0's convert_from_config returns None for KerasJson (it only dispatches
            # OnnxModel, PytorchModel and KerasModel): its KerasJson reader is called directly.
            assert hls4ml.converters.convert_from_config(dict(config)) is None
            keras_v2_to_hls(config).write()
        finally:
            os.chdir(previous)
        store(folder, "mlp_hls4ml_yml", OUT / "hls4ml")
    return {"case": "mlp_hls4ml_yml", "config": yml.name, "granularity": "model"}


def main():
    OUT.mkdir(exist_ok=True)
    (OUT / "hls4ml").mkdir(exist_ok=True)
    cases, failures = [], []
    for name in MODELS:
        save(name)
        for case, json_name, weights_name in ((name, f"{name}.json", f"{name}_weights.h5"), (f"{name}_old", f"{name}_old.json", f"{name}_old.h5")):
            try:
                cases.append(convert(case, json_name, weights_name))
                print("ok", case, file=sys.stderr)
            except Exception as error:  # hls4ml's own refusal is a fact worth recording
                failures.append({"case": case, "error": f"{type(error).__name__}: {error!r}"})
                print("failed", case, error, file=sys.stderr)
    save_keras3()
    cases.append(convert_yml())
    with open(OUT / "cases.json", "w") as file:
        json.dump({"hls4ml": hls4ml.__version__, "tf_keras": keras.__version__, "backend": "Vitis", "cases": cases, "failures": failures,
                   "note": "hls4ml 1.3.0's convert_from_config returns None for KerasJson; keras_v2_to_hls (its KerasJson reader) made these"},
                  file, indent=1)
        file.write("\n")


if __name__ == "__main__":
    main()
