import Firmware
import Inference
import ModelIR

/// Labelled data scored on the firmware: a model (or a pruned version of it) run through the
/// emulated hls4ml firmware of a project (``HLSProject/firmware(for:of:)``) on float64 inputs,
/// and its outputs scored as Keras scores a model's. The pruning search judges steps on it with
/// `--firmware`; `evaluate --firmware` reports it.
///
/// ```swift
/// let validation = try FirmwareValidation(project: project, model: model, inputs: "x.npy", labels: "y.npy")
/// print(try validation.evaluate(model.graph).value)
/// ```
struct FirmwareValidation {
    let project: HLSProject
    let model: ModelFile
    let inputs: [Double]
    let count: Int
    let labels: NumpyArray
    let labelsPath: String
    let metric: Metric

    /// Reads `inputs` as float64 (as hls4ml's `predict()` receives them) and `labels`; `metric`
    /// defaults to the one the last activation suggests.
    init(project: HLSProject, model: ModelFile, graph: Graph? = nil, inputs path: String, labels labelsPath: String, metric: Metric? = nil) throws {
        try self.init(project: project, model: model, graph: graph, inputs: path, labels: try DataArrays.read(labelsPath), labelsPath: labelsPath,
                      metric: metric)
    }

    /// The same with labels already read from `labelsPath` (the float validation's).
    init(project: HLSProject, model: ModelFile, graph: Graph? = nil, inputs path: String, labels: NumpyArray, labelsPath: String,
         metric: Metric?) throws {
        let graph = graph ?? model.graph
        let array = try DataArrays.readFloat64(path)
        self.project = project
        self.model = model
        inputs = array.values
        count = try DataArrays.sampleCount(shape: array.shape, argument: path, for: graph)
        self.labels = labels
        self.labelsPath = labelsPath
        self.metric = metric ?? Metric.suited(to: graph)
    }

    /// The score of `graph`'s firmware, with the model's weight penalties in the loss.
    ///
    /// - Throws: ``FirmwareError`` for what the emulation does not cover, ``HLSPruneError/data(file:reason:)``
    ///   for labels that do not fit the outputs.
    func evaluate(_ graph: Graph) throws -> Evaluation {
        let firmware = try project.firmware(for: graph, of: model)
        let predictions = firmware.predict(inputs, count: count)
        do {
            return try Evaluation(predictions: predictions, outputSize: firmware.outputSize, labels: labels, metric: metric,
                                  penalty: graph.layers.reduce(0.0) { $0 + $1.penaltyValue })
        } catch {
            throw HLSPruneError.data(file: labelsPath, reason: "\(error)")
        }
    }
}
