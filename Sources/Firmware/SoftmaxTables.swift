import FixedPoint
import Foundation

/// The lookup tables of hls4ml's softmax (`nnet_activation.h`), built as its `init_*` functions
/// build them in C simulation.
enum SoftmaxTables {
    /// `ceillog2(size)`: the address bits of a table.
    static func addressBits(_ size: Int) -> Int {
        var bits = 0
        while (1 << bits) < size { bits += 1 }
        return bits
    }

    /// `softmax_real_val_from_idx<T, size>(i)`: a `T` whose top `ceillog2(size)` bits are `i`, as a float.
    static func value(ofIndex index: Int, size: Int, format: FixedPointFormat) -> Float {
        let shift = format.width - addressBits(size)
        let bits = UInt128(index) << shift
        return Float(FixedPointValue(bits: bits, as: format).doubleValue)
    }

    /// `softmax_idx_from_real_val<T, size>(x)`: the top `ceillog2(size)` bits of `x`'s bit pattern.
    static func index(of raw: Int128, size: Int, format: FixedPointFormat) -> Int {
        let bits = addressBits(size)
        let pattern = UInt128(truncatingIfNeeded: raw) & ((UInt128(1) << format.width) &- 1)
        return Int(truncatingIfNeeded: (pattern >> (format.width - bits)) & ((UInt128(1) << bits) &- 1))
    }

    /// `init_exp_table<T>`: entry `i` is `expf(±value(i))` (negated for the stable implementation,
    /// whose inputs are `max − x`), in `format`.
    static func exponentials(size: Int, addressing: FixedPointFormat, negated: Bool, format: FixedPointFormat) -> [Int128] {
        (0..<size).map { index in
            let x = value(ofIndex: index, size: size, format: addressing)
            return FixedPointValue(Double(Foundation.exp(negated ? -x : x)), as: format).raw
        }
    }

    /// `init_invert_table<T>`: entry `i` is the float `1 / value(i)` in `format` (index 0 gives
    /// `1/0 = inf`, which the conversion saturates or wraps as the type says).
    static func inverses(size: Int, addressing: FixedPointFormat, format: FixedPointFormat) -> [Int128] {
        (0..<size).map { index in
            FixedPointValue(Double(1 / value(ofIndex: index, size: size, format: addressing)), as: format).raw
        }
    }

    /// `init_exp_table_legacy`: `expf(x)` for `x = 16 · (i − size/2) / size`, in `format`.
    static func legacyExponentials(size: Int, format: FixedPointFormat) -> [Int128] {
        (0..<size).map { index in
            let x = Float(16.0 * (Double(index) - Double(Float(size)) / 2.0) / Double(Float(size)))
            return FixedPointValue(Double(Foundation.exp(x)), as: format).raw
        }
    }

    /// `init_invert_table_legacy`: `1.0 / x` (in double) for `x = float(64 · i / size) > 0`, else 0.
    static func legacyInverses(size: Int, format: FixedPointFormat) -> [Int128] {
        (0..<size).map { index in
            let x = Float(64.0 * Double(index) / Double(Float(size)))
            return x > 0 ? FixedPointValue(1.0 / Double(x), as: format).raw : 0
        }
    }
}
