/// How weights are ranked before selection: the ranking tensor V (kernel-shaped) and the norm
/// order p used for groups (hls4ml's `metric`).
public enum RankingMetric: Sendable, Equatable {
    /// V = W, groups by their L1 norm.
    case l1
    /// V = W, groups by their L2 norm.
    case l2
    /// V = |W ⊙ ∂L/∂W|, groups by their L1 norm; the gradients are kernel-shaped, by layer name.
    case oracle(gradients: [String: [Float]])
    /// V = W² ⊙ H, groups by their L1 norm; H holds second derivatives, kernel-shaped, by layer name.
    case saliency(hessians: [String: [Float]])

    /// The names accepted on the command line (the others need gradients from training).
    public static let commandLineNames = ["l1", "l2"]

    /// The metric named `name` on the command line.
    public init?(name: String) {
        switch name {
        case "l1": self = .l1
        case "l2": self = .l2
        default: return nil
        }
    }

    /// The norm order p.
    var normOrder: Int { self == .l2 ? 2 : 1 }

    /// The ranking tensor of a layer's kernel.
    func rankingTensor(layer: String, kernel: [Float]) throws -> [Float] {
        func derivative(_ tensors: [String: [Float]], _ what: String) throws -> [Float] {
            guard let values = tensors[layer], values.count == kernel.count else {
                throw PruningError(layer: layer, "the \(what) for this layer's kernel are missing or have the wrong size")
            }
            return values
        }
        switch self {
        case .l1, .l2: return kernel
        case .oracle(let gradients):
            return zip(kernel, try derivative(gradients, "gradients")).map { abs($0 * $1) }
        case .saliency(let hessians):
            return zip(kernel, try derivative(hessians, "second derivatives")).map { $0 * $0 * $1 }
        }
    }
}
