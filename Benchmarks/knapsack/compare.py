#!/usr/bin/env python3
"""Times `hlsprune knapsack` (release) against OR-Tools on the same instances in the same run.

OR-Tools gets hls4ml's treatment: values scaled by 1e5 and truncated to integers (hls4ml's
`scaling_factor=10e4`), the CBC MIP and the multi-dimensional branch-and-bound solvers, each
with the same time limit as hlsprune. Times are medians of --runs runs. For hlsprune both the
whole process (start-up, reading the JSON file, solving, printing; wall clock around the
subprocess) and the solve alone (its own "seconds"); for OR-Tools the solve alone (no Python
start-up, no JSON parsing). The ratio divides CBC's solve by hlsprune's whole process.
Usage: compare.py BINARY INSTANCE.json… [--runs 3] [--limit 10]
"""
import argparse
import json
import statistics
import subprocess
import sys
import time as clock


def ours(binary, path, instance, limit, runs):
    results, processes = [], []
    for _ in range(runs):
        start = clock.perf_counter()
        out = subprocess.run([binary, "knapsack", path, "--json", "--time-limit", str(limit)],
                             check=True, capture_output=True, text=True).stdout
        processes.append(clock.perf_counter() - start)
        results.append(json.loads(out))
    best = results[0]
    # Independent check: the selection fits every row and its values add up to the reported value.
    for weights, capacity in zip(instance["weights"], instance["capacity"]):
        if sum(weights[i] for i in best["selected"]) > capacity:
            sys.exit(f"{path}: hlsprune returned an infeasible selection")
    if abs(sum(instance["values"][i] for i in best["selected"]) - best["value"]) > 1e-6 * max(1, best["value"]):
        sys.exit(f"{path}: hlsprune's value is not the sum of its selection")
    return best["value"], best["optimal"], statistics.median(r["seconds"] for r in results), statistics.median(processes)


def solve_with_ortools(instance, solver_type, limit, runs):
    from ortools.algorithms.python import knapsack_solver as ks
    profits = [int(v * 1e5) for v in instance["values"]]
    times = []
    for _ in range(runs):
        solver = ks.KnapsackSolver(getattr(ks.SolverType, solver_type), "bench")
        solver.set_time_limit(limit)
        solver.init(profits, instance["weights"], instance["capacity"])
        start = clock.perf_counter()
        profit = solver.solve()
        times.append(clock.perf_counter() - start)
        chosen = [i for i in range(len(profits)) if solver.best_solution_contains(i)]
    value = sum(instance["values"][i] for i in chosen)
    return value, solver.is_solution_optimal(), statistics.median(times), profit / 1e5


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("instances", nargs="+")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--limit", type=float, default=10.0)
    args = parser.parse_args()
    try:
        import ortools  # noqa: F401
        have_ortools = True
    except ImportError:
        have_ortools = False
        print("OR-Tools not installed: timing hlsprune only", file=sys.stderr)
    print("| instance | hlsprune value | proven | hlsprune process s | hlsprune solve s | process/solve | CBC value (its objective) | CBC solve s "
          "| CBC solve / hlsprune process | B&B value | B&B s |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for path in args.instances:
        name = path.rsplit("/", 1)[-1].removesuffix(".json")
        instance = json.load(open(path))
        value, optimal, seconds, process = ours(args.binary, path, instance, args.limit, args.runs)
        row = [name, f"{value:.6f}", "yes" if optimal else "no", f"{process:.4f}", f"{seconds:.4f}",
               f"{process / seconds:.1f}×" if seconds > 0 else "—"]
        if have_ortools:
            cbc = solve_with_ortools(instance, "KNAPSACK_MULTIDIMENSION_CBC_MIP_SOLVER", args.limit, 1 if seconds > 1 else args.runs)
            bb = solve_with_ortools(instance, "KNAPSACK_MULTIDIMENSION_BRANCH_AND_BOUND_SOLVER", args.limit, 1)
            ratio = cbc[2] / process
            row += [f"{cbc[0]:.6f} ({cbc[3]:.5f}){'' if cbc[1] else ' not proven'}", f"{cbc[2]:.4f}", f"{ratio:.1f}×",
                    f"{bb[0]:.6f}{'' if bb[1] else ' not proven'}", f"{bb[2]:.4f}"]
        print("| " + " | ".join(row) + " |", flush=True)


if __name__ == "__main__":
    main()
