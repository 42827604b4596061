import ModelIR

extension Backpropagation {
    /// What hls4ml's `saliency` ranking multiplies W² by: for every kernel, each weight's Hessian row
    /// sum over that kernel, Σ_j ∂²L/∂w_i∂w_j (hls4ml's `get_model_hessians` differentiates the kernel
    /// gradient through its sum, which gives the row sums, not the diagonal its docstring promises).
    ///
    /// The row sums of a kernel's Hessian block are its Hessian-vector product with the all-ones
    /// direction, so each kernel costs two gradient passes: the central difference
    /// (∇L(W + h·1) − ∇L(W − h·1)) / 2h, with the piecewise-linear activations frozen on the pieces
    /// they take at W (``linearised(at:)``), so that no sample crossing a ReLU kink within the step
    /// adds a jump: that is the derivative automatic differentiation reports. As in hls4ml the loss
    /// has no weight penalties and Dropout is off (BatchNormalization still uses batch statistics,
    /// unlike hls4ml's inference mode).
    ///
    /// - Parameter relativeStep: `h` as a fraction of the kernel's largest magnitude. With the
    ///   default 1e-3 the row sums of the trained jet MLP are within 1e-4 of the largest row sum of
    ///   hls4ml's TensorFlow Hessians; a softmax output layer's row sums are zero in exact
    ///   arithmetic and are Float32 noise (about 1e-5) in both.
    public func kernelHessianRowSums(inputs: [Float], labels: [Float], loss: Loss, relativeStep: Float = 1e-3) throws -> [String: [Float]] {
        let frozen = linearised(at: inputs).linearisation
        var sums: [String: [Float]] = [:]
        for layer in graph.layers {
            guard let kernel = layer.weight("kernel")?.tensor.values else { continue }
            let scale = kernel.map(abs).max() ?? 0
            let h = relativeStep * (scale > 0 ? scale : 1)
            func kernelGradient(shiftedBy shift: Float) throws -> [Float] {
                var moved = graph
                try moved.setValues(kernel.map { $0 + shift }, ofWeight: "kernel", inLayer: layer.name)
                var pass = try Backpropagation(graph: moved)
                pass.includesWeightPenalties = false
                pass.linearisation = frozen
                return pass.gradients(inputs: inputs, labels: labels, loss: loss).gradients[layer.name]!["kernel"]!
            }
            let ahead = try kernelGradient(shiftedBy: h)
            let behind = try kernelGradient(shiftedBy: -h)
            sums[layer.name] = zip(ahead, behind).map { ($0 - $1) / (2 * h) }
        }
        return sums
    }
}
