/// The weight groups of hls4ml's structured regularizers (§1.7) for a layer: which weights share an
/// L2 norm in the α term and which share a variance in the β term.
public struct RegularizerGroups: Sendable, Equatable {
    public var alpha: [[Int]]
    public var beta: [[Int]]
}

extension PruningPlan.Entry {
    /// The regularizer groups of this layer's structure, or `nil` when it is not optimised.
    ///
    /// Unstructured: single weights (α, an L1 norm) and all weights (β). Dense structured: columns.
    /// Conv structured: each filter's per-channel windows (α, hls4ml's Σ_c ‖W[…, c, f]‖₂) and whole
    /// filters (β). Pattern and block: their groups.
    public var regularizerGroups: RegularizerGroups? {
        guard let optimization, let groups = try? WeightGroups(attributes, optimization) else { return nil }
        let members = (0..<groups.count).map { Array(groups.group($0)) }
        switch optimization.structure {
        case .unstructured:
            return RegularizerGroups(alpha: members, beta: [Array(0..<attributes.kernelSize)])
        case .structured where attributes.kind != .dense:
            let channels = attributes.kernelShape.dropLast().last ?? 1
            let windows = members.flatMap { filter in
                (0..<channels).map { channel in filter.enumerated().filter { $0.offset % channels == channel }.map(\.element) }
            }
            return RegularizerGroups(alpha: windows, beta: members)
        default:
            return RegularizerGroups(alpha: members, beta: members)
        }
    }
}
