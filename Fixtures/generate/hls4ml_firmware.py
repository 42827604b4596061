#!/usr/bin/env python3
"""hls4ml 1.3.0's compiled firmware (C simulation) on float64 inputs: the oracle of the Firmware emulation.

For each case, converts a Keras model with hls4ml (Vitis, io_parallel), runs `hls_model.compile()`
(g++ on the written project) and `hls_model.predict(x)` with float64 inputs, and writes to
`Fixtures/firmware/<case>/`: `config.json` (the hls_config passed), `types.json` (every layer's
resolved C++ types, as `hls4ml_precedence.py` records them), `x.npy` (float64 inputs), `y.npy`
(hls4ml's float64 outputs) and `keras.npy` (Keras's float32 predictions, for the difference report
printed at the end).

Besides the fixture models, it builds two small seeded models of its own in `firmware/models/`:
`act_mlp.h5` (Dense → tanh → Dense → sigmoid → Dense → softmax, for the lookup-table activations)
and `split_mlp.h5` (Dense layers with relu/tanh/softmax activations, one without bias).
"""
import os
import shutil
import sys
import tempfile
from pathlib import Path

os.environ["KERAS_BACKEND"] = "tensorflow"
os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"

import numpy as np  # noqa: E402
import keras  # noqa: E402
import hls4ml  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from hls4ml_precedence import resolved_types, write_json  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "firmware"
ROWS = 200


def model_precision(precision):
    def edit(config):
        config["Model"]["Precision"] = {"default": precision}
    return edit


def layers(**changes):
    """Edits LayerName entries: `Precision` entries are merged, other keys replaced."""
    def edit(config):
        for layer, update in changes.items():
            entry = config["LayerName"].setdefault(layer, {})
            for key, value in update.items():
                if key == "Precision":
                    entry.setdefault("Precision", {}).update(value)
                else:
                    entry[key] = value
    return edit


def both(*edits):
    def edit(config):
        for one in edits:
            one(config)
    return edit


def resource_rf4(config):
    config["Model"]["Strategy"] = "Resource"
    for layer in config["LayerName"].values():
        if "ReuseFactor" in layer:
            layer["ReuseFactor"] = 4


OUTPUT_16_6 = {"Precision": {"result": "fixed<16,6>"}}  # so that the softmax does not see a 37-bit accumulator
# hls4ml 1.3.0 reads table types only from `<var>_t` keys of a layer's block; the `Precision.table`,
# `exp_table`, `inv_table` and `inv_inp` entries config_from_keras_model writes are never read.
SOFTMAX_TABLES = {"exp_table_t": "fixed<16,4,RND,SAT>", "inv_table_t": "fixed<16,8,RND,SAT>", "inv_inp_t": "fixed<14,6,RND,SAT>",
                  "Precision": {"accum": "fixed<16,6,RND,SAT>"}}
RND_SAT = {"weight": "fixed<10,3,RND,SAT>", "bias": "fixed<12,4,RND,SAT>", "result": "fixed<16,6,RND,SAT>"}
SAT_ACCUM = {"accum": "fixed<14,4,RND,SAT>", "result": "fixed<16,6>"}
DENSE = ["fc1", "fc2", "fc3", "output"]


def own_model(name):
    """One of the seeded models this script builds itself, written once as `firmware/models/<name>.h5`."""
    path = OUT / "models" / f"{name}.h5"
    if not path.exists():
        keras.utils.set_random_seed(15)
        if name == "act_mlp":  # lookup-table activations as layers of their own
            layers_ = [keras.layers.Dense(24, name="fc1"), keras.layers.Activation("tanh", name="tanh1"),
                       keras.layers.Dense(12, name="fc2"), keras.layers.Activation("sigmoid", name="sigmoid2"),
                       keras.layers.Dense(5, name="output"), keras.layers.Activation("softmax", name="softmax")]
        else:  # split_mlp: activations hls4ml splits off the Dense layers, and a Dense without bias
            layers_ = [keras.layers.Dense(16, activation="relu", name="fc1"),
                       keras.layers.Dense(8, activation="tanh", use_bias=False, name="fc2_nobias"),
                       keras.layers.Dense(5, activation="softmax", name="output")]
        model = keras.Sequential([keras.Input((16,), name="features")] + layers_, name=name)
        path.parent.mkdir(parents=True, exist_ok=True)
        model.save(path)
    return f"firmware/models/{name}.h5"


CASES = [  # (case, model file, inputs, granularity, edit)
    ("jet_mlp_default", "models/jet_mlp.k2.h5", "models/jet_mlp.x.npy", "name", None),
    ("jet_mlp_model_fixed16_6", "models/jet_mlp.k2.h5", "models/jet_mlp.x.npy", "model", None),
    ("jet_mlp_model_fixed8_3", "models/jet_mlp.k2.h5", "models/jet_mlp.x.npy", "model", model_precision("fixed<8,3>")),
    ("jet_mlp_resource_rf4", "models/jet_mlp.k2.h5", "models/jet_mlp.x.npy", "name", resource_rf4),
    ("jet_trained_default", "trained/jet_trained.keras", "trained/jet_trained.val.x.npy", "name", None),
    ("jet_trained_model_fixed16_6", "trained/jet_trained.keras", "trained/jet_trained.val.x.npy", "model", None),
    ("jet_trained_model_fixed8_3", "trained/jet_trained.keras", "trained/jet_trained.val.x.npy", "model", model_precision("fixed<8,3>")),
    # BatchNormalization folded into the Dense before it (its result is auto), and kept on its own.
    ("jet_mlp_bn_folded", "models/jet_mlp_bn.k2.h5", "models/jet_mlp_bn.x.npy", "name", layers(output=OUTPUT_16_6)),
    ("jet_mlp_bn_standalone", "models/jet_mlp_bn.k2.h5", "models/jet_mlp_bn.x.npy", "name",
     layers(**{name: OUTPUT_16_6 for name in DENSE})),
    # Activations split off Dense layers, and a Dense without bias (ap_uint<1> zeros).
    ("split_mlp", "own:split_mlp", "models/jet_mlp.x.npy", "name", layers(output=OUTPUT_16_6)),
    # Softmax implementations with explicit table types and sizes.
    ("jet_trained_softmax_stable", "trained/jet_trained.keras", "trained/jet_trained.val.x.npy", "name",
     layers(output=OUTPUT_16_6, softmax={**SOFTMAX_TABLES, "TableSize": 512, "Implementation": "stable"})),
    ("jet_trained_softmax_latency", "trained/jet_trained.keras", "trained/jet_trained.val.x.npy", "name",
     layers(output=OUTPUT_16_6, softmax={**SOFTMAX_TABLES, "TableSize": 256, "Implementation": "latency"})),
    ("jet_trained_softmax_legacy", "trained/jet_trained.keras", "trained/jet_trained.val.x.npy", "name",
     layers(output=OUTPUT_16_6, softmax={"table_t": "fixed<16,6>", "TableSize": 1024, "Implementation": "legacy"})),
    ("jet_trained_softmax_argmax", "trained/jet_trained.keras", "trained/jet_trained.val.x.npy", "name",
     layers(output=OUTPUT_16_6, softmax={"Implementation": "argmax"})),
    # Lookup-table tanh and sigmoid: default tables, and explicit table types and sizes.
    ("act_mlp_default", "own:act_mlp", "models/jet_mlp.x.npy", "name", layers(output=OUTPUT_16_6)),
    ("act_mlp_tables", "own:act_mlp", "models/jet_mlp.x.npy", "name",
     layers(output=OUTPUT_16_6, tanh1={"table_t": "fixed<12,2,RND,SAT>", "TableSize": 512},
            sigmoid2={"table_t": "ufixed<10,0,RND,SAT>", "TableSize": 2048})),
    # Rounding, saturating weight/bias/result types with Resource RF 4; saturating narrow accumulators
    # (where the order of the additions could matter) with Latency and with Resource.
    ("jet_trained_rnd_sat_rf4", "trained/jet_trained.keras", "trained/jet_trained.val.x.npy", "name",
     both(resource_rf4, layers(**{name: {"Precision": RND_SAT} for name in DENSE}))),
    ("jet_trained_sat_accum_latency", "trained/jet_trained.keras", "trained/jet_trained.val.x.npy", "name",
     layers(**{name: {"Precision": SAT_ACCUM} for name in DENSE})),
    ("jet_trained_sat_accum_rf4", "trained/jet_trained.keras", "trained/jet_trained.val.x.npy", "name",
     both(resource_rf4, layers(**{name: {"Precision": SAT_ACCUM} for name in DENSE}))),
    # Reuse factors above the layer's inputs (multiples of them): hls4ml's rf_gt_nin_rem0 kernel.
    ("jet_trained_sat_accum_rf_above_inputs", "trained/jet_trained.keras", "trained/jet_trained.val.x.npy", "name",
     both(resource_rf4, layers(**{name: {"Precision": SAT_ACCUM} for name in DENSE}),
          layers(fc3={"ReuseFactor": 64}, output={"ReuseFactor": 160}))),
]


def run_case(name, model_file, inputs_file, granularity, edit, load=None):
    """Writes case `name`; `load` reads the model file (Keras's `load_model` when None)."""
    if model_file.startswith("own:"):
        model_file = own_model(model_file[4:])
    model = (load or (lambda path: keras.models.load_model(path, compile=False)))(ROOT / model_file)
    x = np.ascontiguousarray(np.load(ROOT / inputs_file)[:ROWS], dtype=np.float64)
    config = hls4ml.utils.config_from_keras_model(model, granularity=granularity, backend="Vitis")
    if edit:
        edit(config)
    target = OUT / name
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    write_json(target / "config.json", {"model": model_file, "inputs": inputs_file, "rows": ROWS,
                                        "granularity": granularity, "hls_config": config})
    with tempfile.TemporaryDirectory() as folder:
        hls_model = hls4ml.converters.convert_from_keras_model(
            model, hls_config=config, output_dir=folder, backend="Vitis", io_type="io_parallel")
        hls_model.compile()
        y = np.asarray(hls_model.predict(x), dtype=np.float64)
        write_json(target / "types.json", resolved_types(hls_model))
    keras_y = np.asarray(model.predict(x.astype(np.float32), verbose=0))
    np.save(target / "x.npy", x)
    np.save(target / "y.npy", y)
    np.save(target / "keras.npy", keras_y)
    agree = np.mean(np.argmax(y, axis=1) == np.argmax(keras_y, axis=1))
    print(f"{name}: max |firmware - keras| = {np.max(np.abs(y - keras_y)):.4f}, argmax agreement {agree:.3f}")


def main():
    only = set(sys.argv[1:])  # case names to regenerate; all when none are given
    for case in CASES:
        if not only or case[0] in only:
            run_case(*case)


if __name__ == "__main__":
    main()
