#!/usr/bin/env python3
"""Writes the seeded knapsack benchmark instances of issue 4 as JSON files (standard library only).

Classes (capacity = half of each row's total, as in formats.md §4.3):
  pruned  — hls4ml-shaped: 8 layers, every item of a layer has its layer's weight column
            (entries 1–19), values uniform in [0, 1) with one in eight exactly 0 (already pruned);
  unc     — uncorrelated: weights 1–1000, values 1–1000;
  corr    — strongly correlated: values = first-row weight + 100.
"""
import json
import random
import sys
from pathlib import Path


def instance(kind, n, m, seed):
    rng = random.Random(seed)
    weights = [[0] * n for _ in range(m)]
    values = [0.0] * n
    if kind == "pruned":
        columns = [[rng.randint(1, 19) for _ in range(m)] for _ in range(8)]
        for i in range(n):
            column = columns[rng.randrange(8)]
            for r in range(m):
                weights[r][i] = column[r]
            values[i] = 0.0 if rng.random() < 0.125 else rng.random()
    else:
        for i in range(n):
            for r in range(m):
                weights[r][i] = rng.randint(1, 1000)
            values[i] = float(rng.randint(1, 1000)) if kind == "unc" else float(weights[0][i] + 100)
    return {"values": values, "weights": weights, "capacity": [sum(row) // 2 for row in weights]}


def main(folder):
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    plan = [("pruned", n, m) for n in (1000, 10000, 100000) for m in (1, 2)]
    plan += [(kind, n, m) for kind in ("unc", "corr") for n in (1000, 10000, 100000) for m in (1, 2, 3)]
    for seed, (kind, n, m) in enumerate(plan):
        path = out / f"{kind}-n{n}-m{m}.json"
        path.write_text(json.dumps(instance(kind, n, m, seed)))
        print(path)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/hlsprune-knapsack-bench")
