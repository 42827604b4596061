import FixedPoint
import ModelIR

/// `nnet::add`, `subtract`, `multiply`, `average`, `maximum` and `minimum` in io_parallel: element
/// `i` of the two inputs combined exactly (`data1[i] + data2[i]` in the headers' full-precision sum
/// type, the product likewise, the average as that sum times `ap_ufixed<1,0>(0.5)`, the larger or
/// smaller of the two compared exactly), then converted to `res_T`.
///
/// The stage reads its two inputs one after the other (`count` values of `first`, then `count` of
/// `second`), as ``FirmwareModel`` passes them.
struct MergeStage: FirmwareStage {
    let name: String
    let operation: MergeOperation
    let first: FixedPointFormat
    let second: FixedPointFormat
    let output: FixedPointFormat
    /// Values in each input.
    let count: Int

    /// - Throws: ``FirmwareError`` naming `name` when the exact intermediate values could exceed
    ///   the 127 bits the emulation computes in.
    init(name: String, operation: MergeOperation, first: FixedPointFormat, second: FixedPointFormat, output: FixedPointFormat, count: Int) throws {
        let fractionBits = max(first.fractionBits, second.fractionBits)
        let bits = operation == .multiply
            ? first.width + second.width
            : max(first.integerBits, second.integerBits) + max(fractionBits, 0) + 2
        guard bits <= 126 else {
            throw FirmwareError(layer: name, "the \(operation.rawValue) of \(first) and \(second) is too wide to emulate")
        }
        self.name = name
        self.operation = operation
        self.first = first
        self.second = second
        self.output = output
        self.count = count
    }

    func run(_ x: [Int128]) -> [Int128] {
        var result = [Int128](repeating: 0, count: count)
        let fractionBits = max(first.fractionBits, second.fractionBits)
        let firstShift = Int128(fractionBits - first.fractionBits)
        let secondShift = Int128(fractionBits - second.fractionBits)
        for i in 0..<count {
            let a = x[i]
            let b = x[count + i]
            switch operation {
            case .add:
                result[i] = output.converting((a << firstShift) + (b << secondShift), fractionBits: fractionBits)
            case .subtract:
                result[i] = output.converting((a << firstShift) - (b << secondShift), fractionBits: fractionBits)
            case .average:
                result[i] = output.converting((a << firstShift) + (b << secondShift), fractionBits: fractionBits + 1)
            case .multiply:
                result[i] = output.converting(a * b, fractionBits: first.fractionBits + second.fractionBits)
            case .maximum, .minimum:
                let isFirst = operation == .maximum ? (a << firstShift) > (b << secondShift) : (a << firstShift) < (b << secondShift)
                result[i] = isFirst ? output.converting(a, from: first) : output.converting(b, from: second)
            }
        }
        return result
    }
}
