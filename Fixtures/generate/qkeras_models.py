#!/usr/bin/env python3
"""QKeras fixtures: small quantized models, QKeras's predictions, quantizer vectors and hls4ml's headers.

Runs in the QKeras environment (Python 3.11, tensorflow-cpu 2.14, QKeras 0.9.0, hls4ml 1.3.0;
`requirements-qkeras.txt`, `make fixtures` builds it as `.venv-qkeras`). Writes `Fixtures/qkeras/`:

- `<model>.h5`: the model saved by QKeras through Keras 2 (`model.save`), trained briefly on
  synthetic data so that the weights are not the initial ones;
- `<model>.x.npy`, `<model>.y.npy`: a fixed input batch and QKeras's `model.predict` on it;
- `quantizers.json`: for each quantizer (as QKeras stores it in `model_config`), a fixed input
  tensor and the quantizer's output on it, computed by QKeras (`K.eval(quantizer(x))`);
- `hls4ml/<model>/`: what hls4ml 1.3.0 writes for the model through its Keras 2 route
  (`config_from_keras_model(granularity='name')` + `convert_from_keras_model(...).write()`, Vitis,
  io_parallel): `firmware/weights/*.h`, `firmware/defines.h`, `firmware/parameters.h` and the
  configuration as JSON (without `Stamp`, `OutputDir`, `KerasModel`).

With `--keras3` it runs under Keras 3 instead (the main environment's Python with `qkeras-v3` on
`PYTHONPATH`, see the Makefile) and writes `Fixtures/qkeras/keras3/<model>.h5`, `<model>.keras` and
their predictions for the models qkeras-v3 builds the same way (no quantizer vectors, no hls4ml).
"""
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
os.environ["TF_ENABLE_ONEDNN_OPTS"] = "0"

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
from tensorflow.keras import backend as K  # noqa: E402
from tensorflow.keras.layers import Activation, Flatten, Input, MaxPooling2D  # noqa: E402
from tensorflow.keras.models import Model  # noqa: E402
import qkeras  # noqa: E402
from qkeras.utils import _add_supported_quantized_objects  # noqa: E402
from qkeras import QActivation, QBatchNormalization, QConv1D, QConv2D, QDense, QDepthwiseConv2D  # noqa: E402
from qkeras.quantizers import binary, get_quantizer, quantized_bits, quantized_po2, quantized_relu, ternary  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "qkeras"
SAMPLES = 64


def jet_tagger_6bit():
    """The hls4ml tutorial's QKeras jet tagger (part 4): 16-64-32-32-5, 6-bit weights and activations."""
    q = dict(kernel_quantizer=quantized_bits(6, 0, alpha=1), bias_quantizer=quantized_bits(6, 0, alpha=1),
             kernel_initializer="lecun_uniform")
    x_in = Input((16,), name="input_1")
    x = QDense(64, name="fc1", **q)(x_in)
    x = QActivation(activation=quantized_relu(6), name="relu1")(x)
    x = QDense(32, name="fc2", **q)(x)
    x = QActivation(activation=quantized_relu(6), name="relu2")(x)
    x = QDense(32, name="fc3", **q)(x)
    x = QActivation(activation=quantized_relu(6), name="relu3")(x)
    x = QDense(5, name="output", **q)(x)
    x = Activation("softmax", name="softmax")(x)
    return Model(x_in, x, name="qjet_6bit"), (16,), 5


def mixed_width_mlp():
    """Weights above and below 9 bits, string quantizers, an activation quantizer inside QDense."""
    x_in = Input((10,), name="input_1")
    x = QDense(24, name="wide", kernel_quantizer="quantized_bits(12,2,alpha=1)", bias_quantizer="quantized_bits(12,2,alpha=1)",
               activation="quantized_relu(8,3)")(x_in)
    x = QDense(16, name="narrow", kernel_quantizer=quantized_bits(8, 0, alpha=1), bias_quantizer=quantized_bits(8, 1, alpha=1))(x)
    x = QActivation("quantized_relu(10,4)", name="act_narrow")(x)
    x = QDense(12, name="int_weights", kernel_quantizer="quantized_bits(4,4,alpha=1)", bias_quantizer="quantized_bits(6,6,alpha=1)")(x)
    x = QActivation("quantized_bits(9,3,alpha=1)", name="act_bits")(x)
    x = QDense(3, name="output", kernel_quantizer=quantized_bits(16, 6, alpha=1), bias_quantizer=quantized_bits(16, 6, alpha=1))(x)
    return Model(x_in, x, name="qmixed_mlp"), (10,), 3


def conv_net():
    """QConv2D CNN: two convolutions, pooling, a QDense head."""
    x_in = Input((8, 8, 2), name="input_1")
    x = QConv2D(4, (3, 3), name="conv1", kernel_quantizer=quantized_bits(6, 0, alpha=1), bias_quantizer=quantized_bits(6, 0, alpha=1))(x_in)
    x = QActivation("quantized_relu(6,2)", name="relu1")(x)
    x = MaxPooling2D((2, 2), name="pool1")(x)
    x = QConv2D(6, (2, 2), name="conv2", padding="same", kernel_quantizer="quantized_bits(10,1,alpha=1)",
                bias_quantizer="quantized_bits(10,1,alpha=1)", activation="quantized_relu(8,2)")(x)
    x = Flatten(name="flatten")(x)
    x = QDense(4, name="output", kernel_quantizer=quantized_bits(8, 0, alpha=1), bias_quantizer=quantized_bits(8, 0, alpha=1))(x)
    return Model(x_in, x, name="qcnn2d"), (8, 8, 2), 4


def quantizer_zoo():
    """Every reader-supported layer and quantizer kind, for predictions only (hls4ml refuses some)."""
    x_in = Input((12, 3), name="input_1")
    x = QConv1D(4, 3, name="conv1d", kernel_quantizer=quantized_bits(8, 0, alpha="auto_po2"), bias_quantizer=quantized_bits(8, 2, alpha=1),
                activation="quantized_tanh(6)")(x_in)
    x = QBatchNormalization(name="qbn")(x)
    x = QActivation("quantized_sigmoid(5)", name="sigmoid")(x)
    x = Flatten(name="flatten")(x)
    x = QDense(8, name="auto", kernel_quantizer=quantized_bits(4, 0, alpha="auto"), bias_quantizer=quantized_bits(6, 2, alpha=1))(x)
    x = QActivation("quantized_relu(4,1,negative_slope=0.25)", name="leaky")(x)
    x = QDense(8, name="po2", kernel_quantizer=quantized_po2(5), bias_quantizer="quantized_po2(4,1)")(x)
    x = QActivation("quantized_relu_po2(4)", name="relu_po2")(x)
    x = QDense(8, name="binary", kernel_quantizer=binary(alpha=1), bias_quantizer=quantized_bits(8, 3, alpha=1))(x)
    x = QActivation("quantized_bits(8,2,alpha=1)", name="bits_act")(x)
    x = QDense(6, name="ternary", kernel_quantizer=ternary(alpha=1, threshold=0.1), bias_quantizer="quantized_bits(8,3,alpha=1)")(x)
    x = QActivation("quantized_tanh(8,symmetric=True)", name="tanh_act")(x)
    x = QDense(2, name="output", kernel_quantizer="quantized_bits(8,1,0,alpha='auto_po2')", use_bias=False)(x)
    return Model(x_in, x, name="qzoo"), (12, 3), 2


def depthwise_net():
    """QDepthwiseConv2D followed by a pointwise QConv2D."""
    x_in = Input((6, 6, 3), name="input_1")
    x = QDepthwiseConv2D((3, 3), name="depthwise", depthwise_quantizer=quantized_bits(6, 0, alpha=1),
                         bias_quantizer=quantized_bits(6, 0, alpha=1), depth_multiplier=2)(x_in)
    x = QActivation("quantized_relu(6,1)", name="relu")(x)
    x = QConv2D(3, (1, 1), name="pointwise", kernel_quantizer="quantized_bits(7,1,alpha=1)", bias_quantizer="quantized_bits(7,1,alpha=1)")(x)
    x = Flatten(name="flatten")(x)
    return Model(x_in, x, name="qdepthwise"), (6, 6, 3), 48


MODELS = {"qjet_6bit": jet_tagger_6bit, "qmixed_mlp": mixed_width_mlp, "qcnn2d": conv_net,
          "qzoo": quantizer_zoo, "qdepthwise": depthwise_net}
HLS4ML_MODELS = ["qjet_6bit", "qmixed_mlp", "qcnn2d"]

QUANTIZERS = [
    "quantized_bits(8,0,alpha=1)", "quantized_bits(6,0,alpha=1)", "quantized_bits(4,2,alpha=1)", "quantized_bits(5,5,alpha=1)",
    "quantized_bits(8,3,1,alpha=1)", "quantized_bits(6,2,keep_negative=False,alpha=1)", "quantized_bits(1,0,alpha=1)",
    "quantized_bits(8,0,alpha='auto')", "quantized_bits(4,1,alpha='auto')", "quantized_bits(8,0,alpha='auto_po2')",
    "quantized_bits(3,0,alpha='auto_po2')", "quantized_bits(6,0,alpha=0.5)",
    "quantized_relu(6)", "quantized_relu(6,2)", "quantized_relu(8,3)", "quantized_relu(4,1,negative_slope=0.25)",
    "quantized_relu(6,2,use_sigmoid=1)",
    "quantized_tanh(6)", "quantized_tanh(8,symmetric=True)", "quantized_sigmoid(5)", "quantized_sigmoid(6,symmetric=True)",
    "quantized_po2(5)", "quantized_po2(4,1)", "quantized_po2(6,max_value=2)", "quantized_relu_po2(4)",
    "quantized_relu_po2(5,max_value=1)", "quantized_relu_po2(5,negative_slope=0.5)",
    "binary()", "binary(alpha=1)", "binary(use_01=True)", "binary(alpha='auto')", "binary(alpha='auto_po2')",
    "ternary()", "ternary(alpha=1, threshold=0.2)", "ternary(alpha=0.5)",
]


def data(shape, outputs, seed):
    rng = np.random.default_rng(seed)
    x = rng.normal(0, 1, size=(SAMPLES * 4, *shape)).astype(np.float32)
    y = np.eye(outputs, dtype=np.float32)[rng.integers(0, outputs, size=SAMPLES * 4)]
    return x, y


KERAS3 = "--keras3" in sys.argv
KERAS3_MODELS = ["qjet_6bit", "qmixed_mlp", "qcnn2d"]


def make_model(name):
    tf.keras.utils.set_random_seed(7)
    model, shape, outputs = MODELS[name]()
    x, y = data(shape, outputs, seed=11)
    loss = "categorical_crossentropy" if model.layers[-1].name == "softmax" else "mse"
    model.compile(optimizer=tf.keras.optimizers.Adam(0.01), loss=loss)
    model.fit(x, y, epochs=3, batch_size=32, verbose=0, shuffle=False)
    x_fixed = x[:SAMPLES]
    np.save(OUT / f"{name}.x.npy", x_fixed)
    for suffix in ([".h5", ".keras"] if KERAS3 else [".h5"]):
        path = OUT / f"{name}{suffix}"
        model.save(path)
        loaded = load(path)
        y_fixed = loaded.predict(x_fixed, verbose=0)
        np.save(OUT / f"{name}{'.keras' if suffix == '.keras' else ''}.y.npy", y_fixed.astype(np.float32))
    return loaded


def load(path):
    custom = {}
    _add_supported_quantized_objects(custom)
    return tf.keras.models.load_model(path, custom_objects=custom, compile=False)


def quantizer_vectors():
    rng = np.random.default_rng(5)
    ramp = np.linspace(-9, 9, 721, dtype=np.float32)  # steps of 1/40 hit many ties of every grid
    kernel = rng.normal(0, 0.6, size=(6, 4)).astype(np.float32)
    cases = []
    for text in QUANTIZERS:
        quantizer = get_quantizer(text)
        for label, x in (("ramp", ramp), ("kernel", kernel)):
            y = K.eval(quantizer(tf.constant(x)))
            cases.append({"quantizer": text, "config": {"class_name": quantizer.__class__.__name__, "config": quantizer.get_config()},
                          "input": label, "shape": list(x.shape), "x": x.ravel().tolist(), "y": np.asarray(y, np.float32).ravel().tolist()})
    (OUT / "quantizers.json").write_text(json.dumps(cases, separators=(",", ":")))


def hls4ml_outputs(name, model):
    import hls4ml
    import yaml

    class TagIgnoringLoader(yaml.SafeLoader):
        pass

    TagIgnoringLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
    config = hls4ml.utils.config_from_keras_model(model, granularity="name", backend="Vitis")
    target = OUT / "hls4ml" / name
    shutil.rmtree(target, ignore_errors=True)
    (target / "weights").mkdir(parents=True)
    with tempfile.TemporaryDirectory() as folder:
        hls_model = hls4ml.converters.convert_from_keras_model(model, hls_config=config, output_dir=folder, backend="Vitis",
                                                               io_type="io_parallel")
        hls_model.write()
        for header in sorted(Path(folder, "firmware", "weights").glob("*.h")):
            shutil.copy(header, target / "weights" / header.name)
        for header in ("defines.h", "parameters.h"):
            shutil.copy(Path(folder, "firmware", header), target / header)
        written = yaml.load(Path(folder, "hls4ml_config.yml").read_text(), Loader=TagIgnoringLoader)
    for key in ("Stamp", "OutputDir", "KerasModel"):
        written.pop(key, None)
    (target / "hls4ml_config.json").write_text(json.dumps(written, indent=1, sort_keys=True) + "\n")
    (target / "config_from_keras_model.json").write_text(json.dumps(config, indent=1, sort_keys=True) + "\n")


def main():
    global OUT
    tf.config.experimental.enable_op_determinism()
    names = [arg for arg in sys.argv[1:] if not arg.startswith("--")]
    if KERAS3:
        OUT = OUT / "keras3"
        names = names or KERAS3_MODELS
    OUT.mkdir(exist_ok=True)
    if not KERAS3:
        names = names or list(MODELS)
        quantizer_vectors()
    for name in names:
        model = make_model(name)
        if name in HLS4ML_MODELS and not KERAS3:
            hls4ml_outputs(name, model)
        print(name, "done")


if __name__ == "__main__":
    main()
