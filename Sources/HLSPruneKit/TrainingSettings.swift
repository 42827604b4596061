import Inference
import ModelIR
import Training

/// How to train: data, epochs, optimizer and loss, as Keras's `fit` with hls4ml's optimisation
/// loop options (rewinding epochs and structured regularization while fine-tuning).
///
/// ```swift
/// var training = TrainingSettings(inputs: "train_x.npy", labels: "train_y.npy")
/// training.epochs = 5
/// let tuned = try training.train(model.graph).graph
/// ```
public struct TrainingSettings: Sendable {
    /// What ``regularization`` asks for.
    public enum Regularization: Sendable, Equatable {
        case none, auto
        case strength(Double)
    }

    /// Keras's optimizers with Keras's defaults (SGD with momentum 0.9).
    public enum OptimizerKind: String, Sendable, CaseIterable { case adam, sgd }

    /// The training inputs and labels (`.npy` or `file.h5:/dataset`).
    public var inputs: String
    public var labels: String
    /// Epochs per step (rewinding included when pruning), or in all for plain training.
    public var epochs = 10
    public var batchSize = 256
    public var optimizer: OptimizerKind = .adam
    public var learningRate: Float = 1e-3
    /// The loss; nil chooses from the last activation (softmax → categorical cross-entropy,
    /// sigmoid → binary cross-entropy, else MSE).
    public var loss: Loss?
    /// Epochs trained without masks after each pruning step (pruned weights may regrow).
    public var rewindingEpochs = 1
    /// Seed of the batch shuffling.
    public var seed: UInt64 = 0
    /// hls4ml's structured regularizers while fine-tuning a pruning search.
    public var regularization: Regularization = .none

    public init(inputs: String, labels: String) {
        self.inputs = inputs
        self.labels = labels
    }

    /// The data files training reads.
    public var dataFiles: [String] { [inputs, labels].map(DataArrays.filePath) }

    /// The loss to train `graph` with.
    public func loss(for graph: Graph) -> Loss {
        if let loss { return loss }
        switch Metric.suited(to: graph) {
        case .accuracy: return .categoricalCrossentropy
        case .binaryAccuracy: return .binaryCrossentropy
        case .mse, .mae: return .meanSquaredError
        }
    }

    /// `graph` trained for ``epochs`` without masks, and the number of training samples.
    public func train(_ graph: Graph, progress: ProgressHandler? = nil) throws -> (graph: Graph, samples: Int) {
        let data = try TrainingData(self, for: graph)
        return (try fit(graph, on: data, loss: loss(for: graph), epochs: epochs, masks: [:], progress: progress), data.count)
    }

    /// `model` trained for `epochs` with `masks` held and `penalties` added to the loss.
    func fit(_ model: Graph, on data: TrainingData, loss: Loss, epochs: Int, masks: [String: (mask: [Float], offset: [Float])],
             penalties: [GroupPenalty] = [], label: String = "", progress: ProgressHandler?) throws -> Graph {
        guard epochs > 0 else { return model }
        let chosen: any Optimizer = optimizer == .adam ? Adam(learningRate: learningRate) : SGD(learningRate: learningRate, momentum: 0.9)
        var trainer = Trainer(graph: model, optimizer: chosen, loss: loss)
        trainer.masks = masks
        trainer.groupPenalties = penalties
        _ = try trainer.fit(inputs: data.inputs, labels: data.labels, count: data.count, epochs: epochs, batchSize: batchSize, seed: seed,
                            progress: { epoch, value in progress?(.epoch(number: epoch, of: epochs, label: label, loss: value)) },
                            batchProgress: { epoch, done, batches in
                                progress?(.batch(epoch: epoch, of: epochs, label: label, done: done, total: batches))
                            })
        return trainer.graph
    }
}

/// Training inputs and labels read for a model.
struct TrainingData: Sendable {
    let inputs: [Float]
    let labels: [Float]
    let count: Int

    init(_ settings: TrainingSettings, for graph: Graph) throws {
        let x = try DataArrays.read(settings.inputs)
        let y = try DataArrays.read(settings.labels)
        count = try DataArrays.sampleCount(of: x, argument: settings.inputs, for: graph)
        guard y.shape.first == count else {
            throw HLSPruneError.data(file: settings.labels, reason: "has \(y.shape.first ?? 0) samples, \(settings.inputs) \(count)")
        }
        inputs = Array(x.values.prefix(count * (x.values.count / max(x.shape[0], 1))))
        labels = y.values
    }
}
