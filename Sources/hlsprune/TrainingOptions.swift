import ArgumentParser
import Inference
import ModelIR
import Pruning
import Training

/// Fine-tuning options of `prune` (hls4ml's `optimize_keras_model_for_hls4ml`).
struct TrainingOptions: ParsableArguments {
    @Option(name: .customLong("x-train"), help: "Training inputs: fine-tune with the masks held after every step (needs --y-train).")
    var trainingInputs: String?

    @Option(name: .customLong("y-train"), help: "Training labels for --x-train.")
    var trainingLabels: String?

    @Option(help: "Epochs per step, rewinding included.")
    var epochs = 10

    @Option(help: "Samples per training batch.")
    var batchSize = 256

    @Option(help: "adam or sgd.")
    var optimizer: OptimizerName = .adam

    @Option(help: "The optimizer's learning rate.")
    var learningRate: Float = 1e-3

    @Option(help: "categorical_crossentropy, sparse_categorical_crossentropy, binary_crossentropy, mse or mae (default: from the last activation).")
    var loss: Loss?

    @Option(help: "Epochs trained without masks after each step (pruned weights may regrow; the accepted model keeps its masks).")
    var rewindingEpochs = 1

    @Option(help: "Seed of the batch shuffling.")
    var seed: UInt64 = 0

    @Option(help: ArgumentHelp("Strength of hls4ml's structured regularizers during fine-tuning (group L2 norms, and group variances with --weight-sharing): none, a value such as 1e-4, or auto.",
                               discussion: "auto trains 5 of hls4ml's 16 strengths from 1e-6 to 1e-2 for --epochs/2 epochs each, prunes each result without training at --sparsity (or 0.5), and keeps the strength whose pruned model scores best on the validation data, among those whose unpruned model stays within --rtol of the baseline; pruning then starts from that trained model."))
    var regularization = "none"

    /// What `--regularization` asks for.
    enum Regularization: Equatable {
        case none, auto
        case strength(Double)
    }

    var regularizationChoice: Regularization {
        get throws {
            switch regularization {
            case "none": return .none
            case "auto": return .auto
            default:
                guard let value = Double(regularization), value >= 0 else {
                    throw ValidationError("--regularization takes none, auto or a non-negative number such as 1e-4, not '\(regularization)'")
                }
                return .strength(value)
            }
        }
    }

    func validate() throws {
        guard (trainingInputs == nil) == (trainingLabels == nil) else { throw ValidationError("--x-train and --y-train go together") }
        guard epochs > 0, rewindingEpochs >= 0, trainingInputs == nil || epochs > rewindingEpochs else {
            throw ValidationError("--epochs must be positive and larger than --rewinding-epochs")
        }
        guard batchSize > 0, learningRate > 0 else { throw ValidationError("--batch-size and --learning-rate must be positive") }
        guard try regularizationChoice == .none || trainingInputs != nil else {
            throw ValidationError("--regularization needs training data (--x-train/--y-train): it acts while fine-tuning")
        }
    }

    /// The training data, if fine-tuning was asked for.
    func trainingSet(for graph: Graph) throws -> (inputs: [Float], labels: [Float], count: Int)? {
        guard let trainingInputs, let trainingLabels else { return nil }
        let x = try loadArray(trainingInputs)
        let y = try loadArray(trainingLabels)
        let count = try sampleCount(of: x, argument: trainingInputs, for: ForwardPass(graph: graph))
        guard y.shape.first == count else { throw ValidationError("\(trainingLabels) has \(y.shape.first ?? 0) samples, \(trainingInputs) \(count)") }
        return (Array(x.values.prefix(count * (x.values.count / max(x.shape[0], 1)))), y.values, count)
    }

    /// The loss to train with: the option, else what the model's last activation suggests (as for evaluate).
    func loss(for graph: Graph) throws -> Loss {
        if let loss { return loss }
        switch Metric.suited(to: graph) {
        case .accuracy: return .categoricalCrossentropy
        case .binaryAccuracy: return .binaryCrossentropy
        case .mse, .mae: return .meanSquaredError
        }
    }

    /// `model` trained for `epochs` with `masks` held: a line per epoch on stderr, and a bar of the
    /// epoch's batches on a terminal while an epoch takes longer than a second.
    func fit(_ model: Graph, on set: (inputs: [Float], labels: [Float], count: Int), loss: Loss, epochs: Int,
             masks: [String: (mask: [Float], offset: [Float])], penalties: [GroupPenalty] = [], label: String = "") throws -> Graph {
        guard epochs > 0 else { return model }
        let chosen: any Optimizer = optimizer == .adam ? Adam(learningRate: learningRate) : SGD(learningRate: learningRate, momentum: 0.9)
        var trainer = Trainer(graph: model, optimizer: chosen, loss: loss)
        trainer.masks = masks
        trainer.groupPenalties = penalties
        var standardError = StandardError()
        var bar: ProgressBar?
        _ = try trainer.fit(inputs: set.inputs, labels: set.labels, count: set.count, epochs: epochs, batchSize: batchSize, seed: seed,
                            progress: { epoch, value in
                                bar?.clear()
                                print("  epoch \(epoch)/\(epochs)\(label): loss \(String(format: "%.4f", value))", to: &standardError)
                            },
                            batchProgress: { epoch, done, batches in
                                if done == 1 { bar = ProgressBar(total: batches, label: "  epoch \(epoch)/\(epochs)\(label)") }
                                bar?.update(done)
                            })
        return trainer.graph
    }
}

enum OptimizerName: String, CaseIterable, ExpressibleByArgument { case adam, sgd }

extension Loss: ExpressibleByArgument {}

extension PruningResult {
    /// The kernel masks and offsets of the pruned layers, for masked training.
    var heldMasks: [String: (mask: [Float], offset: [Float])] {
        Dictionary(uniqueKeysWithValues: layers.filter { $0.optimization != nil }.map { ($0.attributes.name, ($0.mask, $0.offsets)) })
    }
}

extension PruningPlan {
    /// hls4ml's regularizers for the optimised layers at `strength`: the α term where the layer is
    /// pruned, the β term where its groups may be shared.
    func groupPenalties(strength: Double) -> [GroupPenalty] {
        entries.compactMap { entry in
            guard let optimization = entry.optimization, let groups = entry.regularizerGroups else { return nil }
            return GroupPenalty(layer: entry.attributes.name, alpha: optimization.pruning ? strength : 0,
                                beta: optimization.weightSharing ? strength : 0, alphaGroups: groups.alpha, betaGroups: groups.beta)
        }
    }
}
