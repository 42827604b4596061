/// The reuse factors hls4ml's Vivado/Vitis backends accept for a Resource layer, and the one they
/// use instead of any other (`FPGABackend.get_valid_reuse_factors`, `get_closest_reuse_factor`).
///
/// ```swift
/// LayerAttributes.validReuseFactors(inputs: 32, outputs: 10)          // [1, 2, 4, 5, 8, 10, 20, 32, …]
/// LayerAttributes.closestReuseFactor(to: 9, among: [1, 2, 4, 5, 8, 10]) // 8
/// ```
extension LayerAttributes {
    /// The reuse factors this layer's strategy accepts: every valid one under Resource, all but the
    /// largest under Resource_Unrolled (hls4ml's `include_max_rf=False`), any under Latency (nil).
    public var validReuseFactors: [Int]? {
        guard strategy.isResource else { return nil }
        let shape = multiplierShape
        let valid = Self.validReuseFactors(inputs: shape.inputs, outputs: shape.outputs)
        return strategy == .resourceUnrolled && reuseFactor != 1 && valid.count > 1 ? Array(valid.dropLast()) : valid
    }

    /// The reuse factor hls4ml's firmware uses instead of ``reuseFactor`` when that one is not
    /// valid for the layer (nil when it is): the closest valid one, the smaller on a tie.
    public var replacementReuseFactor: Int? {
        guard let valid = validReuseFactors, !valid.contains(reuseFactor) else { return nil }
        return Self.closestReuseFactor(to: reuseFactor, among: valid)
    }

    /// The sentence hls4ml prints when it replaces the reuse factor, in its own words (after its `WARNING: `).
    public var reuseFactorReplacementWarning: String? {
        guard let replacement = replacementReuseFactor, let valid = validReuseFactors else { return nil }
        return "Invalid ReuseFactor=\(reuseFactor) in layer \"\(name)\".Using ReuseFactor=\(replacement) instead. "
            + "Valid ReuseFactor(s): \(valid.map(String.init).joined(separator: ","))."
    }

    /// Throws when the reuse factor is below 1, or when hls4ml would replace it and
    /// `acceptingInvalid` is false; the message lists the valid ones and the per-layer setting.
    func checkReuseFactor(acceptingInvalid: Bool) throws {
        guard reuseFactor >= 1 else { throw PruningError(layer: name, "reuse factor \(reuseFactor) must be at least 1") }
        guard !acceptingInvalid, let replacement = replacementReuseFactor, let valid = validReuseFactors else { return }
        let shape = multiplierShape
        throw PruningError(layer: name, "reuse factor \(reuseFactor) is not one hls4ml accepts for \(shape.inputs) inputs × \(shape.outputs) outputs with the \(strategy.rawValue) strategy (hls4ml would use \(replacement) instead); valid: \(valid.map(String.init).joined(separator: ", ")); give this layer its own (LayerName.\(name).ReuseFactor, or --reuse-factor \(name)=\(replacement))")
    }

    /// hls4ml's `_validate_reuse_factor` rule.
    static func isValidReuseFactor(_ reuseFactor: Int, inputs: Int, outputs: Int) -> Bool {
        let perInput = min(inputs, reuseFactor)
        let multipliers = (inputs * outputs + perInput - 1) / perInput
        return (multipliers % outputs == 0 || reuseFactor >= inputs)
            && (reuseFactor % inputs == 0 || reuseFactor < inputs)
            && (inputs * outputs) % reuseFactor == 0
    }

    /// Every reuse factor hls4ml accepts for a Resource layer of this size, ascending.
    public static func validReuseFactors(inputs: Int, outputs: Int) -> [Int] {
        (1...max(1, inputs * outputs)).filter { isValidReuseFactor($0, inputs: inputs, outputs: outputs) }
    }

    /// hls4ml's `get_closest_reuse_factor`: the valid value nearest `requested`, the smaller one on
    /// a tie; the first or last when `requested` lies outside them. `valid` is ascending, not empty.
    public static func closestReuseFactor(to requested: Int, among valid: [Int]) -> Int {
        guard let after = valid.firstIndex(where: { $0 >= requested }) else { return valid[valid.count - 1] }
        guard after > 0 else { return valid[0] }
        let (below, above) = (valid[after - 1], valid[after])
        return above - requested < requested - below ? above : below
    }
}
