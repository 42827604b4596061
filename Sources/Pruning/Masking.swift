import Knapsack
import ModelIR

/// Choosing which weight groups survive (the masks of ``PruningResult``).
extension PruningPlan {
    /// Chooses which groups survive at `sparsity` and builds the masks (hls4ml's `get_model_masks`).
    ///
    /// Local: per layer, keep the best groups within `⌊(1 − sparsity)·resources⌋` of that layer.
    /// Global: one knapsack over the groups of every included layer, values normalised per layer,
    /// capacity `⌊(1 − sparsity)·Σ resources⌋`. Selection is exact (``Knapsack/solve(values:weights:capacity:method:timeLimit:)``)
    /// and ties go to the higher group index, deterministically.
    ///
    /// With `target` (global only) the capacity is `target` itself and the reported sparsity is what it
    /// amounts to.
    public func masks(for graph: Graph, sparsity: Double, local: Bool, metric: RankingMetric = .l1,
                      knapsack method: Knapsack.Method = .automatic, target: [Int]? = nil) throws -> PruningResult {
        guard sparsity >= 0, sparsity <= 1 else { throw PruningError("sparsity \(sparsity) must be between 0 and 1") }
        var candidates: [Candidate] = []
        for entry in entries {
            guard entry.isIncluded, let optimization = entry.optimization else { continue }
            guard let kernel = graph.layer(named: entry.attributes.name)?.weight("kernel")?.tensor.values else {
                throw PruningError(layer: entry.attributes.name, "has no kernel in the model")
            }
            let groups = try WeightGroups(entry.attributes, optimization)
            let ranking = try metric.rankingTensor(layer: entry.attributes.name, kernel: kernel)
            var scores = GroupScores(groups, ranking: ranking, layer: entry.attributes, optimization: optimization, normOrder: metric.normOrder)
            if !local { scores.normalisePruningValues() }
            candidates.append(Candidate(entry: entry, kernel: kernel, groups: groups, scores: scores,
                                        savings: objective.savings(of: entry.attributes, with: optimization),
                                        resources: objective.resources(of: entry.attributes)))
        }
        var kept: [[Bool]] = []
        if local {
            kept = try candidates.indices.map { index in
                var one = [candidates[index]]
                candidates[index].scores.values = []
                return try Self.select(&one, sparsity: sparsity, method: method)[0]
            }
        } else if !candidates.isEmpty {
            kept = try Self.select(&candidates, sparsity: sparsity, method: method, target: target)
        }
        var byName: [String: LayerPruning] = [:]
        for (candidate, keep) in zip(candidates, kept) { byName[candidate.entry.attributes.name] = candidate.outcome(keeping: keep) }
        let layers = entries.map { entry in
            byName[entry.attributes.name] ?? LayerPruning(
                attributes: entry.attributes, optimization: entry.optimization,
                mask: Array(repeating: 1, count: entry.attributes.kernelSize), offsets: [],
                groups: 0, keptGroups: 0, sharedGroups: 0,
                resourcesBefore: objective.resources(of: entry.attributes), resourcesAfter: objective.resources(of: entry.attributes))
        }
        var result = PruningResult(objective: objective.name, sparsity: sparsity, layers: layers)
        if let target, let total = result.resourcesBefore.first, total > 0, let budget = target.first {
            result.sparsity = max(0, 1 - Double(budget) / Double(total))
        }
        return result
    }

    /// One knapsack over the groups of `candidates`; returns which groups each keeps. The
    /// candidates' values move into the knapsack's (they are not needed after).
    private static func select(_ candidates: inout [Candidate], sparsity: Double, method: Knapsack.Method, target: [Int]? = nil) throws -> [[Bool]] {
        let dimensions = candidates.map(\.resources.count).max() ?? 1
        // Sized once: growing them layer by layer held two copies of every array at once.
        let groupCount = candidates.reduce(0) { $0 + $1.groups.count }
        var values: [Double] = []
        values.reserveCapacity(groupCount)
        var weights = Array(repeating: [Int](), count: dimensions)
        for row in 0..<dimensions { weights[row].reserveCapacity(groupCount) }
        var total = Array(repeating: 0, count: dimensions)
        for index in candidates.indices {
            let candidate = candidates[index]
            values.append(contentsOf: candidate.scores.values)
            candidates[index].scores.values = []
            for row in 0..<dimensions {
                let saving = row < candidate.savings.count ? candidate.savings[row] : 0
                weights[row].append(contentsOf: repeatElement(saving, count: candidate.groups.count))
                total[row] += row < candidate.resources.count ? candidate.resources[row] : 0
            }
        }
        // hls4ml: capacity = trunc((1 − s)·resources) in float64.
        var capacity = total.map { Int((1 - sparsity) * Double($0)) }
        if let target {
            for (row, budget) in target.enumerated() where row < capacity.count { capacity[row] = budget }
        }
        let solution = try Knapsack.solve(values: values, weights: weights, capacity: capacity, method: method)
        var selected = Array(repeating: false, count: values.count)
        for index in solution.selected { selected[index] = true }
        var result: [[Bool]] = []
        var start = 0
        for candidate in candidates {
            result.append(Array(selected[start..<start + candidate.groups.count]))
            start += candidate.groups.count
        }
        return result
    }
}

/// One included layer on its way through selection.
private struct Candidate {
    let entry: PruningPlan.Entry
    let kernel: [Float]
    let groups: WeightGroups
    var scores: GroupScores
    let savings: [Int]
    let resources: [Int]

    func outcome(keeping keep: [Bool]) -> LayerPruning {
        var mask = Array(repeating: Float(0), count: kernel.count)
        var offsets: [Float] = []  // allocated at the first shared group
        var shared = 0
        for group in 0..<groups.count {
            let members = groups.group(group)
            if keep[group] {
                for index in members { mask[index] = 1 }
            } else if scores.isShared[group] {
                // The mean of the group's actual weights (hls4ml uses the ranking tensor in local
                // pattern/block mode and the wrong column in global structured mode).
                let mean = Float(members.reduce(0.0) { $0 + Double(kernel[$1]) } / Double(members.count))
                if offsets.isEmpty { offsets = Array(repeating: 0, count: kernel.count) }
                for index in members { offsets[index] = mean }
                shared += 1
            }
        }
        let keptGroups = keep.reduce(0) { $0 + ($1 ? 1 : 0) }
        let removed = groups.count - keptGroups
        let after = resources.enumerated().map { row, value in value - removed * (row < savings.count ? savings[row] : 0) }
        return LayerPruning(attributes: entry.attributes, optimization: entry.optimization, mask: mask, offsets: offsets,
                            groups: groups.count, keptGroups: keptGroups, sharedGroups: shared,
                            resourcesBefore: resources, resourcesAfter: after)
    }
}
