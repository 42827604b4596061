#!/usr/bin/env python3
"""Golden pruning masks from hls4ml 1.3.0's own `get_model_masks`, for the Swift pruning tests.

Runs hls4ml's DSP-aware pruning masking on the jet-tagging MLP fixture (Keras 2 file) for
{ParameterEstimator, VivadoDSPEstimator} x {unstructured, structured, pattern} x sparsity {0.5, 0.75}
x {local, global} x {Latency RF 1, Resource RF 4} and writes `Fixtures/masks/jet_mlp.masks.json`.

hls4ml needs a few edits to run at all (see ../../../shared/docs/reference-stack.md): the config is
written by hand at name granularity with concrete precisions and `IOType`, and the optimisation
attributes are set the way `optimize_model` sets them (objective default, then the requested
structure; `pattern_offset = P // RF`, one consecutive pattern; no structured pruning of the last
weighted layer).
"""
import json
import os
import sys
from pathlib import Path

os.environ["TF_USE_LEGACY_KERAS"] = "1"
os.environ["PROTOCOL_BUFFERS_PYTHON_IMPLEMENTATION"] = "python"  # keras-tuner 1.1.3 needs it
os.environ["TF_CPP_MIN_LOG_LEVEL"] = "2"

import numpy as np  # noqa: E402
from hls4ml.optimization.dsp_aware_pruning.attributes import (  # noqa: E402
    OptimizationAttributes, get_attributes_from_keras_model_and_hls4ml_config)
from hls4ml.optimization.dsp_aware_pruning.config import SUPPORTED_STRUCTURES  # noqa: E402
from hls4ml.optimization.dsp_aware_pruning.keras.masking import get_model_masks  # noqa: E402
from hls4ml.optimization.dsp_aware_pruning.objectives import ParameterEstimator  # noqa: E402
from hls4ml.optimization.dsp_aware_pruning.objectives.vivado_objectives import VivadoDSPEstimator  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PRECISION = "fixed<16,6>"
OBJECTIVES = {"parameters": ParameterEstimator, "dsp": VivadoDSPEstimator}
STRUCTURES = {"unstructured": SUPPORTED_STRUCTURES.UNSTRUCTURED, "structured": SUPPORTED_STRUCTURES.STRUCTURED,
              "pattern": SUPPORTED_STRUCTURES.PATTERN}
SETTINGS = [("Latency", 1), ("Resource", 4)]


def hls_config(model, strategy, reuse_factor):
    layers = {layer.name: {"Precision": {"weight": PRECISION, "result": PRECISION}} for layer in model.layers}
    return {"IOType": "io_parallel", "LayerName": layers,
            "Model": {"Precision": PRECISION, "ReuseFactor": reuse_factor, "Strategy": strategy}}


def attributes(model, objective, structure, strategy, reuse_factor, config=None):
    config = config or hls_config(model, strategy, reuse_factor)
    attrs = get_attributes_from_keras_model_and_hls4ml_config(model, config)
    weighted = [i for i, layer in enumerate(model.layers) if layer.get_weights()]
    last = weighted[-1]
    for index, layer in enumerate(model.layers):
        if layer.name not in attrs or "hls4ml_attributes" not in attrs[layer.name].args:
            continue
        la = attrs[layer.name]
        optimizable, default = objective.is_layer_optimizable(la)
        if not optimizable:
            la.optimizable = False
            continue
        size = int(np.prod(la.weight_shape))
        pattern_offset = size // reuse_factor if structure == SUPPORTED_STRUCTURES.PATTERN else 1
        oa = OptimizationAttributes(structure_type=structure, pruning=True, weight_sharing=False,
                                    pattern_offset=pattern_offset, consecutive_patterns=1)
        la.optimizable = True
        la.optimization_attributes = oa
        # optimize_model's rule: no structured pruning of the last weighted layer.
        if index >= last and oa.structure_type == SUPPORTED_STRUCTURES.STRUCTURED and oa.pruning:
            oa.pruning = False
            la.optimizable = oa.weight_sharing
    return attrs


def bits(mask):
    flat = np.asarray(mask).reshape(-1).astype(np.uint8)
    return "".join("1" if b else "0" for b in flat)


def main():
    import tf_keras  # only here: qkeras_masks.py imports this file in the Keras 2 environment, which has none

    model = tf_keras.models.load_model(ROOT / "models" / "jet_mlp.k2.h5", compile=False)
    cases = []
    for objective_name, objective in OBJECTIVES.items():
        for structure_name, structure in STRUCTURES.items():
            for sparsity in (0.5, 0.75):
                for local in (True, False):
                    for strategy, reuse_factor in SETTINGS:
                        attrs = attributes(model, objective, structure, strategy, reuse_factor)
                        masks, offsets = get_model_masks(model, attrs, sparsity, objective, metric="l1", local=local)
                        layers = []
                        for name, mask in masks.items():
                            la = attrs[name]
                            layers.append({
                                "name": name,
                                "optimizable": bool(la.optimizable),
                                "resources": [int(r) for r in objective.layer_resources(la)],
                                "savings": [int(s) for s in objective.layer_savings(la)] if la.optimizable else None,
                                "kept_weights": int(np.asarray(mask).sum()),
                                "mask": bits(mask),
                                "nonzero_offsets": int(np.count_nonzero(offsets[name])),
                            })
                        cases.append({"objective": objective_name, "structure": structure_name,
                                      "sparsity": sparsity, "local": local, "strategy": strategy,
                                      "reuse_factor": reuse_factor, "layers": layers})
                        print(objective_name, structure_name, sparsity, "local" if local else "global", strategy,
                              reuse_factor, [layer["kept_weights"] for layer in layers], file=sys.stderr)
    out = ROOT / "masks"
    out.mkdir(exist_ok=True)
    with open(out / "jet_mlp.masks.json", "w") as file:
        json.dump({"model": "models/jet_mlp.k2.h5", "precision": PRECISION, "metric": "l1",
                   "knapsack_solver": "CBC_MIP", "cases": cases}, file, indent=1)
        file.write("\n")


if __name__ == "__main__":
    main()
