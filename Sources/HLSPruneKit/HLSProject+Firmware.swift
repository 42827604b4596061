import Firmware
import Inference
import ModelIR

extension HLSProject {
    /// The firmware hls4ml 1.3.0 builds for `graph` (the model, or a pruned version of it) under
    /// this configuration, emulated bit for bit as its C simulation computes (see ``FirmwareModel``).
    ///
    /// ```swift
    /// let model = try ModelFile.open("jet.h5")
    /// let firmware = try HLSProject(for: model, settings: HLSSettings()).firmware(for: model.graph, of: model)
    /// ```
    ///
    /// - Throws: ``FirmwareError`` for an ONNX model (hls4ml reads it into another graph) or a
    ///   layer or type that is not emulated, naming the layer.
    public func firmware(for graph: Graph, of model: ModelFile) throws -> FirmwareModel {
        guard model.format != .onnx else {
            throw FirmwareError("\(model.path): the firmware of ONNX models is not emulated yet (hls4ml rebuilds their graph through qonnx); use the Keras model")
        }
        return try FirmwareModel(graph: graph, configuration: configuration(for: graph))
    }

    /// The firmware's float64 outputs for the samples in `inputs` (`.npy` or `file.h5:/dataset`,
    /// read as float64), shaped (samples, output shape…): what hls4ml's `predict()` returns after
    /// `compile()` for the same inputs.
    ///
    /// ```swift
    /// let (shape, y) = try project.firmwarePredictions(of: model, for: "x.npy")
    /// try OutputFile.write(NumpyArray.npyBytes(float64: y, shape: shape), to: "y.npy", inputs: RunInputs([model.path, "x.npy"]))
    /// ```
    public func firmwarePredictions(of model: ModelFile, graph: Graph? = nil, for inputs: String) throws -> (shape: [Int], values: [Double]) {
        let graph = graph ?? model.graph
        let firmware = try firmware(for: graph, of: model)
        let array = try DataArrays.readFloat64(inputs)
        let count = try DataArrays.sampleCount(shape: array.shape, argument: inputs, for: graph)
        return ([count] + graph.layer(named: graph.outputs[0])!.outputShape, firmware.predict(array.values, count: count))
    }
}

extension HLSProject {
    /// The firmware's score on labelled data: ``firmwarePredictions(of:graph:for:)`` scored as
    /// ``ModelFile/evaluation(inputs:labels:metric:batchSize:progress:)`` scores Keras's
    /// (the metric chosen from the last activation when nil; the loss of the firmware's outputs,
    /// with the model's weight penalties).
    ///
    /// ```swift
    /// let score = try project.firmwareEvaluation(of: model, inputs: "x.npy", labels: "y.npy")
    /// print(score.metric, score.value)
    /// ```
    public func firmwareEvaluation(of model: ModelFile, graph: Graph? = nil, inputs: String, labels: String, metric: Metric? = nil) throws -> Evaluation {
        try FirmwareValidation(project: self, model: model, graph: graph, inputs: inputs, labels: labels, metric: metric).evaluate(graph ?? model.graph)
    }
}

extension HLSProject {
    /// What every firmware layer wrote for the samples in `inputs`, against its type's range
    /// (see ``FirmwareLayerProfile``), in the firmware's order.
    ///
    /// ```swift
    /// for layer in try project.firmwareProfile(of: model, for: "x.npy") where layer.valuesAtLimits > 0 { print(layer.name) }
    /// ```
    public func firmwareProfile(of model: ModelFile, for inputs: String) throws -> [FirmwareLayerProfile] {
        let firmware = try firmware(for: model.graph, of: model)
        let array = try DataArrays.readFloat64(inputs)
        let count = try DataArrays.sampleCount(shape: array.shape, argument: inputs, for: model.graph)
        return firmware.profile(array.values, count: count)
    }
}
