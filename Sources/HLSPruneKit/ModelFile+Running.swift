import Inference
import ModelIR
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

    /// Writes `graph` (this model retrained, say) as the file `path`, in this model's format, through
    /// a temporary file; `path` may not be one of `inputs` or of the model's own files.
    public func write(_ graph: Graph, toFile path: String, inputs: [String] = []) throws {
        try OutputFile.replace(path, inputs: RunInputs(inputFiles + inputs)) { try write(graph, to: $0) }
    }
}
