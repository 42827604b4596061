import Foundation
import Inference
import ModelIR

/// Activations on batches (rows of `width` values) and their backward passes.
enum ActivationGradients {
    /// The activation of every value; softmax per row.
    static func forward(_ activation: Activation, _ input: [Float], width: Int) -> [Float] {
        var output = input
        ActivationFunctions.apply(activation, to: &output, lastAxis: width)
        return output
    }

    /// ∂L/∂input from ∂L/∂output, given the input and output of the forward pass.
    static func backward(_ activation: Activation, input: [Float], output: [Float], gradient: [Float], width: Int) -> [Float] {
        if activation == .softmax {
            var result = gradient
            for start in stride(from: 0, to: gradient.count, by: width) {
                let row = start..<start + width
                var dot: Float = 0
                for index in row { dot += gradient[index] * output[index] }
                for index in row { result[index] = output[index] * (gradient[index] - dot) }
            }
            return result
        }
        var result = gradient
        result.withUnsafeMutableBufferPointer { result in
            input.withUnsafeBufferPointer { input in
                output.withUnsafeBufferPointer { output in
                    // The common piecewise-linear cases without the per-value dispatch (and without a
                    // branch per value): the same products as `gradient · derivative`.
                    switch activation {
                    case .linear:
                        return
                    case .relu:
                        for index in result.indices { result[index] *= input[index] > 0 ? 1 : 0 }
                    default:
                        for index in result.indices { result[index] *= derivative(activation, x: input[index], y: output[index]) }
                    }
                }
            }
        }
        return result
    }

    /// dy/dx of an element-wise activation, from its input x and output y.
    static func derivative(_ activation: Activation, x: Float, y: Float) -> Float {
        switch activation {
        case .linear: return 1
        case .relu: return x > 0 ? 1 : 0
        case .sigmoid: return y * (1 - y)
        case .tanh: return 1 - y * y
        case .softmax: return 1  // handled per row
        case .softplus: return 1 / (1 + exp(-x))
        case .softsign: return 1 / ((1 + abs(x)) * (1 + abs(x)))
        case .elu(let alpha): return x > 0 ? 1 : y + alpha
        case .selu:
            let scale: Float = 1.050_700_987_355_480_5
            let alpha: Float = 1.673_263_242_354_377_3
            return x > 0 ? scale : scale * alpha * exp(x)
        case .hardSigmoid(let slope):
            let z = slope * x + 0.5
            return z > 0 && z < 1 ? slope : 0
        case .swish:
            let s = 1 / (1 + exp(-x))
            return s + x * s * (1 - s)
        case .exponential: return y
        case .gelu:
            let cdf = 0.5 * (1 + erf(x / Float(2).squareRoot()))
            return cdf + x * exp(-x * x / 2) / (2 * Float.pi).squareRoot()
        case .relu6: return x > 0 && x < 6 ? 1 : 0
        case .leakyReLU(let slope): return x > 0 ? 1 : slope
        case .quantized(let quantizer): return QuantizerGradients.derivative(of: quantizer, at: x)
        }
    }
}

extension Activation {
    /// Whether the activation is linear between kinks (its second derivative is zero wherever it exists).
    var isPiecewiseLinear: Bool {
        switch self {
        case .relu, .relu6, .hardSigmoid, .leakyReLU: true
        default: false
        }
    }
}
