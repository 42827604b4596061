/// Eight Float lanes loaded from and stored to raw pointers, for the convolution kernels whose
/// short inner loops (a few filters or channels) the compiler leaves scalar: it cannot prove that
/// the pointers do not overlap and may not reorder a Float sum. Callers keep a sum of eight lanes
/// in a register and finish any remainder with scalar code.
package enum VectorKernels {
    @inlinable @inline(__always)
    package static func load(_ pointer: UnsafePointer<Float>) -> SIMD8<Float> {
        UnsafeRawPointer(pointer).loadUnaligned(as: SIMD8<Float>.self)
    }

    @inlinable @inline(__always)
    package static func load(_ pointer: UnsafeMutablePointer<Float>) -> SIMD8<Float> {
        UnsafeRawPointer(pointer).loadUnaligned(as: SIMD8<Float>.self)
    }

    @inlinable @inline(__always)
    package static func store(_ value: SIMD8<Float>, _ pointer: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(pointer).storeBytes(of: value, as: SIMD8<Float>.self)
    }

    /// `y[j] += Σ_k a[k]·b[k·stride + j]` for `j < columns`, `k < rows`: a row vector times a
    /// row-major matrix (rows `stride` apart, `columns` by default), added to `y`, with eight
    /// columns at a time summed in a register.
    @inlinable @inline(__always)
    package static func addProduct(_ a: UnsafePointer<Float>, rows: Int, _ b: UnsafePointer<Float>, columns: Int, stride: Int? = nil,
                                   to y: UnsafeMutablePointer<Float>) {
        let stride = stride ?? columns
        var first = 0
        while first + 8 <= columns {
            var sum = load(y + first)
            for k in 0..<rows { sum += a[k] * load(b + k * stride + first) }
            store(sum, y + first)
            first += 8
        }
        for j in first..<columns {
            for k in 0..<rows { y[j] += a[k] * b[k * stride + j] }
        }
    }

    /// `y[i] += a[i]·b[i]` for `i < count`, eight at a time.
    @inlinable @inline(__always)
    package static func addProducts(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int, to y: UnsafeMutablePointer<Float>) {
        var first = 0
        while first + 8 <= count {
            store(load(y + first) + load(a + first) * load(b + first), y + first)
            first += 8
        }
        for i in first..<count { y[i] += a[i] * b[i] }
    }

    /// Each of `count` values of `x` repeated `times` times in a row, for the depthwise kernels
    /// (output channel c·m + f reads input channel c); `x` itself when `times` is 1.
    package static func repeated(_ x: [Float], times: Int) -> [Float] {
        guard times > 1 else { return x }
        var result = [Float](repeating: 0, count: x.count * times)
        for index in x.indices {
            for copy in 0..<times { result[index * times + copy] = x[index] }
        }
        return result
    }
}
