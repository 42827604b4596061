import Foundation
import Inference
import KerasIO
import ModelIR
import ONNXIO
import OutputFiles

extension ModelFile {
    /// The model's outputs for the samples in `inputs` (`.npy` or `file.h5:/dataset`), run in
    /// batches of `batchSize` (the result does not depend on it), shaped (samples, output shape…).
    ///
    /// ```swift
    /// let predictions = try model.predictions(for: "x.npy")
    /// try OutputFile.write(predictions.npyBytes(), to: "pred.npy", inputs: RunInputs(model.inputFiles + ["x.npy"]))
    /// ```
    public func predictions(for inputs: String, batchSize: Int = 1024, progress: ProgressHandler? = nil) throws -> NumpyArray {
        guard batchSize > 0 else { throw HLSPruneError.setting(name: "batch size", reason: "must be at least 1") }
        let pass = ForwardPass(graph: graph)
        let array = try DataArrays.read(inputs)
        let count = try DataArrays.sampleCount(of: array, argument: inputs, for: graph)
        let sampleSize = pass.inputSizes[0]
        var output: [Float] = []
        output.reserveCapacity(count * pass.outputSizes[0])
        var start = 0
        while start < count {
            let end = min(count, start + batchSize)
            let batch = Array(array.values[start * sampleSize..<end * sampleSize])
            let offset = start
            output += pass.run(inputs: [batch], count: end - start) { progress?(.samples(done: offset + $0, total: count)) }[0]
            start = end
        }
        return NumpyArray(shape: [count] + graph.layer(named: graph.outputs[0])!.outputShape, values: output)
    }

    /// Keras's numbers for the model on labelled data: the metric (chosen from the last activation
    /// when nil) and the loss with the model's weight penalties, as `model.evaluate` reports them.
    public func evaluation(inputs: String, labels: String, metric: Metric? = nil, batchSize: Int = 1024,
                           progress: ProgressHandler? = nil) throws -> Evaluation {
        let predictions = try predictions(for: inputs, batchSize: batchSize, progress: progress)
        let truth = try DataArrays.read(labels)
        do {
            return try Evaluation(predictions: predictions.values, outputSize: predictions.values.count / max(predictions.shape[0], 1), labels: truth,
                                  metric: metric ?? Metric.suited(to: graph), penalty: graph.layers.reduce(0.0) { $0 + $1.penaltyValue })
        } catch {
            throw HLSPruneError.data(file: labels, reason: "\(error)")
        }
    }

    /// Writes `graph` (this model retrained, say) as the file `path`, in the format its extension
    /// names, through a temporary file: this model's own format as a copy with only the weights
    /// changed; from another format, `.onnx` exported (opset 13), `.h5` as a Keras 3 `.h5` and
    /// `.keras` as a Keras 3 archive. `path` may not be one of `inputs` or of the model's own files.
    ///
    /// - Throws: ``HLSPruneError/setting(name:reason:)`` for an extension hlsprune cannot write.
    public func write(_ graph: Graph, toFile path: String, inputs: [String] = []) throws {
        let writer = try fileWriter(for: path)
        try OutputFile.replace(path, inputs: RunInputs(inputFiles + inputs)) { try writer(graph, $0) }
    }

    /// Throws what ``write(_:toFile:inputs:)`` would throw before writing anything, so a long
    /// run can refuse its output first.
    public func checkWriting(toFile path: String, inputs: [String] = []) throws {
        _ = try fileWriter(for: path)
        try OutputFile.refuseUnsafe(path, inputs: RunInputs(inputFiles + inputs))
    }

    private func fileWriter(for path: String) throws -> @Sendable (Graph, String) throws -> Void {
        let requested = (path as NSString).pathExtension.lowercased()
        switch (requested, format) {
        case ("h5", .kerasH5), ("hdf5", .kerasH5), ("keras", .keras), ("onnx", .onnx):
            return { [self] graph, temporary in try write(graph, to: temporary) }
        case ("onnx", _):
            return { graph, temporary in try NewFile.create(at: temporary, bytes: ONNXExporter.model(from: graph).serializedData()) }
        case ("h5", _), ("hdf5", _):
            return { graph, temporary in try KerasH5Writer.write(graph, to: temporary, displayPath: path) }
        case ("keras", _):
            return { graph, temporary in try KerasArchiveWriter.write(graph, to: temporary, displayPath: path) }
        default:
            throw HLSPruneError.setting(name: path, reason: "hlsprune writes models as .h5, .keras or .onnx files")
        }
    }
}
