import Foundation
import ModelIR

/// A quality measure of predictions against labels, with the loss reported beside it.
///
/// | metric | loss | labels |
/// |---|---|---|
/// | `accuracy` | categorical cross-entropy | one-hot (argmax compared) or integer classes (sparse) |
/// | `binary_accuracy` | binary cross-entropy | 0/1 per output, predictions thresholded at 0.5 |
/// | `mse`, `mae` | mean squared error | regression targets |
///
/// Numbers follow Keras: probabilities are normalised and clipped to [1e-7, 1 − 1e-7] before
/// logarithms, per-sample losses are averaged over the last axis and then over samples, and the
/// model's weight penalties (L1/L2 regularizers) are added to the loss, as `evaluate()` reports it.
public enum Metric: String, CaseIterable, Sendable {
    case accuracy
    case binaryAccuracy = "binary_accuracy"
    case mse
    case mae

    /// The metric that suits a model's last activation: softmax → accuracy, sigmoid → binary
    /// accuracy, anything else → MSE.
    public static func suited(to graph: Graph) -> Metric {
        guard let name = graph.outputs.first, let layer = graph.layer(named: name) else { return .mse }
        let activation: Activation? = if case .activation(let standalone) = layer.kind { standalone } else { layer.activation }
        if case .softmax = layer.kind { return .accuracy }
        switch activation {
        case .softmax: return .accuracy
        case .sigmoid: return .binaryAccuracy
        default: return .mse
        }
    }
}

/// The result of evaluating a model on labelled data.
public struct Evaluation: Sendable, Equatable {
    public var metric: Metric
    public var value: Double
    public var loss: Double
    public var samples: Int
}

/// Labels that do not fit the predictions.
public struct LabelError: Error, CustomStringConvertible, Equatable, Sendable {
    public var message: String
    public var description: String { message }
}

extension Evaluation {
    private static let epsilon = 1e-7

    /// Scores `predictions` (`samples` × `outputSize` values) against `labels`.
    ///
    /// - Parameters:
    ///   - labels: the same shape as the predictions, or for `accuracy` one integer class per sample.
    ///   - penalty: the model's weight penalties, added to the loss (``ModelIR/Layer/penaltyValue``).
    public init<Value: BinaryFloatingPoint>(predictions: [Value], outputSize: Int, labels: NumpyArray, metric: Metric, penalty: Double = 0) throws {
        let samples = outputSize > 0 ? predictions.count / outputSize : 0
        guard labels.shape.first == samples else {
            throw LabelError(message: "labels have shape \(labels.shape) but there are \(samples) samples")
        }
        let dense: [Float]
        if labels.values.count == predictions.count {
            dense = labels.values
        } else if metric == .accuracy && labels.values.count == samples {
            dense = try Self.oneHot(labels.values, classes: outputSize)
        } else {
            throw LabelError(message: "labels have shape \(labels.shape); expected \([samples, outputSize]) (one value per output)"
                + (metric == .accuracy ? " or [\(samples)] (class indices)" : ""))
        }
        var metricTotal = 0.0
        var lossTotal = 0.0
        for sample in 0..<samples {
            let range = sample * outputSize..<(sample + 1) * outputSize
            let predicted = predictions[range].map { Double($0) }
            let truth = dense[range].map(Double.init)
            switch metric {
            case .accuracy:
                metricTotal += Self.argmax(predicted) == Self.argmax(truth) ? 1 : 0
                let total = predicted.reduce(0, +)
                lossTotal -= zip(truth, predicted).reduce(0.0) { sum, pair in
                    sum + pair.0 * log(min(max(pair.1 / total, Self.epsilon), 1 - Self.epsilon))
                }
            case .binaryAccuracy:
                metricTotal += zip(truth, predicted).reduce(0.0) { $0 + (($1.1 > 0.5 ? 1.0 : 0.0) == $1.0 ? 1 : 0) } / Double(outputSize)
                lossTotal -= zip(truth, predicted).reduce(0.0) { sum, pair in
                    let p = min(max(pair.1, Self.epsilon), 1 - Self.epsilon)
                    return sum + pair.0 * log(p) + (1 - pair.0) * log(1 - p)
                } / Double(outputSize)
            case .mse, .mae:
                let squared = zip(truth, predicted).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / Double(outputSize)
                metricTotal += metric == .mse ? squared : zip(truth, predicted).reduce(0.0) { $0 + abs($1.0 - $1.1) } / Double(outputSize)
                lossTotal += squared
            }
        }
        self.init(metric: metric, value: metricTotal / Double(samples), loss: lossTotal / Double(samples) + penalty, samples: samples)
    }

    private static func argmax(_ values: [Double]) -> Int {
        values.indices.max { values[$0] < values[$1] || (values[$0] == values[$1] && $0 > $1) } ?? 0
    }

    private static func oneHot(_ classes: [Float], classes count: Int) throws -> [Float] {
        var dense = [Float](repeating: 0, count: classes.count * count)
        for (sample, label) in classes.enumerated() {
            guard label == label.rounded(), label >= 0, Int(label) < count else {
                throw LabelError(message: "label \(label) of sample \(sample) is not a class index in 0..<\(count)")
            }
            dense[sample * count + Int(label)] = 1
        }
        return dense
    }
}
