import FixedPoint

/// `nnet::conv_1d_cl` and `nnet::conv_2d_cl` in io_parallel: for each output pixel in order,
/// hls4ml's generated im2col buffer (the window's values in row, column, channel order; 0 where it
/// lies in the zero padding), then one matrix product with the layer's kernel.
///
/// The kernels (`conv_*_latency_cl`, `conv_*_resource_cl`, and the pointwise and batched-dense
/// forms hls4ml picks for 1×1 windows) compute each pixel exactly as `nnet::dense` computes one
/// input vector: `acc = (accum_t) b`, products converted to `accum_t` and added in the Latency order
/// or in `dense_resource`'s reuse-factor order, then `(res_T) acc`; so ``kernel`` is that Dense
/// computation over the `window · channels` inputs. The ParallelizationFactor only groups pixels
/// and changes no value.
struct ConvolutionStage: FirmwareStage {
    /// The matrix product for one pixel (named as the layer, with its types).
    let kernel: DenseStage
    /// For each output pixel, the input index of each of the kernel's inputs, −1 for padding.
    let im2col: [Int32]

    var name: String { kernel.name }
    var output: FixedPointFormat { kernel.output }

    func run(_ x: [Int128]) -> [Int128] {
        let size = kernel.inputCount
        let pixels = im2col.count / size
        var patch = [Int128](repeating: 0, count: size)
        var result: [Int128] = []
        result.reserveCapacity(pixels * kernel.outputCount)
        im2col.withUnsafeBufferPointer { indices in
            for pixel in 0..<pixels {
                let base = pixel * size
                for position in 0..<size {
                    let source = indices[base + position]
                    patch[position] = source < 0 ? 0 : x[Int(source)]
                }
                result.append(contentsOf: kernel.run(patch))
            }
        }
        return result
    }
}
