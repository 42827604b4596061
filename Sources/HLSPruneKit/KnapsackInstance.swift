import Foundation
import Knapsack

/// A knapsack problem read from JSON: `{"values": [...], "weights": [[...], ...], "capacity": [...]}`.
///
/// ```swift
/// let instance = try KnapsackInstance.read("problem.json")
/// let (solution, seconds) = try instance.solve()
/// ```
public struct KnapsackInstance: Sendable {
    public var values: [Double]
    public var weights: [[Int]]
    public var capacity: [Int]

    /// An instance of `values.count` items and `capacity.count` rows; ``solve(method:timeLimit:)`` checks the sizes.
    public init(values: [Double], weights: [[Int]], capacity: [Int]) {
        (self.values, self.weights, self.capacity) = (values, weights, capacity)
    }

    /// Reads an instance from JSON text (see ``read(_:)``).
    public init(json: Data) throws(KnapsackInputError) {
        let result = json.withUnsafeBytes { raw in
            Result { () throws(KnapsackInputError) in
                var reader = KnapsackJSONReader(raw.assumingMemoryBound(to: UInt8.self))
                return try reader.read()
            }
        }
        self = try result.get()
    }

    /// `value` as an `Int` if it is an integer of magnitude below 9e15 (so exact in a `Double`), else nil.
    @inline(__always)
    static func integer(_ value: Double) -> Int? {
        guard abs(value) < 9e15 else { return nil }  // also false for NaN
        let integer = Int(value)
        return Double(integer) == value ? integer : nil
    }

    /// The error for a weight or capacity `name` whose `value` is not such an integer.
    static func notAnInteger(_ name: String, _ value: Double, offset: Int? = nil) -> KnapsackInputError {
        KnapsackInputError(message: "\(name) is \(value); weights and capacities must be integers (of magnitude below 9e15)", offset: offset)
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
    ///
    /// The reader (``KnapsackJSONReader``) takes the keys in any order and ignores other keys;
    /// errors give the byte offset and the element, e.g. `byte 31: weights[0][0] is 1.5; …`.
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
        return try KnapsackInstance(json: data)
    }
}

/// Why a knapsack problem file cannot be read.
public struct KnapsackInputError: Error, CustomStringConvertible {
    /// What is wrong, naming the element (`values[3]`) or key where it can.
    public var message: String
    /// The byte offset in the file where the problem starts, when it is about one place.
    public var offset: Int?

    public init(message: String, offset: Int? = nil) {
        (self.message, self.offset) = (message, offset)
    }

    /// `byte <offset>: <message>`, or the message alone.
    public var description: String { offset.map { "byte \($0): \(message)" } ?? message }
}
