extension Layer {
    /// The layer as it computes: each quantized weight replaced by its quantized values (QKeras
    /// quantizes the float kernel on every call), the quantizers dropped. Unquantized layers are
    /// returned unchanged.
    ///
    /// ```swift
    /// let runnable = layer.withQuantizedWeights()   // kernel holds quantized_bits(6,0)'s grid values
    /// ```
    public func withQuantizedWeights() -> Layer {
        guard !weightQuantizers.isEmpty else { return self }
        var result = self
        for (index, weight) in weights.enumerated() {
            guard let quantizer = weightQuantizers[weight.name] else { continue }
            result.weights[index].tensor.values = Quantization.apply(quantizer, to: weight.tensor.values, shape: weight.tensor.shape)
        }
        result.weightQuantizers = [:]
        return result
    }
}
