import FixtureSupport
import ModelIR
import Testing
@testable import Training

/// Dropout in training mode: a seed fixes the masks, so the loss is a function of the weights whose
/// finite differences the backpropagated gradients must match; kept values are scaled by 1/(1 − rate).
struct DropoutTests {
    static let rate: Float = 0.5

    static func model() throws -> Graph {
        var random = SeededGenerator(seed: 3)
        func values(_ count: Int) -> [Float] { (0..<count).map { _ in Float.random(in: -0.8...0.8, using: &random) } }
        let layers = [
            Layer(name: "in", className: "InputLayer", kind: .input(shape: [4]), inputs: []),
            Layer(name: "hidden", className: "Dense", kind: .dense(.init(units: 16, useBias: true)), inputs: ["in"], activation: .tanh,
                  weights: [Weight(name: "kernel", tensor: Tensor(shape: [4, 16], values: values(64))), Weight(name: "bias", tensor: Tensor(shape: [16], values: values(16)))]),
            Layer(name: "drop", className: "Dropout", kind: .dropout(rate: rate), inputs: ["hidden"]),
            Layer(name: "out", className: "Dense", kind: .dense(.init(units: 2, useBias: true)), inputs: ["drop"],
                  weights: [Weight(name: "kernel", tensor: Tensor(shape: [16, 2], values: values(32))), Weight(name: "bias", tensor: Tensor(shape: [2], values: values(2)))]),
        ]
        return try Graph(name: "dropout", layers: layers, inputs: ["in"], outputs: ["out"])
    }

    static let inputs: [Float] = (0..<24).map { Float($0 % 7) / 7 - 0.4 }
    static let labels: [Float] = (0..<12).map { Float($0 % 3) / 3 }

    @Test func seededMasksGiveGradientsOfTheDroppedNetwork() throws {
        let graph = try Self.model()
        let seed: UInt64 = 42
        let analytic = try Backpropagation(graph: graph).step(inputs: Self.inputs, labels: Self.labels, loss: .meanSquaredError, dropoutSeed: seed)
        let kernel = graph.layer(named: "out")!.weight("kernel")!.tensor.values
        for index in kernel.indices {
            func lossAt(_ delta: Float) throws -> Double {
                var moved = graph
                var changed = kernel
                changed[index] += delta
                try moved.setValues(changed, ofWeight: "kernel", inLayer: "out")
                return try Backpropagation(graph: moved).step(inputs: Self.inputs, labels: Self.labels, loss: .meanSquaredError, dropoutSeed: seed).loss
            }
            let numeric = (try lossAt(1e-2) - lossAt(-1e-2)) / 2e-2
            let ours = Double(analytic.gradients["out"]!["kernel"]![index])
            #expect(abs(numeric - ours) <= 1e-3 + 1e-2 * abs(numeric), "out/kernel[\(index)]: \(ours) vs \(numeric)")
        }
        // With 6 samples a unit is dropped in all of them with probability 1/64, so the gradients
        // must differ from the inference-mode ones.
        let inference = try Backpropagation(graph: graph).step(inputs: Self.inputs, labels: Self.labels, loss: .meanSquaredError)
        #expect(inference.loss != analytic.loss)
    }

    @Test func sameSeedSameLossOtherSeedOtherLoss() throws {
        let pass = try Backpropagation(graph: try Self.model())
        let first = pass.step(inputs: Self.inputs, labels: Self.labels, loss: .meanSquaredError, dropoutSeed: 1).loss
        #expect(pass.step(inputs: Self.inputs, labels: Self.labels, loss: .meanSquaredError, dropoutSeed: 1).loss == first)
        #expect(pass.step(inputs: Self.inputs, labels: Self.labels, loss: .meanSquaredError, dropoutSeed: 2).loss != first)
    }

    /// 1 000 ones through Dropout(0.5) into a sum: Keras keeps each with probability 0.5 and doubles
    /// it, so the sum is 2·Binomial(1000, 0.5): mean 1 000, standard deviation 31.6.
    @Test func keptValuesAreScaledByTheInverseKeepRate() throws {
        let width = 1000
        let layers = [
            Layer(name: "in", className: "InputLayer", kind: .input(shape: [width]), inputs: []),
            Layer(name: "drop", className: "Dropout", kind: .dropout(rate: 0.5), inputs: ["in"]),
            Layer(name: "sum", className: "Dense", kind: .dense(.init(units: 1, useBias: false)), inputs: ["drop"],
                  weights: [Weight(name: "kernel", tensor: Tensor(shape: [width, 1], values: Array(repeating: 1, count: width)))]),
        ]
        let pass = try Backpropagation(graph: try Graph(name: "sum", layers: layers, inputs: ["in"], outputs: ["sum"]))
        let ones = [Float](repeating: 1, count: width)
        for seed: UInt64 in 1...5 {
            // Mean squared error against 0 is the square of the sum.
            let sum = pass.step(inputs: ones, labels: [0], loss: .meanSquaredError, dropoutSeed: seed).loss.squareRoot()
            #expect(abs(sum - 1000) < 160, "seed \(seed): sum \(sum)")
            #expect(sum.truncatingRemainder(dividingBy: 2) == 0, "kept ones are each worth exactly 2")
        }
    }
}
