import Foundation
import ModelIR

/// Element-wise activations, applied in place, with Keras's definitions.
public enum ActivationFunctions {
    /// Applies `activation` to `values`; softmax acts on consecutive runs of `lastAxis` values.
    public static func apply(_ activation: Activation, to values: inout [Float], lastAxis: Int) {
        switch activation {
        case .linear: return
        case .relu: mapInPlace(&values) { max($0, 0) }
        case .sigmoid: mapInPlace(&values, sigmoid)
        case .tanh: mapInPlace(&values) { Foundation.tanh($0) }
        case .softmax: softmax(&values, axisLength: lastAxis, stride: 1)
        case .softplus: mapInPlace(&values) { max($0, 0) + log1p(exp(-abs($0))) }
        case .softsign: mapInPlace(&values) { $0 / (1 + abs($0)) }
        case .elu(let alpha): mapInPlace(&values) { $0 > 0 ? $0 : alpha * (exp($0) - 1) }
        case .selu:
            let scale: Float = 1.050_700_987_355_480_5
            let alpha: Float = 1.673_263_242_354_377_3
            mapInPlace(&values) { $0 > 0 ? scale * $0 : scale * alpha * (exp($0) - 1) }
        case .hardSigmoid(let slope): mapInPlace(&values) { min(max(slope * $0 + 0.5, 0), 1) }
        case .swish: mapInPlace(&values) { $0 * sigmoid($0) }
        case .exponential: mapInPlace(&values) { exp($0) }
        case .gelu: mapInPlace(&values) { 0.5 * $0 * (1 + erf($0 / Float(2).squareRoot())) }
        case .relu6: mapInPlace(&values) { min(max($0, 0), 6) }
        case .leakyReLU(let slope): mapInPlace(&values) { $0 > 0 ? $0 : slope * $0 }
        case .quantized(let quantizer):
            let shape = quantizer.isPerChannel ? [values.count / max(lastAxis, 1), lastAxis] : [values.count]
            values = Quantization.apply(quantizer, to: values, shape: shape)
        }
    }

    static func sigmoid(_ x: Float) -> Float { 1 / (1 + exp(-x)) }

    static func mapInPlace(_ values: inout [Float], _ function: (Float) -> Float) {
        for index in values.indices { values[index] = function(values[index]) }
    }

    /// Softmax along an axis of `axisLength` entries spaced `stride` apart.
    static func softmax(_ values: inout [Float], axisLength: Int, stride: Int) {
        let block = axisLength * stride
        for start in Swift.stride(from: 0, to: values.count, by: block) {
            for offset in 0..<stride {
                let base = start + offset
                var largest = -Float.infinity
                for k in 0..<axisLength { largest = max(largest, values[base + k * stride]) }
                var total: Float = 0
                for k in 0..<axisLength {
                    let e = exp(values[base + k * stride] - largest)
                    values[base + k * stride] = e
                    total += e
                }
                for k in 0..<axisLength { values[base + k * stride] /= total }
            }
        }
    }
}
