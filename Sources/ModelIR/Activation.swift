/// An element-wise (or, for softmax, last-axis) activation function.
public enum Activation: Sendable, Equatable {
    case linear
    case relu
    case sigmoid
    case tanh
    /// Softmax over the last axis.
    case softmax
    case softplus
    case softsign
    /// `x` for `x > 0`, `alpha·(eˣ − 1)` otherwise.
    case elu(alpha: Float)
    case selu
    /// `clip(slope·x + 0.5, 0, 1)`: the slope is 0.2 in Keras 2 and 1/6 in Keras 3, which redefined it.
    case hardSigmoid(slope: Float)
    /// `x·sigmoid(x)`, also called SiLU.
    case swish
    case exponential
    case gelu
    case relu6
    /// `x` for `x > 0`, `negativeSlope·x` otherwise: Keras 3's `leaky_relu` activation (slope 0.2).
    case leakyReLU(negativeSlope: Float)
    /// A QKeras quantizer used as the activation (`QActivation`, or a `Q*` layer's `activation`).
    case quantized(Quantizer)

    /// The name Keras uses for this function.
    public var kerasName: String {
        switch self {
        case .linear: "linear"
        case .relu: "relu"
        case .sigmoid: "sigmoid"
        case .tanh: "tanh"
        case .softmax: "softmax"
        case .softplus: "softplus"
        case .softsign: "softsign"
        case .elu: "elu"
        case .selu: "selu"
        case .hardSigmoid: "hard_sigmoid"
        case .swish: "swish"
        case .exponential: "exponential"
        case .gelu: "gelu"
        case .relu6: "relu6"
        case .leakyReLU: "leaky_relu"
        case .quantized(let quantizer): quantizer.description
        }
    }
}
