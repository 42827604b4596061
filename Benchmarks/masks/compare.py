#!/usr/bin/env python3
"""Mask computation: hlsprune (release) next to hls4ml 1.3.0's get_model_masks (the call alone, model
already in memory) on the same model and settings. hlsprune is timed twice: the selection as it
reports it in --json "seconds" (model already read, like hls4ml's call), and the whole command.

usage: compare.py HLSPRUNE BIG_MODEL.h5 [--runs N]
Prints a Markdown table: per workload, the median seconds of each, the ratio, and whether both kept
the same number of weights.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

os.environ["TF_USE_LEGACY_KERAS"] = "1"
os.environ["PROTOCOL_BUFFERS_PYTHON_IMPLEMENTATION"] = "python"
os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "Fixtures" / "generate"))
import masks as golden  # noqa: E402  (the fixture script's hls4ml set-up)
import numpy as np  # noqa: E402
import tf_keras  # noqa: E402
from hls4ml.optimization.dsp_aware_pruning.keras.masking import get_model_masks  # noqa: E402

JET = Path(__file__).resolve().parents[2] / "Fixtures" / "models" / "jet_mlp.k2.h5"


def hls4ml_run(model, objective, structure, sparsity, local, strategy, reuse_factor):
    attrs = golden.attributes(model, golden.OBJECTIVES[objective], golden.STRUCTURES[structure], strategy, reuse_factor)
    with open(os.devnull, "w") as quiet:  # hls4ml prints per knapsack
        saved, sys.stdout = sys.stdout, quiet
        try:
            start = time.perf_counter()
            masks, _ = get_model_masks(model, attrs, sparsity, golden.OBJECTIVES[objective], metric="l1", local=local)
            elapsed = time.perf_counter() - start
        finally:
            sys.stdout = saved
    return elapsed, sum(int(np.asarray(m).sum()) for m in masks.values())


def ours_run(binary, path, objective, structure, sparsity, local, strategy, reuse_factor):
    command = [binary, "prune", str(path), "--dry-run", "--json", "--objective", "parameters" if objective == "parameters" else "dsp",
               "--structure", structure, "--sparsity", str(sparsity), "--strategy", strategy, "--reuse-factor", str(reuse_factor)]
    if local:
        command.append("--local")
    start = time.perf_counter()
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    elapsed = time.perf_counter() - start
    report = json.loads(output)
    kept = sum(layer["kept_weights"] for layer in report["layers"] if layer["optimizable"])
    return report["seconds"], elapsed, kept


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("big")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    jet = tf_keras.models.load_model(JET, compile=False)
    big = tf_keras.models.load_model(args.big, compile=False)
    cases = [(o, s, sp, lo, st, rf) for o in golden.OBJECTIVES for s in golden.STRUCTURES for sp in (0.5, 0.75)
             for lo in (True, False) for st, rf in golden.SETTINGS]
    workloads = [("jet MLP, 48 cases", jet, JET, cases),
                 # hls4ml's global decoding is quadratic in the group count: RF 4 (377k groups) takes
                 # about a quarter of an hour, so the big model runs at RF 64 and RF 16.
                 ("1.5M MLP, dsp global pattern, Resource RF 64", big, args.big, [("dsp", "pattern", 0.5, False, "Resource", 64)]),
                 ("1.5M MLP, dsp global pattern, Resource RF 16", big, args.big, [("dsp", "pattern", 0.5, False, "Resource", 16)])]
    print("| workload | hlsprune selection s | hlsprune command s | hls4ml get_model_masks s | ratio (selection) | ratio (command) | same kept weights |")
    print("|---|---|---|---|---|---|---|")
    for label, model, path, items in workloads:
        selection_times, command_times, theirs_times, same = [], [], [], True
        for _ in range(args.runs):
            selection_total = command_total = theirs_total = 0.0
            for case in items:
                selection, command, kept_ours = ours_run(args.binary, path, *case)
                selection_total += selection
                command_total += command
                seconds, kept_theirs = hls4ml_run(model, *case)
                theirs_total += seconds
                # Global pattern values are normalised by us (docs/deviations.md): totals still agree.
                same = same and kept_ours == kept_theirs
            selection_times.append(selection_total)
            command_times.append(command_total)
            theirs_times.append(theirs_total)
        selection, command, theirs = (statistics.median(t) for t in (selection_times, command_times, theirs_times))
        print(f"| {label} | {selection:.4f} | {command:.3f} | {theirs:.3f} | {theirs / selection:.0f}× | {theirs / command:.1f}× "
              f"| {'yes' if same else 'no'} |", flush=True)


if __name__ == "__main__":
    main()
