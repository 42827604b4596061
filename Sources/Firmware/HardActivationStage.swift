import FixedPoint

/// `nnet::hard_sigmoid` and `nnet::hard_tanh`: `s = clip(slope · x + shift, 0, 1)` computed
/// exactly, with `slope` and `shift` held in their `slope_t`/`shift_t`, then `s` (hard sigmoid) or
/// `2s − 1` (hard tanh) converted to `res_T`.
struct HardActivationStage: FirmwareStage {
    let name: String
    let input: FixedPointFormat
    let output: FixedPointFormat
    let slope: FixedPointValue
    let shift: FixedPointValue
    /// `hard_tanh` when true, `hard_sigmoid` when false.
    let isTanh: Bool

    func run(_ x: [Int128]) -> [Int128] {
        let productFractionBits = slope.format.fractionBits + input.fractionBits
        let fractionBits = max(productFractionBits, shift.format.fractionBits)
        let one = Int128(1) << fractionBits
        let shiftRaw = shift.raw << (fractionBits - shift.format.fractionBits)
        let productShift = Int128(fractionBits - productFractionBits)
        return x.map { value in
            let clipped = min(max(((slope.raw * value) << productShift) + shiftRaw, 0), one)
            return isTanh ? output.converting(2 * clipped - one, fractionBits: fractionBits) : output.converting(clipped, fractionBits: fractionBits)
        }
    }
}
