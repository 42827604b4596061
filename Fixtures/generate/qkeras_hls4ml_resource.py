#!/usr/bin/env python3
"""hls4ml 1.3.0's Keras 2 route on the QKeras fixtures at a second configuration: Resource strategy,
reuse factor 4 for every layer (`config_from_keras_model(granularity='name', default_reuse_factor=4)`
with `Strategy: Resource`); hls4ml replaces the reuse factors some layers cannot use and says so.

Runs in the QKeras environment (`.venv-qkeras`). Writes `Fixtures/qkeras/hls4ml_resource_rf4/<model>/`:
`weights/*.h`, `hls4ml_config.json` (without Stamp, OutputDir, KerasModel) and `warnings.txt` (the lines
hls4ml printed about reuse factors).
"""
import contextlib
import io
import json
import os
import shutil
import tempfile
from pathlib import Path

os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
os.environ["PROTOCOL_BUFFERS_PYTHON_IMPLEMENTATION"] = "python"

import tensorflow as tf  # noqa: E402
import yaml  # noqa: E402
from qkeras.utils import _add_supported_quantized_objects  # noqa: E402
import hls4ml  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "qkeras" / "hls4ml_resource_rf4"
MODELS = ["qjet_6bit", "qmixed_mlp", "qcnn2d"]


class TagIgnoringLoader(yaml.SafeLoader):
    """Reads hls4ml_config.yml, whose `KerasModel: !keras_model '…'` is dropped anyway."""


TagIgnoringLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def main():
    shutil.rmtree(OUT, ignore_errors=True)
    objects = {}
    _add_supported_quantized_objects(objects)
    for name in MODELS:
        model = tf.keras.models.load_model(ROOT / "qkeras" / f"{name}.h5", custom_objects=objects, compile=False)
        config = hls4ml.utils.config_from_keras_model(model, granularity="name", backend="Vitis", default_reuse_factor=4)
        config["Model"]["Strategy"] = "Resource"
        target = OUT / name
        (target / "weights").mkdir(parents=True)
        printed = io.StringIO()
        with tempfile.TemporaryDirectory() as folder:
            with contextlib.redirect_stdout(printed):
                hls_model = hls4ml.converters.convert_from_keras_model(model, hls_config=config, output_dir=folder, backend="Vitis")
                hls_model.write()
            for header in sorted(Path(folder, "firmware", "weights").glob("*.h")):
                shutil.copy(header, target / "weights" / header.name)
            written = yaml.load(Path(folder, "hls4ml_config.yml").read_text(), Loader=TagIgnoringLoader)
        for key in ("Stamp", "OutputDir", "KerasModel"):
            written.pop(key, None)
        (target / "hls4ml_config.json").write_text(json.dumps(written, indent=1, sort_keys=True) + "\n")
        warnings = [line for line in printed.getvalue().splitlines() if "ReuseFactor" in line]
        (target / "warnings.txt").write_text("".join(line + "\n" for line in warnings))
        print(name, len(warnings), "reuse factors replaced")


if __name__ == "__main__":
    main()
