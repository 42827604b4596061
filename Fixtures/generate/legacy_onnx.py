#!/usr/bin/env python3
"""keras2onnx/onnxmltools-style ONNX fixtures (`Fixtures/onnx/legacy/`), issue 18.

keras2onnx wrote graphs in opsets 6-9 with a fixed batch dimension of 1, Transposes around
channels-last convolutions, `Reshape` to `[1, -1]`, Gemm with opset 6's `broadcast`, Add/Mul with
opset 6's explicit `broadcast`/`axis`, BatchNormalization with `is_test`/`spatial`, Flatten at
axes other than 1, and Upsample with its scales as an input (opset 9). These graphs are built with
onnx.helper in that form (keras2onnx itself no longer installs beside current TensorFlow) and
checked with onnx.checker.

For each file: `<name>.x.npy` (several samples) and `<name>.ort.y.npy`: onnxruntime's outputs,
one sample per run (the graphs take a batch of exactly 1), stacked. onnxruntime 1.32 refuses
opset 6 ("Could not find an implementation for Gemm(6)"), so opset-6 graphs run after
`onnx.version_converter.convert_version(model, 9)` (the converter rewrites Gemm's and Add/Mul's
opset-6 `broadcast`/`axis` into opset-7 broadcasting); the file saved is the unconverted opset-6 graph.
"""
import sys
from pathlib import Path

import numpy as np
import onnx
import onnxruntime
import onnx.version_converter
from onnx import TensorProto, helper, numpy_helper

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "onnx" / "legacy"
RNG = np.random.default_rng(1806)


def const(name, shape, scale=0.4, positive=False):
    values = RNG.normal(0, scale, shape)
    if positive:
        values = np.abs(values) + 0.5
    return numpy_helper.from_array(values.astype(np.float32), name)


def bn_weights(prefix, channels):
    return [const(f"{prefix}_gamma", channels), const(f"{prefix}_beta", channels, 0.1),
            const(f"{prefix}_mean", channels, 0.2), const(f"{prefix}_var", channels, positive=True)]


def bn_node(prefix, source, output, **attributes):
    return helper.make_node("BatchNormalization", [source] + [f"{prefix}_{k}" for k in ("gamma", "beta", "mean", "var")],
                            [output], name=prefix, epsilon=1e-3, momentum=0.99, **attributes)


def model(name, nodes, inputs, outputs, initializers, opset):
    """IR version 3, as keras2onnx wrote it: every initializer is listed among the graph inputs too."""
    listed = inputs + [helper.make_tensor_value_info(t.name, t.data_type, list(t.dims)) for t in initializers]
    graph = helper.make_graph(nodes, name, listed, outputs, initializers)
    result = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)], producer_name="keras2onnx", producer_version="1.7.0")
    result.ir_version = 3
    return result


def mlp_opset6():
    """Gemm with broadcast, BatchNormalization with is_test/spatial, MatMul + Add(broadcast, axis)."""
    nodes = [helper.make_node("Gemm", ["input_1", "fc1_w", "fc1_b"], ["fc1"], name="fc1", broadcast=1),
             bn_node("bn1", "fc1", "bn1_out", is_test=1, spatial=1),
             helper.make_node("Relu", ["bn1_out"], ["relu1"], name="relu1"),
             helper.make_node("MatMul", ["relu1", "fc2_w"], ["fc2_mm"], name="fc2"),
             helper.make_node("Add", ["fc2_mm", "fc2_b"], ["fc2"], name="fc2_bias", broadcast=1, axis=1),
             helper.make_node("Softmax", ["fc2"], ["output_1"], name="softmax")]
    weights = [const("fc1_w", (16, 24)), const("fc1_b", 24, 0.1), *bn_weights("bn1", 24), const("fc2_w", (24, 5)), const("fc2_b", 5, 0.1)]
    return model("mlp_opset6", nodes, [helper.make_tensor_value_info("input_1", TensorProto.FLOAT, [1, 16])],
                 [helper.make_tensor_value_info("output_1", TensorProto.FLOAT, [1, 5])], weights, 6), (16,)


def cnn_opset8():
    """Channels-last input wrapped in Transposes, BatchNormalization(spatial), Reshape [1, 1, -1]
    and Flatten at axis 2 (folding an axis of size 1), Gemm with a (1, N) C."""
    nodes = [helper.make_node("Transpose", ["input_1"], ["nchw"], name="to_nchw", perm=[0, 3, 1, 2]),
             helper.make_node("Conv", ["nchw", "conv_w"], ["conv"], name="conv", kernel_shape=[3, 3], pads=[1, 1, 1, 1]),
             bn_node("bn", "conv", "bn_out", spatial=1),
             helper.make_node("Relu", ["bn_out"], ["relu"], name="relu"),
             helper.make_node("MaxPool", ["relu"], ["pool"], name="pool", kernel_shape=[2, 2], strides=[2, 2]),
             helper.make_node("Transpose", ["pool"], ["nhwc"], name="to_nhwc", perm=[0, 2, 3, 1]),
             helper.make_node("Reshape", ["nhwc", "shape"], ["reshaped"], name="reshape"),
             helper.make_node("Flatten", ["reshaped"], ["flat"], name="flatten", axis=2),
             helper.make_node("Gemm", ["flat", "fc_w", "fc_b"], ["fc"], name="fc", transB=1),
             helper.make_node("Softmax", ["fc"], ["output_1"], name="softmax", axis=1)]
    weights = [const("conv_w", (4, 3, 3, 3)), *bn_weights("bn", 4), numpy_helper.from_array(np.array([1, 1, -1], np.int64), "shape"),
               const("fc_w", (3, 4 * 4 * 4), 0.3), const("fc_b", (1, 3), 0.1)]
    return model("cnn_opset8", nodes, [helper.make_tensor_value_info("input_1", TensorProto.FLOAT, [1, 8, 8, 3])],
                 [helper.make_tensor_value_info("output_1", TensorProto.FLOAT, [1, 3])], weights, 8), (8, 8, 3)


def broadcast_opset6():
    """NCHW Conv without bias, then Mul and Add of (C,) constants broadcast from axis 1 (opset 6
    semantics; numpy broadcasting would align them with W), a global pool and Flatten at axis 0."""
    nodes = [helper.make_node("Conv", ["input_1", "conv_w"], ["conv"], name="conv", kernel_shape=[3, 3]),
             helper.make_node("Mul", ["conv", "scale"], ["scaled"], name="scale", broadcast=1, axis=1),
             helper.make_node("Add", ["scaled", "shift"], ["shifted"], name="shift", broadcast=1, axis=1),
             helper.make_node("Relu", ["shifted"], ["relu"], name="relu"),
             helper.make_node("GlobalAveragePool", ["relu"], ["pool"], name="pool"),
             helper.make_node("Flatten", ["pool"], ["flat"], name="flatten", axis=0),
             helper.make_node("Gemm", ["flat", "fc_w", "fc_b"], ["output_1"], name="fc", broadcast=1)]
    weights = [const("conv_w", (5, 2, 3, 3)), const("scale", 5, positive=True), const("shift", 5, 0.2), const("fc_w", (5, 4)), const("fc_b", 4, 0.1)]
    return model("broadcast_opset6", nodes, [helper.make_tensor_value_info("input_1", TensorProto.FLOAT, [1, 2, 5, 5])],
                 [helper.make_tensor_value_info("output_1", TensorProto.FLOAT, [1, 4])], weights, 6), (2, 5, 5)


def dropout_opset7():
    """Opset 7: Dropout (is_test gone), Gemm without broadcast, BatchNormalization(spatial) on a
    rank-2 value; batch free (symbolic) for comparison."""
    nodes = [helper.make_node("Gemm", ["input_1", "fc1_w", "fc1_b"], ["fc1"], name="fc1"),
             helper.make_node("Dropout", ["fc1"], ["drop"], name="dropout", ratio=0.25),
             bn_node("bn", "drop", "bn_out", spatial=0),
             helper.make_node("Tanh", ["bn_out"], ["output_1"], name="tanh")]
    weights = [const("fc1_w", (6, 7)), const("fc1_b", 7, 0.1), *bn_weights("bn", 7)]
    return model("dropout_opset7", nodes, [helper.make_tensor_value_info("input_1", TensorProto.FLOAT, ["N", 6])],
                 [helper.make_tensor_value_info("output_1", TensorProto.FLOAT, ["N", 7])], weights, 7), (6,)


def converted(proto):
    """`proto` in opset 9 for onnxruntime, with two repairs of onnx 1.20's converter: its untyped
    value_info entries (element type 0, which onnxruntime rejects) are dropped, and the Unsqueeze it
    puts before an Add/Mul with `broadcast=1, axis=a` gets the axes opset 6 defines (B's axes start
    at axis a of A: a (C,) constant from axis 1 of a rank-4 value becomes (C, 1, 1)); the converter
    writes one axis too many ((C, 1, 1, 1)), which broadcasts over the batch instead."""
    result = onnx.version_converter.convert_version(proto, 9)
    ranks = {info.name: len(info.type.tensor_type.shape.dim) for info in result.graph.value_info}
    for node in result.graph.node:
        if node.op_type in ("Add", "Mul") and node.input[1].startswith("_v_"):
            unsqueeze = next(n for n in result.graph.node if n.output[0] == node.input[1])
            original = next(n for n in proto.graph.node if n.name == node.name)
            axis = next(a.i for a in original.attribute if a.name == "axis")
            constant_rank = len(next(t for t in proto.graph.initializer if t.name == unsqueeze.input[0]).dims)
            trailing = ranks[node.input[0]] - axis - constant_rank
            axes = next(a for a in unsqueeze.attribute if a.name == "axes")
            del axes.ints[:]
            axes.ints.extend(range(constant_rank, constant_rank + trailing))
    kept = [info for info in result.graph.value_info if info.type.tensor_type.elem_type != 0]
    del result.graph.value_info[:]
    result.graph.value_info.extend(kept)
    return result


def upsample_opset9():
    """Opset 9: channels-last input in Transposes, Conv with bias, BatchNormalization (no
    `spatial` any more), Upsample with its scales as an input, Flatten, MatMul + Add."""
    nodes = [helper.make_node("Transpose", ["input_1"], ["nchw"], name="to_nchw", perm=[0, 3, 1, 2]),
             helper.make_node("Conv", ["nchw", "conv_w", "conv_b"], ["conv"], name="conv", kernel_shape=[3, 3], pads=[1, 1, 1, 1]),
             bn_node("bn", "conv", "bn_out"),
             helper.make_node("Relu", ["bn_out"], ["relu"], name="relu"),
             helper.make_node("Upsample", ["relu", "scales"], ["up"], name="upsample", mode="nearest"),
             helper.make_node("Transpose", ["up"], ["nhwc"], name="to_nhwc", perm=[0, 2, 3, 1]),
             helper.make_node("Flatten", ["nhwc"], ["flat"], name="flatten", axis=1),
             helper.make_node("MatMul", ["flat", "fc_w"], ["fc_mm"], name="fc"),
             helper.make_node("Add", ["fc_mm", "fc_b"], ["fc"], name="fc_bias"),
             helper.make_node("Sigmoid", ["fc"], ["output_1"], name="sigmoid")]
    weights = [const("conv_w", (3, 2, 3, 3)), const("conv_b", 3, 0.1), *bn_weights("bn", 3),
               numpy_helper.from_array(np.array([1, 1, 2, 2], np.float32), "scales"), const("fc_w", (8 * 8 * 3, 2), 0.2), const("fc_b", 2, 0.1)]
    return model("upsample_opset9", nodes, [helper.make_tensor_value_info("input_1", TensorProto.FLOAT, [1, 4, 4, 2])],
                 [helper.make_tensor_value_info("output_1", TensorProto.FLOAT, [1, 2])], weights, 9), (4, 4, 2)


def save(name, proto, sample_shape, samples=6):
    onnx.checker.check_model(proto)
    path = OUT / f"{name}.onnx"
    onnx.save(proto, path)
    runnable = proto if proto.opset_import[0].version >= 7 else converted(proto)
    session = onnxruntime.InferenceSession(runnable.SerializeToString(), providers=["CPUExecutionProvider"])
    x = RNG.normal(0, 1, (samples,) + sample_shape).astype(np.float32)
    y = np.concatenate([session.run(None, {"input_1": x[i:i + 1]})[0] for i in range(samples)])
    np.save(OUT / f"{name}.x.npy", x)
    np.save(OUT / f"{name}.ort.y.npy", y.astype(np.float32))
    print(name, "opset", proto.opset_import[0].version, len(proto.graph.node), "nodes", file=sys.stderr)


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for builder in (mlp_opset6, cnn_opset8, broadcast_opset6, dropout_opset7, upsample_opset9):
        proto, shape = builder()
        save(proto.graph.name, proto, shape)


if __name__ == "__main__":
    main()
