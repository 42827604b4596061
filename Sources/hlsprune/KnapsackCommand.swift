import ArgumentParser
import Foundation
import Knapsack

struct KnapsackCommand: ParsableCommand {
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

    func run() throws {
        let instance: KnapsackInstance
        do {
            instance = try KnapsackInstance.read(problem)
        } catch {
            printError("\(problem): \(error)")
            throw ExitCode.failure
        }
        let clock = ContinuousClock()
        let start = clock.now
        let solution: Knapsack.Solution
        do {
            solution = try Knapsack.solve(values: instance.values, weights: instance.weights, capacity: instance.capacity,
                                          method: method, timeLimit: timeLimit.map { .milliseconds(Int64($0 * 1000)) })
        } catch {
            printError("\(problem): \(error)")
            throw ExitCode.failure
        }
        let elapsed = start.duration(to: clock.now)
        let microseconds = elapsed.components.seconds * 1_000_000 + elapsed.components.attoseconds / 1_000_000_000_000
        let seconds = Double(microseconds) / 1e6
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
struct KnapsackInstance: Decodable {
    var values: [Double]
    var weights: [[Int]]
    var capacity: [Int]

    private enum CodingKeys: String, CodingKey { case values, weights, capacity }

    init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        values = try container.decode([Double].self, forKey: .values)
        weights = try container.decode([[Double]].self, forKey: .weights).enumerated().map { row, entries in
            try entries.enumerated().map { column, weight in try Self.integer(weight, "weights[\(row)][\(column)]") }
        }
        capacity = try container.decode([Double].self, forKey: .capacity).enumerated().map { row, value in
            try Self.integer(value, "capacity[\(row)]")
        }
    }

    private static func integer(_ value: Double, _ name: String) throws -> Int {
        guard value == value.rounded(), abs(value) < 9e15 else {
            throw KnapsackInputError(message: "\(name) is \(value); weights and capacities must be integers")
        }
        return Int(value)
    }

    static func read(_ path: String) throws -> KnapsackInstance {
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw KnapsackInputError(message: "cannot read the file")
            }
            data = contents
        }
        do {
            return try JSONDecoder().decode(KnapsackInstance.self, from: data)
        } catch let error as KnapsackInputError {
            throw error
        } catch DecodingError.keyNotFound(let key, _) {
            throw KnapsackInputError(message: "missing \"\(key.stringValue)\"; expected {\"values\": [...], \"weights\": [[...], ...], \"capacity\": [...]}")
        } catch {
            throw KnapsackInputError(message: "not a knapsack instance; expected {\"values\": [...], \"weights\": [[...], ...], \"capacity\": [...]}")
        }
    }
}

struct KnapsackInputError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
