import Inference

/// Dense layers' forward and backward passes for a batch, each a matrix product over the whole
/// batch (``MatrixProduct``: the same bytes on every run and core count).
extension Backpropagation {
    /// `x·W + b` for a batch.
    static func denseForward(_ x: [Float], kernel: [Float], bias: [Float]?, units: Int) -> [Float] {
        LayerEvaluation.denseOutput(units: units, input: x, kernel: kernel, bias: bias)
    }

    /// Gradients of a Dense layer for a batch: kernel `xᵀ·g` and bias (`g` summed over rows), and
    /// the input's `g·Wᵀ` when `needsInput`.
    static func denseBackward(_ x: [Float], kernel: [Float], gradient: [Float], units: Int, needsInput: Bool)
        -> (kernel: [Float], bias: [Float], input: [Float]) {
        let fanIn = kernel.count / units
        let rows = x.count / fanIn
        var dKernel = [Float](repeating: 0, count: kernel.count)
        MatrixProduct.multiply(x, transposingA: true, gradient, into: &dKernel, rows: fanIn, columns: units, depth: rows)
        var dBias = [Float](repeating: 0, count: units)
        for row in 0..<rows {
            for unit in 0..<units { dBias[unit] += gradient[row * units + unit] }
        }
        var dInput = [Float](repeating: 0, count: needsInput ? x.count : 0)
        if needsInput {
            MatrixProduct.multiply(gradient, kernel, transposingB: true, into: &dInput, rows: rows, columns: fanIn, depth: units)
        }
        return (dKernel, dBias, dInput)
    }
}
