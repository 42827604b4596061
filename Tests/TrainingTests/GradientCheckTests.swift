import FixtureSupport
import ModelIR
import Testing
@testable import Training

/// Backpropagated gradients against central finite differences of the loss, for every activation
/// and loss the trainer supports.
struct GradientCheckTests {
    static func model(_ activation: Activation, outputs: Int) throws -> Graph {
        var random = SeededGenerator(seed: 7)
        func values(_ count: Int) -> [Float] { (0..<count).map { _ in Float.random(in: -0.8...0.8, using: &random) } }
        let layers = [
            Layer(name: "in", className: "InputLayer", kind: .input(shape: [4]), inputs: []),
            Layer(name: "hidden", className: "Dense", kind: .dense(.init(units: 5, useBias: true)), inputs: ["in"], activation: activation,
                  weights: [Weight(name: "kernel", tensor: Tensor(shape: [4, 5], values: values(20))), Weight(name: "bias", tensor: Tensor(shape: [5], values: values(5)))]),
            Layer(name: "out", className: "Dense", kind: .dense(.init(units: outputs, useBias: true)), inputs: ["hidden"],
                  weights: [Weight(name: "kernel", tensor: Tensor(shape: [5, outputs], values: values(5 * outputs))),
                            Weight(name: "bias", tensor: Tensor(shape: [outputs], values: values(outputs)))]),
            Layer(name: "head", className: "Activation", kind: .activation(outputs > 1 ? .softmax : .sigmoid), inputs: ["out"]),
        ]
        return try Graph(name: "check", layers: layers, inputs: ["in"], outputs: ["head"])
    }

    static func check(_ graph: Graph, loss: Loss, labels: [Float]) throws {
        var random = SeededGenerator(seed: 11)
        let inputs = (0..<12).map { _ in Float.random(in: -1...1, using: &random) }
        let pass = try Backpropagation(graph: graph)
        let analytic = pass.gradients(inputs: inputs, labels: labels, loss: loss).gradients
        for layer in ["hidden", "out"] {
            for weight in ["kernel", "bias"] {
                let values = graph.layer(named: layer)!.weight(weight)!.tensor.values
                for index in values.indices {
                    func lossAt(_ delta: Float) throws -> Double {
                        var moved = graph
                        var changed = values
                        changed[index] += delta
                        try moved.setValues(changed, ofWeight: weight, inLayer: layer)
                        return try Backpropagation(graph: moved).gradients(inputs: inputs, labels: labels, loss: loss).loss
                    }
                    let step: Float = 1e-2
                    let numeric = (try lossAt(step) - lossAt(-step)) / Double(2 * step)
                    let ours = Double(analytic[layer]![weight]![index])
                    #expect(abs(numeric - ours) <= 2e-3 + 2e-2 * abs(numeric), "\(layer)/\(weight)[\(index)]: \(ours) vs finite difference \(numeric)")
                }
            }
        }
    }

    @Test(arguments: [Activation.relu, .sigmoid, .tanh, .softplus, .softsign, .elu(alpha: 1), .selu, .swish, .gelu, .linear, .exponential])
    func activationsWithCategoricalCrossentropy(_ activation: Activation) throws {
        try Self.check(try Self.model(activation, outputs: 3), loss: .categoricalCrossentropy, labels: [1, 0, 0, 0, 1, 0, 0, 0, 1])
    }

    @Test(arguments: [Loss.categoricalCrossentropy, .meanSquaredError, .meanAbsoluteError])
    func lossesOnSoftmax(_ loss: Loss) throws {
        try Self.check(try Self.model(.tanh, outputs: 3), loss: loss, labels: [0.2, 0.5, 0.3, 1, 0, 0, 0.1, 0.1, 0.8])
    }

    @Test func sparseAndBinaryCrossentropy() throws {
        try Self.check(try Self.model(.tanh, outputs: 3), loss: .sparseCategoricalCrossentropy, labels: [2, 0, 1])
        try Self.check(try Self.model(.tanh, outputs: 1), loss: .binaryCrossentropy, labels: [1, 0, 1])
    }
}
