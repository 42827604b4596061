import ArgumentParser
import Foundation
import HLSPruneKit
import OutputFiles

struct Train: ParsableCommand, FileCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train a model's weights (Dense MLPs so far) with Keras's losses and optimizers, without Python.",
        discussion: """
            Mini-batch training with seeded shuffling: SGD with momentum 0.9 or Adam (Keras defaults), \\
            categorical, sparse categorical or binary cross-entropy, MSE or MAE, the model's L1/L2 \\
            penalties included. Prints the mean loss and the seconds of every epoch; with -o writes \\
            the trained model in the input's format (only the weights change).

            Example:
              hlsprune train Fixtures/trained/jet_trained.keras --x-train Fixtures/trained/jet_trained.train.x.npy \\
                --y-train Fixtures/trained/jet_trained.train.y.npy --epochs 2 -o tuned.keras
            """
    )

    @Argument(help: "The model: a Keras .h5 (Keras 2 or 3), a Keras 3 .keras or an ONNX .onnx file.")
    var model: String

    @Option(name: .shortAndLong, help: "Write the trained model here (same format as the input).")
    var output: String?

    @OptionGroup var training: TrainingOptions

    func validate() throws {
        guard training.trainingInputs != nil else { throw ValidationError("give the training data with --x-train and --y-train") }
    }

    var subject: String { model }

    func run() throws {
        let file = try ModelFile.open(model)
        guard let settings = try training.settings() else { return }
        if let output { try OutputFile.refuseUnsafe(output, inputs: RunInputs(file.inputFiles + settings.dataFiles)) }
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
