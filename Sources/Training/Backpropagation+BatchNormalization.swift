import ModelIR

/// Training-mode BatchNormalization: batch moments and the backward pass.
extension Backpropagation {
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
}
