import ArgumentParser
import HLSPruneKit
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
    var optimizer: TrainingSettings.OptimizerKind = .adam

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

    var regularizationChoice: TrainingSettings.Regularization {
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

    /// The options as the library takes them; nil without training data.
    func settings() throws -> TrainingSettings? {
        guard let trainingInputs, let trainingLabels else { return nil }
        var settings = TrainingSettings(inputs: trainingInputs, labels: trainingLabels)
        settings.epochs = epochs
        settings.batchSize = batchSize
        settings.optimizer = optimizer
        settings.learningRate = learningRate
        settings.loss = loss
        settings.rewindingEpochs = rewindingEpochs
        settings.seed = seed
        settings.regularization = try regularizationChoice
        return settings
    }
}

extension TrainingSettings.OptimizerKind: ExpressibleByArgument {}

extension Loss: ExpressibleByArgument {}
