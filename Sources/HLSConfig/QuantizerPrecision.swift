import ModelIR

extension Precision {
    /// The type hls4ml 1.3.0 gives a weight that a QKeras quantizer quantizes (its
    /// `QKerasQuantizer.hls_type`), or `nil` for quantizers whose weights hlsprune does not write.
    ///
    /// `quantized_bits(b, i)` → `fixed<b, i+1>` (signed even with `keep_negative=False`, as hls4ml
    /// does), `int<b>` when `b == i`; `ternary` → `int<2>`. The Keras 2 converter's `binary` (1-bit
    /// xnor types) and `quantized_po2` (exponent types) change the written data, and a fitted
    /// `alpha` makes hls4ml factor the scale out into an extra layer: those return `nil`.
    ///
    /// ```swift
    /// Precision(weightQuantizer: .bits(.init(bits: 6, integer: 0, scale: .constant(1))))   // fixed<6,1>
    /// ```
    public init?(weightQuantizer quantizer: Quantizer) {
        switch quantizer {
        case .bits(let q):
            if let scale = q.scale, scale != .constant(1) { return nil }
            if q.bits == q.integer {
                guard q.bits > 1 else { return nil }
                self = .fixed(FixedPoint(width: q.bits, integerBits: q.bits, isInteger: true))
            } else {
                self = .fixed(FixedPoint(width: q.bits, integerBits: q.integer + 1))
            }
        case .ternary(let scale, _):
            guard scale == nil || scale == .constant(1) else { return nil }
            self = .fixed(FixedPoint(width: 2, integerBits: 2, isInteger: true))
        default:
            return nil
        }
    }
}
