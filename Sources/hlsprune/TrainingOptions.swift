import ArgumentParser
import HLSPruneKit
import Training

/// Training options of `train` and of `prune`'s fine-tuning.
struct TrainingOptions: ParsableArguments {
    @Option(name: .customLong("x-train"), help: "Training inputs (X.npy or file.h5:/dataset); with prune, fine-tune every step with its masks held.")
    var trainingInputs: String?

    @Option(name: .customLong("y-train"), help: "Training labels for --x-train.")
    var trainingLabels: String?

    @Option(help: "Epochs (with prune: per search step, rewinding included).")
    var epochs = 10

    @Option(help: "Samples per training batch.")
    var batchSize = 256

    @Option(help: "adam or sgd.")
    var optimizer: TrainingSettings.OptimizerKind = .adam

    @Option(help: "The optimizer's learning rate.")
    var learningRate: Float = 1e-3

    @Option(help: "categorical_crossentropy, sparse_categorical_crossentropy, binary_crossentropy, mse or mae (default: from the last activation).")
    var loss: Loss?

    @Option(help: "Seed of the batch shuffling.")
    var seed: UInt64 = 0

    func validate() throws {
        guard (trainingInputs == nil) == (trainingLabels == nil) else { throw ValidationError("--x-train and --y-train go together") }
        guard epochs > 0 else { throw ValidationError("--epochs must be at least 1") }
        guard batchSize > 0, learningRate > 0 else { throw ValidationError("--batch-size and --learning-rate must be positive") }
    }

    /// The options as the library takes them; nil without training data.
    func settings(fineTuning: FineTuningOptions? = nil) throws -> TrainingSettings? {
        guard let trainingInputs, let trainingLabels else { return nil }
        var settings = TrainingSettings(inputs: trainingInputs, labels: trainingLabels)
        settings.epochs = epochs
        settings.batchSize = batchSize
        settings.optimizer = optimizer
        settings.learningRate = learningRate
        settings.loss = loss
        settings.seed = seed
        settings.rewindingEpochs = fineTuning?.rewindingEpochs ?? 0
        settings.regularization = try fineTuning?.regularizationChoice ?? .none
        return settings
    }
}

/// What only `prune`'s fine-tuning uses (hls4ml's `optimize_keras_model_for_hls4ml`).
struct FineTuningOptions: ParsableArguments {
    @Option(help: "Epochs trained without masks after each step (pruned weights may regrow; the accepted model keeps its masks).")
    var rewindingEpochs = 1

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

    /// Checks the options against the training options they refine.
    func validate(with training: TrainingOptions) throws {
        _ = try regularizationChoice
        guard rewindingEpochs >= 0 else { throw ValidationError("--rewinding-epochs must not be negative") }
        guard training.trainingInputs == nil || training.epochs > rewindingEpochs else {
            throw ValidationError("--epochs must be larger than --rewinding-epochs")
        }
        guard try regularizationChoice == .none || training.trainingInputs != nil else {
            throw ValidationError("--regularization needs training data (--x-train/--y-train): it acts while fine-tuning")
        }
    }
}

extension TrainingSettings.OptimizerKind: ExpressibleByArgument {}

extension Loss: ExpressibleByArgument {}
