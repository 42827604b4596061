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
/// Dense (with its activation), activation layers, Flatten, Reshape and Dropout at rate 0.
public struct Backpropagation {
    public let graph: Graph

    public init(graph: Graph) throws {
        self.graph = graph
        for layer in graph.layers {
            switch layer.kind {
            case .input, .dense, .activation, .flatten, .reshape: continue
            case .dropout(let rate) where rate == 0: continue
            default: throw TrainingError(layer: layer.name, message: "\(layer.className) layers cannot be trained yet")
            }
        }
        guard graph.inputs.count == 1, graph.outputs.count == 1 else {
            throw TrainingError(layer: nil, message: "training needs a model with one input and one output")
        }
    }

    /// The loss (with the weight penalties) of a batch and its gradients.
    public func gradients(inputs: [Float], labels: [Float], loss: Loss) -> (loss: Double, gradients: WeightGradients) {
        // Forward, keeping each layer's pre-activation and output.
        var linear: [String: [Float]] = [:]
        var outputs: [String: [Float]] = [:]
        for layer in graph.layers {
            let width = layer.outputShape.last ?? 1
            switch layer.kind {
            case .input:
                outputs[layer.name] = inputs
            case .dense(let dense):
                let x = outputs[layer.inputs[0]]!
                let kernel = layer.weight("kernel")!.tensor.values
                let bias = dense.useBias ? layer.weight("bias")!.tensor.values : nil
                let rows = x.count / (kernel.count / dense.units)
                var z = [Float](repeating: 0, count: rows * dense.units)
                let fanIn = kernel.count / dense.units
                for row in 0..<rows {
                    for input in 0..<fanIn {
                        let value = x[row * fanIn + input]
                        if value == 0 { continue }
                        for unit in 0..<dense.units { z[row * dense.units + unit] += value * kernel[input * dense.units + unit] }
                    }
                    if let bias { for unit in 0..<dense.units { z[row * dense.units + unit] += bias[unit] } }
                }
                linear[layer.name] = z
                outputs[layer.name] = layer.activation.map { ActivationGradients.forward($0, z, width: width) } ?? z
            case .activation(let activation):
                let x = outputs[layer.inputs[0]]!
                linear[layer.name] = x
                outputs[layer.name] = ActivationGradients.forward(activation, x, width: width)
            default:
                outputs[layer.name] = outputs[layer.inputs[0]]!
            }
        }
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
            case .dense(let dense):
                if let activation = layer.activation {
                    gradient = ActivationGradients.backward(activation, input: linear[layer.name]!, output: outputs[layer.name]!, gradient: gradient, width: width)
                }
                let x = outputs[layer.inputs[0]]!
                let kernel = layer.weight("kernel")!.tensor.values
                let fanIn = kernel.count / dense.units
                let rows = x.count / fanIn
                var dKernel = [Float](repeating: 0, count: kernel.count)
                var dBias = [Float](repeating: 0, count: dense.units)
                toInput = [Float](repeating: 0, count: x.count)
                for row in 0..<rows {
                    for unit in 0..<dense.units {
                        let g = gradient[row * dense.units + unit]
                        if g == 0 { continue }
                        dBias[unit] += g
                        for input in 0..<fanIn {
                            dKernel[input * dense.units + unit] += x[row * fanIn + input] * g
                            toInput[row * fanIn + input] += kernel[input * dense.units + unit] * g
                        }
                    }
                }
                gradients[layer.name, default: [:]]["kernel"] = dKernel
                if dense.useBias { gradients[layer.name, default: [:]]["bias"] = dBias }
            case .activation(let activation):
                toInput = ActivationGradients.backward(activation, input: linear[layer.name]!, output: outputs[layer.name]!, gradient: gradient, width: width)
            default:
                toInput = gradient
            }
            let source = layer.inputs[0]
            if let existing = upstream[source] {
                upstream[source] = zip(existing, toInput).map { $0 + $1 }
            } else {
                upstream[source] = toInput
            }
        }
        // Weight penalties: l1·sign(w) + 2·l2·w.
        var penalty = 0.0
        for layer in graph.layers {
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
        return (evaluation.value + penalty, gradients)
    }
}
