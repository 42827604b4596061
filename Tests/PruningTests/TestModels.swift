import ModelIR

/// Small graphs built in code for the pruning tests.
enum TestModels {
    /// `input(n) → dense_1 → dense_2 → …`, kernels given row-major with their shapes; biases zero
    /// unless given.
    static func denseChain(inputs: Int, kernels: [(shape: [Int], values: [Float])], biases: [[Float]]? = nil,
                           activation: Activation? = nil) throws -> Graph {
        var layers = [Layer(name: "input", className: "InputLayer", kind: .input(shape: [inputs]), inputs: [])]
        for (index, kernel) in kernels.enumerated() {
            let units = kernel.shape[1]
            let bias = biases?[index] ?? Array(repeating: 0, count: units)
            layers.append(Layer(name: "dense_\(index + 1)", className: "Dense", kind: .dense(.init(units: units, useBias: true)),
                                inputs: [layers.last!.name], activation: activation,
                                weights: [Weight(name: "kernel", tensor: Tensor(shape: kernel.shape, values: kernel.values)),
                                          Weight(name: "bias", tensor: Tensor(shape: [units], values: bias))]))
        }
        return try Graph(name: "chain", layers: layers, inputs: ["input"], outputs: [layers.last!.name])
    }

    /// Deterministic distinct values for a kernel of `count` weights (no two magnitudes tie).
    static func ramp(_ count: Int, seed: Int = 1) -> [Float] {
        (0..<count).map { index in
            let mixed = (index * 7919 + seed * 104_729) % 1_000_003
            return Float(mixed % 2001 - 1000) / 1000 + (index % 2 == 0 ? 1e-6 : -1e-6) * Float(index)
        }
    }
}
