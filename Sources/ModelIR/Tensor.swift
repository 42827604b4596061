/// The element type a tensor had where it came from; values are always held as `Float`.
public enum ScalarType: String, Sendable, Equatable, CaseIterable {
    case float16, bfloat16, float32, float64
    case int8, int16, int32, int64
    case uint8, uint16, uint32, uint64
    case bool
}

/// A dense n-dimensional array in C (row-major) order.
public struct Tensor: Sendable, Equatable {
    /// The dimensions, outermost first; `[]` for a scalar.
    public var shape: [Int]
    /// The values in C order; `values.count` is the product of `shape`.
    public var values: [Float]
    /// The element type the values were stored as, so writers can store them the same way.
    public var storedType: ScalarType

    /// Creates a tensor; `values.count` must equal the product of `shape`.
    public init(shape: [Int], values: [Float], storedType: ScalarType = .float32) {
        precondition(shape.checkedProduct == values.count, "tensor shape \(shape) does not hold \(values.count) values")
        self.shape = shape
        self.values = values
        self.storedType = storedType
    }

    /// The number of elements.
    public var count: Int { values.count }

    /// The number of elements equal to zero (`-0` included).
    public var zeroCount: Int { values.reduce(0) { $1 == 0 ? $0 + 1 : $0 } }
}

/// A tensor with the name its layer knows it by (`kernel`, `bias`, `gamma`, `moving_mean`, …).
public struct Weight: Sendable, Equatable {
    /// The variable's short name, without layer path or `:0` suffix.
    public var name: String
    /// The values.
    public var tensor: Tensor

    public init(name: String, tensor: Tensor) {
        self.name = name
        self.tensor = tensor
    }
}

extension [Int] {
    /// The product of the elements (a shape's element count), or `nil` when it overflows `Int`.
    ///
    /// ```swift
    /// [2, 3, 4].checkedProduct          // 24
    /// [1 << 40, 1 << 40].checkedProduct // nil
    /// ```
    public var checkedProduct: Int? {
        var product = 1
        for element in self {
            guard case (let result, false) = product.multipliedReportingOverflow(by: element) else { return nil }
            product = result
        }
        return product
    }
}
