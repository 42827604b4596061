#!/usr/bin/env python3
"""hls4ml 1.3.0 on QKeras weight quantizers whose headers differ from plain fixed-point ones.

Runs in the QKeras environment (`.venv-qkeras`). For each kernel quantizer — `binary` (hls4ml writes
0/1 with an `uint<1>` type), `quantized_po2` (exponent types, `{sign, exponent}` pairs) and
`quantized_bits` with `alpha='auto'` (hls4ml factors the scale out into an ApplyAlpha layer) — a
QDense(8 → 4) + softmax model is built with fixed seeds and saved to
`Fixtures/qkeras/weight_kinds/<name>.h5` with a fixed input batch and QKeras's predictions, and hls4ml's
Keras 2 route output is stored beside it: `<name>/weights/*.h`, `<name>/hls4ml_config.json`.
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
from tensorflow.keras.layers import Activation, Input  # noqa: E402
from tensorflow.keras.models import Model  # noqa: E402
from qkeras import QDense  # noqa: E402
from qkeras.quantizers import binary, quantized_bits, quantized_po2  # noqa: E402
import hls4ml  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "qkeras" / "weight_kinds"
KINDS = {"binary": lambda: binary(alpha=1), "po2": lambda: quantized_po2(5), "alpha_auto": lambda: quantized_bits(4, 0, alpha="auto")}


class TagIgnoringLoader(yaml.SafeLoader):
    """Reads hls4ml_config.yml, whose `KerasModel: !keras_model '…'` is dropped anyway."""


TagIgnoringLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def build(name, make_quantizer):
    tf.keras.utils.set_random_seed(3)
    inputs = Input((8,), name="input_1")
    hidden = QDense(4, kernel_quantizer=make_quantizer(), bias_quantizer=quantized_bits(8, 3, alpha=1), name="fc")(inputs)
    return Model(inputs, Activation("softmax", name="softmax")(hidden), name=name)


def main():
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True)
    x = np.random.default_rng(9).normal(size=(32, 8)).astype(np.float32)
    np.save(OUT / "x.npy", x)
    for name, make_quantizer in KINDS.items():
        model = build(name, make_quantizer)
        model.save(OUT / f"{name}.h5")
        np.save(OUT / f"{name}.y.npy", model.predict(x, verbose=0).astype(np.float32))
        config = hls4ml.utils.config_from_keras_model(model, granularity="name", backend="Vitis")
        with tempfile.TemporaryDirectory() as folder:
            hls_model = hls4ml.converters.convert_from_keras_model(model, hls_config=config, output_dir=folder, backend="Vitis")
            hls_model.write()
            (OUT / name / "weights").mkdir(parents=True)
            for header in sorted(Path(folder, "firmware", "weights").glob("*.h")):
                shutil.copy(header, OUT / name / "weights" / header.name)
            written = yaml.load(Path(folder, "hls4ml_config.yml").read_text(), Loader=TagIgnoringLoader)
        for key in ("Stamp", "OutputDir", "KerasModel"):
            written.pop(key, None)
        (OUT / name / "hls4ml_config.json").write_text(json.dumps(written, indent=1, sort_keys=True) + "\n")
        print(name, [(layer.index, layer.name, layer.class_name) for layer in hls_model.get_layers()])


if __name__ == "__main__":
    main()
