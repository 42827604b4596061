#!/usr/bin/env python3
"""Golden pruning masks from hls4ml 1.3.0's `get_model_masks` on the QKeras fixtures.

Runs in the QKeras environment (`.venv-qkeras`: TF 2.14, QKeras 0.9, keras-tuner, OR-Tools 9.6).
For each QKeras MLP and CNN of `Fixtures/qkeras`, the configuration is hls4ml's own
`config_from_keras_model` at name granularity — so weight types come from the quantizers — with
every `auto` made `fixed<16,6>` (hls4ml's attribute builder needs concrete types), every layer's
reuse factor set to the case's, and the strategy set on the Model block. The optimisation
attributes are set as masks.py sets them for the float jet MLP. Cases: {parameters, dsp} ×
{unstructured, pattern} × sparsity 0.5 × local × {Latency RF 1, Resource RF 4}. Writes
`Fixtures/masks/<model>.masks.json` in masks.py's format.
"""
import json
import os
import sys
from pathlib import Path

os.environ["PROTOCOL_BUFFERS_PYTHON_IMPLEMENTATION"] = "python"  # keras-tuner 1.1.3 needs it
os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"

import tensorflow as tf  # noqa: E402
from qkeras.utils import _add_supported_quantized_objects  # noqa: E402
import hls4ml  # noqa: E402
from hls4ml.optimization.dsp_aware_pruning.config import SUPPORTED_STRUCTURES  # noqa: E402
from hls4ml.optimization.dsp_aware_pruning.keras.masking import get_model_masks  # noqa: E402
from hls4ml.optimization.dsp_aware_pruning.objectives import ParameterEstimator  # noqa: E402
from hls4ml.optimization.dsp_aware_pruning.objectives.vivado_objectives import VivadoDSPEstimator  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from masks import attributes as optimisation_attributes, bits  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
MODELS = ["qjet_6bit", "qmixed_mlp", "qcnn2d"]
PRECISION = "fixed<16,6>"
OBJECTIVES = {"parameters": ParameterEstimator, "dsp": VivadoDSPEstimator}
STRUCTURES = {"unstructured": SUPPORTED_STRUCTURES.UNSTRUCTURED, "pattern": SUPPORTED_STRUCTURES.PATTERN}
SETTINGS = [("Latency", 1), ("Resource", 4)]


def hls_config(model, strategy, reuse_factor):
    config = hls4ml.utils.config_from_keras_model(model, granularity="name", backend="Vitis")
    for layer in config["LayerName"].values():
        layer["Precision"] = {key: PRECISION if value == "auto" else value for key, value in layer.get("Precision", {}).items()}
        if "ReuseFactor" in layer:
            layer["ReuseFactor"] = reuse_factor
    config["IOType"] = "io_parallel"
    config["Model"].update({"Precision": PRECISION, "ReuseFactor": reuse_factor, "Strategy": strategy})
    return config


def main():
    objects = {}
    _add_supported_quantized_objects(objects)
    for name in MODELS:
        model = tf.keras.models.load_model(ROOT / "qkeras" / f"{name}.h5", custom_objects=objects, compile=False)
        cases = []
        for objective_name, objective in OBJECTIVES.items():
            for structure_name, structure in STRUCTURES.items():
                for strategy, reuse_factor in SETTINGS:
                    config = hls_config(model, strategy, reuse_factor)
                    attrs = optimisation_attributes(model, objective, structure, strategy, reuse_factor, config=config)
                    masks, offsets = get_model_masks(model, attrs, 0.5, objective, metric="l1", local=True)
                    layers = []
                    for layer_name, mask in masks.items():
                        la = attrs[layer_name]
                        layers.append({
                            "name": layer_name,
                            "optimizable": bool(la.optimizable),
                            "resources": [int(r) for r in objective.layer_resources(la)],
                            "savings": [int(s) for s in objective.layer_savings(la)] if la.optimizable else None,
                            "kept_weights": int(mask.numpy().sum() if hasattr(mask, "numpy") else mask.sum()),
                            "mask": bits(mask),
                        })
                    cases.append({"objective": objective_name, "structure": structure_name, "sparsity": 0.5, "local": True,
                                  "strategy": strategy, "reuse_factor": reuse_factor, "layers": layers})
                    print(name, objective_name, structure_name, strategy, reuse_factor,
                          [(layer["name"], layer["optimizable"], layer["kept_weights"]) for layer in layers], file=sys.stderr)
        with open(ROOT / "masks" / f"{name}.masks.json", "w") as file:
            json.dump({"model": f"qkeras/{name}.h5", "precision": PRECISION, "metric": "l1", "knapsack_solver": "CBC_MIP",
                       "cases": cases}, file, indent=1)
            file.write("\n")


if __name__ == "__main__":
    main()
