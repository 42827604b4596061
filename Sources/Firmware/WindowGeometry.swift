import ModelIR

/// The sliding window of a convolution or pooling layer as hls4ml 1.3.0 lays it out, channels last
/// (a 1-D layer has height 1): the zero padding its Keras 3 reader computes (`gen_conv_config`) and
/// the output size its im2col and pooling loops produce, `(padded − window) / stride + 1`.
///
/// hls4ml's reader ignores `dilation_rate`: a dilated layer is computed as an undilated one with
/// the padding of its undilated window (refused when that does not give Keras's output size).
///
/// ```swift
/// // Conv1D, 32 steps of 4 channels, kernel 3, stride 2, padding same: no zero left, one right (the odd one goes right)
/// let window = try WindowGeometry(layer: "conv", inputShape: [32, 4], window: [3], strides: [2], padding: .same, outputShape: [16, 8])
/// ```
struct WindowGeometry: Sendable {
    var inputHeight: Int
    var inputWidth: Int
    var channels: Int
    var windowHeight: Int
    var windowWidth: Int
    var strideHeight: Int
    var strideWidth: Int
    var padTop: Int
    var padLeft: Int
    var outputHeight: Int
    var outputWidth: Int

    /// - Parameters:
    ///   - inputShape: the layer's input, `[width, channels]` or `[height, width, channels]`.
    ///   - window, strides: one entry per spatial dimension.
    ///   - outputShape: Keras's output shape of the layer, which hls4ml's sizes must match.
    /// - Throws: ``FirmwareError`` naming `layer` when the shapes do not fit together.
    init(layer: String, inputShape: [Int], window: [Int], strides: [Int], padding: Padding, outputShape: [Int]) throws {
        let rank = inputShape.count - 1
        guard rank == 1 || rank == 2, window.count == rank, strides.count == rank, strides.allSatisfy({ $0 >= 1 }),
            outputShape.count == rank + 1
        else {
            throw FirmwareError(layer: layer, "a window over input \(inputShape) with size \(window) and strides \(strides) is not a 1-D or 2-D window")
        }
        let sizes = inputShape.dropLast().map { $0 }
        var before = [Int](repeating: 0, count: rank)
        var total = [Int](repeating: 0, count: rank)
        for axis in 0..<rank {
            let (n, k, s) = (sizes[axis], window[axis], strides[axis])
            switch padding {
            case .valid:
                break
            case .same:
                total[axis] = max((n + s - 1) / s * s - n + k - s, 0)
                before[axis] = total[axis] / 2
            case .causal:
                guard rank == 1 else { throw FirmwareError(layer: layer, "causal padding is defined only for 1-D windows") }
                total[axis] = k - 1
                before[axis] = k - 1
            }
        }
        var outputs: [Int] = []
        for axis in 0..<rank {
            let padded = sizes[axis] + total[axis]
            outputs.append((padded - window[axis]) / strides[axis] + 1)
        }
        guard outputs == Array(outputShape.dropLast()), outputs.allSatisfy({ $0 >= 1 }) else {
            throw FirmwareError(layer: layer, "hls4ml computes \(outputs) output positions where Keras has \(Array(outputShape.dropLast())) "
                                + "(hls4ml 1.3.0 ignores dilation_rate; its firmware would not match the model)")
        }
        inputHeight = rank == 2 ? sizes[0] : 1
        inputWidth = sizes[rank - 1]
        channels = inputShape[rank]
        windowHeight = rank == 2 ? window[0] : 1
        windowWidth = window[rank - 1]
        strideHeight = rank == 2 ? strides[0] : 1
        strideWidth = strides[rank - 1]
        padTop = rank == 2 ? before[0] : 0
        padLeft = before[rank - 1]
        outputHeight = rank == 2 ? outputs[0] : 1
        outputWidth = outputs[rank - 1]
    }

    /// Output positions (pixels) and window positions per channel.
    var pixelCount: Int { outputHeight * outputWidth }
    var windowSize: Int { windowHeight * windowWidth }

    /// The input pixel under window position (`row`, `column`) of output pixel `pixel`, or `nil` in
    /// the padding.
    func inputPixel(_ pixel: Int, row: Int, column: Int) -> Int? {
        let y = pixel / outputWidth * strideHeight + row - padTop
        let x = pixel % outputWidth * strideWidth + column - padLeft
        guard y >= 0, y < inputHeight, x >= 0, x < inputWidth else { return nil }
        return y * inputWidth + x
    }

    /// hls4ml's im2col (`fill_buffer_<index>`): for each output pixel in order, the input index of
    /// each window value in (row, column, channel) order, −1 where the window lies in the padding.
    func im2colIndices() -> [Int32] {
        var indices: [Int32] = []
        indices.reserveCapacity(pixelCount * windowSize * channels)
        for pixel in 0..<pixelCount {
            for row in 0..<windowHeight {
                for column in 0..<windowWidth {
                    let input = inputPixel(pixel, row: row, column: column)
                    for channel in 0..<channels { indices.append(input.map { Int32($0 * channels + channel) } ?? -1) }
                }
            }
        }
        return indices
    }
}
