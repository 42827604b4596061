#!/usr/bin/env python3
"""Grouped convolutions (Keras `groups`, ONNX Conv `group`) for the Swift reader and kernel tests.

- `Fixtures/grouped/grouped2d.keras` and `.k3.h5`: Conv2D(6, 3×3, groups 2, ReLU) → Conv2D(8, 2×2,
  stride 2, groups 2) → Flatten → Dense(3, softmax), on (8, 8, 4) inputs; `grouped1d.keras`:
  Conv1D(6, 3, groups 3, same padding) → GlobalAveragePooling1D → Dense(2), on (12, 6). Keras 3's
  predictions on fixed inputs: `<model>.x.npy`, `<model>.y.npy`.
- `Fixtures/onnx/grouped_nchw.onnx`: an onnx.helper NCHW graph, Conv (group 2, pads 1) → Relu →
  GlobalAveragePool → Flatten → Gemm, with onnxruntime's outputs (`grouped_nchw.x.npy`,
  `grouped_nchw.ort.y.npy`), like the other ONNX fixtures.
"""
import os
from pathlib import Path

os.environ["KERAS_BACKEND"] = "tensorflow"
os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"

import keras  # noqa: E402
import numpy as np  # noqa: E402
import onnx  # noqa: E402
import onnxruntime  # noqa: E402
from onnx import TensorProto, helper, numpy_helper  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def keras_models():
    L = keras.layers
    keras.utils.set_random_seed(5)
    grouped2d = keras.Sequential([keras.Input((8, 8, 4), name="image"),
                                  L.Conv2D(6, 3, groups=2, activation="relu", name="gconv1"),
                                  L.Conv2D(8, 2, strides=2, groups=2, name="gconv2"),
                                  L.Flatten(name="flat"), L.Dense(3, activation="softmax", name="out")], name="grouped2d")
    grouped1d = keras.Sequential([keras.Input((12, 6), name="signal"),
                                  L.Conv1D(6, 3, groups=3, padding="same", name="gconv"),
                                  L.GlobalAveragePooling1D(name="gap"), L.Dense(2, name="out")], name="grouped1d")
    return [grouped2d, grouped1d]


def onnx_model(rng):
    weight = rng.normal(0, 0.4, (6, 2, 3, 3)).astype(np.float32)  # 6 filters, 4 channels in 2 groups
    nodes = [helper.make_node("Conv", ["x", "k", "kb"], ["c"], name="gconv", kernel_shape=[3, 3], pads=[1, 1, 1, 1], group=2),
             helper.make_node("Relu", ["c"], ["r"], name="relu"),
             helper.make_node("GlobalAveragePool", ["r"], ["p"], name="gap"),
             helper.make_node("Flatten", ["p"], ["f"], name="flatten", axis=1),
             helper.make_node("Gemm", ["f", "w", "wb"], ["y"], name="fc", transB=1)]
    initializers = [numpy_helper.from_array(weight, "k"), numpy_helper.from_array(rng.normal(0, 0.1, 6).astype(np.float32), "kb"),
                    numpy_helper.from_array(rng.normal(0, 0.3, (3, 6)).astype(np.float32), "w"),
                    numpy_helper.from_array(rng.normal(0, 0.1, 3).astype(np.float32), "wb")]
    graph = helper.make_graph(nodes, "grouped_nchw", [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 4, 6, 6])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["N", 3])], initializers)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="hlsprune-fixtures")
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model


def main():
    rng = np.random.default_rng(17)
    out = ROOT / "grouped"
    out.mkdir(exist_ok=True)
    for model in keras_models():
        x = rng.normal(0, 1, (4,) + model.input_shape[1:]).astype(np.float32)
        model.save(out / f"{model.name}.keras")
        model.save(out / f"{model.name}.k3.h5")
        np.save(out / f"{model.name}.x.npy", x)
        np.save(out / f"{model.name}.y.npy", model.predict(x, verbose=0).astype(np.float32))
    model = onnx_model(rng)
    path = ROOT / "onnx" / "grouped_nchw.onnx"
    onnx.save(model, path)
    x = rng.normal(0, 1, (4, 4, 6, 6)).astype(np.float32)
    session = onnxruntime.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    np.save(ROOT / "onnx" / "grouped_nchw.x.npy", x)
    np.save(ROOT / "onnx" / "grouped_nchw.ort.y.npy", session.run(None, {"x": x})[0].astype(np.float32))


if __name__ == "__main__":
    main()
