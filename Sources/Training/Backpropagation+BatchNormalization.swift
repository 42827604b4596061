import ModelIR

/// Training-mode BatchNormalization: batch moments, the forward and the backward pass (over raw
/// buffers: the loops with five arrays were not vectorised through the bounds checks).
extension Backpropagation {
    /// Mean and population variance of every channel (the last axis) over all other positions.
    static func moments(_ x: [Float], channels: Int) -> (mean: [Float], variance: [Float]) {
        let count = Float(x.count / channels)
        var mean = [Float](repeating: 0, count: channels)
        var variance = [Float](repeating: 0, count: channels)
        x.withUnsafeBufferPointer { x in
            mean.withUnsafeMutableBufferPointer { mean in
                for row in stride(from: 0, to: x.count, by: channels) {
                    for c in 0..<channels { mean[c] += x[row + c] }
                }
                for c in 0..<channels { mean[c] /= count }
                variance.withUnsafeMutableBufferPointer { variance in
                    for row in stride(from: 0, to: x.count, by: channels) {
                        for c in 0..<channels {
                            let difference = x[row + c] - mean[c]
                            variance[c] += difference * difference
                        }
                    }
                    for c in 0..<channels { variance[c] /= count }
                }
            }
        }
        return (mean, variance)
    }

    /// Training-mode BatchNormalization forward with the batch's moments:
    /// `y = (x − μ)·(1/σ)·γ + β` per value, channel by channel over the last axis.
    static func batchNormalizationForward(_ x: [Float], mean: [Float], inverse: [Float], gamma: [Float], beta: [Float]) -> [Float] {
        let channels = mean.count
        var y = [Float](repeating: 0, count: x.count)
        x.withUnsafeBufferPointer { x in
            y.withUnsafeMutableBufferPointer { y in
                for row in stride(from: 0, to: x.count, by: channels) {
                    for c in 0..<channels { y[row + c] = (x[row + c] - mean[c]) * inverse[c] * gamma[c] + beta[c] }
                }
            }
        }
        return y
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
        var toInput = [Float](repeating: 0, count: x.count)
        x.withUnsafeBufferPointer { x in
            gradient.withUnsafeBufferPointer { gradient in
                dGamma.withUnsafeMutableBufferPointer { dGamma in
                    dBeta.withUnsafeMutableBufferPointer { dBeta in
                        for row in stride(from: 0, to: x.count, by: channels) {
                            for c in 0..<channels {
                                dGamma[c] += gradient[row + c] * (x[row + c] - mean[c]) * inverse[c]
                                dBeta[c] += gradient[row + c]
                            }
                        }
                        toInput.withUnsafeMutableBufferPointer { toInput in
                            for row in stride(from: 0, to: x.count, by: channels) {
                                for c in 0..<channels {
                                    let normalised = (x[row + c] - mean[c]) * inverse[c]
                                    toInput[row + c] = gamma[c] * inverse[c] / count * (count * gradient[row + c] - dBeta[c] - normalised * dGamma[c])
                                }
                            }
                        }
                    }
                }
            }
        }
        return (toInput, dGamma, dBeta)
    }
}
