#!/usr/bin/env python3
"""The pruning search on a large model: `hlsprune prune --dry-run --x --y` (release, whole process)
on the 12.6 M-parameter MLP of Benchmarks/predict/compare.py (made in FOLDER when missing), 2 000
random samples and labels, DSP objective with Resource RF 4 and with Latency (unstructured), rtol
0.5 so that the binary search runs its full course. Prints seconds (median), CPU seconds, peak RSS
and peak RSS over the model file's size (issue 16's target: under 3×). There is no Python
equivalent to run beside it: hls4ml's loop needs TensorFlow ≤ 2.14 and trains with Keras.

usage: measure.py HLSPRUNE FOLDER [--runs N]
"""
import argparse
import re
import statistics
import subprocess
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "predict"))
from compare import large_mlp  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("folder")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    folder = Path(args.folder)
    model = large_mlp(folder)
    rng = np.random.default_rng(3)
    np.save(folder / "search_x.npy", rng.normal(size=(2000, 1024)).astype(np.float32))
    np.save(folder / "search_y.npy", np.eye(10, dtype=np.float32)[rng.integers(0, 10, 2000)])
    size_mb = model.stat().st_size / 2**20
    print(f"| search, 12.6 M-parameter MLP ({size_mb:.0f} MB), 2 000 samples | wall s | CPU s | steps | peak MB | peak / file |")
    print("|---|---|---|---|---|---|")
    for label, options in [("dsp, Resource RF 4", ["--strategy", "Resource", "--reuse-factor", "4"]), ("dsp, Latency (unstructured)", [])]:
        walls, cpus, peaks, steps = [], [], [], 0
        for _ in range(args.runs):
            run = subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M", args.binary, "prune", str(model), "--dry-run", *options,
                                  "--x", str(folder / "search_x.npy"), "--y", str(folder / "search_y.npy"), "--rtol", "0.5"],
                                 capture_output=True, text=True, check=True)
            wall, user, system, peak = run.stderr.strip().splitlines()[-1].split()
            walls.append(float(wall))
            cpus.append(float(user) + float(system))
            peaks.append(int(peak) / 1024)
            steps = len(re.findall(r"^step \d+", run.stderr, re.MULTILINE))
        peak = max(peaks)
        print(f"| {label} | {statistics.median(walls):.1f} | {statistics.median(cpus):.1f} | {steps} | {peak:.0f} | {peak / size_mb:.1f}× |", flush=True)


if __name__ == "__main__":
    main()
