/// Interchangeable items: one weight column, values sorted best first, and their prefix sums.
struct ItemGroup {
    /// The weight every item of the group has in each resource row.
    let column: [Int]
    /// The items in tie order (value descending, then index descending).
    let members: [Int]
    /// The members' values, descending.
    let values: [Double]
    /// prefix[k] = the value of the group's top k items.
    let prefix: [Double]

    init(column: [Int], members: [Int], values allValues: [Double]) {
        self.column = column
        self.members = members
        values = members.map { allValues[$0] }
        var sums = [0.0]
        sums.reserveCapacity(members.count + 1)
        for value in values { sums.append(sums.last! + value) }
        prefix = sums
    }

    var count: Int { members.count }

    /// The most items that fit in `remaining`.
    func maximumCount(_ remaining: [Int]) -> Int {
        zip(column, remaining).reduce(count) { fit, entry in entry.0 > 0 ? min(fit, entry.1 / entry.0) : fit }
    }

    /// The fractional number of items `remaining` allows (the LP relaxation's cap).
    func cap(_ remaining: [Int]) -> Double {
        zip(column, remaining).reduce(Double(count)) { cap, entry in entry.0 > 0 ? min(cap, Double(entry.1) / Double(entry.0)) : cap }
    }

    /// How many values exceed `threshold`.
    func itemsAbove(_ threshold: Double) -> Int {
        var low = 0
        var high = values.count
        while low < high {
            let middle = (low + high) / 2
            if values[middle] > threshold { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The best relaxed amount to keep when each item costs `price`, at most `cap`: every item worth
    /// more than its price, the last one fractionally when the cap cuts through it; with the value
    /// of that amount (prefix sums, linear between whole counts).
    func relaxedChoice(price: Double, cap: Double) -> (take: Double, gain: Double) {
        let worthIt = itemsAbove(price)
        let whole = Int(cap)
        if worthIt <= whole { return (Double(worthIt), prefix[worthIt]) }
        let fraction = cap - Double(whole)
        return (cap, prefix[whole] + (fraction > 0 ? fraction * values[whole] : 0))
    }
}
