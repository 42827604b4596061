#!/usr/bin/env python3
"""What hls4ml 1.3.0's ONNX route writes for the weights: for every ONNX fixture hls4ml converts
after qonnx's clean-up alone (see hls4ml_onnx_configs.py), `convert_from_onnx_model` with
`config_from_onnx_model` at name granularity (Vitis, io_parallel, hls4ml's defaults) and `write()`;
keeps `firmware/weights/*` and `firmware/defines.h` in `Fixtures/hls4ml/onnx/<fixture>/`.
"""
import contextlib
import io
import json
import os
import shutil
import tempfile
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
    configs = json.loads((ROOT / "hls4ml" / "onnx_configs.json").read_text())
    destination_root = ROOT / "hls4ml" / "onnx"
    shutil.rmtree(destination_root, ignore_errors=True)
    for name, entry in sorted(configs.items()):
        if "error" in entry:
            continue
        model = cleaned(ROOT / "onnx" / name)
        destination = destination_root / name.removesuffix(".onnx")
        with tempfile.TemporaryDirectory() as output, contextlib.redirect_stdout(io.StringIO()):
            try:
                config = hls4ml.utils.config_from_onnx_model(model, granularity="name", backend="Vitis")
                hls_model = hls4ml.converters.convert_from_onnx_model(model, hls_config=config, output_dir=output,
                                                                      backend="Vitis", io_type="io_parallel")
                hls_model.write()
            except Exception as error:  # hls4ml's refusal is the fixture
                destination.mkdir(parents=True)
                (destination / "error.txt").write_text(f"{type(error).__name__}: {error}\n")
                continue
            shutil.copytree(Path(output) / "firmware" / "weights", destination / "weights")
            shutil.copy(Path(output) / "firmware" / "defines.h", destination / "defines.h")
        print(name, sorted(p.name for p in (destination / "weights").iterdir() if p.suffix == ".h"))


if __name__ == "__main__":
    main()
