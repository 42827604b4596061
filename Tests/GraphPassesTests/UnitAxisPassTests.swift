import GraphPasses
import ModelIR
import Testing

/// The passes about axes of size 1 (ONNX's Squeeze/Unsqueeze between tf2onnx's Transposes, and
/// the axes global pooling keeps): pure reorderings, so predictions must be exactly equal.
@Suite struct UnitAxisPassTests {
    @Test func aPermuteMovesPastASqueezeAndCancelsTheNextOne() throws {
        // tf2onnx's Conv1D output: channels-last (1, 6, 4) → to channels-first → Squeeze → back to channels-last.
        var sketch = GraphSketch(input: [1, 6, 4])
        sketch.add("to_first", "Permute", .permute(dims: [3, 1, 2]))
        sketch.add("squeeze", "Reshape", .reshape(targetShape: [4, 6]))
        sketch.add("to_last", "Permute", .permute(dims: [2, 1]))
        sketch.add("fc", "Dense", .dense(.init(units: 2, useBias: false)), weights: [[4, 2]])
        let graph = try sketch.graph()
        let moved = try canonical(graph, [MovePermutesPastUnitReshapes()])
        #expect(classes(moved.graph) == ["Reshape", "Permute", "Permute", "Dense"])
        #expect(moved.graph.layers[1].outputShape == [6, 4])
        #expect(predictions(moved.graph) == predictions(graph))
        let result = try canonical(graph, [MovePermutesPastUnitReshapes(), MergePermutes(), DropIdentityLayers()])
        #expect(classes(result.graph) == ["Reshape", "Dense"])
        #expect(predictions(result.graph) == predictions(graph))
    }

    @Test func aPermuteMovesPastAnUnsqueezeKeepingTheNewAxisWhereItWas() throws {
        var sketch = GraphSketch(input: [5, 3])
        sketch.add("to_first", "Permute", .permute(dims: [2, 1]))
        sketch.add("unsqueeze", "Reshape", .reshape(targetShape: [3, 1, 5]))
        let graph = try sketch.graph()
        let result = try canonical(graph, [MovePermutesPastUnitReshapes()])
        #expect(classes(result.graph) == ["Reshape", "Permute"])
        #expect(result.graph.layers[1].outputShape == [5, 3, 1])
        #expect(result.graph.layers.last?.outputShape == [3, 1, 5])
        #expect(predictions(result.graph) == predictions(graph))
    }

    @Test func aPermuteMovesThroughAnActivationAndAnUnsqueezeToMeetTheNextOne() throws {
        // tf2onnx between two Conv1Ds with biases in the Conv: channels-first value → Relu →
        // Unsqueeze → to channels-last for the next convolution.
        var sketch = GraphSketch(input: [6, 4])
        sketch.add("to_first", "Permute", .permute(dims: [2, 1]))
        sketch.add("relu", "Activation", .activation(.relu))
        sketch.add("unsqueeze", "Reshape", .reshape(targetShape: [4, 1, 6]))
        sketch.add("to_last", "Permute", .permute(dims: [2, 3, 1]))
        let graph = try sketch.graph()
        let result = try PassPipeline.standard.run(on: graph)
        #expect(classes(result.graph) == ["Activation", "Reshape"])
        #expect(result.graph.layers.last?.outputShape == [1, 6, 4])
        #expect(predictions(result.graph) == predictions(graph))
    }

    @Test func aReshapeThatChangesSizesStopsThePermute() throws {
        var sketch = GraphSketch(input: [2, 6])
        sketch.add("p", "Permute", .permute(dims: [2, 1]))
        sketch.add("split", "Reshape", .reshape(targetShape: [3, 4]))
        let graph = try sketch.graph()
        #expect(classes(try canonical(graph, [MovePermutesPastUnitReshapes()]).graph) == ["Permute", "Reshape"])
    }

    @Test func aPermuteThatOnlyMovesUnitAxesIsAReshape() throws {
        var sketch = GraphSketch(input: [6, 4, 1])
        sketch.add("p", "Permute", .permute(dims: [1, 3, 2]))
        sketch.add("q", "Permute", .permute(dims: [2, 1, 3]), inputs: ["in"])
        let graph = try sketch.graph(outputs: ["p", "q"])
        let result = try canonical(graph, [ReadUnitAxisPermutesAsReshapes()])
        #expect(result.graph.layer(named: "p")?.kind == .reshape(targetShape: [6, 1, 4]))
        #expect(result.graph.layer(named: "q")?.className == "Permute")  // swaps 6 and 4: a real reordering
        #expect(predictions(result.graph) == predictions(graph))
    }

    @Test func globalPoolingDropsTheAxesItKeptForAFlatten() throws {
        var sketch = GraphSketch(input: [7, 4])
        sketch.add("gap", "GlobalAveragePool", .globalPooling(operation: .average, rank: 1, keepDimensions: true))
        sketch.add("flatten", "Flatten", .flatten)
        sketch.add("fc", "Dense", .dense(.init(units: 3, useBias: true)), weights: [[4, 3], [3]])
        let graph = try sketch.graph()
        let result = try canonical(graph, [DropKeptPoolingAxes(), DropIdentityLayers()])
        #expect(classes(result.graph) == ["GlobalAveragePooling1D", "Dense"])
        #expect(predictions(result.graph) == predictions(graph))
    }

    @Test func globalPoolingThatIsTheOutputKeepsItsAxes() throws {
        var sketch = GraphSketch(input: [3, 3, 2])
        sketch.add("gmp", "GlobalMaxPool", .globalPooling(operation: .max, rank: 2, keepDimensions: true))
        let graph = try sketch.graph()
        #expect(try canonical(graph, [DropKeptPoolingAxes()]).graph == graph)
    }
}
