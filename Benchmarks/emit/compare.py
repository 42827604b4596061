#!/usr/bin/env python3
"""`hlsprune emit` (release, whole command incl. reading the model, from the .keras and an .h5 copy) next to hls4ml 1.3.0's
`write()` (the call alone, after conversion) for a 1.5M-parameter MLP, Vitis defaults, same run.

usage: compare.py HLSPRUNE FOLDER [--runs N]     (FOLDER receives big_mlp.keras and the outputs)
"""
import argparse
import filecmp
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

os.environ["KERAS_BACKEND"] = "tensorflow"
os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"

import keras  # noqa: E402
import hls4ml  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("folder")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    folder = Path(args.folder)
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input(shape=(64,), name="x"), keras.layers.Dense(1024, activation="relu", name="fc1"),
                              keras.layers.Dense(1024, activation="relu", name="fc2"),
                              keras.layers.Dense(384, activation="relu", name="fc3"),
                              keras.layers.Dense(5, activation="softmax", name="out")], name="big_mlp")
    model.save(folder / "big_mlp.keras")
    model.save(folder / "big_mlp.h5")
    config = hls4ml.utils.config_from_keras_model(model, granularity="name", backend="Vitis")
    hls_model = hls4ml.converters.convert_from_keras_model(model, hls_config=config, output_dir=str(folder / "hls4ml"), backend="Vitis")
    theirs, ours, ours_h5 = [], [], []
    for _ in range(args.runs):
        start = time.perf_counter()
        hls_model.write()
        theirs.append(time.perf_counter() - start)
        start = time.perf_counter()
        subprocess.run([args.binary, "emit", str(folder / "big_mlp.keras"), "-o", str(folder / "ours"), "--force"], check=True)
        ours.append(time.perf_counter() - start)
        start = time.perf_counter()
        subprocess.run([args.binary, "emit", str(folder / "big_mlp.h5"), "-o", str(folder / "ours_h5"), "--force"], check=True)
        ours_h5.append(time.perf_counter() - start)
    weights = folder / "hls4ml" / "firmware" / "weights"
    names = sorted(os.listdir(weights))
    same = all(filecmp.cmp(weights / n, folder / "ours" / "firmware" / "weights" / n, shallow=False) for n in names)
    print("| workload | hls4ml write() s (median) | hlsprune emit s, from .keras / .h5 (median) | ratio .keras / .h5 | weight files identical |")
    print("|---|---|---|---|---|")
    t, o, h = statistics.median(theirs), statistics.median(ours), statistics.median(ours_h5)
    print(f"| 1.5M MLP ({model.count_params()} parameters), Vitis defaults | {t:.3f} | {o:.3f} / {h:.3f} | {t / o:.1f}× / {t / h:.1f}× "
          f"| {'yes' if same else 'no'} ({len(names)} files) |")


if __name__ == "__main__":
    main()
