#!/usr/bin/env python3
"""hls4ml 1.3.0's compiled firmware for QKeras models (TF 2.14 + QKeras 0.9 stack, hls4ml's Keras 2 route).

Cases like those of `hls4ml_firmware.py` (its `run_case` writes them to `Fixtures/firmware/<case>/`),
on the repository's QKeras fixtures `qkeras/qjet_6bit.h5` (QDense + quantized_relu + softmax) and
`qkeras/qmixed_mlp.h5` (QDense with an activation quantizer, integer weights, quantized_bits
activation), and on one seeded model of its own, `firmware/models/qact_mlp.h5`: quantized_tanh,
quantized_relu with a negative slope, quantized_sigmoid, ternary weights; and `qbinary_mlp.h5`: a binary
activation feeding binary (xnor) weights.

Runs with `.venv-qkeras` (see the Makefile): `PROTOCOL_BUFFERS_PYTHON_IMPLEMENTATION=python` is set
here because hls4ml imports keras-tuner's protobuf files.
"""
import os
import sys
from pathlib import Path

os.environ.setdefault("PROTOCOL_BUFFERS_PYTHON_IMPLEMENTATION", "python")
os.environ["TF_ENABLE_ONEDNN_OPTS"] = "0"

sys.path.insert(0, str(Path(__file__).resolve().parent))
from hls4ml_firmware import OUT, layers  # noqa: E402
import hls4ml_firmware  # noqa: E402
import tensorflow as tf  # noqa: E402
from qkeras import QActivation, QDense  # noqa: E402
from qkeras.quantizers import binary, quantized_bits, ternary  # noqa: E402
from qkeras.utils import _add_supported_quantized_objects  # noqa: E402


def load(path):
    custom = {}
    _add_supported_quantized_objects(custom)
    return tf.keras.models.load_model(path, custom_objects=custom, compile=False)


def qact_mlp():
    """Written once as `firmware/models/qact_mlp.h5` (seeded, untrained: the initial weights quantized)."""
    path = OUT / "models" / "qact_mlp.h5"
    if not path.exists():
        tf.keras.utils.set_random_seed(15)
        x_in = tf.keras.Input((16,), name="features")
        x = QDense(16, name="fc1", kernel_quantizer=quantized_bits(8, 2, alpha=1), bias_quantizer=quantized_bits(8, 2, alpha=1))(x_in)
        x = QActivation("quantized_tanh(8)", name="tanh1")(x)
        x = QDense(16, name="fc2", kernel_quantizer=quantized_bits(6, 0, alpha=1), bias_quantizer=quantized_bits(6, 0, alpha=1),
                   activation="quantized_relu(6,2)")(x)
        x = QDense(12, name="fc3_ternary", kernel_quantizer=ternary(alpha=1), bias_quantizer=quantized_bits(8, 3, alpha=1))(x)
        x = QActivation("quantized_relu(8,3,negative_slope=0.25)", name="leaky")(x)
        x = QDense(8, name="fc4", kernel_quantizer=quantized_bits(8, 3, alpha=1), bias_quantizer=quantized_bits(8, 3, alpha=1))(x)
        x = QActivation("quantized_sigmoid(6)", name="sigmoid")(x)
        x = QDense(5, name="output", kernel_quantizer=quantized_bits(10, 2, alpha=1), bias_quantizer=quantized_bits(10, 2, alpha=1))(x)
        model = tf.keras.Model(x_in, x, name="qact_mlp")
        path.parent.mkdir(parents=True, exist_ok=True)
        model.save(path)
    return "firmware/models/qact_mlp.h5"


def qbinary_mlp():
    """Written once as `firmware/models/qbinary_mlp.h5`: a binary activation feeding binary (xnor) weights."""
    path = OUT / "models" / "qbinary_mlp.h5"
    if not path.exists():
        tf.keras.utils.set_random_seed(15)
        x_in = tf.keras.Input((16,), name="features")
        x = QDense(16, name="fc1", kernel_quantizer=quantized_bits(8, 2, alpha=1), bias_quantizer=quantized_bits(8, 2, alpha=1))(x_in)
        x = QActivation("binary(alpha=1)", name="sign")(x)
        x = QDense(12, name="fc2_binary", kernel_quantizer=binary(alpha=1), bias_quantizer=quantized_bits(8, 3, alpha=1))(x)
        x = QActivation("quantized_relu(6,2)", name="relu2")(x)
        x = QDense(5, name="output", kernel_quantizer=quantized_bits(8, 2, alpha=1), bias_quantizer=quantized_bits(8, 2, alpha=1))(x)
        model = tf.keras.Model(x_in, x, name="qbinary_mlp")
        path.parent.mkdir(parents=True, exist_ok=True)
        model.save(path)
    return "firmware/models/qbinary_mlp.h5"


OWN = {"own:qact_mlp": qact_mlp, "own:qbinary_mlp": qbinary_mlp}
OUTPUT_16_6 = {"Precision": {"result": "fixed<16,6>"}}
JET = ("qkeras/qjet_6bit.h5", "qkeras/qjet_6bit.x.npy")
MIXED = ("qkeras/qmixed_mlp.h5", "qkeras/qmixed_mlp.x.npy")
ACT = ("own:qact_mlp", "trained/jet_trained.val.x.npy")
BINARY = ("own:qbinary_mlp", "trained/jet_trained.val.x.npy")

CASES = [  # (case, (model, inputs), granularity, edit)
    ("qkeras_jet_6bit_default", JET, "name", None),
    ("qkeras_jet_6bit_output16_6", JET, "name", layers(output=OUTPUT_16_6)),
    ("qkeras_jet_6bit_model_fixed16_6", JET, "model", None),
    ("qkeras_mixed_default", MIXED, "name", None),
    ("qkeras_mixed_model_fixed16_6", MIXED, "model", None),
    ("qkeras_act_default", ACT, "name", None),
    ("qkeras_act_model_fixed16_6", ACT, "model", None),
    ("qkeras_binary_default", BINARY, "name", None),
    ("qkeras_binary_model_fixed16_6", BINARY, "model", None),
]


def main():
    only = set(sys.argv[1:])  # case names to regenerate; all when none are given
    for name, (model, inputs), granularity, edit in CASES:
        if not only or name in only:
            hls4ml_firmware.run_case(name, OWN[model]() if model in OWN else model, inputs, granularity, edit, load=load)


if __name__ == "__main__":
    main()
