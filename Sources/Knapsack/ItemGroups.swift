/// Items partitioned by identical weight columns, as pruning produces them (every group of one
/// layer saves the same resources).
struct ItemGroups {
    /// Each group's weight column (one entry per resource row).
    var columns: [[Int]] = []
    /// Each group's items in tie order (value descending, then index descending).
    var members: [[Int]] = []

    /// Groups the items, or returns `nil` when there are more than `limit` distinct columns.
    init?(_ problem: Problem, limit: Int = 32) {
        var groupOfColumn: [[Int]: Int] = [:]
        var items: [[Int]] = []
        for index in 0..<problem.itemCount {
            let column = problem.weights.map { $0[index] }
            if let group = groupOfColumn[column] {
                items[group].append(index)
            } else {
                guard columns.count < limit else { return nil }
                groupOfColumn[column] = columns.count
                columns.append(column)
                items.append([index])
            }
        }
        members = items.map(problem.inTieOrder)
    }

    /// Whether searching per-group counts beats searching items: the search is one level per
    /// group, so it pays when groups are few and large (pruning: a handful of layers with hundreds
    /// of groups each), not when many small groups merely happen to share a column.
    var isWorthGrouping: Bool {
        let itemCount = members.reduce(0) { $0 + $1.count }
        return columns.count * 16 <= itemCount
    }
}
