import FixedPoint

/// `nnet::binary_tanh`: +1 for `x ≥ 0`, −1 below, converted to `res_T` — except into an
/// `ap_uint<1>`, which holds 1 for `x ≥ 0` and 0 below (the headers' `binary_cast`).
struct BinaryTanhStage: FirmwareStage {
    let name: String
    let input: FixedPointFormat
    let output: FixedPointFormat

    func run(_ x: [Int128]) -> [Int128] {
        let isBit = !output.isSigned && output.width == 1 && output.integerBits == 1
        let one = output.converting(1, fractionBits: 0)
        let minusOne = isBit ? 0 : output.converting(-1, fractionBits: 0)
        return x.map { $0 >= 0 ? one : minusOne }
    }
}
