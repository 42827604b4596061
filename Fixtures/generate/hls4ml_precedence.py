#!/usr/bin/env python3
"""Golden hls4ml 1.3.0 precision and reuse-factor resolution, for the Swift config resolver.

hls4ml resolves a variable's precision LayerName -> LayerType -> Model (`HLSConfig.get_precision`,
hls4ml/model/graph.py) and fills `auto` precisions in the `InferPrecisionTypes` pass. For a set of
edited configurations of the jet-tagging MLP (`Fixtures/models/jet_mlp.k2.h5`) and of its
BatchNormalization variant (`jet_mlp_bn.k2.h5`), this runs `config_from_keras_model`, edits the dict,
then `convert_from_keras_model(..., backend='Vitis', io_type='io_parallel').write()` (no compilation)
and stores in `Fixtures/hls4ml_precedence/<case>/`:

- `config.json`: the `hls_config` dict exactly as passed (deep-copied before hls4ml mutates it);
- `defines.h`, `parameters.h`: hls4ml's `firmware/defines.h` and `firmware/parameters.h`;
- `weights.txt`: `<file>: <first declaration line>` for every `firmware/weights/*.h`;
- `types.json`: per layer after conversion, every named type (C++ typedef), every weight variable's
  type, and the reuse factor and strategy hls4ml settled on;
- `error.txt` instead of the firmware files when hls4ml refuses the configuration.

`versions.json` records the Python stack. The `.k2.h5` files are read with Keras 3 (hls4ml 1.3.0
takes its Keras 3 front-end whenever Keras 3 is installed); their weights equal the `.keras` files'.
"""
import copy
import json
import os
import platform
import shutil
import sys
import tempfile
import traceback
from importlib import metadata
from pathlib import Path

os.environ["KERAS_BACKEND"] = "tensorflow"
os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"

import keras  # noqa: E402
import hls4ml  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "hls4ml_precedence"
DENSE = ("fc1", "fc2", "fc3", "output")


# ----------------------------------------------------------------------------------------------
# Cases: (name, model, granularity, edit, description). `edit(config)` changes the dict that
# config_from_keras_model returned (Model.Precision is {'default': 'fixed<16,6>'} there).
# ----------------------------------------------------------------------------------------------

def model_dict(config):
    config["Model"]["Precision"] = {"default": "ap_fixed<16,6>", "weight": "ap_fixed<8,3>",
                                    "bias": "ap_fixed<10,4>", "result": "ap_fixed<18,8>"}


def model_dict_extra_keys(config):
    config["Model"]["Precision"] = {"default": "ap_fixed<16,6>", "weight": "ap_fixed<8,3>",
                                    "bias": "ap_fixed<10,4>", "result": "ap_fixed<18,8>",
                                    "accum": "ap_fixed<24,12>", "scale": "ap_fixed<12,5>",
                                    "table": "ap_fixed<14,7>",
                                    "weights": "ap_fixed<4,1>", "kernel": "ap_fixed<5,1>",
                                    "bogus": "ap_fixed<3,1>"}


def model_dict_no_default(config):
    config["Model"]["Precision"] = {"weight": "ap_fixed<8,3>", "bias": "ap_fixed<10,4>",
                                    "result": "ap_fixed<18,8>"}


def name_auto(config):
    layers = config["LayerName"]
    for name in ("fc1", "output"):
        layers[name]["Precision"] = {"weight": "auto", "bias": "auto", "result": "auto"}
    layers["fc2"]["Precision"] = {"weight": "ap_fixed<8,3>", "bias": "ap_fixed<10,4>",
                                  "result": "ap_fixed<18,8>", "accum": "ap_fixed<24,12>"}
    layers["fc3"]["Precision"] = {"weight": "ap_fixed<6,2>"}  # bias, result, accum: from Model
    layers["relu2"]["Precision"]["result"] = "ap_ufixed<12,4>"
    layers["relu1"]["Precision"]["table"] = "ap_fixed<12,4>"  # table types: defaults win, see README
    layers["softmax"]["Precision"]["exp_table"] = "ap_fixed<14,6>"
    layers["relu3"]["table_t"] = "ap_fixed<10,4>"  # a top-level '<name>_t' key is applied instead
    layers["softmax"]["exp_table_t"] = "ap_fixed<16,6,AP_RND,AP_SAT>"


def name_auto_model_dict(config):
    """'auto' everywhere as generated, with a Model dict that has weight/bias/result/accum keys."""
    config["Model"]["Precision"] = {"default": "ap_fixed<16,6>", "weight": "ap_fixed<8,3>",
                                    "bias": "ap_fixed<10,4>", "result": "ap_fixed<18,8>",
                                    "accum": "ap_fixed<24,12>"}


def name_auto_input_narrow(config):
    """'auto' everywhere as config_from_keras_model writes it, with a narrow explicit input type."""
    input_name = next(name for name, layer in config["LayerName"].items()
                      if set(layer.get("Precision", {})) == {"result"})
    config["LayerName"][input_name]["Precision"]["result"] = "ap_fixed<8,2>"
    config["Model"]["Precision"]["maximum"] = "ap_fixed<24,10>"


def bn_defaults(config):
    """jet_mlp_bn as config_from_keras_model writes it (all Dense/BN types 'auto')."""


def bn_explicit_dense_result(config):
    layers = config["LayerName"]
    layers["fc1"]["Precision"]["result"] = "ap_fixed<16,6>"  # a concrete Dense result: BN is not fused
    layers["bn1"]["Precision"] = {"scale": "ap_fixed<12,4>", "bias": "auto", "result": "auto"}
    layers["fc2"]["Precision"]["result"] = "ap_fixed<16,6>"
    layers["bn2"]["Precision"] = "ap_fixed<14,5>"  # a string at LayerName level: every variable


def type_name_model(config):
    config["Model"]["Precision"] = {"default": "ap_fixed<16,6>", "weight": "ap_fixed<14,5>",
                                    "bias": "ap_fixed<11,5>", "result": "ap_fixed<20,10>"}
    config["LayerType"]["Dense"]["Precision"] = {"weight": "ap_fixed<10,2>"}
    config["LayerType"]["Activation"]["Precision"] = {"result": "ap_ufixed<13,5>"}
    config["LayerName"] = {
        "fc2": {"Precision": {"weight": "ap_fixed<6,1>"}},
        "fc3": {"Precision": {"bias": "ap_fixed<7,2>"}},
        "output": {"Precision": "ap_fixed<9,3>"},
        "relu3": {"Precision": {"result": "ap_ufixed<15,6>"}},
    }


def type_auto_dense(config):
    """type granularity as config_from_keras_model writes it: LayerType.Dense has 'auto' for all."""


def type_string_name_auto(config):
    config["Model"]["Precision"] = {"default": "ap_fixed<16,6>", "weight": "ap_fixed<9,2>",
                                    "result": "ap_fixed<19,9>"}
    config["LayerType"]["Dense"]["Precision"] = "ap_fixed<11,3>"  # a string: Dense's default
    config["LayerType"]["InputLayer"]["Precision"] = {"result": "ap_fixed<7,3>"}  # hls4ml's class is Input
    config["LayerName"] = {"fc2": {"Precision": {"bias": "auto", "result": "auto"}},
                           "fc3": {"Precision": {"accum": "ap_fixed<30,14>"}}}


def model_string_name_result(config):
    config["Model"]["Precision"] = "ap_fixed<12,4>"
    config["LayerName"] = {"fc2": {"Precision": {"result": "ap_fixed<20,9>"}}}


def resource_rf4_model_only(config):
    config["Model"]["ReuseFactor"] = 4
    config["Model"]["Strategy"] = "Resource"


def resource_rf4_name_no_rf(config):
    config["Model"]["ReuseFactor"] = 4
    config["Model"]["Strategy"] = "Resource"
    for name, layer in config["LayerName"].items():
        layer.pop("ReuseFactor", None)
    config["LayerName"]["fc2"]["ReuseFactor"] = 8
    config["LayerName"]["fc3"]["Strategy"] = "Latency"


def resource_rf4_type_name(config):
    config["Model"]["ReuseFactor"] = 4
    config["Model"]["Strategy"] = "Resource"
    config["LayerType"]["Dense"]["ReuseFactor"] = 2
    config["LayerType"]["Activation"].pop("ReuseFactor", None)
    config["LayerName"] = {"fc3": {"ReuseFactor": 8}, "output": {"Precision": "ap_fixed<16,6>"}}


CASES = [
    ("01_model_dict", "jet_mlp", "model", model_dict,
     "Model.Precision dict {default, weight, bias, result}, no LayerType/LayerName"),
    ("01b_model_dict_extra_keys", "jet_mlp_bn", "model", model_dict_extra_keys,
     "Model.Precision dict with accum, scale, table and keys matching no variable (weights, kernel, bogus)"),
    ("01c_model_dict_no_default", "jet_mlp", "model", model_dict_no_default,
     "Model.Precision dict without 'default'"),
    ("02_name_auto", "jet_mlp", "name", name_auto,
     "name granularity: 'auto' weight/bias/result on fc1 and output, explicit on fc2, only weight on fc3"),
    ("02b_name_auto_input_narrow", "jet_mlp", "name", name_auto_input_narrow,
     "name granularity, all 'auto' as generated, input ap_fixed<8,2>, Model 'maximum' ap_fixed<24,10>"),
    ("02c_bn_defaults", "jet_mlp_bn", "name", bn_defaults,
     "BatchNormalization model, name granularity as generated (all 'auto')"),
    ("02d_bn_explicit_dense_result", "jet_mlp_bn", "name", bn_explicit_dense_result,
     "BatchNormalization model, explicit Dense result (no BN fusion), BN scale explicit / bias auto, "
     "bn2 Precision as a string"),
    ("02e_name_auto_model_dict", "jet_mlp", "name", name_auto_model_dict,
     "name granularity, all 'auto' as generated, Model dict with weight/bias/result/accum keys"),
    ("03_type_name_model", "jet_mlp", "type", type_name_model,
     "LayerType Dense {weight} + LayerName overrides (dict and string) + Model dict"),
    ("03b_type_auto_dense", "jet_mlp", "type", type_auto_dense,
     "type granularity as generated (LayerType Dense all 'auto')"),
    ("03c_type_string_name_auto", "jet_mlp", "type", type_string_name_auto,
     "LayerType Dense Precision as a string + Model dict {weight, result} + LayerName 'auto' bias/result"),
    ("04_model_string_name_result", "jet_mlp", "model", model_string_name_result,
     "Model.Precision string ap_fixed<12,4> + LayerName fc2 {result} only"),
    ("05_resource_rf4_model_only", "jet_mlp", "model", resource_rf4_model_only,
     "Model ReuseFactor 4, Strategy Resource, no LayerType/LayerName"),
    ("05b_resource_rf4_name_no_rf", "jet_mlp", "name", resource_rf4_name_no_rf,
     "Model RF 4 Resource; LayerName entries without ReuseFactor except fc2 (8); fc3 Strategy Latency"),
    ("05c_resource_rf4_type_name", "jet_mlp", "type", resource_rf4_type_name,
     "Model RF 4 Resource; LayerType Dense RF 2, Activation without RF; LayerName fc3 RF 8"),
]


# ----------------------------------------------------------------------------------------------

def first_declaration(header):
    """The first C++ declaration of a weights header (skips comments, preprocessor, namespace)."""
    for line in header.read_text().splitlines():
        text = line.strip()
        if not text or text.startswith(("//", "#")) or text.startswith("namespace"):
            continue
        return text
    return ""


def precision_text(named_type):
    precision = named_type.precision
    return precision.definition_cpp() if hasattr(precision, "definition_cpp") else str(precision)


def resolved_types(hls_model):
    layers = []
    for layer in hls_model.get_layers():
        entry = {"name": layer.name, "class": layer.class_name}
        entry["types"] = {attr: {"name": t.name, "precision": precision_text(t)}
                          for attr, t in sorted(layer.types.items())}
        entry["weights"] = {key: {"var": w.name, "type": w.type.name, "precision": precision_text(w.type)}
                            for key, w in sorted(layer.weights.items())}
        for attr in ("reuse_factor", "strategy"):
            if layer.get_attr(attr) is not None:
                entry[attr] = layer.get_attr(attr)
        layers.append(entry)
    return layers


def to_jsonable(value):
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_jsonable(v) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def write_json(path, value):
    with open(path, "w") as file:
        json.dump(to_jsonable(value), file, indent=1)
        file.write("\n")


def run_case(name, model_name, granularity, edit, description):
    model = keras.models.load_model(ROOT / "models" / f"{model_name}.k2.h5", compile=False)
    config = hls4ml.utils.config_from_keras_model(model, granularity=granularity, backend="Vitis")
    edit(config)
    passed = copy.deepcopy(config)
    target = OUT / name
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    write_json(target / "config.json", {"model": f"models/{model_name}.k2.h5", "granularity": granularity,
                                        "description": description, "hls_config": passed})
    with tempfile.TemporaryDirectory() as folder:
        try:
            hls_model = hls4ml.converters.convert_from_keras_model(
                model, hls_config=config, output_dir=folder, backend="Vitis", io_type="io_parallel")
            hls_model.write()
        except Exception as error:  # hls4ml refusing a configuration is a result too
            frames = traceback.extract_tb(error.__traceback__)
            where = next((f for f in reversed(frames) if "hls4ml" in f.filename), frames[-1])
            location = f"{where.filename.split('site-packages/')[-1]}:{where.lineno}"
            (target / "error.txt").write_text(f"{type(error).__name__}: {error}\nraised at {location}\n")
            return {"case": name, "error": f"{type(error).__name__}: {error}"}
        firmware = Path(folder) / "firmware"
        shutil.copy(firmware / "defines.h", target / "defines.h")
        shutil.copy(firmware / "parameters.h", target / "parameters.h")
        lines = [f"{header.name}: {first_declaration(header)}"
                 for header in sorted((firmware / "weights").glob("*.h"))]
        (target / "weights.txt").write_text("\n".join(lines) + "\n")
        write_json(target / "types.json", resolved_types(hls_model))
    return {"case": name, "error": None}


def versions():
    names = ["hls4ml", "keras", "tensorflow-cpu", "tensorflow", "tf_keras", "numpy", "h5py"]
    found = {}
    for package in names:
        try:
            found[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            pass
    found["hls4ml.__version__"] = hls4ml.__version__
    found["keras.__version__"] = keras.__version__
    import tensorflow as tf
    found["tf.__version__"] = tf.__version__
    found["python"] = platform.python_version()
    return found


README = """# hls4ml 1.3.0 precision and reuse-factor precedence (written by `Fixtures/generate/hls4ml_precedence.py`)
Per case: the `hls_config` passed (`config.json`), hls4ml's `defines.h` and `parameters.h`, `weights.txt` (`<file>: <first declaration>`), `types.json` (each layer's typedef names/precisions, reuse factor, strategy), or `error.txt`; Vitis, io_parallel, Keras 3 reading `models/*.k2.h5`; `versions.json` has the stack.
- 01*: Model `Precision` dict keys are variable names: `weight`/`bias`/`scale` → `<key>_default_t` weights, `result` → every output incl. input and activations, `accum` → Dense/Softmax accumulators; anything unset → `default` (`model_default_t`). Unknown keys (`weights`, `kernel`, `bogus`) and `table` are ignored; no `default` fails (01c).
- 02*: `auto` weight/bias/scale become Model `default` (never Model `weight`/`bias`, 02e), typedef `<layer>_<var>_t`; an `auto` Dense result/accum is inferred from input, weight and bias widths and log2(n_in) (`<layer>_result_t`, `<layer>_accum_t`), capped by Model `maximum` (02b); `auto` on other layers (ReLU, input, Softmax) is Model `default`.
- 02c/02d: an `auto` Dense result lets the following BatchNormalization fuse into the Dense (no bn layer); an explicit result keeps BN, whose `auto` result is inferred from scale/bias (02d).
- 03*: resolution is per key: LayerName var > LayerName string > LayerType var > LayerType string > Model var > Model default; a LayerName string beats a LayerType var (03 `output`), a LayerType string beats Model vars (03c); typedef names `<layer>_<var>_t`, `<Class>_<var>_t`, `<Class>_default_t`, `<var>_default_t`.
- 03*: LayerType `InputLayer` never applies (hls4ml's class is `Input`); the softmax activation is LayerType `Softmax`, not `Activation`.
- 04: a Model `Precision` string is the default for every variable (`model_default_t`); LayerName `{result}` changes only that layer's output (`layer4_t`).
- 05*: reuse factor and strategy resolve per layer LayerName > LayerType > Model (Model RF 4 reaches layers whose entries lack it); see `reuse_factor`/`strategy` in `parameters.h`.
- 02: `Precision: {table, exp_table}` entries are ignored (defaults `ap_fixed<18,8>` stay); a top-level `table_t`/`exp_table_t` key in the LayerName entry is applied.
Explicit results keep `layer<N>_t`; the model input is `input_t` and the last output `result_t`.
"""


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    names = {case[0] for case in CASES}
    for stale in OUT.iterdir():
        if stale.is_dir() and stale.name not in names:
            shutil.rmtree(stale)
    results = [run_case(*case) for case in CASES]
    write_json(OUT / "versions.json", versions())
    (OUT / "README.md").write_text(README)
    for result in results:
        print(f"{result['case']}: {'ERROR ' + result['error'] if result['error'] else 'ok'}")
    for path in OUT.rglob("*"):
        if path.is_file() and path.stat().st_size > 200_000:
            sys.exit(f"{path} is larger than 200 KB")


if __name__ == "__main__":
    main()
