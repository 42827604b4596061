import Foundation
import ModelIR

/// Updates weights from their gradients, one step at a time, with Keras 3's update rules.
public protocol Optimizer: Sendable {
    /// Updates `weights` (identified by `key`, which keeps its optimizer state) with `gradient`.
    mutating func update(_ weights: inout [Float], gradient: [Float], key: String)
    /// Called once after every weight of a step was updated.
    mutating func finishStep()
}

/// Stochastic gradient descent with momentum and Nesterov's variant (Keras 3 `SGD`).
public struct SGD: Optimizer {
    public var learningRate: Float
    public var momentum: Float
    public var nesterov: Bool
    private var velocity: [String: [Float]] = [:]

    public init(learningRate: Float = 0.01, momentum: Float = 0, nesterov: Bool = false) {
        self.learningRate = learningRate
        self.momentum = momentum
        self.nesterov = nesterov
    }

    public mutating func update(_ weights: inout [Float], gradient: [Float], key: String) {
        guard momentum != 0 else {
            for index in weights.indices { weights[index] -= learningRate * gradient[index] }
            return
        }
        var v = velocity[key] ?? [Float](repeating: 0, count: weights.count)
        for index in weights.indices {
            v[index] = momentum * v[index] - learningRate * gradient[index]
            weights[index] += nesterov ? momentum * v[index] - learningRate * gradient[index] : v[index]
        }
        velocity[key] = v
    }

    public mutating func finishStep() {}
}

/// Adam (Keras 3 `Adam`: β1 0.9, β2 0.999, ε 1e-7, bias correction folded into the step size).
public struct Adam: Optimizer {
    public var learningRate: Float
    public var beta1: Float
    public var beta2: Float
    public var epsilon: Float
    private var iterations = 0
    private var first: [String: [Float]] = [:]
    private var second: [String: [Float]] = [:]

    public init(learningRate: Float = 0.001, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-7) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
    }

    public mutating func update(_ weights: inout [Float], gradient: [Float], key: String) {
        let step = Float(iterations + 1)
        let alpha = learningRate * (1 - pow(beta2, step)).squareRoot() / (1 - pow(beta1, step))
        var m = first[key] ?? [Float](repeating: 0, count: weights.count)
        var v = second[key] ?? [Float](repeating: 0, count: weights.count)
        for index in weights.indices {
            let g = gradient[index]
            m[index] += (g - m[index]) * (1 - beta1)
            v[index] += (g * g - v[index]) * (1 - beta2)
            weights[index] -= (m[index] * alpha) / (v[index].squareRoot() + epsilon)
        }
        first[key] = m
        second[key] = v
    }

    public mutating func finishStep() { iterations += 1 }
}

extension Optimizer {
    /// Applies one step of `gradients` to every weight of `graph` that has one.
    public mutating func step(_ graph: inout Graph, gradients: WeightGradients) throws {
        for (layer, weights) in gradients.sorted(by: { $0.key < $1.key }) {
            for (name, gradient) in weights.sorted(by: { $0.key < $1.key }) {
                var values = graph.layer(named: layer)!.weight(name)!.tensor.values
                update(&values, gradient: gradient, key: "\(layer)/\(name)")
                try graph.setValues(values, ofWeight: name, inLayer: layer)
            }
        }
        finishStep()
    }
}
