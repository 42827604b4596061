import ModelIR

/// QKeras's straight-through estimators: the forward pass quantizes, the backward pass sees the
/// quantizer as `x + stop_gradient(q(x) − x)` of the function QKeras wraps, so gradients pass
/// unchanged to the float weights and, through activation quantizers, as the derivative of
/// identity (`quantized_bits`, `binary`, `ternary`, `quantized_po2`) or of the ReLU that
/// `quantized_relu` clips to its largest level (1 inside, its negative slope below 0, 0 above).
///
/// ```swift
/// QuantizerGradients.derivative(of: .relu(.init(bits: 6, integer: 0)), at: 0.3)   // 1
/// ```
enum QuantizerGradients {
    /// Why the backward pass cannot go through `quantizer`, or nil when it can.
    static func unsupportedReason(_ quantizer: Quantizer) -> String? {
        switch quantizer {
        case .bits, .binary, .ternary, .relu: return nil
        case .powerOfTwo(let po2) where !po2.isReLU: return nil
        default: return "training through \(quantizer.className)'s straight-through estimator is not implemented"
        }
    }

    /// d(output)/d(input) of the activation quantizer at `x`, as QKeras's gradient reports it.
    static func derivative(of quantizer: Quantizer, at x: Float) -> Float {
        guard case .relu(let relu) = quantizer else { return 1 }
        // quantized_relu(is_quantized_clip=True): x_u = where(x <= m_i − m_f, relu(x, slope), m_i − m_f).
        let nonSignBits = relu.bits - (relu.negativeSlope != 0 ? 1 : 0)
        let largest = Float.pow2(relu.integer) - Float.pow2(relu.integer - nonSignBits)
        guard x <= largest else { return 0 }
        return x > 0 ? 1 : relu.negativeSlope
    }
}

extension Float {
    /// 2ⁿ for an integer n.
    fileprivate static func pow2(_ exponent: Int) -> Float { Float(sign: .plus, exponent: exponent, significand: 1) }
}
