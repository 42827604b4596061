import ArgumentParser
import Foundation
import HLSPruneKit

struct Train: ParsableCommand, FileCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train a model's weights with Keras's losses and optimizers, without Python.",
        discussion: """
            Mini-batch training with seeded shuffling: SGD with momentum 0.9 or Adam (Keras defaults), \
            categorical, sparse categorical or binary cross-entropy, MSE or MAE, the model's L1/L2 \
            penalties included. Dense, convolutions (depthwise and grouped too), BatchNormalization, \
            pooling, padding, up-sampling, activations, merges and Dropout train. Prints the mean loss \
            and the seconds of every epoch.

            With -o, the trained model is written in the format the extension names: the input's own \
            (a copy with only the weights changed), or from another input .onnx (exported, opset 13), \
            .h5 (a Keras 3 .h5) or .keras (a Keras 3 archive).

            Example:
              hlsprune train Fixtures/trained/jet_trained.keras \\
                  --x-train Fixtures/trained/jet_trained.train.x.npy \\
                  --y-train Fixtures/trained/jet_trained.train.y.npy \\
                  --epochs 2 -o tuned.keras
            """
    )

    @OptionGroup var model: ModelArguments

    @Option(name: .shortAndLong, help: "Write the trained model here (.h5, .keras or .onnx, by its extension).")
    var output: String?

    @OptionGroup var training: TrainingOptions

    func validate() throws {
        guard training.trainingInputs != nil else { throw ValidationError("give the training data with --x-train and --y-train") }
    }

    var subject: String { model.path }

    func run() throws {
        let file = try model.open()
        guard let settings = try training.settings() else { return }
        if let output { try file.checkWriting(toFile: output, inputs: settings.dataFiles) }
        let clock = ContinuousClock()
        let start = clock.now
        let printer = ProgressPrinter()
        let (trained, samples) = try settings.train(file.graph, progress: printer.handler)
        printer.finish()
        let elapsed = start.duration(to: clock.now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print("trained \(settings.epochs) epochs on \(samples) samples in \(String(format: "%.3f", seconds)) s "
              + "(\(String(format: "%.3f", seconds / Double(settings.epochs))) s per epoch)")
        if let output { try file.write(trained, toFile: output, inputs: settings.dataFiles) }
    }
}
