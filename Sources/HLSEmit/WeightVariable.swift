import HLSConfig
import ModelIR

/// One array hls4ml writes as `firmware/weights/<name>.h` (and `.txt`).
public struct WeightVariable: Sendable, Equatable {
    /// `w2`, `b2`, `s3`, …
    public var name: String
    /// The C++ type name (`fc1_weight_t`, `model_default_t`, `bias4_t`, …).
    public var typeName: String
    /// The resolved precision, which decides the number of decimals.
    public var precision: Precision
    /// The shape the data had when hls4ml created the variable (before any Resource transpose).
    public var shape: [Int]
    /// The values in the order they are written.
    public var values: [Float]
    /// Min, max and zero count of the data (hls4ml computes them before the transpose).
    public var minimum: Float
    public var maximum: Float
    public var zeroCount: Int

    init(name: String, typeName: String, precision: Precision, shape: [Int], data: [Float], transposed: Bool) {
        self.name = name
        self.typeName = typeName
        self.precision = precision
        self.shape = shape
        minimum = data.min() ?? 0
        maximum = data.max() ?? 0
        zeroCount = data.reduce(0) { $1 == 0 ? $0 + 1 : $0 }
        values = transposed ? Self.outputAxisFirst(data, shape: shape) : data
    }

    /// hls4ml's Resource layout: the last (output) axis moved first, `(k…, c_in, c_out) → (c_out, k…, c_in)`.
    static func outputAxisFirst(_ data: [Float], shape: [Int]) -> [Float] {
        let outputs = shape.last ?? 1
        let rest = data.count / max(outputs, 1)
        var result = [Float](repeating: 0, count: data.count)
        for row in 0..<rest {
            for output in 0..<outputs { result[output * rest + row] = data[row * outputs + output] }
        }
        return result
    }
}
