#!/usr/bin/env python3
"""What a real MIP solver finds and proves on strongly correlated three-row knapsack instances, for
the Swift solver tests (Tests/KnapsackTests/TunedGreedyTests.swift).

`Fixtures/knapsack/correlated_m3.json`: four seeded instances (3 000 items, weights 1–1000 in each
row, values = first-row weight + 100, each row's capacity a seeded fraction 0.2–0.7 of its total),
each with HiGHS's result (scipy's `milp`, relative gap 0, TIME_LIMIT seconds): `best`, the value of
its best selection (checked feasible here), `bound`, its proven upper bound, and `proven`, whether
the two meet; and the LP bound. Instances HiGHS does not close in time keep a valid bound and a
feasible value, so the file does not claim an optimum it has not proven; `best` and `bound` can
differ by machine speed, the instances cannot. The bound's multipliers rank items badly for filling
on this class (see Sources/Knapsack/TunedGreedy.swift).

Needs numpy and scipy (both in .venv-fixtures). Usage: knapsack_optima.py [OUTPUT_FOLDER]
"""
import json
import random
import sys
from pathlib import Path

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, linprog, milp

OUT = Path(__file__).resolve().parent.parent / "knapsack"
TIME_LIMIT = 60.0


def instance(seed, items=3000, rows=3):
    rng = random.Random(seed)
    weights = [[rng.randint(1, 1000) for _ in range(items)] for _ in range(rows)]
    values = [float(w + 100) for w in weights[0]]
    capacity = [int(sum(row) * rng.uniform(0.2, 0.7)) for row in weights]
    return {"values": values, "weights": weights, "capacity": capacity}


def main(out):
    out.mkdir(parents=True, exist_ok=True)
    cases = []
    for seed in range(4):
        case = instance(seed)
        values, weights, capacity = np.array(case["values"]), np.array(case["weights"]), np.array(case["capacity"])
        lp = linprog(-values, A_ub=weights, b_ub=capacity, bounds=(0, 1), method="highs")
        # HiGHS's default relative gap (1e-4) would stop at a selection below the optimum.
        result = milp(-values, constraints=LinearConstraint(weights, -np.inf, capacity), integrality=np.ones(len(values)),
                      bounds=Bounds(0, 1), options={"mip_rel_gap": 0, "time_limit": TIME_LIMIT})
        assert result.status in (0, 1) and result.x is not None, result.message  # optimal, or stopped with a solution
        chosen = np.round(result.x).astype(int)
        assert np.all(weights @ chosen <= capacity), "HiGHS's selection does not fit"
        best = float(values @ chosen)
        bound = float(np.floor(-result.mip_dual_bound + 1e-6))  # integer values: the optimum is an integer
        case.update({"seed": seed, "best": best, "bound": bound, "proven": best == bound, "lp_bound": float(-lp.fun)})
        cases.append(case)
        print(seed, "best", best, "bound", bound, "proven" if best == bound else "open", "LP", case["lp_bound"])
    with open(out / "correlated_m3.json", "w") as file:
        json.dump({"solver": f"HiGHS via scipy.optimize.milp, mip_rel_gap 0, time limit {TIME_LIMIT:g} s",
                   "cases": cases}, file)
        file.write("\n")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
