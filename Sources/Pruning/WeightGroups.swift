/// The groups of one kernel for a structure: group `g` is the kernel's flat (C-order) indices
/// `members[g·size ..< (g+1)·size]`. Groups are numbered in hls4ml's order. Unstructured groups
/// are the single weights in order, so their list is not stored (8 bytes per weight).
struct WeightGroups: Sendable {
    let structure: PruningStructure
    /// Weights per group (the same for every group of a layer).
    let size: Int
    /// Every group's members one group after another; empty for unstructured groups.
    private let members: [Int]
    let count: Int

    /// The kernel indices of group `index`.
    func group(_ index: Int) -> Members {
        structure == .unstructured ? Members(single: index) : Members(list: members[index * size ..< (index + 1) * size])
    }

    /// The kernel indices of one group: a part of the stored list, or one weight.
    struct Members: RandomAccessCollection {
        private let list: ArraySlice<Int>?
        private let single: Int

        init(list: ArraySlice<Int>) {
            self.list = list
            single = 0
        }

        init(single: Int) {
            list = nil
            self.single = single
        }

        var startIndex: Int { 0 }
        var endIndex: Int { list?.count ?? 1 }
        subscript(position: Int) -> Int { list.map { $0[$0.startIndex + position] } ?? single }
    }

    /// The groups of `layer`'s kernel; throws when the structure does not fit the kernel.
    init(_ layer: LayerAttributes, _ optimization: OptimizationAttributes) throws {
        let shape = layer.kernelShape
        let total = layer.kernelSize
        let outputs = shape.last ?? 1
        structure = optimization.structure
        switch optimization.structure {
        case .unstructured:
            size = 1
            members = []
            count = total
            return
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
        count = size == 0 ? 0 : members.count / size
    }
}
