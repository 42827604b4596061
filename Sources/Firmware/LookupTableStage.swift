import FixedPoint
import Foundation

/// `nnet::sigmoid`, `tanh`, `softplus` and `softsign`: a `table_size`-entry table of `table_t` over
/// [-8, 8) (sigmoid, softplus, softsign) or [-4, 4) (tanh), built once as hls4ml builds it, indexed by
/// `int(x * table_size / range) + table_size / 2` clamped to the table, the entry converted to `res_T`.
///
/// ```swift
/// let table = LookupTableStage.Function.sigmoid.table(size: 1024, format: tableFormat)
/// ```
struct LookupTableStage: FirmwareStage {
    enum Function: Sendable {
        case sigmoid
        case tanh
        case softplus
        case softsign

        /// The width of the tabulated input range: 8 for tanh, 16 for the others.
        var range: Int { self == .tanh ? 8 : 16 }

        /// The table hls4ml's `init_<function>_table` fill: entry `i` is the function at
        /// `range · (i − size/2) / size` (computed in double, stored in a float), sigmoid as
        /// `float(1.0 / (1 + expf(−x)))`, tanh as the double `tanh(x)`, softplus as
        /// `float(log(double(expf(x)) + 1))`, softsign as `float(x / (double(|x|) + 1))`, each
        /// converted to `table_t`.
        func table(size: Int, format: FixedPointFormat) -> [Int128] {
            (0..<size).map { index in
                let x = Float(Double(range) * (Double(index) - Double(Float(size)) / 2.0) / Double(Float(size)))
                switch self {
                case .sigmoid:
                    let value = Float(1.0 / Double(1 + Foundation.exp(-x)))
                    return FixedPointValue(Double(value), as: format).raw
                case .tanh:
                    return FixedPointValue(Foundation.tanh(Double(x)), as: format).raw
                case .softplus:
                    let value = Float(Foundation.log(Double(Foundation.exp(x)) + 1))
                    return FixedPointValue(Double(value), as: format).raw
                case .softsign:
                    let value = Float(Double(x) / (Double(abs(x)) + 1))
                    return FixedPointValue(Double(value), as: format).raw
                }
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
        let offset = function.range / 2 * table.count / function.range
        return x.map { value in output.converting(entry(of: table, at: value, input: input, range: function.range, offset: offset), from: tableFormat) }
    }
}

/// The entry of `table` for `x`: index ``tableIndex(_:input:tableSize:range:)`` plus `offset`,
/// clamped to the table, as every hls4ml table activation reads it.
func entry(of table: [Int128], at raw: Int128, input: FixedPointFormat, range: Int, offset: Int = 0) -> Int128 {
    let index = Int(tableIndex(raw, input: input, tableSize: table.count, range: range)) + offset
    return table[min(max(index, 0), table.count - 1)]
}

/// `int data_round = x * table_size / range;` for an `ap_fixed` `x` and `int`s: the exact quotient
/// truncated towards zero (the headers' division truncates towards zero, and so does the `int`
/// conversion), as a C `int` (wrapped to 32 bits).
func tableIndex(_ raw: Int128, input: FixedPointFormat, tableSize: Int, range: Int) -> Int32 {
    let numerator = raw * Int128(tableSize)
    let fractionBits = input.fractionBits
    let quotient: Int128
    if fractionBits >= 0 {
        quotient = numerator / (Int128(range) << fractionBits)
    } else {
        quotient = (numerator << -fractionBits) / Int128(range)
    }
    return Int32(truncatingIfNeeded: quotient)
}
