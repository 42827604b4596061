import GraphPasses
import ModelIR
import Testing

/// The passes that change weighted layers: 1-D windows, padding into a convolution, bias fusion.
/// Each keeps predictions (within float32 rounding where the arithmetic is regrouped, exactly
/// where it is not) and writes changed weights back to where they came from.
@Suite struct WeightPassTests {
    /// TensorFlow's Conv1D: ExpandDims, Conv2D over (1, steps), Squeeze.
    private func expandedConvolution(padding: Padding = .valid, stride: Int = 1, axis: Int = 0) throws -> Graph {
        var sketch = GraphSketch(input: [16, 4])
        sketch.add("expand", "Reshape", .reshape(targetShape: axis == 0 ? [1, 16, 4] : [16, 1, 4]))
        let kernel = axis == 0 ? [1, 5] : [5, 1]
        let strides = axis == 0 ? [1, stride] : [stride, 1]
        sketch.add("conv", "Conv2D", .convolution(.init(rank: 2, filters: 8, kernelSize: kernel, strides: strides, dilation: [1, 1], padding: padding, useBias: true)),
                   weights: [kernel + [4, 8], [8]])
        sketch.add("relu", "Activation", .activation(.relu))
        sketch.add("pool", "MaxPooling2D", .pooling(.init(operation: .max, rank: 2, poolSize: axis == 0 ? [1, 2] : [2, 1], strides: strides, padding: .valid)))
        let squeezed = try sketch.graph().layers.last!.outputShape.filter { $0 != 1 }
        sketch.add("squeeze", "Reshape", .reshape(targetShape: squeezed))
        sketch.add("fc", "Dense", .dense(.init(units: 3, useBias: true)), weights: [[8, 3], [3]])
        return try sketch.graph()
    }

    @Test(arguments: [0, 1]) func expandConvolutionSqueezeIsAConv1D(axis: Int) throws {
        let graph = try expandedConvolution(axis: axis)
        let result = try canonical(graph, [RecogniseOneDimensionalWindows(), DropIdentityLayers()])
        #expect(classes(result.graph) == ["Conv1D", "Activation", "MaxPooling1D", "Dense"])
        guard case .convolution(let conv)? = result.graph.layer(named: "conv")?.kind else { Issue.record("no convolution"); return }
        #expect(conv.rank == 1 && conv.kernelSize == [5] && conv.strides == [1])
        #expect(result.graph.layer(named: "conv")?.weight("kernel")?.tensor.shape == [5, 4, 8])
        #expect(close(predictions(result.graph), predictions(graph)))
        try expectWriteBackKeepsPredictions(graph, result)
    }

    @Test func aKernelWiderThanOneAlongTheInsertedAxisIsNotOneDimensional() throws {
        var sketch = GraphSketch(input: [6, 2])
        sketch.add("expand", "Reshape", .reshape(targetShape: [1, 6, 2]))
        sketch.add("pad", "ZeroPadding2D", .zeroPadding(rank: 2, padding: [[1, 1], [0, 0]]))
        sketch.add("conv", "Conv2D", .convolution(.init(rank: 2, filters: 2, kernelSize: [3, 3], strides: [1, 1], dilation: [1, 1], padding: .valid, useBias: false)),
                   weights: [[3, 3, 2, 2]])
        sketch.add("squeeze", "Reshape", .reshape(targetShape: [4, 2]))
        let graph = try sketch.graph()
        let result = try canonical(graph, [RecogniseOneDimensionalWindows()])
        #expect(classes(result.graph) == classes(graph))
    }

    @Test(arguments: [(16, 5, 1), (16, 5, 2), (15, 4, 2), (9, 3, 3)])
    func samePaddingFoldsIntoTheConvolution(steps: Int, kernel: Int, stride: Int) throws {
        // TensorFlow's rule, by hand for (16, 5, 2): 8 outputs, total 7·2 + 5 − 16 = 3 → 1 before, 2 after.
        let padding = FoldPaddingIntoConvolution.samePadding(size: steps, kernel: kernel, stride: stride, dilation: 1)
        if (steps, kernel, stride) == (16, 5, 2) { #expect(padding == [1, 2]) }
        var sketch = GraphSketch(input: [steps, 3])
        sketch.add("pad", "ZeroPadding1D", .zeroPadding(rank: 1, padding: [padding]))
        sketch.add("conv", "Conv1D", .convolution(.init(rank: 1, filters: 2, kernelSize: [kernel], strides: [stride], dilation: [1], padding: .valid, useBias: true)),
                   weights: [[kernel, 3, 2], [2]])
        let graph = try sketch.graph()
        let result = try canonical(graph, [FoldPaddingIntoConvolution()])
        #expect(classes(result.graph) == ["Conv1D"])
        guard case .convolution(let conv)? = result.graph.layer(named: "conv")?.kind else { Issue.record("no convolution"); return }
        #expect(conv.padding == .same)
        #expect(close(predictions(result.graph), predictions(graph)))
    }

    @Test func symmetricPaddingThatIsNotSameStays() throws {
        // PyTorch's padding=1 with kernel 3 and stride 2 over 8 steps pads (1, 1); `same` pads (0, 1).
        var sketch = GraphSketch(input: [8, 3])
        sketch.add("pad", "ZeroPadding1D", .zeroPadding(rank: 1, padding: [[1, 1]]))
        sketch.add("conv", "Conv1D", .convolution(.init(rank: 1, filters: 2, kernelSize: [3], strides: [2], dilation: [1], padding: .valid, useBias: true)),
                   weights: [[3, 3, 2], [2]])
        let graph = try sketch.graph()
        #expect(classes(try canonical(graph, [FoldPaddingIntoConvolution()]).graph) == ["ZeroPadding1D", "Conv1D"])
    }

    /// A bias as tf2onnx's `Add` reads: BatchNormalization with γ 1, μ 0, σ² 1, ε 0.
    private func addBias(_ sketch: inout GraphSketch, channels: Int, epsilon: Float = 0, mean: Float = 0) {
        sketch.add("bias", "BatchNormalization", .batchNormalization(.init(axis: -1, epsilon: epsilon, center: true, scale: true)),
                   weights: [[channels], [channels], [channels], [channels]])
        sketch.set("bias", "gamma", Array(repeating: 1, count: channels))
        sketch.set("bias", "moving_mean", Array(repeating: mean, count: channels))
        sketch.set("bias", "moving_variance", Array(repeating: 1, count: channels))
    }

    @Test func aBiasAddFusesIntoTheConvolutionBeforeIt() throws {
        var sketch = GraphSketch(input: [10, 3])
        sketch.add("conv", "Conv1D", .convolution(.init(rank: 1, filters: 4, kernelSize: [3], strides: [1], dilation: [1], padding: .same, useBias: false)),
                   weights: [[3, 3, 4]])
        addBias(&sketch, channels: 4)
        sketch.add("relu", "Activation", .activation(.relu))
        let graph = try sketch.graph()
        let result = try canonical(graph, [FuseBias()])
        #expect(classes(result.graph) == ["Conv1D", "Activation"])
        #expect(result.graph.layer(named: "conv")?.weight("bias")?.tensor == graph.layer(named: "bias")?.weight("beta")?.tensor)
        #expect(result.origins.byLayer["conv"]?["bias"] == WeightOrigin(layer: "bias", weight: "beta"))
        #expect(predictions(result.graph) == predictions(graph))
        try expectWriteBackKeepsPredictions(graph, result, tolerance: 0)
    }

    @Test func aBiasAddFusesIntoADenseThatIsTheModelOutput() throws {
        var sketch = GraphSketch(input: [6])
        sketch.add("fc", "Dense", .dense(.init(units: 4, useBias: false)), weights: [[6, 4]])
        addBias(&sketch, channels: 4)
        let graph = try sketch.graph()
        let result = try canonical(graph, [FuseBias()])
        #expect(classes(result.graph) == ["Dense"])
        #expect(result.graph.outputs == ["fc"])
        #expect(predictions(result.graph) == predictions(graph))
    }

    @Test func aRealBatchNormalizationIsNotABias() throws {
        for (epsilon, mean) in [(Float(1e-3), Float(0)), (0, 0.5)] {
            var sketch = GraphSketch(input: [6])
            sketch.add("fc", "Dense", .dense(.init(units: 4, useBias: false)), weights: [[6, 4]])
            addBias(&sketch, channels: 4, epsilon: epsilon, mean: mean)
            let graph = try sketch.graph()
            #expect(classes(try canonical(graph, [FuseBias()]).graph) == ["Dense", "BatchNormalization"])
        }
    }

    @Test func aLayerWithABiasOrAnActivationKeepsTheAdd() throws {
        for (useBias, activation) in [(true, nil), (false, Activation.relu)] {
            var sketch = GraphSketch(input: [6])
            sketch.add("fc", "Dense", .dense(.init(units: 4, useBias: useBias)), weights: useBias ? [[6, 4], [4]] : [[6, 4]], activation: activation)
            addBias(&sketch, channels: 4)
            let graph = try sketch.graph()
            #expect(classes(try canonical(graph, [FuseBias()]).graph) == ["Dense", "BatchNormalization"])
        }
    }
}
