import Foundation
import Knapsack

/// A knapsack problem read from JSON: `{"values": [...], "weights": [[...], ...], "capacity": [...]}`.
///
/// ```swift
/// let instance = try KnapsackInstance.read("problem.json")
/// let (solution, seconds) = try instance.solve()
/// ```
public struct KnapsackInstance: Decodable, Sendable {
    public var values: [Double]
    public var weights: [[Int]]
    public var capacity: [Int]

    private enum CodingKeys: String, CodingKey { case values, weights, capacity }

    public init(from decoder: Decoder) throws {
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

    /// Solves the instance; errors name nothing but the problem (the caller knows the file).
    public func solve(method: Knapsack.Method = .automatic, timeLimit: Double? = nil) throws -> (solution: Knapsack.Solution, seconds: Double) {
        let clock = ContinuousClock()
        let start = clock.now
        let solution = try Knapsack.solve(values: values, weights: weights, capacity: capacity, method: method,
                                          timeLimit: timeLimit.map { .milliseconds(Int64($0 * 1000)) })
        let elapsed = start.duration(to: clock.now)
        let microseconds = elapsed.components.seconds * 1_000_000 + elapsed.components.attoseconds / 1_000_000_000_000
        return (solution, Double(microseconds) / 1e6)
    }

    /// Reads the instance from the JSON file at `path`, or standard input for `-`.
    public static func read(_ path: String) throws -> KnapsackInstance {
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

/// Why a knapsack problem file cannot be read.
public struct KnapsackInputError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
