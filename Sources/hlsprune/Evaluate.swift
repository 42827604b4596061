import ArgumentParser
import HLSPruneKit
import Inference

struct Evaluate: ParsableCommand, FileCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score a model on labelled data with Keras's metric and loss.",
        discussion: """
            Metrics and the loss printed with each: accuracy (categorical cross-entropy; labels \
            one-hot, or integer classes for sparse accuracy), binary_accuracy (binary cross-entropy, \
            threshold 0.5), mse and mae (mean squared error). The loss includes the model's L1/L2 \
            weight penalties, as Keras's evaluate() reports it. Without --metric the model's last \
            activation decides: softmax → accuracy, sigmoid → binary_accuracy, otherwise mse.

            With --firmware, the outputs scored are those of the firmware hls4ml builds with the \
            configuration emit writes (--config and the hls4ml options as for emit), emulated bit \
            for bit as predict --firmware computes them.

            With --json: {"metric": "accuracy", "value": 0.893, "loss": 0.2867, "samples": 2000}

            Example:
              hlsprune evaluate Fixtures/models/jet_mlp.keras \\
                  --x Fixtures/models/jet_mlp.x.npy --y Fixtures/models/jet_mlp.labels.npy
            """
    )

    @OptionGroup var model: ModelArguments

    @Option(name: .customLong("x"), help: "The inputs: X.npy or file.h5:/dataset.")
    var inputs: String

    @Option(name: .customLong("y"), help: "The labels: Y.npy or file.h5:/dataset.")
    var labels: String

    @Option(help: "accuracy, binary_accuracy, mse or mae.")
    var metric: Metric?

    @Option(help: "Samples per batch (bounds memory; the result does not depend on it).")
    var batchSize = 1024

    @Flag(help: "Print JSON instead of text.")
    var json = false

    @Flag(help: "Score the emulated hls4ml firmware instead of the float32 model.")
    var firmware = false

    @OptionGroup var hls: HLSOptions

    func validate() throws {
        guard batchSize > 0 else { throw ValidationError("--batch-size must be at least 1") }
        try hls.requireFirmware(firmware)
    }

    var subject: String { model.path }

    func run() throws {
        let file = try model.open()
        let result: Evaluation
        if firmware {
            let project = try HLSProject(for: file, settings: hls.settings)
            printNotes(project)
            result = try project.firmwareEvaluation(of: file, inputs: inputs, labels: labels, metric: metric)
        } else {
            result = try file.evaluation(inputs: inputs, labels: labels, metric: metric, batchSize: batchSize, progress: ProgressPrinter().handler)
        }
        if json {
            print(OrderedJSON.object([
                ("metric", .string(result.metric.rawValue)), ("value", .double(result.value)),
                ("loss", .double(result.loss)), ("samples", .int(result.samples)),
            ]).text)
        } else {
            print("\(result.metric.rawValue) \(result.value)\nloss \(result.loss)\nsamples \(result.samples)")
        }
    }
}

extension Metric: ExpressibleByArgument {}
