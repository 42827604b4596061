/// An instance the solver rejects, with what was expected (the checks hls4ml makes, typed).
public enum KnapsackError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A value is negative, infinite or NaN.
    case invalidValue(index: Int, value: Double)
    /// A weight row does not have one entry per value.
    case weightRowLength(row: Int, count: Int, expected: Int)
    /// The number of capacities differs from the number of weight rows.
    case capacityCount(count: Int, expected: Int)
    /// A weight is negative.
    case negativeWeight(row: Int, index: Int, weight: Int)
    /// A capacity is negative.
    case negativeCapacity(row: Int, capacity: Int)
    /// There are values but no weight rows.
    case noResources
    /// A weight row's total does not fit a 64-bit integer (the solvers add weights exactly).
    case weightRowTooLarge(row: Int)
    /// The method cannot solve instances of this shape or size.
    case unsupported(method: Knapsack.Method, reason: String)

    public var description: String {
        switch self {
        case .invalidValue(let index, let value): "value \(index) is \(value); values must be finite and ≥ 0"
        case .weightRowLength(let row, let count, let expected): "weight row \(row) has \(count) entries, expected one per value (\(expected))"
        case .capacityCount(let count, let expected): "\(count) capacities given for \(expected) weight rows"
        case .negativeWeight(let row, let index, let weight): "weight [\(row)][\(index)] is \(weight); weights must be ≥ 0"
        case .negativeCapacity(let row, let capacity): "capacity \(row) is \(capacity); capacities must be ≥ 0"
        case .noResources: "values are given but no weight rows; expected weights of shape M × N with M ≥ 1"
        case .weightRowTooLarge(let row): "the weights of row \(row) add up to more than \(Int.max); scale the weights down"
        case .unsupported(let method, let reason): "method \(method.rawValue) cannot solve this instance: \(reason)"
        }
    }
}
