#!/usr/bin/env python3
"""What hls4ml 1.3.0 does with reuse factors a Resource layer cannot use: it prints a warning,
replaces each by the closest valid one, writes the weight headers in the replaced layout and keeps
the requested value in hls4ml_config.yml.

For each case (a fixture model, Strategy Resource, one reuse factor for every layer as
`config_from_keras_model(default_reuse_factor=RF)` writes it), runs `convert_from_keras_model(...).write()`
and stores in `Fixtures/hls4ml/reuse_factors/<case>/`: `weights/` (firmware/weights/*),
`hls4ml_config.json` (without Stamp, OutputDir, KerasModel), `warnings.txt` (hls4ml's printed lines
about reuse factors) and `reuse_factors.json` (every layer's reuse_factor attribute after conversion).
Cases hls4ml itself fails on are listed in `failures.json` with its error.
"""
import contextlib
import io
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

os.environ["KERAS_BACKEND"] = "tensorflow"
os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"

import keras  # noqa: E402
import yaml  # noqa: E402
import hls4ml  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from hls4ml_outputs import TagIgnoringLoader  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "hls4ml" / "reuse_factors"
CASES = [("jet_mlp", 9), ("jet_mlp", 100), ("jet_mlp", 3), ("cnn2d", 9), ("conv1d", 7)]


def run_case(model_name, reuse_factor):
    case = f"{model_name}_resource_rf{reuse_factor}"
    model = keras.models.load_model(ROOT / "models" / f"{model_name}.keras", compile=False)
    config = hls4ml.utils.config_from_keras_model(model, granularity="name", backend="Vitis",
                                                   default_reuse_factor=reuse_factor)
    config["Model"]["Strategy"] = "Resource"
    printed = io.StringIO()
    with tempfile.TemporaryDirectory() as folder:
        with contextlib.redirect_stdout(printed):
            hls_model = hls4ml.converters.convert_from_keras_model(model, hls_config=config, output_dir=folder, backend="Vitis")
            hls_model.write()
        target = OUT / case
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(Path(folder) / "firmware" / "weights", target / "weights")
        with open(Path(folder) / "hls4ml_config.yml") as file:
            written = yaml.load(file, Loader=TagIgnoringLoader)
        for key in ("Stamp", "OutputDir", "KerasModel"):
            written.pop(key, None)
        with open(target / "hls4ml_config.json", "w") as file:
            json.dump(written, file, indent=1, sort_keys=True)
            file.write("\n")
    warnings = [line for line in printed.getvalue().splitlines() if "ReuseFactor" in line]
    (target / "warnings.txt").write_text("".join(line + "\n" for line in warnings))
    used = {layer.name: layer.get_attr("reuse_factor") for layer in hls_model.get_layers() if layer.get_attr("reuse_factor") is not None}
    with open(target / "reuse_factors.json", "w") as file:
        json.dump({"requested": reuse_factor, "used": used}, file, indent=1, sort_keys=True)
        file.write("\n")
    print(case, used, file=sys.stderr)
    for line in warnings:
        print("  ", line, file=sys.stderr)


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    failures = {}
    for model_name, reuse_factor in CASES:
        try:
            run_case(model_name, reuse_factor)
        except Exception as error:  # hls4ml's own failures are recorded, not fixed
            failures[f"{model_name}_resource_rf{reuse_factor}"] = f"{type(error).__name__}: {error}"
            print(model_name, reuse_factor, "hls4ml failed:", failures, file=sys.stderr)
    with open(OUT / "failures.json", "w") as file:
        json.dump(failures, file, indent=1, sort_keys=True)
        file.write("\n")


if __name__ == "__main__":
    main()
