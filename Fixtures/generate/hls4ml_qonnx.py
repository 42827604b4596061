#!/usr/bin/env python3
"""What hls4ml 1.3.0 makes of the QONNX fixtures (`Fixtures/hls4ml/qonnx_outcomes.json`), issue 18.

Each `Fixtures/onnx/qonnx/*.onnx` goes through hls4ml's ONNX route as
`hls4ml_onnx_configs.py` does it (qonnx `cleanup_model`, `GemmToMatMul`, `cleanup_model`), then
`config_from_onnx_model` (name granularity, Vivado) and `convert_from_onnx_model`. Per fixture: the
configuration's per-layer precisions and hls4ml's layers, or hls4ml's error.
"""
import contextlib
import io
import json
import os
import tempfile
from pathlib import Path

os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"

import onnx  # noqa: E402
from qonnx.core.modelwrapper import ModelWrapper  # noqa: E402
from qonnx.transformation.gemm_to_matmul import GemmToMatMul  # noqa: E402
from qonnx.util.cleanup import cleanup_model  # noqa: E402
import hls4ml  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def outcome(path):
    model = cleanup_model(ModelWrapper(onnx.load(path)))
    model = cleanup_model(model.transform(GemmToMatMul()))
    try:
        with contextlib.redirect_stdout(io.StringIO()), tempfile.TemporaryDirectory() as folder:
            config = hls4ml.utils.config_from_onnx_model(model, granularity="name", backend="Vivado")
            hls = hls4ml.converters.convert_from_onnx_model(model, hls_config=config, output_dir=folder, backend="Vivado")
            layers = [[layer.name, layer.class_name] for layer in hls.get_layers()]
    except Exception as error:  # hls4ml's refusal is the fixture
        return {"error": f"{type(error).__name__}: {error}"}
    precisions = {name: entry.get("Precision") for name, entry in config["LayerName"].items()}
    return {"precisions": precisions, "layers": layers}


def main():
    results = {path.name: outcome(path) for path in sorted((ROOT / "onnx" / "qonnx").glob("*.onnx"))}
    for name, result in results.items():
        print(name, result.get("error") or [layer for layer in result["layers"]])
    with open(ROOT / "hls4ml" / "qonnx_outcomes.json", "w") as file:
        json.dump(results, file, indent=1)
        file.write("\n")


if __name__ == "__main__":
    main()
