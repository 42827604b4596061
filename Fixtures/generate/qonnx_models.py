#!/usr/bin/env python3
"""QONNX fixtures (`Fixtures/onnx/qonnx/`), issue 18.

Graphs with QONNX's `Quant`, `BipolarQuant` and `Trunc` on weights, biases and activations, built
with onnx.helper (Brevitas is not used), then put through qonnx 1.0.0's `cleanup_model` (the form
hls4ml's ONNX frontend expects); the CNN is also converted with
`qonnx.transformation.channels_last.ConvertToChannelsLastAndClean`, as qonnx writes channels-last
graphs. The graphs fix the batch at 1 (qonnx's transformations need concrete shapes).

For each file: `<name>.x.npy` (several samples) and `<name>.qonnx.y.npy`: qonnx's `execute_onnx`
outputs, one sample per run, stacked. `quantizers.json`: qonnx's own functions (`quant`,
`binary_quant`, `trunc_v1`, `trunc_v2`) on one vector with ties and out-of-range values, for every
rounding mode, signedness, narrowness and a few bit widths, scales and zero points.
"""
import json
import sys
from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper
from qonnx.core.modelwrapper import ModelWrapper
from qonnx.core.onnx_exec import execute_onnx
from qonnx.custom_op.general.bipolar_quant import binary_quant
from qonnx.custom_op.general.quant import quant
from qonnx.custom_op.general.trunc import trunc_v1, trunc_v2
from qonnx.transformation.channels_last import ConvertToChannelsLastAndClean
from qonnx.util.cleanup import cleanup_model

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "onnx" / "qonnx"
RNG = np.random.default_rng(1818)
QONNX = "qonnx.custom_op.general"


class Graph:
    """Nodes and initializers of one graph under construction."""

    def __init__(self):
        self.nodes, self.initializers = [], []

    def const(self, name, values):
        self.initializers.append(numpy_helper.from_array(np.asarray(values, dtype=np.float32), name))
        return name

    def node(self, op, inputs, name, domain="", **attributes):
        self.nodes.append(helper.make_node(op, inputs, [name], name=name, domain=domain, **attributes))
        return name

    def quant(self, source, name, scale, bits, zero_point=0.0, signed=1, narrow=0, rounding="ROUND"):
        inputs = [source, self.const(f"{name}_scale", scale), self.const(f"{name}_zeropt", zero_point), self.const(f"{name}_bitwidth", bits)]
        return self.node("Quant", inputs, name, domain=QONNX, signed=signed, narrow=narrow, rounding_mode=rounding)

    def bipolar(self, source, name, scale):
        return self.node("BipolarQuant", [source, self.const(f"{name}_scale", scale)], name, domain=QONNX)

    def trunc(self, source, name, scale, in_bits, out_bits, rounding="FLOOR"):
        inputs = [source, self.const(f"{name}_scale", scale), self.const(f"{name}_zeropt", 0.0), self.const(f"{name}_in_bits", in_bits),
                  self.const(f"{name}_out_bits", out_bits)]
        return self.node("Trunc", inputs, name, domain=QONNX, rounding_mode=rounding)

    def model(self, name, inputs, output, output_shape):
        graph = helper.make_graph(self.nodes, name, inputs, [helper.make_tensor_value_info(output, TensorProto.FLOAT, output_shape)], self.initializers)
        proto = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 11), helper.make_opsetid(QONNX, 1)], producer_name="qonnx-fixtures")
        proto.ir_version = 7
        return proto


def weights(shape, scale=0.5):
    return RNG.normal(0, scale, shape).astype(np.float32)


def qmlp():
    """Power-of-two scales, zero points 0: the form hls4ml reads (input, weights, biases and
    activations quantized; BipolarQuant weights in the last layer)."""
    g = Graph()
    x = g.quant("global_in", "quant_in", 2.0**-4, 8)
    w1 = g.quant(g.const("fc1_w", weights((16, 24))), "quant_w1", 2.0**-5, 6, narrow=1)
    b1 = g.quant(g.const("fc1_b", weights(24, 0.2)), "quant_b1", 2.0**-6, 8)
    h = g.node("Add", [g.node("MatMul", [x, w1], "fc1"), b1], "fc1_bias")
    a = g.quant(g.node("Relu", [h], "relu1"), "quant_a1", 2.0**-3, 6, signed=0)
    w2 = g.bipolar(g.const("fc2_w", weights((24, 5))), "bipolar_w2", 0.25)
    out = g.node("Add", [g.node("MatMul", [a, w2], "fc2"), g.const("fc2_b", weights(5, 0.1))], "fc2_bias")
    return g.model("qmlp", [helper.make_tensor_value_info("global_in", TensorProto.FLOAT, [1, 16])], out, [1, 5]), (16,)


def qmlp_affine():
    """Everything else Quant can say: per-channel and non-power-of-two scales, non-zero zero
    points, narrow unsigned, 1-bit signed, rounding modes, Trunc."""
    g = Graph()
    x = g.quant("global_in", "quant_in", 0.07, 7, zero_point=3.0, rounding="HALF_UP")
    per_column = (2.0 ** -RNG.integers(3, 6, (1, 12))).astype(np.float32)
    w1 = g.quant(g.const("fc1_w", weights((10, 12))), "quant_w1", per_column, 5, narrow=1)
    h = g.node("MatMul", [x, w1], "fc1")
    a = g.quant(g.node("Relu", [h], "relu1"), "quant_a1", weights((1, 12), 0.3) ** 2 + 0.1, 4, signed=0, narrow=1, rounding="FLOOR")
    t = g.trunc(a, "trunc_a1", 2.0**-5, 8, 6)
    w2 = g.quant(g.const("fc2_w", weights((12, 6))), "quant_w2", 0.3, 1)
    h2 = g.node("MatMul", [t, w2], "fc2")
    out = g.quant(h2, "quant_out", 0.013, 9, zero_point=-2.0, rounding="CEIL")
    return g.model("qmlp_affine", [helper.make_tensor_value_info("global_in", TensorProto.FLOAT, [1, 10])], out, [1, 6]), (10,)


def qcnn(input_scale=2.0**-5):
    """NCHW Conv with per-output-channel power-of-two weight scales, Quant activations, MaxPool,
    then a quantized dense layer; converted to channels-last."""
    g = Graph()
    x = g.quant("global_in", "quant_in", input_scale, 8)
    per_filter = (2.0 ** -RNG.integers(3, 6, (4, 1, 1, 1))).astype(np.float32)
    k = g.quant(g.const("conv_w", weights((4, 2, 3, 3))), "quant_k", per_filter, 6, narrow=1)
    kb = g.quant(g.const("conv_b", weights(4, 0.2)), "quant_kb", 2.0**-6, 8)
    c = g.node("Conv", [x, k, kb], "conv", kernel_shape=[3, 3], pads=[1, 1, 1, 1], strides=[1, 1], dilations=[1, 1], group=1)
    a = g.quant(g.node("Relu", [c], "relu"), "quant_a", 2.0**-3, 5, signed=0)
    p = g.node("MaxPool", [a], "pool", kernel_shape=[2, 2], strides=[2, 2], pads=[0, 0, 0, 0])
    f = g.node("Reshape", [p, "flat_shape"], "flatten")
    g.initializers.append(numpy_helper.from_array(np.array([1, -1], np.int64), "flat_shape"))
    w = g.quant(g.const("fc_w", weights((64, 3), 0.2)), "quant_w", 2.0**-6, 8)
    out = g.node("MatMul", [f, w], "fc")
    return g.model("qcnn", [helper.make_tensor_value_info("global_in", TensorProto.FLOAT, [1, 2, 8, 8])], out, [1, 3]), (2, 8, 8)


def float_cnn():
    """A float CNN (no quantization) for qonnx's channels-last conversion alone: Conv, a grouped
    second Conv, BatchNormalization, MaxPool, then a dense layer."""
    g = Graph()
    c = g.node("Conv", ["global_in", g.const("conv_w", weights((4, 2, 3, 3))), g.const("conv_b", weights(4, 0.2))], "conv",
               kernel_shape=[3, 3], pads=[1, 1, 1, 1], strides=[1, 1], dilations=[1, 1], group=1)
    r = g.node("Relu", [c], "relu")
    c2 = g.node("Conv", [r, g.const("conv2_w", weights((6, 2, 3, 3)))], "conv2", kernel_shape=[3, 3], pads=[0, 0, 0, 0], strides=[1, 1],
                dilations=[1, 1], group=2)
    bn = [g.const(f"bn_{k}", weights(6, 0.3) ** 2 + (0.5 if k == "var" else 0)) for k in ("gamma", "beta", "mean", "var")]
    n = g.node("BatchNormalization", [c2] + bn, "bn", epsilon=1e-3)
    p = g.node("MaxPool", [n], "pool", kernel_shape=[2, 2], strides=[2, 2], pads=[0, 0, 0, 0])
    f = g.node("Reshape", [p, "flat_shape"], "flatten")
    g.initializers.append(numpy_helper.from_array(np.array([1, -1], np.int64), "flat_shape"))
    out = g.node("MatMul", [f, g.const("fc_w", weights((6 * 3 * 3, 3), 0.2))], "fc")
    return g.model("cnn_channels_last", [helper.make_tensor_value_info("global_in", TensorProto.FLOAT, [1, 2, 8, 8])], out, [1, 3]), (2, 8, 8)


def save(name, proto, sample_shape, channels_last=False, samples=16):
    model = cleanup_model(ModelWrapper(proto))
    if channels_last:
        model = model.transform(ConvertToChannelsLastAndClean(make_input_channels_last=True))
        sample_shape = sample_shape[1:] + sample_shape[:1]
    onnx.save(model.model, OUT / f"{name}.onnx")
    x = RNG.normal(0, 1, (samples,) + sample_shape).astype(np.float32)
    input_name, output_name = model.graph.input[0].name, model.graph.output[0].name
    y = np.concatenate([execute_onnx(model, {input_name: x[i:i + 1]})[output_name] for i in range(samples)])
    np.save(OUT / f"{name}.x.npy", x)
    np.save(OUT / f"{name}.qonnx.y.npy", y.astype(np.float32))
    print(name, [f"{n.domain}.{n.op_type}" for n in model.graph.node], file=sys.stderr)


def quantizer_vectors():
    """qonnx's quantization functions on float32 inputs, as `execute_onnx` calls them."""
    x = np.concatenate([np.arange(-20, 21, dtype=np.float32) * 0.25, RNG.normal(0, 3, 40).astype(np.float32), [0.0, -0.0, 1e6, -1e6]]).astype(np.float32)
    f = np.float32
    cases = []
    for mode in ("ROUND", "HALF_EVEN", "CEIL", "FLOOR", "UP", "DOWN", "HALF_UP", "HALF_DOWN"):
        for bits, signed, narrow, scale, zeropt in [(4, 1, 0, 0.5, 0.0), (4, 1, 1, 0.5, 0.0), (3, 0, 0, 0.25, 0.0), (3, 0, 1, 0.25, 0.0),
                                                    (6, 1, 0, 0.3, 1.5), (1, 1, 0, 0.75, 0.0), (2, 0, 0, 1.0, -1.0), (8, 1, 1, 0.0625, 0.0)]:
            y = quant(x, f(scale), f(zeropt), f(bits), signed, narrow, mode)
            cases.append({"op": "Quant", "bits": bits, "signed": signed, "narrow": narrow, "scale": scale, "zero_point": zeropt, "rounding": mode,
                          "y": np.asarray(y, np.float32).tolist()})
    for scale in (0.5, 2.0):
        cases.append({"op": "BipolarQuant", "scale": scale, "y": np.asarray(binary_quant(x, f(scale)), np.float32).tolist()})
    for mode in ("FLOOR", "ROUND", "CEIL"):
        y = trunc_v1(x, f(0.125), f(0.0), f(8), f(5), mode)
        cases.append({"op": "Trunc", "version": 1, "scale": 0.125, "zero_point": 0.0, "input_bits": 8, "output_bits": 5, "rounding": mode,
                      "y": np.asarray(y, np.float32).tolist()})
        y = trunc_v2(x, f(0.125), f(0.0), f(8), 0, 1, f(0.5), f(5), mode)
        cases.append({"op": "Trunc", "version": 2, "scale": 0.125, "zero_point": 0.0, "input_bits": 8, "output_scale": 0.5, "output_bits": 5,
                      "signed": 1, "narrow": 0, "rounding": mode, "y": np.asarray(y, np.float32).tolist()})
    with open(OUT / "quantizers.json", "w") as file:
        json.dump({"x": x.tolist(), "cases": cases}, file)
        file.write("\n")


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    quantizer_vectors()
    for builder, name, channels_last in [(qmlp, "qmlp", False), (qmlp_affine, "qmlp_affine", False), (qcnn, "qcnn", False),
                                         (qcnn, "qcnn_channels_last", True)]:
        proto, shape = builder()
        save(name, proto, shape, channels_last)
    # The input quantized per channel (scale of shape (1, C, 1, 1)), NCHW only: qonnx 1.0's
    # channels-last conversion leaves such a scale channels-first, and its own execute_onnx then
    # fails to broadcast it.
    proto, shape = qcnn(np.array([2.0**-5, 2.0**-3], np.float32).reshape(1, 2, 1, 1))
    proto.graph.name = "qcnn_channel_scales"
    save("qcnn_channel_scales", proto, shape)
    proto, shape = float_cnn()
    save("cnn_channels_last", proto, shape, channels_last=True)


if __name__ == "__main__":
    main()
