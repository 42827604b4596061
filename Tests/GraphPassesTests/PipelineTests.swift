import GraphPasses
import ModelIR
import Testing

/// The standard pipeline on the node-by-node reading of a tf2onnx Conv1D model (the shape of
/// `Fixtures/onnx/conv1d.tf2onnx.onnx`, built by hand), and its fixed-point guard.
@Suite struct PipelineTests {
    private func permutePair(_ sketch: inout GraphSketch, _ name: String) {
        sketch.add("\(name)/to_channels_first", "Permute", .permute(dims: [3, 1, 2]))
        sketch.add("\(name)/transpose", "Permute", .permute(dims: [2, 3, 1]))
    }

    private func bias(_ sketch: inout GraphSketch, _ name: String, channels: Int) {
        sketch.add(name, "BatchNormalization", .batchNormalization(.init(axis: -1, epsilon: 0, center: true, scale: true)),
                   weights: [[channels], [channels], [channels], [channels]])
        sketch.set(name, "gamma", Array(repeating: 1, count: channels))
        sketch.set(name, "moving_mean", Array(repeating: 0, count: channels))
        sketch.set(name, "moving_variance", Array(repeating: 1, count: channels))
    }

    /// Conv1D 8×5 same → ReLU → MaxPooling1D 2 → Conv1D 8×3 stride 2 → Flatten → Dense 3, as read node by node.
    private func tf2onnxConv1D() throws -> Graph {
        var sketch = GraphSketch(input: [16, 4])
        sketch.add("expand", "Reshape", .reshape(targetShape: [1, 16, 4]))
        sketch.add("conv/pad", "ZeroPadding2D", .zeroPadding(rank: 2, padding: [[0, 0], [2, 2]]))
        sketch.add("conv", "Conv2D", .convolution(.init(rank: 2, filters: 8, kernelSize: [1, 5], strides: [1, 1], dilation: [1, 1], padding: .valid, useBias: false)),
                   weights: [[1, 5, 4, 8]])
        permutePair(&sketch, "conv")
        sketch.add("squeeze", "Reshape", .reshape(targetShape: [16, 8]))
        bias(&sketch, "conv_bias", channels: 8)
        sketch.add("relu", "Activation", .activation(.relu))
        sketch.add("expand_1", "Reshape", .reshape(targetShape: [1, 16, 8]))
        sketch.add("pool", "MaxPooling2D", .pooling(.init(operation: .max, rank: 2, poolSize: [1, 2], strides: [1, 2], padding: .valid)))
        permutePair(&sketch, "pool")
        sketch.add("squeeze_1", "Reshape", .reshape(targetShape: [8, 8]))
        sketch.add("expand_2", "Reshape", .reshape(targetShape: [1, 8, 8]))
        sketch.add("conv_1", "Conv2D", .convolution(.init(rank: 2, filters: 8, kernelSize: [1, 3], strides: [1, 2], dilation: [1, 1], padding: .valid, useBias: false)),
                   weights: [[1, 3, 8, 8]])
        permutePair(&sketch, "conv_1")
        sketch.add("squeeze_2", "Reshape", .reshape(targetShape: [3, 8]))
        bias(&sketch, "conv_1_bias", channels: 8)
        sketch.add("flatten", "Reshape", .reshape(targetShape: [24]))
        sketch.add("fc", "Dense", .dense(.init(units: 3, useBias: true)), weights: [[24, 3], [3]])
        return try sketch.graph()
    }

    @Test func aTF2ONNXConv1DModelReadsAsTheKerasModel() throws {
        let graph = try tf2onnxConv1D()
        #expect(graph.layers.count == 22)
        let result = try PassPipeline.standard.run(on: graph)
        #expect(classes(result.graph) == ["Conv1D", "Activation", "MaxPooling1D", "Conv1D", "Flatten", "Dense"])
        let shapes = result.graph.layers.filter { !$0.weights.isEmpty }.map { $0.weights.map(\.tensor.shape) }
        #expect(shapes == [[[5, 4, 8], [8]], [[3, 8, 8], [8]], [[24, 3], [3]]])
        guard case .convolution(let first)? = result.graph.layer(named: "conv")?.kind else { Issue.record("no convolution"); return }
        #expect(first.padding == .same)
        #expect(close(predictions(result.graph), predictions(graph)))
        #expect(result.rewrites.map(\.pass).contains("fuse-bias"))
        try expectWriteBackKeepsPredictions(graph, result)
    }

    @Test func theCanonicalFormIsAFixedPoint() throws {
        let once = try PassPipeline.standard.run(on: try tf2onnxConv1D())
        let twice = try PassPipeline.standard.run(on: once.graph)
        #expect(twice.graph == once.graph)
        #expect(twice.rewrites.isEmpty)
    }

    /// A pass that always claims a rewrite: the pipeline must stop with an error, not loop.
    private struct Restless: GraphPass {
        let name = "restless"
        func rewriteOnce(_ graph: inout TracedGraph) throws -> Bool { true }
    }

    @Test func passesThatNeverSettleAreAnError() throws {
        var sketch = GraphSketch(input: [2])
        sketch.add("fc", "Dense", .dense(.init(units: 2, useBias: false)), weights: [[2, 2]])
        let graph = try sketch.graph()
        #expect(throws: GraphPassError.self) { try PassPipeline(passes: [Restless()]).run(on: graph) }
    }

    @Test func writingBackAReducedWeightIsAnError() throws {
        var sketch = GraphSketch(input: [4])
        sketch.add("fc", "Dense", .dense(.init(units: 3, useBias: false)), weights: [[4, 3]])
        let graph = try sketch.graph()
        let result = try PassPipeline.standard.run(on: graph)
        var smaller = GraphSketch(input: [4])
        smaller.add("fc", "Dense", .dense(.init(units: 2, useBias: false)), weights: [[4, 2]])
        let reduced = try smaller.graph()
        #expect(throws: GraphPassError.self) { try result.origins.writing(reduced, onto: graph) }
    }
}
