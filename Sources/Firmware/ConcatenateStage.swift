import FixedPoint

/// `nnet::concatenate1d`, `2d` and `3d` in io_parallel: both inputs converted to `res_T` and
/// interleaved along the concatenation axis (for each index before the axis, the block of the
/// first input, then that of the second).
///
/// The stage reads its two inputs one after the other, as ``FirmwareModel`` passes them.
struct ConcatenateStage: FirmwareStage {
    let name: String
    let first: FixedPointFormat
    let second: FixedPointFormat
    let output: FixedPointFormat
    /// The product of the dimensions before the axis (the same for both inputs).
    let outerCount: Int
    /// The values of each input per outer index: the product of the axis and the dimensions after it.
    let firstBlock: Int
    let secondBlock: Int

    func run(_ x: [Int128]) -> [Int128] {
        var result = [Int128]()
        result.reserveCapacity(outerCount * (firstBlock + secondBlock))
        let secondStart = outerCount * firstBlock
        for outer in 0..<outerCount {
            append(x[outer * firstBlock..<(outer + 1) * firstBlock], of: first, to: &result)
            append(x[secondStart + outer * secondBlock..<secondStart + (outer + 1) * secondBlock], of: second, to: &result)
        }
        return result
    }

    /// Appends `values` of `format` converted to the output's (copied when the formats are equal).
    private func append(_ values: ArraySlice<Int128>, of format: FixedPointFormat, to result: inout [Int128]) {
        if format == output {
            result.append(contentsOf: values)
        } else {
            for value in values { result.append(output.converting(value, from: format)) }
        }
    }
}
