#!/usr/bin/env python3
"""Golden hls4ml 1.3.0 outputs for the Swift writers: weight headers, .txt files and hls4ml_config.yml.

For every fixture model (its Keras 3 `.keras` file, hls4ml's Keras 3 route) with hls4ml's defaults
(name granularity, Vitis, fixed<16,6>, RF 1, Latency, io_parallel), and for the jet MLP with
variants (Resource RF 4, per-layer precisions, model and type granularity, a namespace without
.txt files), runs `config_from_keras_model` + `convert_from_keras_model(...).write()` and copies
`firmware/weights/*` and `hls4ml_config.yml` (without the run-specific `Stamp`, `OutputDir` and
`KerasModel` keys) to `Fixtures/hls4ml/<case>/`. Models hls4ml cannot convert are listed in
`Fixtures/hls4ml/cases.json` with hls4ml's error.
"""
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

class TagIgnoringLoader(yaml.SafeLoader):
    """Reads hls4ml_config.yml, whose `KerasModel: !keras_model '…'` is dropped anyway."""


TagIgnoringLoader.add_multi_constructor("!", lambda loader, suffix, node: None)

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "hls4ml"
MODELS = ["activations", "bias_dense", "branches", "cnn2d", "conv1d", "dense_no_bias", "global_pooling2d",
          "implicit_input", "jet_mlp", "jet_mlp_bn", "nested"]


def jet_variants():
    def resource(config):
        config["Model"]["Strategy"] = "Resource"
        for layer in config["LayerName"].values():
            if "ReuseFactor" in layer:
                layer["ReuseFactor"] = 4

    def precisions(config):
        config["LayerName"]["fc1"]["Precision"]["weight"] = "ap_fixed<8,3>"
        config["LayerName"]["fc2"]["Precision"]["weight"] = "ap_fixed<18,8>"
        config["LayerName"]["fc2"]["Precision"]["bias"] = "ap_fixed<18,8>"

    return [
        ("jet_mlp_resource_rf4", "name", resource, {}),
        ("jet_mlp_precisions", "name", precisions, {}),
        ("jet_mlp_model_granularity", "model", None, {}),
        ("jet_mlp_type_granularity", "type", None, {}),
        ("jet_mlp_namespace_no_txt", "name", None, {"namespace": "myns", "write_weights_txt": False}),
    ]


def convert(model_name, case, granularity, edit, options):
    model = keras.models.load_model(ROOT / "models" / f"{model_name}.keras", compile=False)
    config = hls4ml.utils.config_from_keras_model(model, granularity=granularity, backend="Vitis")
    if edit:
        edit(config)
    with tempfile.TemporaryDirectory() as folder:
        hls_model = hls4ml.converters.convert_from_keras_model(
            model, hls_config=config, output_dir=folder, backend="Vitis", **options)
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
    return {"case": case, "model": f"models/{model_name}.keras", "granularity": granularity,
            "edited": edit.__name__ if edit else None, "options": options}


def main():
    OUT.mkdir(exist_ok=True)
    cases, failures = [], []
    plan = [(name, name, "name", None, {}) for name in MODELS]
    plan += [("jet_mlp", case, granularity, edit, options) for case, granularity, edit, options in jet_variants()]
    for model_name, case, granularity, edit, options in plan:
        try:
            cases.append(convert(model_name, case, granularity, edit, options))
            print("ok", case, file=sys.stderr)
        except Exception as error:  # hls4ml's own refusal is a fact worth recording
            failures.append({"case": case, "error": f"{type(error).__name__}: {error!r}"})
            print("failed", case, error, file=sys.stderr)
    with open(OUT / "cases.json", "w") as file:
        json.dump({"hls4ml": hls4ml.__version__, "backend": "Vitis", "cases": cases, "failures": failures}, file, indent=1)
        file.write("\n")


if __name__ == "__main__":
    main()
