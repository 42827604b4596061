#!/usr/bin/env python3
"""`hlsprune predict` (release, whole process, median of the runs, peak RSS from /usr/bin/time -v) next
to warm Keras 3 `predict` (model loaded and traced once, then timed in-process) on the same inputs.

usage: compare.py HLSPRUNE FOLDER [--runs N] [--baseline OTHER_HLSPRUNE]
Workloads: the jet MLP fixture on 100 000 samples, and a 12.6 M-parameter MLP (1024→4096→2048→10,
random weights, made here into FOLDER, ~50 MB, never committed) on 2 000 samples. `--baseline`
times a second binary (an older build) in the same run.
"""
import argparse
import os
import re
import statistics
import subprocess
import time
from pathlib import Path

os.environ["KERAS_BACKEND"] = "tensorflow"
os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"

import keras  # noqa: E402
import numpy as np  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


def large_mlp(folder):
    path = folder / "large_mlp.keras"
    if not path.exists():
        keras.utils.set_random_seed(0)
        model = keras.Sequential([keras.Input((1024,)), keras.layers.Dense(4096, activation="relu"),
                                  keras.layers.Dense(2048, activation="relu"), keras.layers.Dense(10, activation="softmax")])
        model.save(path)
    return path


def timed(binary, model, x, out, runs):
    """Median seconds and largest peak RSS (MB) of `binary predict` over `runs` whole processes."""
    seconds, peaks = [], []
    for _ in range(runs):
        start = time.perf_counter()
        report = subprocess.run(["/usr/bin/time", "-v", binary, "predict", str(model), "--x", str(x), "-o", str(out)],
                                capture_output=True, text=True, check=True).stderr
        seconds.append(time.perf_counter() - start)
        peaks.append(int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", report).group(1)) / 1024)
    return statistics.median(seconds), max(peaks)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("folder")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--baseline")
    args = parser.parse_args()
    folder = Path(args.folder)
    rng = np.random.default_rng(0)
    # (label, model, input shape, multiply-adds per sample or None)
    workloads = [("jet MLP, 100 000 samples", ROOT / "Fixtures" / "models" / "jet_mlp.keras", (100000, 16), None),
                 ("12.6 M-parameter MLP, 2 000 samples", large_mlp(folder), (2000, 1024), 1024 * 4096 + 4096 * 2048 + 2048 * 10)]
    binaries = [("hlsprune", args.binary)] + ([("baseline", args.baseline)] if args.baseline else [])
    print("| workload | " + " | ".join(f"{name} s (peak MB)" for name, _ in binaries) + " | Keras warm s | Keras/hlsprune | hlsprune GFLOP/s (whole process) |")
    print("|---|" + "---|" * len(binaries) + "---|---|---|")
    for label, model_path, shape, multiply_adds in workloads:
        x = rng.normal(size=shape).astype(np.float32)
        np.save(folder / "x.npy", x)
        ours = [timed(binary, model_path, folder / "x.npy", folder / "out.npy", args.runs) for _, binary in binaries]
        model = keras.models.load_model(model_path, compile=False)
        model.predict(x, batch_size=1024, verbose=0)
        theirs = []
        for _ in range(args.runs):
            start = time.perf_counter()
            model.predict(x, batch_size=1024, verbose=0)
            theirs.append(time.perf_counter() - start)
        keras_seconds = statistics.median(theirs)
        cells = " | ".join(f"{s:.3f} ({peak:.0f})" for s, peak in ours)
        rate = f"{2 * multiply_adds * shape[0] / ours[0][0] / 1e9:.1f}" if multiply_adds else "–"
        print(f"| {label} | {cells} | {keras_seconds:.3f} | {keras_seconds / ours[0][0]:.2f}× | {rate} |", flush=True)


if __name__ == "__main__":
    main()
