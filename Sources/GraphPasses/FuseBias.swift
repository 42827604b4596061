import ModelIR

/// Fuses a bias addition — the BatchNormalization with unit scale and zero mean that a constant
/// `Add` (tf2onnx's BiasAdd) reads as — into the Dense or convolution before it.
///
/// Pre-condition: Dense or convolution `W` without a bias, activation or quantizers, whose only
/// reader is a BatchNormalization `B` over the last axis, `W` no model output, whose inference
/// form is `x·1 + β` exactly (γ/√(σ²+ε) = 1 in float32 and μ = 0 for every channel).
/// Post-condition: `W` has bias `β` (its origin is `B`'s `beta`); `B` is gone; `W`'s readers and
/// the model outputs that were `B` read `W`. The sums are the same float32 additions.
///
/// ```swift
/// // Conv1D (no bias) → BatchNormalization(γ 1, β b, μ 0, σ² 1, ε 0)   becomes   Conv1D with bias b
/// _ = try FuseBias().rewriteOnce(&traced)
/// ```
public struct FuseBias: GraphPass {
    public let name = "fuse-bias"

    public init() {}

    public func rewriteOnce(_ graph: inout TracedGraph) throws -> Bool {
        for index in graph.layers.indices {
            let layer = graph.layers[index]
            guard layer.activation == nil || layer.activation == .linear, !layer.isQuantized, let reader = graph.soleReader(of: layer.name),
                  let bias = Self.bias(of: graph.layers[reader], rank: graph.shape(index).count) else { continue }
            let kind: LayerKind
            switch layer.kind {
            case .dense(var dense) where !dense.useBias:
                dense.useBias = true
                kind = .dense(dense)
            case .convolution(var conv) where !conv.useBias:
                conv.useBias = true
                kind = .convolution(conv)
            default: continue
            }
            graph.modify(index) {
                $0.kind = kind
                $0.weights.append(Weight(name: "bias", tensor: bias))
            }
            let normalization = graph.layers[reader].name
            graph.origins.byLayer[layer.name, default: [:]]["bias"] = graph.origins.byLayer[normalization]?["beta"]
            graph.bypass(reader)
            return true
        }
        return false
    }

    /// β of a BatchNormalization over the last axis of a rank-`rank` value that only adds it.
    private static func bias(of layer: Layer, rank: Int) -> Tensor? {
        guard case .batchNormalization(let norm) = layer.kind, norm.axis == -1 || norm.axis == rank, !layer.isQuantized,
              let (scale, offset) = layer.batchNormalizationScaleAndOffset, let beta = layer.weight("beta"),
              scale.allSatisfy({ $0 == 1 }), layer.weight("moving_mean")?.tensor.values.allSatisfy({ $0 == 0 }) == true,
              offset == beta.tensor.values else { return nil }
        return beta.tensor
    }
}
