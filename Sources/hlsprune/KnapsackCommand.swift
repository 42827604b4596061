import ArgumentParser
import Foundation
import HLSPruneKit
import Knapsack

struct KnapsackCommand: ParsableCommand, FileCommand {
    static let configuration = CommandConfiguration(
        commandName: "knapsack",
        abstract: "Solve a 0/1 multi-dimensional knapsack exactly, as hls4ml's pruning selection does.",
        discussion: """
            Maximise Σ values[i]·x[i] subject to Σ weights[r][i]·x[i] ≤ capacity[r] for every row r, \
            with x[i] ∈ {0, 1}. In pruning the items are weight groups, the values their importance, \
            the rows resources (DSP, BRAM, …) and the selected items are the groups kept.

            PROBLEM.json: {"values": [4, 5, 6, 8, 3], "weights": [[2, 5, 3, 2, 5]], "capacity": [8]}
            (values ≥ 0; weights and capacities non-negative integers, M rows of N entries).

            Methods: automatic (default: grouped when items share weight columns, else \
            branch-and-bound), grouped, branch-and-bound, dynamic (one row, O(N·C)), greedy \
            (hls4ml's ratio rule, not exact). Ties: larger value first, then the higher index.

            With --json: {"value": 18.0, "selected": [0, 2, 3], "optimal": true, "upper_bound": 18.0, "seconds": 0.0001}
            """
    )

    @Argument(help: "The instance as JSON, or - for standard input.")
    var problem: String

    @Option(help: "automatic, grouped, branch-and-bound, dynamic or greedy.")
    var method: Knapsack.Method = .automatic

    @Option(help: "Stop branch and bound after this many seconds and report the best selection with an upper bound.")
    var timeLimit: Double?

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func validate() throws {
        if let timeLimit, !(timeLimit > 0) { throw ValidationError("--time-limit must be a positive number of seconds") }
    }

    var subject: String { problem }

    func run() throws {
        let instance = try KnapsackInstance.read(problem)
        let (solution, seconds) = try instance.solve(method: method, timeLimit: timeLimit)
        if json {
            print(OrderedJSON.object([
                ("value", .double(solution.value)),
                ("selected", .array(solution.selected.map { .int($0) })),
                ("optimal", .bool(solution.isOptimal)),
                ("upper_bound", .double(solution.upperBound)),
                ("seconds", .double(seconds)),
            ]).text)
        } else {
            print("""
                value        \(solution.value)
                selected     \(solution.selected.count) of \(instance.values.count) items\(solution.selected.count <= 50 ? ": " + solution.selected.map(String.init).joined(separator: ", ") : "")
                optimal      \(solution.isOptimal ? "yes" : "not proven; upper bound \(solution.upperBound)")
                time         \(String(format: "%.3f", seconds * 1000)) ms (\(method.rawValue))
                """)
        }
    }
}

extension Knapsack.Method: ExpressibleByArgument {}

/// A knapsack instance as read from JSON.
