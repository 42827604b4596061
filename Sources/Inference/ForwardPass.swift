import Dispatch
import ModelIR

/// Runs a model on a batch of samples, float32, channels last, as Keras does at inference.
public struct ForwardPass: Sendable {
    public let graph: Graph
    /// The graph's layers as they compute (QKeras weights quantized once, here).
    private let runnableLayers: [Layer]
    /// For each layer, the positions of its inputs in `graph.layers`.
    private let inputPositions: [[Int]]
    private let outputPositions: [Int]
    private let inputLayerPositions: [Int]
    private let isModelInput: [Bool]

    public init(graph: Graph) {
        self.graph = graph
        runnableLayers = graph.withQuantizedWeights().layers
        let position = Dictionary(uniqueKeysWithValues: graph.layers.enumerated().map { ($1.name, $0) })
        inputPositions = graph.layers.map { $0.inputs.map { position[$0]! } }
        outputPositions = graph.outputs.map { position[$0]! }
        let inputs = graph.inputs.map { position[$0]! }
        inputLayerPositions = inputs
        isModelInput = graph.layers.indices.map { inputs.contains($0) }
    }

    /// The number of values one sample has at each model input.
    public var inputSizes: [Int] { inputLayerPositions.map { graph.layers[$0].outputShape.reduce(1, *) } }
    /// The number of values one sample has at each model output.
    public var outputSizes: [Int] { outputPositions.map { graph.layers[$0].outputShape.reduce(1, *) } }

    /// Computes the model's outputs for `count` samples.
    ///
    /// - Parameters:
    ///   - inputs: for each model input, `count` samples in C order.
    ///   - count: the number of samples.
    ///   - progress: called with the number of samples done so far (from any thread).
    /// - Returns: for each model output, `count` samples in C order.
    public func run(inputs: [[Float]], count: Int, progress: (@Sendable (Int) -> Void)? = nil) -> [[Float]] {
        let inputSizes = self.inputSizes
        let outputSizes = self.outputSizes
        precondition(zip(inputs, inputSizes).allSatisfy { $0.count == $1 * count }, "input sizes do not match the model")
        let results = outputSizes.map { SharedBuffer(count: $0 * count) }
        // Chunks of a fixed size (whatever the core count), so each value is computed the same way on every run.
        let chunk = MatrixProduct.tileRows
        let chunks = (count + chunk - 1) / chunk
        let finished = Counter()
        DispatchQueue.concurrentPerform(iterations: chunks) { chunkIndex in
            let samples = chunkIndex * chunk..<min(count, (chunkIndex + 1) * chunk)
            let chunkInputs = zip(inputs, inputSizes).map { Array($0[samples.lowerBound * $1..<samples.upperBound * $1]) }
            let outputs = runBatch(chunkInputs, count: samples.count)
            for (output, (buffer, size)) in zip(outputs, zip(results, outputSizes)) {
                buffer.write(output, at: samples.lowerBound * size)
            }
            if let progress { progress(finished.add(samples.count)) }
        }
        return results.map(\.values)
    }

    /// The outputs of `count` samples, layer by layer, each layer on the whole batch at once.
    private func runBatch(_ inputs: [[Float]], count: Int) -> [[Float]] {
        var values = [[Float]](repeating: [], count: graph.layers.count)
        for (index, input) in zip(inputLayerPositions, inputs) { values[index] = input }
        for (index, layer) in runnableLayers.enumerated() where !isModelInput[index] {
            let sources = inputPositions[index]
            values[index] = LayerEvaluation.output(of: layer, inputs: sources.map { values[$0] },
                                                   inputShapes: sources.map { graph.layers[$0].outputShape })
        }
        return outputPositions.map { values[$0] }
    }
}

/// A float buffer that concurrent workers fill at disjoint offsets.
private final class SharedBuffer: @unchecked Sendable {
    private let storage: UnsafeMutableBufferPointer<Float>

    init(count: Int) {
        storage = .allocate(capacity: count)
        storage.initialize(repeating: 0)
    }

    deinit { storage.deallocate() }

    func write(_ values: [Float], at offset: Int) {
        _ = UnsafeMutableBufferPointer(rebasing: storage[offset..<offset + values.count]).update(fromContentsOf: values)
    }

    var values: [Float] { Array(storage) }
}

/// A thread-safe running total.
private final class Counter: @unchecked Sendable {
    private var total = 0
    private let lock = DispatchQueue(label: "hlsprune.inference.counter")

    func add(_ amount: Int) -> Int { lock.sync { total += amount; return total } }
}
