import Foundation

/// A training loss with Keras's semantics, averaged over the batch.
public enum Loss: String, Sendable, CaseIterable {
    /// On probabilities: they are renormalised to sum to 1 and clipped to [ε, 1 − ε], ε = 1e-7.
    case categoricalCrossentropy = "categorical_crossentropy"
    /// Labels are class indices; otherwise as categorical cross-entropy.
    case sparseCategoricalCrossentropy = "sparse_categorical_crossentropy"
    /// On probabilities clipped to [ε, 1 − ε], averaged over the outputs of a sample.
    case binaryCrossentropy = "binary_crossentropy"
    case meanSquaredError = "mse"
    case meanAbsoluteError = "mae"

    static let epsilon: Float = 1e-7

    /// The loss of `predictions` (batch × outputs, row-major) against `labels` (the same shape, or one
    /// class index per sample for the sparse loss) and its gradient with respect to the predictions.
    public func evaluate(predictions: [Float], labels: [Float], outputs: Int) -> (value: Double, gradient: [Float]) {
        let batch = predictions.count / outputs
        var gradient = [Float](repeating: 0, count: predictions.count)
        var total = 0.0
        for sample in 0..<batch {
            let row = sample * outputs..<(sample + 1) * outputs
            let p = Array(predictions[row])
            switch self {
            case .categoricalCrossentropy, .sparseCategoricalCrossentropy:
                let y = self == .categoricalCrossentropy
                    ? Array(labels[row])
                    : (0..<outputs).map { $0 == Int(labels[sample]) ? Float(1) : 0 }
                let sum = p.reduce(0, +)
                var rowGradient = [Float](repeating: 0, count: outputs)
                // loss = −Σ y·log(clip(p / Σp)); d/dp through the normalisation and the clip.
                var weighted: Float = 0
                for index in 0..<outputs {
                    let q = p[index] / sum
                    let clipped = min(max(q, Self.epsilon), 1 - Self.epsilon)
                    total -= Double(y[index]) * log(Double(clipped))
                    let inside = q > Self.epsilon && q < 1 - Self.epsilon
                    let dq = inside ? -y[index] / clipped : 0
                    rowGradient[index] = dq / sum
                    weighted += dq * q
                }
                for index in 0..<outputs { gradient[row.lowerBound + index] = (rowGradient[index] - weighted / sum) / Float(batch) }
            case .binaryCrossentropy:
                for index in 0..<outputs {
                    let y = labels[row.lowerBound + index]
                    let clipped = min(max(p[index], Self.epsilon), 1 - Self.epsilon)
                    total -= (Double(y) * log(Double(clipped)) + Double(1 - y) * log(Double(1 - clipped))) / Double(outputs)
                    let inside = p[index] > Self.epsilon && p[index] < 1 - Self.epsilon
                    gradient[row.lowerBound + index] = inside ? (-y / clipped + (1 - y) / (1 - clipped)) / Float(outputs * batch) : 0
                }
            case .meanSquaredError, .meanAbsoluteError:
                for index in 0..<outputs {
                    let difference = p[index] - labels[row.lowerBound + index]
                    if self == .meanSquaredError {
                        total += Double(difference * difference) / Double(outputs)
                        gradient[row.lowerBound + index] = 2 * difference / Float(outputs * batch)
                    } else {
                        total += Double(abs(difference)) / Double(outputs)
                        gradient[row.lowerBound + index] = (difference > 0 ? 1 : difference < 0 ? -1 : 0) / Float(outputs * batch)
                    }
                }
            }
        }
        return (total / Double(batch), gradient)
    }
}
