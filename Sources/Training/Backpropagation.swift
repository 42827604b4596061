import Foundation
import Inference
import ModelIR

/// Gradients of a loss with respect to a graph's weights, by layer and weight name.
public typealias WeightGradients = [String: [String: [Float]]]

/// Forward and backward passes over a batch for the layer kinds training supports so far: inputs,
/// Dense and convolutions (with their activations, depthwise included), activation, ReLU, LeakyReLU
/// and PReLU layers, softmax over the last axis, pooling and global pooling, zero padding,
/// up-sampling, Flatten, Reshape, Permute, Dropout, and merges and concatenation over the last axis.
/// BatchNormalization over the last axis runs in training mode (batch statistics, which
/// ``BatchStatistics`` reports for the moving averages); Dropout drops with a seeded generator and
/// scales the kept values by 1/(1 − rate), as Keras does in training.
///
/// The type's pieces: this file holds the layer-by-layer forward and backward passes; the kernels
/// and helpers they call are in `Backpropagation+<Concern>.swift` (Dense, Convolution, BatchNormalization,
/// spatial layers, linearisation, concurrency).
public struct Backpropagation {
    /// The graph whose weights the gradients are for (float weights, as QKeras keeps them).
    public let graph: Graph
    /// `graph` as the passes compute it: QKeras-quantized weights replaced by their quantized values;
    /// their gradients reach the float weights unchanged (``QuantizerGradients``).
    let running: Graph
    /// Whether the layers' own L1/L2 weight penalties are added to the loss and its gradients (Keras's
    /// `model.losses`); hls4ml's Hessians leave them out.
    public var includesWeightPenalties = true
    /// Piecewise-linear activations held on the linear piece each element took at a reference point,
    /// `y = slope·z + intercept`, by layer name; see ``linearised(at:)``.
    var linearisation: [String: (slope: [Float], intercept: [Float])] = [:]

    public init(graph: Graph) throws {
        self.graph = graph
        running = graph.withQuantizedWeights()
        for layer in graph.layers {
            var activations = [layer.activation]
            if case .activation(let function) = layer.kind { activations.append(function) }
            for case .quantized(let quantizer)? in activations {
                if let reason = QuantizerGradients.unsupportedReason(quantizer) { throw TrainingError(layer: layer.name, message: reason) }
            }
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
        let output = running.layer(named: running.outputs[0])!
        let evaluation = loss.evaluate(predictions: outputs[output.name]!, labels: labels, outputs: output.outputShape.reduce(1, *))
        // Backward.
        var upstream: [String: [Float]] = [output.name: evaluation.gradient]
        var gradients: WeightGradients = [:]
        for layer in running.layers.reversed() {
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
            case .convolution(let conv) where PatchMatrix.handles(conv):
                if let activation = layer.activation {
                    gradient = deactivate(layer, activation, input: linear[layer.name]!, output: outputs[layer.name]!, gradient: gradient, width: width)
                }
                let result = Self.convolutionBackward(conv, input: outputs[layer.inputs[0]]!, inputShape: shape(of: layer.inputs[0]),
                                                      outputShape: layer.outputShape, kernel: layer.weights[0].tensor.values, gradient: gradient,
                                                      needsInput: needsInputGradient(layer))
                toInput = result.input
                gradients[layer.name, default: [:]][layer.weights[0].name] = result.kernel
                if conv.useBias { gradients[layer.name, default: [:]]["bias"] = result.bias }
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
                let perInput = spatialBackward(layer, outputs: outputs, gradient: gradient, batch: batch, gradients: &gradients)
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
        var record = ForwardRecord(batch: inputs.count / shape(of: running.inputs[0]).reduce(1, *))
        var generator = SeededGenerator(seed: dropoutSeed ?? 0)
        var statistics: BatchStatistics = [:]
        var dropoutMasks: [String: [Float]] = [:]
        var linear: [String: [Float]] = [:]
        var outputs: [String: [Float]] = [:]
        for layer in running.layers {
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
                outputs[layer.name] = Self.batchNormalizationForward(x, mean: mean, inverse: inverse, gamma: gamma, beta: beta)
            default:
                // With the inference kernels, the layer's own activation applied after: a one-group
                // convolution as matrix products over the whole batch, the other kinds (each sample
                // computed as if alone) in blocks of samples on all cores.
                let bare = { var copy = layer; copy.activation = nil; return copy }()
                let shapes = layer.inputs.map { shape(of: $0) }
                let sources = layer.inputs.map { outputs[$0]! }
                let z: [Float]
                if case .convolution(let conv) = layer.kind, PatchMatrix.handles(conv) {
                    z = LayerEvaluation.output(of: bare, inputs: sources, inputShapes: shapes)
                } else {
                    let sizes = shapes.map { $0.reduce(1, *) }
                    z = Self.concurrentBlocks(record.batch, size: Self.sampleBlock) { range in
                        LayerEvaluation.output(of: bare, inputs: zip(sources, sizes).map { Array($0[range.lowerBound * $1..<range.upperBound * $1]) },
                                               inputShapes: shapes)
                    }.flatMap { $0 }
                }
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

    func shape(of layer: String) -> [Int] { running.layer(named: layer)!.outputShape }

    /// Whether ∂L/∂input of `layer` is needed: not when its input is a model input.
    func needsInputGradient(_ layer: Layer) -> Bool {
        running.layer(named: layer.inputs[0]).map { if case .input = $0.kind { false } else { true } } ?? true
    }

    func accumulate(_ gradient: [Float], into source: String, _ upstream: inout [String: [Float]]) {
        if let existing = upstream[source] {
            upstream[source] = zip(existing, gradient).map { $0 + $1 }
        } else {
            upstream[source] = gradient
        }
    }
}
