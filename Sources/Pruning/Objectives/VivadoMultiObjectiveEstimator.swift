/// DSPs and BRAM blocks together (hls4ml's `VivadoMultiObjectiveEstimator`): Resource layers with
/// RF > 1 store their weights in BRAM, `⌈P·bw / (RF·36)⌉` blocks; removing consecutive patterns whose
/// bits fill a whole BRAM word saves a block as well as their DSPs.
///
/// Deviation (docs/deviations.md): hls4ml picks `consecutive_patterns` as `36 / bw` or `⌈72 / bw⌉`,
/// which for the common 16-bit weights (5) neither divides the pattern offset (masking raises) nor
/// fills a word (saves nothing). We take the smallest count whose bits are a multiple of 36,
/// `36 / gcd(36, bw)` — equal to hls4ml's for every width where hls4ml works (1, 2, 3, 4, 6, 8, 9,
/// 12, 18, 24, 36) — and, when it does not divide the pattern offset, the largest divisor of the
/// offset below it.
public struct VivadoMultiObjectiveEstimator: PruningObjective {
    public init() {}

    public var name: String { "dsp-bram" }
    public var dimensions: [String] { ["DSP", "BRAM"] }

    private static let bramWordBits = 36

    /// The consecutive-pattern count for a layer's weight width and pattern offset (see the type's documentation).
    static func consecutivePatterns(weightBits: Int, patternOffset: Int) -> Int {
        var count = bramWordBits / gcd(bramWordBits, weightBits)
        while count > 1 && patternOffset % count != 0 { count -= 1 }
        return count
    }

    /// BRAM blocks saved by removing `patterns` patterns of `weightBits`-bit weights: one per 72 bits
    /// (a block's widest port), at least one when the bits fill whole 36-bit words — hls4ml's 1 for 36
    /// and 72 bits — and none for a partial word.
    static func blocksSaved(patterns: Int, weightBits: Int) -> Int {
        let bits = patterns * weightBits
        return bits % bramWordBits == 0 ? max(1, bits / (2 * bramWordBits)) : bits / (2 * bramWordBits)
    }

    private static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }

    public func defaultOptimization(for layer: LayerAttributes) -> OptimizationAttributes? {
        guard layer.strategy.isResource, layer.reuseFactor > 1 else { return OptimizationAttributes(structure: .unstructured) }
        let offset = layer.kernelSize / layer.reuseFactor
        return OptimizationAttributes(structure: .pattern, patternOffset: offset,
                                      consecutivePatterns: Self.consecutivePatterns(weightBits: layer.weightPrecision.width, patternOffset: offset))
    }

    public func resources(of layer: LayerAttributes) -> [Int] {
        let size = layer.kernelSize
        let reuse = layer.reuseFactor
        guard layer.strategy.isResource else { return [size / reuse, 0] }
        guard reuse > 1 else { return [size, 0] }
        let bits = size * layer.weightPrecision.width
        let perBlock = reuse * Self.bramWordBits
        return [size / reuse, (bits + perBlock - 1) / perBlock]
    }

    public func savings(of layer: LayerAttributes, with optimization: OptimizationAttributes) -> [Int] {
        // hls4ml returns the one-element [0] here; we keep both dimensions.
        guard optimization.pruning else { return [0, 0] }
        let reuse = layer.reuseFactor
        guard layer.strategy.isResource else { return [reuse == 1 ? 1 : 0, 0] }
        if reuse == 1 { return [1, 0] }
        guard optimization.structure == .pattern, layer.kernelSize / optimization.patternOffset == reuse else { return [0, 0] }
        let patterns = optimization.consecutivePatterns
        return [patterns, Self.blocksSaved(patterns: patterns, weightBits: layer.weightPrecision.width)]
    }
}
