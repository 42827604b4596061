import FixedPoint

/// The element-wise activations of `nnet_activation.h` that need no table: `linear` (`res = x`)
/// and `relu` (`x > 0 ? x : 0`), the result converted to `res_T`.
struct ActivationStage: FirmwareStage {
    let name: String
    let input: FixedPointFormat
    let output: FixedPointFormat
    /// `relu` when true, `linear` when false.
    let isReLU: Bool

    func run(_ x: [Int128]) -> [Int128] {
        x.map { value in isReLU && value <= 0 ? 0 : output.converting(value, from: input) }
    }
}
