import FixedPoint

/// A layer that only moves values: `nnet::zeropad1d_cl`/`zeropad2d_cl` (`res = (res_T) data`,
/// or 0 in the padding) and `nnet::resize_nearest` (UpSampling, `res = data`). Each output takes
/// the input value at its index, converted to `res_T`, or 0 where the index is −1. (hls4ml 1.3.0
/// gives both layers the input's type as `res_T`, ignoring a configured result type.)
struct CopyStage: FirmwareStage {
    let name: String
    let input: FixedPointFormat
    let output: FixedPointFormat
    /// For each output value, the input value it copies, −1 for a zero.
    let sources: [Int32]

    func run(_ x: [Int128]) -> [Int128] {
        sources.map { $0 < 0 ? 0 : output.converting(x[Int($0)], from: input) }
    }

    /// ZeroPadding's copy of an input of `shape` (`[width, channels]` or `[height, width, channels]`)
    /// with `padding` (`[before, after]` per spatial axis).
    static func zeroPadding(shape: [Int], padding: [[Int]]) -> [Int32] {
        let (height, width, channels) = shape.count == 3 ? (shape[0], shape[1], shape[2]) : (1, shape[0], shape[1])
        let (top, bottom) = shape.count == 3 ? (padding[0][0], padding[0][1]) : (0, 0)
        let (left, right) = (padding[padding.count - 1][0], padding[padding.count - 1][1])
        var sources: [Int32] = []
        for y in -top..<(height + bottom) {
            for x in -left..<(width + right) {
                let inside = y >= 0 && y < height && x >= 0 && x < width
                for channel in 0..<channels { sources.append(inside ? Int32((y * width + x) * channels + channel) : -1) }
            }
        }
        return sources
    }

    /// `resize_nearest`'s copy of an input of `shape` scaled by `factors` (per spatial axis): output
    /// row `i` reads input row `(i · ratio) >> 16` with `ratio = (height << 16) / new_height + 1`,
    /// and likewise for columns.
    static func nearestResize(shape: [Int], factors: [Int]) -> [Int32] {
        let (height, width, channels) = shape.count == 3 ? (shape[0], shape[1], shape[2]) : (1, shape[0], shape[1])
        let (newHeight, newWidth) = (height * (shape.count == 3 ? factors[0] : 1), width * factors[factors.count - 1])
        let rowRatio = (height << 16) / newHeight + 1
        let columnRatio = (width << 16) / newWidth + 1
        var sources: [Int32] = []
        for i in 0..<newHeight {
            for j in 0..<newWidth {
                let (row, column) = ((i * rowRatio) >> 16, (j * columnRatio) >> 16)
                for channel in 0..<channels { sources.append(Int32((row * width + column) * channels + channel)) }
            }
        }
        return sources
    }
}
