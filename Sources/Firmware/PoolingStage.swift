import FixedPoint
import ModelIR

/// `nnet::pooling1d_cl`, `pooling2d_cl`, `global_pooling1d_cl` and `global_pooling2d_cl` in
/// io_parallel: for each output pixel and channel, the window's values (the padding's as
/// `pad_val`), reduced in window order and converted to `accum_t`, then to `res_T`.
///
/// - Max: `T y = x[0]; y = x[i] > y ? x[i] : y`, in the input type. A padded position holds
///   `pad_val`: the input type with only its top bit set, the most negative value of a signed type,
///   but half the range of an unsigned one (so an unsigned max pool with `same` padding reads that
///   value at the edges).
/// - Average: `accum_t y = 0; y += x[i]` over every position (padding adds 0), then `y /= n` with
///   `n` the positions inside the input (`count_pad` is false): ap_fixed division by an `unsigned`,
///   the raw value divided and truncated toward zero.
struct PoolingStage: FirmwareStage {
    let name: String
    let input: FixedPointFormat
    let output: FixedPointFormat
    let accumulator: FixedPointFormat
    let operation: PoolingOperation
    let channels: Int
    let windowSize: Int
    /// For each output pixel, the input pixel under each window position, −1 in the padding.
    let windows: [Int32]

    func run(_ x: [Int128]) -> [Int128] {
        let pixels = windows.count / windowSize
        var result = [Int128](repeating: 0, count: pixels * channels)
        let padding = input.isSigned ? input.minimumRaw : Int128(1) << (input.width - 1)
        let sumFractionBits = max(accumulator.fractionBits, input.fractionBits)
        let (accumulatorShift, inputShift) = (sumFractionBits - accumulator.fractionBits, sumFractionBits - input.fractionBits)
        windows.withUnsafeBufferPointer { windows in
            for pixel in 0..<pixels {
                let window = windows[(pixel * windowSize)..<((pixel + 1) * windowSize)]
                for channel in 0..<channels {
                    let reduced: Int128
                    switch operation {
                    case .max:
                        var y = padding
                        for (position, source) in window.enumerated() {
                            let value = source < 0 ? padding : x[Int(source) * channels + channel]
                            if position == 0 || value > y { y = value }
                        }
                        reduced = accumulator.converting(y, from: input)
                    case .average:
                        var y: Int128 = 0
                        var inside: Int128 = 0
                        for source in window where source >= 0 {
                            let sum = (y << accumulatorShift) + (x[Int(source) * channels + channel] << inputShift)
                            y = FixedPointValue(exactRaw: sum, fractionBits: sumFractionBits, as: accumulator).raw
                            inside += 1
                        }
                        reduced = inside == 0 ? y : y / inside
                    }
                    result[pixel * channels + channel] = output.converting(reduced, from: accumulator)
                }
            }
        }
        return result
    }
}

extension WindowGeometry {
    /// For each output pixel, the input pixel under each window position (row by row), −1 in the
    /// padding: the windows of the pooling loops.
    func poolingWindows() -> [Int32] {
        var windows: [Int32] = []
        windows.reserveCapacity(pixelCount * windowSize)
        for pixel in 0..<pixelCount {
            for row in 0..<windowHeight {
                for column in 0..<windowWidth { windows.append(inputPixel(pixel, row: row, column: column).map { Int32($0) } ?? -1) }
            }
        }
        return windows
    }
}
