#!/usr/bin/env python3
"""Golden `config_from_onnx_model` configurations (hls4ml 1.3.0) for the ONNX fixtures.

hls4ml reads ONNX only after qonnx's clean-up (behaviour doc §5.1): every fixture goes through
`cleanup_model`, `GemmToMatMul` and `cleanup_model` again, then `config_from_onnx_model` at name and
type granularity with the Vivado backend (hls4ml's other defaults: fixed<16,6>, RF 1). The result is
`Fixtures/hls4ml/onnx_configs.json`: per fixture the two configurations, or hls4ml's error for the
graphs it cannot take this way (convolutions need qonnx's channels-last conversion first).
"""
import contextlib
import io
import json
import os
from pathlib import Path

os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"

import onnx  # noqa: E402
from qonnx.core.modelwrapper import ModelWrapper  # noqa: E402
from qonnx.transformation.gemm_to_matmul import GemmToMatMul  # noqa: E402
from qonnx.util.cleanup import cleanup_model  # noqa: E402
import hls4ml  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def cleaned(path):
    model = cleanup_model(ModelWrapper(onnx.load(path)))
    return cleanup_model(model.transform(GemmToMatMul()))


def main():
    results = {}
    for path in sorted((ROOT / "onnx").glob("*.onnx")):
        model = cleaned(path)
        try:
            with contextlib.redirect_stdout(io.StringIO()):
                results[path.name] = {granularity: hls4ml.utils.config_from_onnx_model(model, granularity=granularity, backend="Vivado")
                                      for granularity in ("name", "type")}
            print(path.name, "ok")
        except Exception as error:  # hls4ml's refusal is the fixture
            results[path.name] = {"error": f"{type(error).__name__}: {error}"}
            print(path.name, "refused:", results[path.name]["error"])
    with open(ROOT / "hls4ml" / "onnx_configs.json", "w") as file:
        json.dump(results, file, indent=1)
        file.write("\n")


if __name__ == "__main__":
    main()
