/// Exact one-row solver: an expanding core with dominance and bounds (after Pisinger's minknap).
///
/// Items are ordered by efficiency vᵢ/wᵢ and the greedy solution fixes everything before the
/// break item in and everything after it out. The core — the items whose decision is still open —
/// starts empty and grows one item at a time, alternately on the right (may be added) and on the
/// left (may be removed). The search keeps the set of undominated (weight, value) states of the
/// core decisions, and drops every state whose LP bound cannot beat the best feasible value: a
/// state under capacity can at best fill its room at the efficiency of the next right item, a
/// state over capacity has to give up its excess at the efficiency of the next left item. When no
/// state is left the best value is optimal. The number of states never exceeds the number of
/// distinct weights, so hard (strongly correlated, subset-sum) instances cost at most O(N·C)
/// while easy ones touch only a few items around the break item.
struct ExpandingCore {
    private let problem: Problem
    private let deadline: Deadline

    init(_ problem: Problem, deadline: Deadline) {
        precondition(problem.rowCount == 1)
        self.problem = problem
        self.deadline = deadline
    }

    private struct State {
        var weight: Int
        var value: Double
        /// The last change relative to the greedy solution, an index into `changes`, or −1.
        var change: Int
    }

    /// One decision that differs from the greedy solution, chained to the ones before it.
    private struct Change {
        var position: Int
        var previous: Int
    }

    func solve() -> Knapsack.Solution {
        let weights = problem.weights[0]
        let capacity = problem.capacity[0]
        var selection = Array(repeating: false, count: problem.itemCount)
        let (free, candidates) = problem.freeItemsAndCandidates()
        for index in free { selection[index] = true }
        let order = problem.inEfficiencyOrder(candidates) { Double(weights[$0]) }
        let freeValue = problem.value(of: selection)
        let efficiency = order.map { problem.values[$0] / Double(weights[$0]) }
        let count = order.count

        var breakPosition = 0
        var greedyWeight = 0
        var greedyValue = 0.0
        while breakPosition < count && greedyWeight + weights[order[breakPosition]] <= capacity {
            greedyWeight += weights[order[breakPosition]]
            greedyValue += problem.values[order[breakPosition]]
            breakPosition += 1
        }
        var changes: [Change] = []
        var states = [State(weight: greedyWeight, value: greedyValue, change: -1)]
        var best = states[0]
        var left = breakPosition - 1
        var right = breakPosition
        var expandRight = true
        var finished = true
        var openBound = greedyValue

        func bound(_ state: State) -> Double {
            if state.weight <= capacity {
                return state.value + (right < count ? Double(capacity - state.weight) * efficiency[right] : 0)
            }
            return left >= 0 ? state.value - Double(state.weight - capacity) * efficiency[left] : -.infinity
        }

        while !states.isEmpty && (left >= 0 || right < count) {
            if deadline.hasPassed {
                finished = false
                openBound = states.map(bound).max() ?? best.value
                break
            }
            let position: Int
            let sign: Int
            if (expandRight && right < count) || left < 0 {
                position = right
                sign = 1
                right += 1
            } else {
                position = left
                sign = -1
                left -= 1
            }
            expandRight.toggle()
            let item = order[position]
            let deltaWeight = sign * weights[item]
            let deltaValue = Double(sign) * problem.values[item]
            var moved: [State] = []
            moved.reserveCapacity(states.count)
            for state in states {
                changes.append(Change(position: position, previous: state.change))
                moved.append(State(weight: state.weight + deltaWeight, value: state.value + deltaValue, change: changes.count - 1))
            }
            states = Self.undominated(merging: states, moved)
            for state in states where state.weight <= capacity && state.value > best.value { best = state }
            states.removeAll { bound($0) <= best.value }
        }

        var inGreedy = Array(repeating: false, count: count)
        for position in 0..<breakPosition { inGreedy[position] = true }
        var change = best.change
        while change >= 0 {
            inGreedy[changes[change].position].toggle()
            change = changes[change].previous
        }
        for (position, item) in order.enumerated() where inGreedy[position] { selection[item] = true }
        return problem.solution(selection, isOptimal: finished, upperBound: freeValue + max(openBound, best.value))
    }

    /// Merges two weight-sorted state lists and keeps only states that no lighter (or equally
    /// heavy) state matches in value.
    private static func undominated(merging first: [State], _ second: [State]) -> [State] {
        var result: [State] = []
        result.reserveCapacity(first.count + second.count)
        var i = 0
        var j = 0
        while i < first.count || j < second.count {
            let next: State
            if j >= second.count || (i < first.count && (first[i].weight, -first[i].value) <= (second[j].weight, -second[j].value)) {
                next = first[i]
                i += 1
            } else {
                next = second[j]
                j += 1
            }
            if let last = result.last, last.value >= next.value { continue }
            if let last = result.last, last.weight == next.weight { result.removeLast() }
            result.append(next)
        }
        return result
    }
}
