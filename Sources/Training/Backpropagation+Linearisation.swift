import ModelIR

/// Activations applied as they are or frozen on their linear pieces (``linearised(at:)``).
extension Backpropagation {
    /// `activation` applied to a layer's pre-activation `z`, or its linearisation when it has one.
    func activate(_ layer: Layer, _ activation: Activation, _ z: [Float], width: Int) -> [Float] {
        linearisation[layer.name] == nil ? ActivationGradients.forward(activation, z, width: width) : linearised(layer, z)
    }

    /// ∂L/∂z of an activation from ∂L/∂y: the slopes of its linearisation when it has one.
    func deactivate(_ layer: Layer, _ activation: Activation, input: [Float], output: [Float], gradient: [Float], width: Int) -> [Float] {
        if let piece = linearisation[layer.name] { return zip(gradient, piece.slope).map { $0 * $1 } }
        return ActivationGradients.backward(activation, input: input, output: output, gradient: gradient, width: width)
    }

    func linearised(_ layer: Layer, _ z: [Float]) -> [Float] {
        let piece = linearisation[layer.name]!
        return z.indices.map { piece.slope[$0] * z[$0] + piece.intercept[$0] }
    }

    /// This pass with every piecewise-linear activation (ReLU, ReLU6, hard sigmoid, ReLU and
    /// LeakyReLU layers) frozen on the piece each element takes for `inputs`. Its derivatives are those
    /// automatic differentiation reports at `inputs` (a kink has second derivative zero), also where a
    /// finite step would cross a kink. Max pooling and max/min merges are not frozen.
    func linearised(at inputs: [Float]) -> Backpropagation {
        let record = forward(inputs: inputs, dropoutSeed: nil)
        var frozen = self
        for layer in running.layers {
            let input: [Float]
            let slope: [Float]
            switch (layer.kind, layer.activation) {
            case (.relu(let relu), _):
                input = record.outputs[layer.inputs[0]]!
                slope = input.map(relu.slope(at:))
            case (.leakyReLU(let alpha), _):
                input = record.outputs[layer.inputs[0]]!
                slope = input.map { $0 >= 0 ? 1 : alpha }
            case (.activation(let activation), _) where activation.isPiecewiseLinear, (_, let activation?) where activation.isPiecewiseLinear:
                input = record.linear[layer.name]!
                slope = ActivationGradients.backward(activation, input: input, output: record.outputs[layer.name]!,
                                                     gradient: Array(repeating: 1, count: input.count), width: layer.outputShape.last ?? 1)
            default: continue
            }
            let output = record.outputs[layer.name]!
            frozen.linearisation[layer.name] = (slope, zip(output, zip(slope, input)).map { $0 - $1.0 * $1.1 })
        }
        return frozen
    }
}
