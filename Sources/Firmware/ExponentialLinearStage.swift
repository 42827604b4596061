import FixedPoint
import Foundation

/// `nnet::elu` and `nnet::selu`: for `x ≥ 0`, `x` (ELU) or `λ · x` with `λ` an
/// `ap_ufixed<16,1>` (SELU); below 0 an entry of a `table_size`-entry table of `table_t` over
/// (-8, 0], at index `int(x * table_size / -8)` clamped to the table, times `alpha` in `param_t`
/// for ELU. Results are converted to `res_T`.
struct ExponentialLinearStage: FirmwareStage {
    enum Function: Sendable {
        /// ELU with its `alpha` (raw, in `parameter`).
        case elu(alpha: Int128, parameter: FixedPointFormat)
        case selu

        /// SELU's λ as the headers' `ap_ufixed<16,1>` holds it.
        static let seluScaleFormat = try! FixedPointFormat(width: 16, integerBits: 1, isSigned: false)
        static let seluScale = FixedPointValue(1.0507009873554805, as: seluScaleFormat).raw

        /// The table of `init_elu_table`/`init_selu_table`: entry `i` is the function at the float
        /// `-8 · i / size`, ELU's `float(double(expf(x)) − 1)`, SELU's
        /// `float(1.0507… · (1.6732… · (double(expf(x)) − 1)))`, converted to `table_t`.
        func table(size: Int, format: FixedPointFormat) -> [Int128] {
            (0..<size).map { index in
                let x = Float(-8.0 * Double(index) / Double(Float(size)))
                let exponential = Double(Foundation.exp(x)) - 1
                let value: Float
                switch self {
                case .elu: value = Float(exponential)
                case .selu: value = Float(1.0507009873554804934193349852946 * (1.6732632423543772848170429916717 * exponential))
                }
                return FixedPointValue(Double(value), as: format).raw
            }
        }
    }

    let name: String
    let input: FixedPointFormat
    let output: FixedPointFormat
    let function: Function
    let tableFormat: FixedPointFormat
    let table: [Int128]

    func run(_ x: [Int128]) -> [Int128] {
        x.map { value in
            if value >= 0 {
                switch function {
                case .elu: return output.converting(value, from: input)
                case .selu:
                    return output.converting(Function.seluScale * value, fractionBits: Function.seluScaleFormat.fractionBits + input.fractionBits)
                }
            }
            let entry = entry(of: table, at: value, input: input, range: -8)
            switch function {
            case .elu(let alpha, let parameter):
                return output.converting(alpha * entry, fractionBits: parameter.fractionBits + tableFormat.fractionBits)
            case .selu:
                return output.converting(entry, from: tableFormat)
            }
        }
    }
}
