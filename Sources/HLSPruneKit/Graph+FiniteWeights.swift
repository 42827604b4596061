import ModelIR

extension Graph {
    /// Throws for the first weight value that is NaN or infinite: hls4ml would print it into a
    /// weight header (`nan`, `inf`) that does not compile, so nothing is written for such a model.
    ///
    /// ```swift
    /// try graph.requireFiniteWeights()   // GraphError: layer 'fc1': weight 'kernel' holds nan at index 3 …
    /// ```
    package func requireFiniteWeights() throws {
        for layer in layers {
            for weight in layer.weights {
                if let index = weight.tensor.values.firstIndex(where: { !$0.isFinite }) {
                    throw GraphError(layer: layer.name, "weight '\(weight.name)' holds \(weight.tensor.values[index]) at index \(index); "
                                     + "hls4ml would write a header that does not compile, so finite weights are needed")
                }
            }
        }
    }
}
