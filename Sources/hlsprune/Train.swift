import ArgumentParser
import Foundation
import OutputFiles
import Training

struct Train: ParsableCommand {
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

    func run() throws {
        let loaded = try loadModel(model)
        do {
            let inputs = RunInputs(model: loaded, arguments: [training.trainingInputs, training.trainingLabels])
            if let output { try OutputFile.refuseUnsafe(output, inputs: inputs) }
            guard let set = try training.trainingSet(for: loaded.graph) else { return }
            let clock = ContinuousClock()
            let start = clock.now
            let trained = try training.fit(loaded.graph, on: set, loss: try training.loss(for: loaded.graph), epochs: training.epochs, masks: [:])
            let elapsed = start.duration(to: clock.now)
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            print("trained \(training.epochs) epochs on \(set.count) samples in \(String(format: "%.3f", seconds)) s "
                  + "(\(String(format: "%.3f", seconds / Double(training.epochs))) s per epoch)")
            if let output {
                try OutputFile.replace(output, inputs: inputs) { try loaded.write(trained, to: $0) }
            }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            printError(error, about: model)
            throw ExitCode.failure
        }
    }
}
