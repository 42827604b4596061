import Foundation

/// QKeras 0.9's quantizers at inference, in float32 and in QKeras's order of operations, so that
/// the results match `model.predict` (rounding is half to even, as `tf.round`); QONNX's in
/// `Quantization+QONNX.swift`.
///
/// ```swift
/// let q = Quantizer.bits(.init(bits: 4, integer: 0, scale: .constant(1)))
/// Quantization.apply(q, to: [0.3, -0.9], shape: [2])   // [0.25, -0.875]
/// ```
public enum Quantization {
    /// The quantized values of a tensor of `shape`; fitted (`auto`) scales and QONNX's per-channel
    /// parameters are per last-axis channel.
    public static func apply(_ quantizer: Quantizer, to values: [Float], shape: [Int]) -> [Float] {
        switch quantizer {
        case .bits(let q):
            if let scale = q.scale, !scale.isConstant { return fittedBits(q, scale: scale, values, shape: shape) }
            return values.map { straightThrough($0, bits(q, $0)) }
        case .relu(let q): return values.map { relu(q, $0) }
        case .tanh(let bits, let symmetric, let real):
            let m = power(bits - 1)
            return values.map { x in
                let p = real ? Foundation.tanh(x) : 2 * hardSigmoid(x) - 1
                return clip(roundThrough(p * m) / m, -1 + (symmetric ? 1 : 0) / m, 1 - 1 / m)
            }
        case .sigmoid(let bits, let symmetric, let real):
            let m = power(bits)
            return values.map { x in
                let p = real ? 1 / (1 + exp(-x)) : hardSigmoid(x)
                return clip(roundThrough(p * m) / m, (symmetric ? 1 : 0) / m, 1 - 1 / m)
            }
        case .powerOfTwo(let q): return values.map { powerOfTwo(q, $0) }
        case .binary(let zeroOne, let scale):
            let signs = values.map { x -> Float in
                var sign = signum(x)
                sign += 1 - abs(sign)
                return zeroOne ? (sign + 1) / 2 : sign
            }
            let inputs = scale == nil ? values.map { Foundation.tanh($0) } : values
            let scales = leastSquaresScale(scale, inputs, signs, shape: shape)
            return inputs.indices.map { straightThrough(inputs[$0], scales[$0] * signs[$0]) }
        case .ternary(let scale, let threshold):
            let factor: Float = if case .constant(let value) = scale { value } else { 1 }
            let limit = threshold ?? 0.33
            return values.map { x in
                let q: Float = abs(x) >= limit ? signum(x) : 0
                return straightThrough(scale == nil ? Foundation.tanh(x) : x, factor * q)
            }
        case .integer(let q): return integer(q, values)
        case .bipolar(let scale): return bipolar(scale, values)
        case .truncation(let q): return values.map { truncation(q, $0) }
        }
    }

    /// QKeras's straight-through form `x + (−x + xq)`: its forward value, rounding included.
    private static func straightThrough(_ x: Float, _ quantized: Float) -> Float { x + (-x + quantized) }

    private static func roundThrough(_ x: Float) -> Float { straightThrough(x, x.rounded(.toNearestOrEven)) }

    private static func power(_ exponent: Int) -> Float { Float(sign: .plus, exponent: exponent, significand: 1) }

    private static func clip(_ x: Float, _ low: Float, _ high: Float) -> Float { min(max(x, low), high) }

    private static func signum(_ x: Float) -> Float { x > 0 ? 1 : (x < 0 ? -1 : 0) }

    private static func hardSigmoid(_ x: Float) -> Float { clip(0.5 * x + 0.5, 0, 1) }

    private static let epsilon: Float = 1e-7
    private static let logTwo = Float(M_LN2)

    /// `quantized_bits` with a constant or no scale.
    private static func bits(_ q: BitsQuantizer, _ x: Float) -> Float {
        let unsignedBits = q.bits - (q.keepsNegative ? 1 : 0)
        let m = power(unsignedBits)
        let mi = power(q.integer)
        let scale: Float = if case .constant(let value) = q.scale { value } else { 1 }
        var xq: Float
        if unsignedBits > 0 {
            let low: Float = q.keepsNegative ? -m + (q.isSymmetric ? 1 : 0) : 0
            xq = mi * clip(roundThrough(x * m / mi), low, m - 1) / m
        } else {
            xq = signum(x)
            xq += 1 - abs(xq)
            if !q.keepsNegative { xq = (xq + 1) / 2 }
        }
        return scale * xq
    }

    /// `quantized_bits` with `alpha="auto"` or `"auto_po2"`: the scale fitted per channel.
    private static func fittedBits(_ q: BitsQuantizer, scale kind: QuantizerScale, _ values: [Float], shape: [Int]) -> [Float] {
        let m = power(q.bits - (q.keepsNegative ? 1 : 0))
        let mi = power(q.integer)
        let levels = Float((1 << (q.bits - 1)) - 1) * 2
        let half = levels / 2
        let scaled = values.map { $0 / mi }
        let channels = shape.count > 1 ? shape.last! : 1
        var maxima = [Float](repeating: 0, count: channels)
        for (index, x) in scaled.enumerated() { maxima[index % channels] = max(maxima[index % channels], abs(x)) }
        // One scale per element: the least-squares refit of a 1-D tensor is per element in QKeras.
        var scales = scaled.indices.map { maxima[$0 % channels] * 2 / levels }
        let levelsOf = { (scales: [Float]) in
            scaled.indices.map { index -> Float in
                let v = (abs(scaled[index]) / scales[index] + 0.5).rounded(.down)
                return signum(scaled[index]) * (v < half ? v : half)
            }
        }
        var z = levelsOf(scales)
        if kind == .autoPowerOfTwo {
            scales = scales.map(roundedToPowerOfTwo)
            for _ in 0..<5 {
                z = levelsOf(scales)
                scales = leastSquaresScale(.autoPowerOfTwo, scaled, z, shape: shape)
            }
        }
        return scaled.indices.map { index in
            straightThrough(mi * scaled[index], scales[index] * m * (mi * z[index] / m))
        }
    }

    private static func roundedToPowerOfTwo(_ scale: Float) -> Float {
        exp2((log(scale + epsilon) / logTwo).rounded(.toNearestOrEven))
    }

    /// QKeras's `_get_scale`: per element for `alpha`, `mean(x·q)/(mean(q·q)+ε)` per last-axis
    /// channel for `auto` (per element for a 1-D tensor), rounded to a power of two for `auto_po2`.
    private static func leastSquaresScale(_ alpha: QuantizerScale?, _ x: [Float], _ q: [Float], shape: [Int]) -> [Float] {
        switch alpha {
        case nil: return Array(repeating: 1, count: x.count)
        case .constant(let value): return Array(repeating: value, count: x.count)
        case .auto, .autoPowerOfTwo:
            let fit = { (qx: Float, qq: Float) -> Float in
                let scale = qx / (qq + epsilon)
                return alpha == .autoPowerOfTwo ? roundedToPowerOfTwo(scale) : scale
            }
            guard shape.count > 1, let channels = shape.last, channels > 0 else { return x.indices.map { fit(x[$0] * q[$0], q[$0] * q[$0]) } }
            var products = [Float](repeating: 0, count: channels)
            var squares = [Float](repeating: 0, count: channels)
            for index in x.indices {
                products[index % channels] += x[index] * q[index]
                squares[index % channels] += q[index] * q[index]
            }
            let count = Float(x.count / channels)
            let scales = (0..<channels).map { fit(products[$0] / count, squares[$0] / count) }
            return x.indices.map { scales[$0 % channels] }
        }
    }

    /// `quantized_relu`.
    private static func relu(_ q: ReLUQuantizer, _ x: Float) -> Float {
        let nonSignBits = q.bits - (q.negativeSlope != 0 ? 1 : 0)
        let m = power(nonSignBits)
        let mi = power(q.integer)
        let mf = power(q.integer - nonSignBits)
        let leaky = x >= 0 ? x : q.negativeSlope * x
        let clipped = x <= mi - mf ? leaky : mi - mf
        var xq: Float
        let negativeFactor = 1 / (q.negativeSlope * m)
        if q.usesSigmoid {
            let p = hardSigmoid(x / mi) * m
            xq = mi * clip(2 * (roundThrough(p) / m) - 1, 0, 1 - 1 / m)
            if q.negativeSlope > 0 {
                xq += mi * q.negativeSlope * clip(2 * (roundThrough(p * q.negativeSlope) * negativeFactor) - 1, -1, 0)
            }
        } else {
            let p = x * m / mi
            xq = mi * clip(roundThrough(p) / m, 0, 1 - 1 / m)
            if q.negativeSlope > 0 {
                xq += mi * q.negativeSlope * clip(roundThrough(p * q.negativeSlope) * negativeFactor, -1, 0)
            }
        }
        return straightThrough(clipped, xq)
    }

    /// `quantized_po2` and `quantized_relu_po2`.
    private static func powerOfTwo(_ q: PowerOfTwoQuantizer, _ x: Float) -> Float {
        let range = q.exponentRange
        let exponent = { (magnitude: Float) -> Float in
            guard magnitude >= epsilon else { return Float(range.lowerBound) }
            var filtered = magnitude
            if let top = q.maxValue, filtered >= top { filtered = top }
            let input = q.usesQuadraticApproximation ? filtered.squareRoot() : filtered
            let factor: Float = q.usesQuadraticApproximation ? 2 : 1
            return factor * clip(roundThrough(log(input) / logTwo), Float(range.lowerBound), Float(range.upperBound))
        }
        guard q.isReLU else {
            var sign = signum(x)
            sign += 1 - abs(sign)
            return straightThrough(x, sign * exp2(exponent(abs(x))))
        }
        let leaky = x >= 0 ? x : q.negativeSlope * x
        let clipped = q.maxValue.map { x <= $0 ? leaky : $0 } ?? leaky
        let quantized = x >= 0 || q.negativeSlope == 0 ? exp2(exponent(max(x, 0))) : -exp2(exponent(max(-x, 0) * q.negativeSlope))
        return straightThrough(clipped, quantized)
    }
}
