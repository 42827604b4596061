#!/usr/bin/env python3
"""PyTorch exports for the ONNX reader's canonical form (`Fixtures/onnx/torch_*.onnx`).

`torch.onnx.export` (TorchScript exporter, opset 13, NCHW/NCL) of three small networks with fixed
seeds and random batch-norm statistics:

- `torch_mlp`: Linear 16→32, ReLU, Linear 32→8, ReLU, Linear 8→4, Softmax (Gemm with transB = 1);
- `torch_cnn2d`: Conv2d 2→4 3×3 (padding 1), BatchNorm2d, ReLU, MaxPool2d 2, Conv2d 4→8 3×3, ReLU,
  Flatten, Linear 32→5 on (2, 8, 8);
- `torch_conv1d`: Conv1d 3→6 k5 (padding 2), BatchNorm1d, ReLU, Conv1d 6→8 k3 stride 2, ReLU,
  MaxPool1d 2, Flatten, Linear 24→4 on (3, 16).

Batch normalisation is exported as its own node (`training=PRESERVE` on a model in eval mode keeps
the exporter from folding it into the convolution), as a user who keeps BatchNorm layers sees it.

For each: `<name>.x.npy` (a fixed input), `<name>.ort.y.npy` (onnxruntime's outputs) and
`<name>.torch.y.npy` (PyTorch's); the script stops when the two differ by more than 1e-5.
"""
import sys
from pathlib import Path

import numpy as np
import onnx
import onnxruntime
import torch
from torch import nn

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "onnx"


def randomise_batch_norms(model, generator):
    for module in model.modules():
        if isinstance(module, (nn.BatchNorm1d, nn.BatchNorm2d)):
            channels = module.num_features
            module.running_mean.copy_(torch.randn(channels, generator=generator) * 0.2)
            module.running_var.copy_(torch.rand(channels, generator=generator) + 0.5)
            module.weight.data.copy_(torch.rand(channels, generator=generator) + 0.5)
            module.bias.data.copy_(torch.randn(channels, generator=generator) * 0.1)


def networks():
    yield "torch_mlp", (16,), nn.Sequential(nn.Linear(16, 32), nn.ReLU(), nn.Linear(32, 8), nn.ReLU(), nn.Linear(8, 4), nn.Softmax(dim=1))
    yield "torch_cnn2d", (2, 8, 8), nn.Sequential(
        nn.Conv2d(2, 4, 3, padding=1), nn.BatchNorm2d(4), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(4, 8, 3), nn.ReLU(), nn.Flatten(), nn.Linear(32, 5))
    yield "torch_conv1d", (3, 16), nn.Sequential(
        nn.Conv1d(3, 6, 5, padding=2), nn.BatchNorm1d(6), nn.ReLU(), nn.Conv1d(6, 8, 3, stride=2), nn.ReLU(),
        nn.MaxPool1d(2), nn.Flatten(), nn.Linear(24, 4))


def main():
    OUT.mkdir(exist_ok=True)
    generator = torch.Generator().manual_seed(1717)
    torch.manual_seed(1717)
    for name, shape, model in networks():
        randomise_batch_norms(model, generator)
        model.eval()
        x = torch.randn((6,) + shape, generator=generator)
        path = OUT / f"{name}.onnx"
        torch.onnx.export(model, (x,), str(path), input_names=["input"], output_names=["output"], opset_version=13,
                          dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}},
                          training=torch.onnx.TrainingMode.PRESERVE, dynamo=False)
        onnx.checker.check_model(onnx.load(path), full_check=True)
        session = onnxruntime.InferenceSession(str(path), providers=["CPUExecutionProvider"])
        ort = session.run(None, {"input": x.numpy()})[0].astype(np.float32)
        with torch.no_grad():
            expected = model(x).numpy().astype(np.float32)
        worst = float(np.max(np.abs(ort - expected)))
        if worst > 1e-5:
            sys.exit(f"{name}: onnxruntime and PyTorch differ by {worst}")
        np.save(OUT / f"{name}.x.npy", x.numpy().astype(np.float32))
        np.save(OUT / f"{name}.ort.y.npy", ort)
        np.save(OUT / f"{name}.torch.y.npy", expected)
        ops = [node.op_type for node in onnx.load(path).graph.node]
        print(name, ops, f"ort vs torch {worst:.2e}", file=sys.stderr)


if __name__ == "__main__":
    main()
