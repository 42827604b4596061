import Inference
import ModelIR

/// The backward pass of the layers without a matrix-product kernel: grouped and depthwise
/// convolutions, pooling, padding, up-sampling, the ReLU family, PReLU, Permute, merges and
/// concatenation, each over the whole batch.
extension Backpropagation {
    /// The layers without a matrix-product kernel split the batch into blocks of this many samples
    /// (whatever the core count) for the cores: each block sums its weight gradients sample after
    /// sample and the blocks' sums are added in order, so the gradients are the same bytes on every
    /// run and thread count.
    static let sampleBlock = 32

    /// ∂L/∂input of each input of a spatial, ReLU-family, merge or concatenation layer over the
    /// batch; weight gradients (grouped and depthwise convolutions, PReLU) are stored in `gradients`.
    func spatialBackward(_ layer: Layer, outputs: [String: [Float]], gradient: [Float], batch: Int,
                         gradients: inout WeightGradients) -> [[Float]] {
        let shapes = layer.inputs.map { shape(of: $0) }
        let x = layer.inputs.map { outputs[$0]! }
        let weightCount = layer.weights.first?.tensor.count ?? 0
        let channels = weightCount > 0 ? layer.outputShape.last ?? 0 : 0
        let needsInput = needsInputGradient(layer)
        // Blocks of samples in parallel, each with its own weight-gradient sums.
        let sizes = shapes.map { $0.reduce(1, *) }
        let outputSize = layer.outputShape.reduce(1, *)
        let pieces = Self.concurrentBlocks(batch, size: Self.sampleBlock) { range -> (inputs: [[Float]], kernel: [Float], bias: [Float]) in
            var kernelGradient = [Float](repeating: 0, count: weightCount)
            var biasGradient = [Float](repeating: 0, count: channels)
            let inputs = zip(x, sizes).map { Array($0[range.lowerBound * $1..<range.upperBound * $1]) }
            let g = Array(gradient[range.lowerBound * outputSize..<range.upperBound * outputSize])
            let parts = Self.batchBackward(layer, inputs: inputs, shapes: shapes, gradient: g, needsInput: needsInput,
                                           kernelGradient: &kernelGradient, biasGradient: &biasGradient)
            return (parts, kernelGradient, biasGradient)
        }
        let results = sizes.indices.map { position in pieces.flatMap { $0.inputs[position] } }
        var kernelGradient = [Float](repeating: 0, count: weightCount)
        var biasGradient = [Float](repeating: 0, count: channels)
        for piece in pieces {
            for index in kernelGradient.indices { kernelGradient[index] += piece.kernel[index] }
            for index in biasGradient.indices { biasGradient[index] += piece.bias[index] }
        }
        switch layer.kind {
        case .convolution(let conv):
            gradients[layer.name, default: [:]][layer.weights[0].name] = kernelGradient
            if conv.useBias { gradients[layer.name, default: [:]]["bias"] = biasGradient }
        case .prelu:
            gradients[layer.name, default: [:]]["alpha"] = kernelGradient
        default:
            break
        }
        return results
    }

    /// ∂L/∂input for each input of `layer` over the samples of `x` (a convolution's is empty unless
    /// `needsInput`); its weight gradients are added into `kernelGradient` and `biasGradient`,
    /// sample after sample.
    static func batchBackward(_ layer: Layer, inputs x: [[Float]], shapes: [[Int]], gradient g: [Float], needsInput: Bool,
                              kernelGradient: inout [Float], biasGradient: inout [Float]) -> [[Float]] {
        switch layer.kind {
        case .convolution(let conv):
            return [SpatialGradients.convolution(conv, input: x[0], inputShape: shapes[0], outputShape: layer.outputShape,
                                                 kernel: layer.weights[0].tensor.values, gradient: g, needsInput: needsInput,
                                                 kernelGradient: &kernelGradient, biasGradient: &biasGradient)]
        case .pooling(let pool):
            return [SpatialGradients.pooling(pool, input: x[0], inputShape: shapes[0], outputShape: layer.outputShape, gradient: g)]
        case .globalPooling(let operation, _, _):
            return [SpatialGradients.globalPooling(operation, input: x[0], positions: shapes[0].dropLast().reduce(1, *),
                                                   channels: shapes[0].last!, gradient: g)]
        case .zeroPadding(let rank, let padding):
            return [SpatialGradients.zeroPadding(rank: rank, padding: padding, inputShape: shapes[0], outputShape: layer.outputShape, gradient: g)]
        case .upSampling(let rank, let size):
            return [SpatialGradients.upSampling(rank: rank, size: size, inputShape: shapes[0], outputShape: layer.outputShape, gradient: g)]
        case .relu(let relu) where relu.maxValue == nil:
            // `slope(at:)` without the optional maximum, its attributes hoisted out of the loop.
            let (threshold, slope) = (relu.threshold, relu.negativeSlope)
            return [zip(x[0], g).map { ($0 > threshold ? 1 : slope) * $1 }]
        case .relu(let relu):
            return [zip(x[0], g).map { relu.slope(at: $0) * $1 }]
        case .leakyReLU(let alpha):
            return [zip(x[0], g).map { $0 >= 0 ? $1 : alpha * $1 }]
        case .prelu:
            // y = x above zero, α·x below (Keras: relu(x) − α·relu(−x), so both slopes are 0 at x = 0).
            // `broadcastIndex` drops the sample index beyond the shape's axes.
            let alpha = layer.weights[0].tensor
            return [x[0].indices.map { index in
                let value = x[0][index]
                guard value < 0 else { return value > 0 ? g[index] : 0 }
                let slot = LayerEvaluation.broadcastIndex(index, from: shapes[0], to: alpha.shape)
                kernelGradient[slot] += g[index] * value
                return alpha.values[slot] * g[index]
            }]
        case .permute(let dims):
            // Undo the reordering: input axis dims[i] − 1 came from output axis i.
            var inverse = dims
            for (axis, source) in dims.enumerated() { inverse[source - 1] = axis + 1 }
            return [LayerEvaluation.permute(g, shape: layer.outputShape, dims: inverse)]
        case .merge(let operation):
            return mergeBackward(operation, inputs: x, gradient: g)
        case .concatenate:
            let widths = shapes.map { $0.last! }
            let total = widths.reduce(0, +)
            var parts = x.map { [Float](repeating: 0, count: $0.count) }
            var offset = 0
            for (position, width) in widths.enumerated() {
                for row in 0..<(parts[position].count / width) {
                    for column in 0..<width { parts[position][row * width + column] = g[row * total + offset + column] }
                }
                offset += width
            }
            return parts
        default:
            return [g]
        }
    }

    /// Element-wise merges: sums pass the gradient on (averages divided by the count, differences
    /// negated for the second input), products multiply it by the other inputs, maxima and minima
    /// send it to the first input that wins.
    private static func mergeBackward(_ operation: MergeOperation, inputs: [[Float]], gradient: [Float]) -> [[Float]] {
        var parts = inputs.map { [Float](repeating: 0, count: $0.count) }
        for index in gradient.indices {
            let g = gradient[index]
            switch operation {
            case .add: for position in parts.indices { parts[position][index] = g }
            case .average: for position in parts.indices { parts[position][index] = g / Float(parts.count) }
            case .subtract:
                parts[0][index] = g
                parts[1][index] = -g
            case .multiply:
                for position in parts.indices {
                    parts[position][index] = inputs.indices.reduce(g) { $1 == position ? $0 : $0 * inputs[$1][index] }
                }
            case .maximum, .minimum:
                var winner = 0
                for position in inputs.indices.dropFirst() {
                    let better = operation == .maximum ? inputs[position][index] > inputs[winner][index] : inputs[position][index] < inputs[winner][index]
                    if better { winner = position }
                }
                parts[winner][index] = g
            }
        }
        return parts
    }
}
