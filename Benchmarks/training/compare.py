#!/usr/bin/env python3
"""Seconds per training epoch: `hlsprune train` (release) next to Keras 3 `fit` on the same model and
data, same batch size (256), Adam, in the same run (median of the runs).

usage: compare.py HLSPRUNE FOLDER [--runs N]
Uses the trained jet MLP fixture on 20 000 synthetic samples and the cnn2d fixture on 2 000, made here.
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

os.environ["KERAS_BACKEND"] = "tensorflow"
os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"

import keras  # noqa: E402
import numpy as np  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("folder")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    workloads = [("jet MLP, 20 000 samples, batch 256, Adam", ROOT / "Fixtures" / "trained" / "jet_trained.keras", (20000, 16), 5),
                 ("CNN fixture (cnn2d), 2 000 samples, batch 256, Adam", ROOT / "Fixtures" / "models" / "cnn2d.keras", (2000, 12, 12, 3), 4)]
    print("| workload | hlsprune s/epoch | Keras fit s/epoch | Keras/hlsprune |")
    print("|---|---|---|---|")
    epochs = 3
    for label, model_path, shape, classes in workloads:
        x = rng.normal(0, 1, shape).astype(np.float32)
        y = np.eye(classes, dtype=np.float32)[rng.integers(0, classes, shape[0])]
        np.save(Path(args.folder) / "x.npy", x)
        np.save(Path(args.folder) / "y.npy", y)
        ours, theirs = [], []
        for _ in range(args.runs):
            output = subprocess.run([args.binary, "train", str(model_path), "--x-train", f"{args.folder}/x.npy", "--y-train", f"{args.folder}/y.npy",
                                     "--epochs", str(epochs), "--batch-size", "256"], capture_output=True, text=True, check=True).stdout
            ours.append(float(re.search(r"\(([\d.]+) s per epoch\)", output).group(1)))
            model = keras.models.load_model(model_path, compile=False)
            model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="categorical_crossentropy")
            model.fit(x, y, batch_size=256, epochs=1, verbose=0)  # build and trace once
            start = time.perf_counter()
            model.fit(x, y, batch_size=256, epochs=epochs, verbose=0)
            theirs.append((time.perf_counter() - start) / epochs)
        o, t = statistics.median(ours), statistics.median(theirs)
        print(f"| {label} | {o:.3f} | {t:.3f} | {t / o:.2f}× |", flush=True)


if __name__ == "__main__":
    main()
