#!/usr/bin/env python3
"""ONNX fixtures for the Swift ONNX reader and writer (`Fixtures/onnx/`).

- tf2onnx exports of Keras fixtures (`<model>.tf2onnx.onnx`), as users make them (channels-last
  convolutions come wrapped in Transposes);
- small graphs built with onnx.helper (NCHW, as PyTorch exports): Gemm MLPs with initializers in
  raw_data, in float_data and in an external data file, one carrying metadata_props, doc strings,
  value_info and a custom-domain opset import, and a CNN with Conv (pads), MaxPool, Flatten, Gemm and
  Softmax with raw_data and with float_data initializers.

For each file: `<name>.x.npy` (a fixed input) and `<name>.ort.y.npy` (onnxruntime's outputs).
"""
import os
import sys
from pathlib import Path

os.environ["TF_USE_LEGACY_KERAS"] = "1"
os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"

import numpy as np  # noqa: E402
import onnx  # noqa: E402
import onnxruntime  # noqa: E402
from onnx import TensorProto, helper, numpy_helper  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "onnx"
RNG = np.random.default_rng(4321)


def initializer(name, array, raw=True):
    array = np.asarray(array, dtype=np.float32)
    if raw:
        return numpy_helper.from_array(array, name)
    return helper.make_tensor(name, TensorProto.FLOAT, array.shape, array.flatten().tolist(), raw=False)


def mlp(name, raw=True, decorated=False):
    w1, b1 = RNG.normal(0, 0.4, (8, 16)), RNG.normal(0, 0.1, 8)   # Gemm transB=1: (out, in)
    w2, b2 = RNG.normal(0, 0.4, (4, 8)), RNG.normal(0, 0.1, 4)
    nodes = [helper.make_node("Gemm", ["x", "w1", "b1"], ["h1"], name="fc1", transB=1),
             helper.make_node("Relu", ["h1"], ["a1"], name="relu1"),
             helper.make_node("Gemm", ["a1", "w2", "b2"], ["h2"], name="fc2", transB=1, alpha=1.0, beta=1.0),
             helper.make_node("Softmax", ["h2"], ["y"], name="softmax", axis=1)]
    graph = helper.make_graph(nodes, name, [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 16])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["N", 4])],
                              [initializer("w1", w1, raw), initializer("b1", b1, raw), initializer("w2", w2, raw), initializer("b2", b2, raw)])
    opsets = [helper.make_opsetid("", 13)]
    if decorated:
        graph.doc_string = "a two-layer perceptron"
        nodes[0].doc_string = "first layer"
        graph.value_info.append(helper.make_tensor_value_info("a1", TensorProto.FLOAT, ["N", 8]))
        opsets.append(helper.make_opsetid("com.example.hlsprune", 1))
    model = helper.make_model(graph, opset_imports=opsets, producer_name="hlsprune-fixtures", producer_version="1")
    if decorated:
        model.doc_string = "fixture with everything a round trip must keep"
        helper.set_model_props(model, {"model_author": "hlsprune", "purpose": "round trip"})
    model.ir_version = 8
    return model, (5, 16)


def cnn(name, raw=True):
    conv, conv_b = RNG.normal(0, 0.4, (4, 2, 3, 3)), RNG.normal(0, 0.1, 4)
    dense, dense_b = RNG.normal(0, 0.3, (3, 4 * 4 * 4)), RNG.normal(0, 0.1, 3)
    nodes = [helper.make_node("Conv", ["x", "k", "kb"], ["c"], name="conv", kernel_shape=[3, 3], pads=[1, 1, 1, 1]),
             helper.make_node("Relu", ["c"], ["r"], name="relu"),
             helper.make_node("MaxPool", ["r"], ["p"], name="pool", kernel_shape=[2, 2], strides=[2, 2]),
             helper.make_node("Flatten", ["p"], ["f"], name="flatten", axis=1),
             helper.make_node("Gemm", ["f", "w", "wb"], ["z"], name="fc", transB=1),
             helper.make_node("Softmax", ["z"], ["y"], name="softmax", axis=1)]
    graph = helper.make_graph(nodes, name, [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 2, 8, 8])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["N", 3])],
                              [initializer("k", conv, raw), initializer("kb", conv_b, raw), initializer("w", dense, raw), initializer("wb", dense_b, raw)])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="hlsprune-fixtures")
    model.ir_version = 8
    return model, (4, 2, 8, 8)


def tf2onnx_export(keras_name):
    import tf_keras
    import tf2onnx
    model = tf_keras.models.load_model(ROOT / "models" / f"{keras_name}.k2.h5", compile=False)
    spec = [__import__("tensorflow").TensorSpec((None,) + tuple(model.input_shape[1:]), np.float32, name="input")]
    proto, _ = tf2onnx.convert.from_keras(model, input_signature=spec, opset=13)
    x = np.load(ROOT / "models" / f"{keras_name}.x.npy")
    return proto, x


def save(name, model, x, external=False):
    onnx.checker.check_model(model)
    path = OUT / f"{name}.onnx"
    if external:  # every initializer in `<name>.data` beside the model
        onnx.save(model, path, save_as_external_data=True, all_tensors_to_one_file=True, location=f"{name}.data", size_threshold=0)
    else:
        onnx.save(model, path)
    session = onnxruntime.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    y = session.run(None, {session.get_inputs()[0].name: x})[0]
    np.save(OUT / f"{name}.x.npy", x)
    np.save(OUT / f"{name}.ort.y.npy", y.astype(np.float32))
    print(name, model.graph.node.__len__(), "nodes", file=sys.stderr)


def main():
    OUT.mkdir(exist_ok=True)
    for name, builder in [("mlp_raw", lambda n: mlp(n)), ("mlp_float_data", lambda n: mlp(n, raw=False)),
                          ("mlp_decorated", lambda n: mlp(n, decorated=True)), ("cnn_nchw", cnn),
                          ("cnn_nchw_float_data", lambda n: cnn(n, raw=False)), ("mlp_external", lambda n: mlp(n))]:
        model, shape = builder(name)
        save(name, model, RNG.normal(0, 1, shape).astype(np.float32), external=name == "mlp_external")
    for keras_name in ["jet_mlp", "jet_mlp_bn", "activations", "conv1d", "global_pooling2d"]:
        model, x = tf2onnx_export(keras_name)
        save(f"{keras_name}.tf2onnx", model, x)


if __name__ == "__main__":
    main()
