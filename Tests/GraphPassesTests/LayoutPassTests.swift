import GraphPasses
import ModelIR
import Testing

/// The passes that only move values around (Permute, Reshape, Flatten, identities): the rewritten
/// graph must predict exactly what the original does (no arithmetic changes).
@Suite struct LayoutPassTests {
    @Test func identityLayersAreDropped() throws {
        var sketch = GraphSketch(input: [3, 4])
        sketch.add("drop", "Dropout", .dropout(rate: 0.5))
        sketch.add("same", "Permute", .permute(dims: [1, 2]))
        sketch.add("linear", "Activation", .activation(.linear))
        sketch.add("reshape", "Reshape", .reshape(targetShape: [3, 4]))
        sketch.add("pad", "ZeroPadding1D", .zeroPadding(rank: 1, padding: [[0, 0]]))
        sketch.add("fc", "Dense", .dense(.init(units: 2, useBias: true)), weights: [[4, 2], [2]])
        sketch.add("flat0", "Flatten", .flatten)
        sketch.add("flat1", "Flatten", .flatten)
        let graph = try sketch.graph()
        let result = try canonical(graph, [DropIdentityLayers()])
        #expect(classes(result.graph) == ["Dense", "Flatten"])
        #expect(result.graph.outputs == ["flat0"])
        #expect(result.graph.layer(named: "fc")?.inputs == ["in"])
        #expect(predictions(result.graph) == predictions(graph))
    }

    @Test func inversePermutesCancel() throws {
        var sketch = GraphSketch(input: [2, 3, 4])
        sketch.add("to_first", "Permute", .permute(dims: [3, 1, 2]))
        sketch.add("to_last", "Permute", .permute(dims: [2, 3, 1]))
        sketch.add("fc", "Dense", .dense(.init(units: 2, useBias: false)), weights: [[4, 2]])
        let graph = try sketch.graph()
        let result = try canonical(graph, [MergePermutes(), DropIdentityLayers()])
        #expect(classes(result.graph) == ["Dense"])
        #expect(predictions(result.graph) == predictions(graph))
    }

    @Test func nonInversePermutesCompose() throws {
        var sketch = GraphSketch(input: [2, 3, 4])
        sketch.add("p", "Permute", .permute(dims: [3, 1, 2]))
        sketch.add("q", "Permute", .permute(dims: [3, 1, 2]))
        let graph = try sketch.graph()
        let result = try canonical(graph, [MergePermutes(), DropIdentityLayers()])
        // (2,3,4) → (4,2,3) → (3,4,2): in one step, axes (2, 3, 1).
        #expect(result.graph.layers.map(\.kind).last == .permute(dims: [2, 3, 1]))
        #expect(result.graph.layers.last?.outputShape == [3, 4, 2])
        #expect(predictions(result.graph) == predictions(graph))
    }

    @Test func aPermuteReadTwiceStays() throws {
        var sketch = GraphSketch(input: [2, 3])
        sketch.add("p", "Permute", .permute(dims: [2, 1]))
        sketch.add("q", "Permute", .permute(dims: [2, 1]))
        sketch.add("r", "Permute", .permute(dims: [2, 1]), inputs: ["p"])
        sketch.add("sum", "Add", .merge(.add), inputs: ["q", "in"])
        let graph = try sketch.graph(outputs: ["sum", "r"])
        let result = try canonical(graph, [MergePermutes(), DropIdentityLayers()])
        #expect(result.graph.layers.count == graph.layers.count)
    }

    @Test func permutesMoveThroughElementwiseLayersAndCancel() throws {
        var sketch = GraphSketch(input: [5, 3])
        sketch.add("fc0", "Dense", .dense(.init(units: 3, useBias: true)), weights: [[3, 3], [3]])
        sketch.add("p", "Permute", .permute(dims: [2, 1]))
        sketch.add("relu", "ReLU", .relu(.init(maxValue: 6, negativeSlope: 0.1, threshold: 0)))
        sketch.add("act", "Activation", .activation(.tanh))
        sketch.add("q", "Permute", .permute(dims: [2, 1]))
        sketch.add("fc", "Dense", .dense(.init(units: 2, useBias: true)), weights: [[3, 2], [2]])
        let graph = try sketch.graph()
        let result = try canonical(graph, [MovePermutesThroughElementwiseLayers(), MergePermutes(), DropIdentityLayers()])
        #expect(classes(result.graph) == ["Dense", "ReLU", "Activation", "Dense"])
        #expect(predictions(result.graph) == predictions(graph))
    }

    @Test func softmaxDoesNotLetAPermuteThrough() throws {
        var sketch = GraphSketch(input: [5, 3])
        sketch.add("p", "Permute", .permute(dims: [2, 1]))
        sketch.add("soft", "Activation", .activation(.softmax))
        sketch.add("q", "Permute", .permute(dims: [2, 1]))
        let graph = try sketch.graph()
        let result = try canonical(graph, [MovePermutesThroughElementwiseLayers(), MergePermutes(), DropIdentityLayers()])
        #expect(classes(result.graph) == ["Permute", "Activation", "Permute"])
    }

    @Test func aPermuteBeforeFlattenFoldsIntoTheDenseRows() throws {
        // NCHW flattening of a channels-last value, as PyTorch's Flatten reads a convolution's output.
        var sketch = GraphSketch(input: [3, 4, 5])
        sketch.add("to_first", "Permute", .permute(dims: [3, 1, 2]))
        sketch.add("flatten", "Flatten", .flatten)
        sketch.add("fc", "Dense", .dense(.init(units: 6, useBias: true)), weights: [[60, 6], [6]], activation: .relu)
        let graph = try sketch.graph()
        let result = try canonical(graph, [FoldPermuteIntoDense()])
        #expect(classes(result.graph) == ["Flatten", "Dense"])
        #expect(result.graph.layer(named: "fc")?.weight("kernel")?.tensor != graph.layer(named: "fc")?.weight("kernel")?.tensor)
        // The same products, summed in another order: equal within float32 rounding.
        #expect(close(predictions(result.graph), predictions(graph)))
        try expectWriteBackKeepsPredictions(graph, result)
    }

    @Test func theRowOrderOfAPermutedFlattenIsWorkedOutByHand() {
        // A (2, 3) value permuted (2, 1) is (3, 2): value (r, c) sits at c·2 + r.
        #expect(FoldPermuteIntoDense.rowOrder(inputShape: [2, 3], dims: [2, 1]) == [0, 2, 4, 1, 3, 5])
        #expect(FoldPermuteIntoDense.rowOrder(inputShape: [2, 3], dims: [1, 2]) == [0, 1, 2, 3, 4, 5])
    }

    @Test func aPermuteWhoseFlattenHasAnotherReaderStays() throws {
        var sketch = GraphSketch(input: [2, 3])
        sketch.add("p", "Permute", .permute(dims: [2, 1]))
        sketch.add("flatten", "Flatten", .flatten)
        sketch.add("fc", "Dense", .dense(.init(units: 6, useBias: false)), weights: [[6, 6]])
        sketch.add("sum", "Add", .merge(.add), inputs: ["fc", "flatten"])
        let graph = try sketch.graph()
        let result = try canonical(graph, [FoldPermuteIntoDense()])
        #expect(result.graph.layers.count == graph.layers.count)
    }

    @Test func reshapeChainsMergeAndAOneAxisReshapeIsAFlatten() throws {
        var sketch = GraphSketch(input: [4, 6])
        sketch.add("expand", "Reshape", .reshape(targetShape: [1, 4, 6]))
        sketch.add("split", "Reshape", .reshape(targetShape: [2, 2, 6]))
        sketch.add("flat", "Reshape", .reshape(targetShape: [-1]))
        sketch.add("fc", "Dense", .dense(.init(units: 3, useBias: true)), weights: [[24, 3], [3]])
        let graph = try sketch.graph()
        let result = try canonical(graph, [MergeReshapeChains()])
        #expect(classes(result.graph) == ["Flatten", "Dense"])
        #expect(result.graph.layer(named: "flat")?.inputs == ["in"])
        #expect(predictions(result.graph) == predictions(graph))
    }
}
