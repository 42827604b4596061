/// Eight Float lanes loaded from and stored to raw pointers, for the convolution kernels whose
/// short inner loops (a few filters or channels) the compiler leaves scalar: it cannot prove that
/// the pointers do not overlap and may not reorder a Float sum. Callers keep a sum of eight lanes
/// in a register and finish any remainder with scalar code.
public enum VectorKernels {
    @inlinable @inline(__always)
    public static func load(_ pointer: UnsafePointer<Float>) -> SIMD8<Float> {
        UnsafeRawPointer(pointer).loadUnaligned(as: SIMD8<Float>.self)
    }

    @inlinable @inline(__always)
    public static func load(_ pointer: UnsafeMutablePointer<Float>) -> SIMD8<Float> {
        UnsafeRawPointer(pointer).loadUnaligned(as: SIMD8<Float>.self)
    }

    @inlinable @inline(__always)
    public static func store(_ value: SIMD8<Float>, _ pointer: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(pointer).storeBytes(of: value, as: SIMD8<Float>.self)
    }

    /// `y[j] += Σ_k a[k]·b[k·stride + j]` for `j < columns`, `k < rows`: a row vector times a
    /// row-major matrix (rows `stride` apart, `columns` by default), added to `y`, with eight
    /// columns at a time summed in a register.
    @inlinable @inline(__always)
    public static func addProduct(_ a: UnsafePointer<Float>, rows: Int, _ b: UnsafePointer<Float>, columns: Int, stride: Int? = nil,
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
}
