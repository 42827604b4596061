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
}
