#!/usr/bin/env python3
"""Reading and writing ONNX files: `hlsprune convert in.onnx out.onnx` (release, a lossless
re-encode) next to Python's `onnx.save(onnx.load(...))` on the same files, in the same run, with
wall time (median) and peak memory (from /usr/bin/time -v) against the file size.

usage: compare.py HLSPRUNE FOLDER [--runs N]
Makes FOLDER/big.onnx (one 8192×8192 float initializer, ~268 MB) and FOLDER/many.onnx (50 000 Relu
nodes and 50 000 small initializers).
"""
import argparse
import os
import re
import statistics
import subprocess
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def make(folder):
    big = os.path.join(folder, "big.onnx")
    weight = numpy_helper.from_array(np.random.default_rng(0).standard_normal((8192, 8192), dtype=np.float32), "w")
    graph = helper.make_graph([helper.make_node("MatMul", ["x", "w"], ["y"], name="matmul")], "big",
                              [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 8192])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["N", 8192])], [weight])
    onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)]), big)
    many = os.path.join(folder, "many.onnx")
    nodes, inits, value = [], [], "x"
    for index in range(50_000):
        nodes.append(helper.make_node("Relu", [value], [f"r{index}"], name=f"relu{index}"))
        inits.append(numpy_helper.from_array(np.full((4,), index, dtype=np.float32), f"c{index}"))
        value = f"r{index}"
    graph = helper.make_graph(nodes, "many", [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 4])],
                              [helper.make_tensor_value_info(value, TensorProto.FLOAT, ["N", 4])], inits)
    onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)]), many)
    return [big, many]


def measure(command):
    result = subprocess.run(["/usr/bin/time", "-v"] + command, capture_output=True, text=True, check=True)
    seconds = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", result.stderr)
    hours, minutes, rest = seconds.groups()
    wall = (int(hours or 0) * 60 + int(minutes)) * 60 + float(rest)
    peak = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr).group(1)) * 1024
    return wall, peak


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("folder")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    files = make(args.folder)
    python = [sys.executable, "-c", "import sys, onnx; onnx.save(onnx.load(sys.argv[1]), sys.argv[2])"]
    print("| file | size MB | hlsprune s | onnx.load+save s | ratio | hlsprune peak / size | Python peak / size | identical |")
    print("|---|---|---|---|---|---|---|---|")
    for path in files:
        size = os.path.getsize(path)
        ours = [measure([args.binary, "convert", path, path + ".ours.onnx"]) for _ in range(args.runs)]
        theirs = [measure(python + [path, path + ".python.onnx"]) for _ in range(args.runs)]
        same = open(path + ".ours.onnx", "rb").read() == open(path, "rb").read()
        o, t = statistics.median(w for w, _ in ours), statistics.median(w for w, _ in theirs)
        print(f"| {os.path.basename(path)} | {size / 1e6:.0f} | {o:.3f} | {t:.3f} | {t / o:.1f}× | "
              f"{max(p for _, p in ours) / size:.2f} | {max(p for _, p in theirs) / size:.2f} | {'yes' if same else 'no'} |", flush=True)
    print()
    print("Reading into the IR (`hlsprune inspect`) next to `onnx.load`:")
    print()
    print("| file | hlsprune inspect s | onnx.load s | hlsprune peak / size | Python peak / size |")
    print("|---|---|---|---|---|")
    load = [sys.executable, "-c", "import sys, onnx; onnx.load(sys.argv[1])"]
    for path in files:
        size = os.path.getsize(path)
        ours = [measure([args.binary, "inspect", path]) for _ in range(args.runs)]
        theirs = [measure(load + [path]) for _ in range(args.runs)]
        print(f"| {os.path.basename(path)} | {statistics.median(w for w, _ in ours):.3f} | {statistics.median(w for w, _ in theirs):.3f} | "
              f"{max(p for _, p in ours) / size:.2f} | {max(p for _, p in theirs) / size:.2f} |", flush=True)


if __name__ == "__main__":
    main()
