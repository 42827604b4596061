import ModelIR

/// What channel-wise layers do to a channel that holds one value everywhere, used to fold removed
/// neurons and filters (whose output is their activated bias) into the next layer's bias.
public enum ChannelConstant {
    /// A layer's activation applied to `x`; `nil` for softmax, which mixes channels.
    public static func activated(_ x: Float, by activation: Activation?) -> Float? {
        guard let activation else { return x }
        if activation == .softmax { return nil }
        var values = [x]
        ActivationFunctions.apply(activation, to: &values, lastAxis: 1)
        return values[0]
    }

    /// The value channel `channel` (of `channels`, the last axis) of `layer`'s output holds when that
    /// channel of its input holds `x` everywhere; `nil` when the layer is not channel-wise or the
    /// channel would not stay constant (zero padding of a non-zero value, a PReLU with per-position slopes).
    public static func output(of layer: Layer, channel: Int, channels: Int, input x: Float) -> Float? {
        switch layer.kind {
        case .activation(let activation): return activated(x, by: activation)
        case .relu(let relu): return relu.value(at: x)
        case .leakyReLU(let alpha): return x >= 0 ? x : alpha * x
        case .prelu:
            guard x < 0 else { return x }
            let alpha = layer.weights[0].tensor
            guard alpha.count == channels else { return nil }
            return x * alpha.values[channel]
        case .batchNormalization(let norm):
            guard norm.axis == -1 || norm.axis == layer.outputShape.count else { return nil }
            let gamma = layer.weight("gamma")?.tensor.values[channel] ?? 1
            let beta = layer.weight("beta")?.tensor.values[channel] ?? 0
            let mean = layer.weight("moving_mean")!.tensor.values[channel]
            let variance = layer.weight("moving_variance")!.tensor.values[channel]
            return (x - mean) * (gamma / (variance + norm.epsilon).squareRoot()) + beta
        case .dropout, .pooling, .globalPooling, .flatten, .upSampling: return x
        case .zeroPadding: return x == 0 ? x : nil
        default: return nil
        }
    }
}
