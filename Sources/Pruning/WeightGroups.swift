/// The groups of one kernel for a structure: group `g` is the kernel's flat (C-order) indices
/// `members[g·size ..< (g+1)·size]`. Groups are numbered in hls4ml's order.
struct WeightGroups: Sendable {
    let structure: PruningStructure
    /// Weights per group (the same for every group of a layer).
    let size: Int
    let members: [Int]

    var count: Int { size == 0 ? 0 : members.count / size }

    func group(_ index: Int) -> ArraySlice<Int> { members[index * size ..< (index + 1) * size] }

    /// The groups of `layer`'s kernel; throws when the structure does not fit the kernel.
    init(_ layer: LayerAttributes, _ optimization: OptimizationAttributes) throws {
        let shape = layer.kernelShape
        let total = layer.kernelSize
        let outputs = shape.last ?? 1
        structure = optimization.structure
        switch optimization.structure {
        case .unstructured:
            size = 1
            members = Array(0..<total)
        case .structured:
            // Column j of a Dense kernel, filter f of a Conv kernel: every index ≡ j (mod outputs).
            let rows = total / outputs
            size = rows
            var list: [Int] = []
            list.reserveCapacity(total)
            for column in 0..<outputs {
                for row in 0..<rows { list.append(row * outputs + column) }
            }
            members = list
        case .pattern:
            let offset = optimization.patternOffset
            let consecutive = optimization.consecutivePatterns
            guard offset > 0, total % offset == 0 else {
                throw PruningError(layer: layer.name, "pattern offset \(offset) must divide the kernel's \(total) weights")
            }
            guard consecutive > 0, offset % consecutive == 0 else {
                throw PruningError(layer: layer.name, "\(consecutive) consecutive patterns must divide the pattern offset \(offset)")
            }
            // vec(T), T the kernel with its output axis moved first (the Resource layout): position
            // k = o·R + r of vec(T) is kernel index r·outputs + o, R = total / outputs.
            let rest = total / outputs
            size = total / offset * consecutive
            members = (0..<total).map { k in (k % rest) * outputs + k / rest }
        case .block:
            let (blockRows, blockColumns) = optimization.blockShape
            guard shape.count == 2 else {
                throw PruningError(layer: layer.name, "block pruning needs a rank-2 (Dense) kernel, this one has shape \(shape)")
            }
            guard blockRows > 0, blockColumns > 0, shape[0] % blockRows == 0, shape[1] % blockColumns == 0 else {
                throw PruningError(layer: layer.name, "block shape \(blockRows)x\(blockColumns) must divide the kernel shape \(shape[0])x\(shape[1])")
            }
            let blocksInRow = shape[1] / blockColumns
            let blockCount = total / (blockRows * blockColumns)
            size = blockRows * blockColumns
            var list: [Int] = []
            list.reserveCapacity(total)
            for block in 0..<blockCount {
                let top = blockRows * (block / blocksInRow)
                let left = blockColumns * (block % blocksInRow)
                for row in top..<top + blockRows {
                    for column in left..<left + blockColumns { list.append(row * shape[1] + column) }
                }
            }
            members = list
        }
    }
}
