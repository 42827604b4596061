import Foundation
import Inference
import ModelIR

/// Why a graph cannot be trained.
public struct TrainingError: Error, Equatable, CustomStringConvertible {
    public var layer: String?
    public var message: String
    public var description: String { layer.map { "layer \($0): \(message)" } ?? message }
}

/// Gradients of a loss with respect to a graph's weights, by layer and weight name.
public typealias WeightGradients = [String: [String: [Float]]]

/// Forward and backward passes over a batch for the layer kinds training supports so far: inputs,
/// Dense and convolutions (with their activations, depthwise included), activation, ReLU, LeakyReLU
/// and PReLU layers, softmax over the last axis, pooling and global pooling, zero padding,
/// up-sampling, Flatten, Reshape, Permute, Dropout, and merges and concatenation over the last axis.
/// BatchNormalization over the last axis runs in training mode (batch statistics, which
/// ``BatchStatistics`` reports for the moving averages); Dropout drops with a seeded generator and
/// scales the kept values by 1/(1 − rate), as Keras does in training.
public struct Backpropagation {
    public let graph: Graph
    /// Whether the layers' own L1/L2 weight penalties are added to the loss and its gradients (Keras's
    /// `model.losses`); hls4ml's Hessians leave them out.
    public var includesWeightPenalties = true
    /// Piecewise-linear activations held on the linear piece each element took at a reference point,
    /// `y = slope·z + intercept`, by layer name; see ``linearised(at:)``.
    var linearisation: [String: (slope: [Float], intercept: [Float])] = [:]

    public init(graph: Graph) throws {
        self.graph = graph
        for layer in graph.layers {
            switch layer.kind {
            case .input, .dense, .convolution, .activation, .relu, .leakyReLU, .prelu, .flatten, .reshape, .pooling, .globalPooling,
                 .zeroPadding, .upSampling, .merge, .permute:
                continue
            case .batchNormalization(let norm) where norm.axis == -1 || norm.axis == layer.outputShape.count: continue
            case .softmax(let axis) where axis == -1 || axis == layer.outputShape.count: continue
            case .concatenate(let axis) where axis == -1 || axis == layer.outputShape.count: continue
            case .dropout: continue
            default: throw TrainingError(layer: layer.name, message: "\(layer.className) layers cannot be trained yet")
            }
        }
        guard graph.inputs.count == 1, graph.outputs.count == 1 else {
            throw TrainingError(layer: nil, message: "training needs a model with one input and one output")
        }
    }

    /// The loss (with the weight penalties and any group penalties) of a batch and its gradients.
    public func gradients(inputs: [Float], labels: [Float], loss: Loss, groupPenalties: [GroupPenalty] = []) -> (loss: Double, gradients: WeightGradients) {
        let result = step(inputs: inputs, labels: labels, loss: loss, groupPenalties: groupPenalties)
        return (result.loss, result.gradients)
    }

    /// The mean and (population) variance per channel of each BatchNormalization layer's input in a batch.
    public typealias BatchStatistics = [String: (mean: [Float], variance: [Float])]

    /// ``gradients(inputs:labels:loss:groupPenalties:)`` with the batch statistics of the
    /// BatchNormalization layers, for their moving averages.
    ///
    /// - Parameter dropoutSeed: seeds the Dropout masks; `nil` runs Dropout as at inference (the
    ///   gradient check and single-step comparisons use that).
    public func step(inputs: [Float], labels: [Float], loss: Loss, groupPenalties: [GroupPenalty] = [], dropoutSeed: UInt64? = nil)
        -> (loss: Double, gradients: WeightGradients, statistics: BatchStatistics) {
        let record = forward(inputs: inputs, dropoutSeed: dropoutSeed)
        let (batch, linear, outputs, dropoutMasks) = (record.batch, record.linear, record.outputs, record.dropoutMasks)
        let output = graph.layer(named: graph.outputs[0])!
        let evaluation = loss.evaluate(predictions: outputs[output.name]!, labels: labels, outputs: output.outputShape.reduce(1, *))
        // Backward.
        var upstream: [String: [Float]] = [output.name: evaluation.gradient]
        var gradients: WeightGradients = [:]
        for layer in graph.layers.reversed() {
            guard var gradient = upstream[layer.name] else { continue }
            let width = layer.outputShape.last ?? 1
            var toInput: [Float]
            switch layer.kind {
            case .input: continue
            case .relu where linearisation[layer.name] != nil, .leakyReLU where linearisation[layer.name] != nil:
                toInput = zip(gradient, linearisation[layer.name]!.slope).map { $0 * $1 }
            case .dense(let dense):
                if let activation = layer.activation {
                    gradient = deactivate(layer, activation, input: linear[layer.name]!, output: outputs[layer.name]!, gradient: gradient, width: width)
                }
                let result = Self.denseBackward(outputs[layer.inputs[0]]!, kernel: layer.weight("kernel")!.tensor.values, gradient: gradient,
                                                units: dense.units, needsInput: needsInputGradient(layer))
                toInput = result.input
                gradients[layer.name, default: [:]]["kernel"] = result.kernel
                if dense.useBias { gradients[layer.name, default: [:]]["bias"] = result.bias }
            case .activation(let activation):
                toInput = deactivate(layer, activation, input: linear[layer.name]!, output: outputs[layer.name]!, gradient: gradient, width: width)
            case .softmax:
                toInput = ActivationGradients.backward(.softmax, input: linear[layer.name]!, output: outputs[layer.name]!, gradient: gradient, width: width)
            case .flatten, .reshape, .dropout:
                toInput = dropoutMasks[layer.name].map { zip(gradient, $0).map { $0 * $1 } } ?? gradient
            case .batchNormalization(let norm):
                let result = Self.batchNormalizationBackward(layer, norm: norm, input: linear[layer.name]!, gradient: gradient, channels: width,
                                                             moments: record.statistics[layer.name]!)
                toInput = result.input
                if norm.scale { gradients[layer.name, default: [:]]["gamma"] = result.gamma }
                if norm.center { gradients[layer.name, default: [:]]["beta"] = result.beta }
            default:
                if let activation = layer.activation {
                    gradient = deactivate(layer, activation, input: linear[layer.name]!, output: outputs[layer.name]!, gradient: gradient, width: width)
                }
                let perInput = backwardPerSample(layer, outputs: outputs, gradient: gradient, batch: batch, gradients: &gradients)
                for (source, part) in zip(layer.inputs, perInput) where !part.isEmpty { accumulate(part, into: source, &upstream) }
                continue
            }
            accumulate(toInput, into: layer.inputs[0], &upstream)
        }
        // Weight penalties: l1·sign(w) + 2·l2·w.
        var penalty = 0.0
        for layer in graph.layers where includesWeightPenalties {
            penalty += layer.penaltyValue
            for term in layer.penalties {
                guard let values = layer.weight(term.weight)?.tensor.values, var gradient = gradients[layer.name]?[term.weight] else { continue }
                for index in values.indices {
                    let w = values[index]
                    gradient[index] += Float(term.l1) * (w > 0 ? 1 : w < 0 ? -1 : 0) + 2 * Float(term.l2) * w
                }
                gradients[layer.name]?[term.weight] = gradient
            }
        }
        for term in groupPenalties {
            guard let values = graph.layer(named: term.layer)?.weight(term.weight)?.tensor.values, var gradient = gradients[term.layer]?[term.weight] else { continue }
            penalty += term.value(values)
            term.addGradient(values, to: &gradient)
            gradients[term.layer]?[term.weight] = gradient
        }
        return (evaluation.value + penalty, gradients, record.statistics)
    }

    /// `activation` applied to a layer's pre-activation `z`, or its linearisation when it has one.
    private func activate(_ layer: Layer, _ activation: Activation, _ z: [Float], width: Int) -> [Float] {
        linearisation[layer.name] == nil ? ActivationGradients.forward(activation, z, width: width) : linearised(layer, z)
    }

    /// ∂L/∂z of an activation from ∂L/∂y: the slopes of its linearisation when it has one.
    private func deactivate(_ layer: Layer, _ activation: Activation, input: [Float], output: [Float], gradient: [Float], width: Int) -> [Float] {
        if let piece = linearisation[layer.name] { return zip(gradient, piece.slope).map { $0 * $1 } }
        return ActivationGradients.backward(activation, input: input, output: output, gradient: gradient, width: width)
    }

    private func linearised(_ layer: Layer, _ z: [Float]) -> [Float] {
        let piece = linearisation[layer.name]!
        return z.indices.map { piece.slope[$0] * z[$0] + piece.intercept[$0] }
    }

    /// This pass with every piecewise-linear activation (ReLU, ReLU6, hard sigmoid, ReLU and
    /// LeakyReLU layers) frozen on the piece each element takes for `inputs`. Its derivatives are those
    /// automatic differentiation reports at `inputs` (a kink has second derivative zero), also where a
    /// finite step would cross a kink. Max pooling and max/min merges are not frozen.
    func linearised(at inputs: [Float]) -> Backpropagation {
        let record = forward(inputs: inputs, dropoutSeed: nil)
        var frozen = self
        for layer in graph.layers {
            let input: [Float]
            let slope: [Float]
            switch (layer.kind, layer.activation) {
            case (.relu(let relu), _):
                input = record.outputs[layer.inputs[0]]!
                slope = input.map { Self.slope(of: relu, at: $0) }
            case (.leakyReLU(let alpha), _):
                input = record.outputs[layer.inputs[0]]!
                slope = input.map { $0 >= 0 ? 1 : alpha }
            case (.activation(let activation), _) where activation.isPiecewiseLinear, (_, let activation?) where activation.isPiecewiseLinear:
                input = record.linear[layer.name]!
                slope = ActivationGradients.backward(activation, input: input, output: record.outputs[layer.name]!,
                                                     gradient: Array(repeating: 1, count: input.count), width: layer.outputShape.last ?? 1)
            default: continue
            }
            let output = record.outputs[layer.name]!
            frozen.linearisation[layer.name] = (slope, zip(output, zip(slope, input)).map { $0 - $1.0 * $1.1 })
        }
        return frozen
    }

    /// One layer-by-layer forward pass over a batch: each layer's pre-activation and output, the batch
    /// statistics of BatchNormalization layers and the Dropout masks.
    struct ForwardRecord {
        var batch: Int
        var linear: [String: [Float]] = [:]
        var outputs: [String: [Float]] = [:]
        var statistics: BatchStatistics = [:]
        var dropoutMasks: [String: [Float]] = [:]
    }

    func forward(inputs: [Float], dropoutSeed: UInt64?) -> ForwardRecord {
        var record = ForwardRecord(batch: inputs.count / shape(of: graph.inputs[0]).reduce(1, *))
        let batch = record.batch
        var generator = SeededGenerator(seed: dropoutSeed ?? 0)
        var statistics: BatchStatistics = [:]
        var dropoutMasks: [String: [Float]] = [:]
        var linear: [String: [Float]] = [:]
        var outputs: [String: [Float]] = [:]
        for layer in graph.layers {
            let width = layer.outputShape.last ?? 1
            switch layer.kind {
            case .input:
                outputs[layer.name] = inputs
            case .relu where linearisation[layer.name] != nil, .leakyReLU where linearisation[layer.name] != nil:
                let x = outputs[layer.inputs[0]]!
                linear[layer.name] = x
                outputs[layer.name] = linearised(layer, x)
            case .dense(let dense):
                let z = Self.denseForward(outputs[layer.inputs[0]]!, kernel: layer.weight("kernel")!.tensor.values,
                                          bias: dense.useBias ? layer.weight("bias")!.tensor.values : nil, units: dense.units)
                linear[layer.name] = z
                outputs[layer.name] = layer.activation.map { activate(layer, $0, z, width: width) } ?? z
            case .activation(let activation):
                let x = outputs[layer.inputs[0]]!
                linear[layer.name] = x
                outputs[layer.name] = activate(layer, activation, x, width: width)
            case .softmax:
                let x = outputs[layer.inputs[0]]!
                linear[layer.name] = x
                outputs[layer.name] = ActivationGradients.forward(.softmax, x, width: width)
            case .dropout(let rate) where dropoutSeed != nil && rate > 0:
                let x = outputs[layer.inputs[0]]!
                let mask = x.indices.map { _ in Float.random(in: 0..<1, using: &generator) < rate ? Float(0) : 1 / (1 - rate) }
                dropoutMasks[layer.name] = mask
                outputs[layer.name] = zip(x, mask).map { $0 * $1 }
            case .flatten, .reshape, .dropout:
                outputs[layer.name] = outputs[layer.inputs[0]]!
            case .batchNormalization(let norm):
                let x = outputs[layer.inputs[0]]!
                let (mean, variance) = Self.moments(x, channels: width)
                statistics[layer.name] = (mean, variance)
                let gamma = layer.weight("gamma")?.tensor.values ?? Array(repeating: 1, count: width)
                let beta = layer.weight("beta")?.tensor.values ?? Array(repeating: 0, count: width)
                let inverse = variance.map { 1 / ($0 + norm.epsilon).squareRoot() }
                linear[layer.name] = x
                var y = [Float](repeating: 0, count: x.count)
                for row in stride(from: 0, to: x.count, by: width) {
                    for c in 0..<width { y[row + c] = (x[row + c] - mean[c]) * inverse[c] * gamma[c] + beta[c] }
                }
                outputs[layer.name] = y
            default:
                // Per sample with the inference kernels; the layer's own activation applied after.
                let bare = { var copy = layer; copy.activation = nil; return copy }()
                let shapes = layer.inputs.map { self.shape(of: $0) }
                let sizes = shapes.map { $0.reduce(1, *) }
                let sources = outputs
                let z = Self.concurrentSamples(batch) { range in
                    var part: [Float] = []
                    for sample in range {
                        let sampleInputs = layer.inputs.enumerated().map { position, input in
                            Array(sources[input]![sample * sizes[position]..<(sample + 1) * sizes[position]])
                        }
                        part += LayerEvaluation.output(of: bare, inputs: sampleInputs, inputShapes: shapes)
                    }
                    return part
                }.flatMap { $0 }
                linear[layer.name] = z
                outputs[layer.name] = layer.activation.map { activate(layer, $0, z, width: width) } ?? z
            }
        }
        record.linear = linear
        record.outputs = outputs
        record.statistics = statistics
        record.dropoutMasks = dropoutMasks
        return record
    }

    private func shape(of layer: String) -> [Int] { graph.layer(named: layer)!.outputShape }

    /// Mean and population variance of every channel (the last axis) over all other positions.
    static func moments(_ x: [Float], channels: Int) -> (mean: [Float], variance: [Float]) {
        let count = Float(x.count / channels)
        var mean = [Float](repeating: 0, count: channels)
        for row in stride(from: 0, to: x.count, by: channels) {
            for c in 0..<channels { mean[c] += x[row + c] }
        }
        mean = mean.map { $0 / count }
        var variance = [Float](repeating: 0, count: channels)
        for row in stride(from: 0, to: x.count, by: channels) {
            for c in 0..<channels {
                let difference = x[row + c] - mean[c]
                variance[c] += difference * difference
            }
        }
        return (mean, variance.map { $0 / count })
    }

    /// Training-mode BatchNormalization backward, with the batch's `moments` from the forward pass:
    /// with x̂ = (x − μ)/σ over m positions per channel, dγ = Σ dy·x̂, dβ = Σ dy and
    /// dx = γ/(σ·m)·(m·dy − Σ dy − x̂·Σ dy·x̂).
    static func batchNormalizationBackward(_ layer: Layer, norm: BatchNormalizationAttributes, input x: [Float], gradient: [Float],
                                           channels: Int, moments: (mean: [Float], variance: [Float])) -> (input: [Float], gamma: [Float], beta: [Float]) {
        let (mean, variance) = moments
        let gamma = layer.weight("gamma")?.tensor.values ?? Array(repeating: 1, count: channels)
        let inverse = variance.map { 1 / ($0 + norm.epsilon).squareRoot() }
        let count = Float(x.count / channels)
        var dGamma = [Float](repeating: 0, count: channels)
        var dBeta = [Float](repeating: 0, count: channels)
        for row in stride(from: 0, to: x.count, by: channels) {
            for c in 0..<channels {
                dGamma[c] += gradient[row + c] * (x[row + c] - mean[c]) * inverse[c]
                dBeta[c] += gradient[row + c]
            }
        }
        var toInput = [Float](repeating: 0, count: x.count)
        for row in stride(from: 0, to: x.count, by: channels) {
            for c in 0..<channels {
                let normalised = (x[row + c] - mean[c]) * inverse[c]
                toInput[row + c] = gamma[c] * inverse[c] / count * (count * gradient[row + c] - dBeta[c] - normalised * dGamma[c])
            }
        }
        return (toInput, dGamma, dBeta)
    }

    /// Whether ∂L/∂input of `layer` is needed: not when its input is a model input.
    private func needsInputGradient(_ layer: Layer) -> Bool {
        graph.layer(named: layer.inputs[0]).map { if case .input = $0.kind { false } else { true } } ?? true
    }

    private func accumulate(_ gradient: [Float], into source: String, _ upstream: inout [String: [Float]]) {
        if let existing = upstream[source] {
            upstream[source] = zip(existing, gradient).map { $0 + $1 }
        } else {
            upstream[source] = gradient
        }
    }

    /// ∂L/∂input of each input of a spatial, ReLU-family, merge or concatenation layer, sample by
    /// sample; weight gradients (convolutions) are added into `gradients`.
    private func backwardPerSample(_ layer: Layer, outputs: [String: [Float]], gradient: [Float], batch: Int,
                                   gradients: inout WeightGradients) -> [[Float]] {
        let shapes = layer.inputs.map { shape(of: $0) }
        let sizes = shapes.map { $0.reduce(1, *) }
        let outputSize = layer.outputShape.reduce(1, *)
        let weightCount = layer.weights.first?.tensor.count ?? 0
        let channels = layer.outputShape.last ?? 0
        let needsInput = needsInputGradient(layer)
        // Samples in parallel chunks, each with its own weight-gradient sums.
        let pieces = Self.concurrentSamples(batch) { range -> (inputs: [[Float]], kernel: [Float], bias: [Float]) in
            var kernelGradient = [Float](repeating: 0, count: weightCount)
            var biasGradient = [Float](repeating: 0, count: channels)
            var inputs = sizes.map { _ in [Float]() }
            for sample in range {
                let g = Array(gradient[sample * outputSize..<(sample + 1) * outputSize])
                let x = layer.inputs.enumerated().map { position, input in
                    Array(outputs[input]![sample * sizes[position]..<(sample + 1) * sizes[position]])
                }
                let parts = Self.sampleBackward(layer, inputs: x, shapes: shapes, sizes: sizes, gradient: g, needsInput: needsInput,
                                                kernelGradient: &kernelGradient, biasGradient: &biasGradient)
                for position in parts.indices { inputs[position] += parts[position] }
            }
            return (inputs, kernelGradient, biasGradient)
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

    /// One sample's ∂L/∂input for each input of `layer` (a convolution's is empty unless `needsInput`); its weight gradients are added
    /// into `kernelGradient` and `biasGradient`.
    private static func sampleBackward(_ layer: Layer, inputs x: [[Float]], shapes: [[Int]], sizes: [Int], gradient g: [Float], needsInput: Bool,
                                       kernelGradient: inout [Float], biasGradient: inout [Float]) -> [[Float]] {
        switch layer.kind {
        case .convolution(let conv):
            return [SpatialGradients.convolution(conv, input: x[0], inputShape: shapes[0], outputShape: layer.outputShape,
                                                 kernel: layer.weights[0].tensor.values, gradient: g, needsInput: needsInput,
                                                 kernelGradient: &kernelGradient, biasGradient: &biasGradient)]
        case .pooling(let pool):
            return [SpatialGradients.pooling(pool, input: x[0], inputShape: shapes[0], outputShape: layer.outputShape, gradient: g)]
        case .globalPooling(let operation, _, _):
            return [SpatialGradients.globalPooling(operation, input: x[0], channels: shapes[0].last!, gradient: g)]
        case .zeroPadding(let rank, let padding):
            return [SpatialGradients.zeroPadding(rank: rank, padding: padding, inputShape: shapes[0], outputShape: layer.outputShape, gradient: g)]
        case .upSampling(let rank, let size):
            return [SpatialGradients.upSampling(rank: rank, size: size, inputShape: shapes[0], outputShape: layer.outputShape, gradient: g)]
        case .relu(let relu):
            return [zip(x[0], g).map { slope(of: relu, at: $0) * $1 }]
        case .leakyReLU(let alpha):
            return [zip(x[0], g).map { $0 >= 0 ? $1 : alpha * $1 }]
        case .prelu:
            // y = x above zero, α·x below (Keras: relu(x) − α·relu(−x), so both slopes are 0 at x = 0).
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
            var parts = sizes.map { [Float](repeating: 0, count: $0) }
            var offset = 0
            for (position, width) in widths.enumerated() {
                for row in 0..<(sizes[position] / width) {
                    for column in 0..<width { parts[position][row * width + column] = g[row * total + offset + column] }
                }
                offset += width
            }
            return parts
        default:
            return [g]
        }
    }

    /// The derivative of a ReLU layer at `value`: 0 above its maximum, 1 from its threshold, its
    /// negative slope below.
    static func slope(of relu: ReLUAttributes, at value: Float) -> Float {
        if let top = relu.maxValue, value >= top { return 0 }
        return value >= relu.threshold ? 1 : relu.negativeSlope
    }

    /// Runs `work` on contiguous ranges of `count` samples, one per core, and returns the results in order.
    static func concurrentSamples<T>(_ count: Int, _ work: @Sendable (Range<Int>) -> T) -> [T] {
        let chunks = max(1, min(count, ProcessInfo.processInfo.activeProcessorCount))
        let collector = ChunkCollector<T>(count: chunks)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let range = chunk * count / chunks..<(chunk + 1) * count / chunks
            collector.store(work(range), at: chunk)
        }
        return collector.results
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

    /// `x·W + b` for a batch, rows split over the cores.
    static func denseForward(_ x: [Float], kernel: [Float], bias: [Float]?, units: Int) -> [Float] {
        let fanIn = kernel.count / units
        let rows = x.count / fanIn
        var z = [Float](repeating: 0, count: rows * units)
        let chunks = min(rows, ProcessInfo.processInfo.activeProcessorCount)
        z.withUnsafeMutableBufferPointer { out in
            let output = SendablePointer(out.baseAddress!)
            x.withUnsafeBufferPointer { xs in
                kernel.withUnsafeBufferPointer { w in
                    let (xp, wp) = (SendablePointer(UnsafeMutablePointer(mutating: xs.baseAddress!)), SendablePointer(UnsafeMutablePointer(mutating: w.baseAddress!)))
                    DispatchQueue.concurrentPerform(iterations: max(chunks, 1)) { chunk in
                        for row in stride(from: chunk, to: rows, by: max(chunks, 1)) {
                            let zr = output.pointer + row * units
                            if let bias { for unit in 0..<units { zr[unit] = bias[unit] } }
                            for input in 0..<fanIn {
                                let value = xp.pointer[row * fanIn + input]
                                if value == 0 { continue }
                                let wr = wp.pointer + input * units
                                for unit in 0..<units { zr[unit] += value * wr[unit] }
                            }
                        }
                    }
                }
            }
        }
        return z
    }

    /// Gradients of a Dense layer for a batch: kernel and bias (summed over rows), and the input's
    /// when `needsInput`; rows split over the cores, each with its own partial sums.
    static func denseBackward(_ x: [Float], kernel: [Float], gradient: [Float], units: Int, needsInput: Bool)
        -> (kernel: [Float], bias: [Float], input: [Float]) {
        let fanIn = kernel.count / units
        let rows = x.count / fanIn
        let chunks = max(1, min(rows, ProcessInfo.processInfo.activeProcessorCount))
        // Partial sums per chunk in one scratch buffer: chunk c owns [c·(P + units), (c+1)·(P + units)).
        let stride = kernel.count + units
        let scratch = UnsafeMutablePointer<Float>.allocate(capacity: chunks * stride)
        scratch.initialize(repeating: 0, count: chunks * stride)
        defer { scratch.deallocate() }
        var toInput = [Float](repeating: 0, count: needsInput ? x.count : 0)
        x.withUnsafeBufferPointer { xs in
            kernel.withUnsafeBufferPointer { w in
                gradient.withUnsafeBufferPointer { g in
                    toInput.withUnsafeMutableBufferPointer { dx in
                        let pointers = (SendablePointer(UnsafeMutablePointer(mutating: xs.baseAddress!)), SendablePointer(UnsafeMutablePointer(mutating: w.baseAddress!)),
                                        SendablePointer(UnsafeMutablePointer(mutating: g.baseAddress!)), needsInput ? dx.baseAddress.map { SendablePointer($0) } : nil,
                                        SendablePointer(scratch))
                        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                            let dw = pointers.4.pointer + chunk * stride
                            let db = dw + kernel.count
                            for row in Swift.stride(from: chunk, to: rows, by: chunks) {
                                let gr = pointers.2.pointer + row * units
                                let xr = pointers.0.pointer + row * fanIn
                                for unit in 0..<units { db[unit] += gr[unit] }
                                for input in 0..<fanIn {
                                    let value = xr[input]
                                    let wr = pointers.1.pointer + input * units
                                    let dwr = dw + input * units
                                    var sum: Float = 0
                                    for unit in 0..<units {
                                        dwr[unit] += value * gr[unit]
                                        sum += wr[unit] * gr[unit]
                                    }
                                    if let dxp = pointers.3 { dxp.pointer[row * fanIn + input] = sum }
                                }
                            }
                        }
                    }
                }
            }
        }
        var dKernel = Array(UnsafeBufferPointer(start: scratch, count: kernel.count))
        var dBias = Array(UnsafeBufferPointer(start: scratch + kernel.count, count: units))
        for chunk in 1..<chunks {
            let base = scratch + chunk * stride
            for index in dKernel.indices { dKernel[index] += base[index] }
            for index in dBias.indices { dBias[index] += base[kernel.count + index] }
        }
        return (dKernel, dBias, toInput)
    }
}

/// A raw pointer handed to the iterations of a concurrent loop, each touching its own part.
struct SendablePointer: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Float>
    init(_ pointer: UnsafeMutablePointer<Float>) { self.pointer = pointer }
}

/// Results of a concurrent loop, each slot written once by its own iteration.
final class ChunkCollector<T>: @unchecked Sendable {
    private var slots: [T?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func store(_ value: T, at index: Int) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    var results: [T] { slots.map { $0! } }
}
