import Knapsack
import Testing

/// The knapsack vectors of hls4ml-behaviour.md §7, with the documented fixes.
@Suite struct BehaviourVectorTests {
    static let exactMethods: [Knapsack.Method] = [.automatic, .grouped, .branchAndBound, .dynamicProgramming]

    @Test(arguments: exactMethods + [.greedy])
    func oneRowExample(method: Knapsack.Method) throws {
        let solution = try Knapsack.solve(values: [4, 5, 6, 8, 3], weights: [[2, 5, 3, 2, 5]], capacity: [8], method: method)
        #expect(solution.value == 18)
        #expect(solution.selected == [0, 2, 3])
        #expect(solution.upperBound >= 18)
    }

    @Test func greedyTwoRows() throws {
        let solution = try Knapsack.solve(values: [10, 2, 6, 12, 3], weights: [[3, 1, 4, 5, 5], [3, 2, 4, 1, 2]], capacity: [8, 7], method: .greedy)
        #expect(solution.value == 22)
        #expect(solution.selected == [0, 3])
    }

    @Test(arguments: exactMethods + [.greedy])
    func equalWeightsKeepTheTopValues(method: Knapsack.Method) throws {
        let solution = try Knapsack.solve(values: [10, 2, 6, 8, 3], weights: [[2, 2, 2, 2, 2], [3, 3, 3, 3, 3]], capacity: [7, 7], method: method == .dynamicProgramming ? .automatic : method)
        #expect(solution.value == 18)
        #expect(solution.selected == [0, 3])
        #expect(solution.isOptimal)
    }

    @Test func equalWeightTiesKeepTheHigherIndex() throws {
        let solution = try Knapsack.solve(values: [0, 5, 0, 5, 0], weights: [[1, 1, 1, 1, 1]], capacity: [3])
        #expect(solution.selected == [1, 3, 4])
    }

    @Test func everythingFits() throws {
        let solution = try Knapsack.solve(values: [10, 2, 6, 12, 3], weights: [[3, 1, 4, 5, 5], [3, 2, 4, 1, 2]], capacity: [19, 12], method: .greedy)
        #expect(solution.value == 33)
        #expect(solution.selected == [0, 1, 2, 3, 4])
        #expect(solution.isOptimal)
    }

    @Test func greedyFallbackOnlyReturnsAnItemThatFits() throws {
        // hls4ml returns (90, [1]) although item 1 weighs 20 > 10.
        let oneRow = try Knapsack.solve(values: [10, 90], weights: [[1, 20]], capacity: [10], method: .greedy)
        #expect(oneRow.value == 10)
        #expect(oneRow.selected == [0])
        // hls4ml raises here (ambiguous truth value of an array); the item fits alone and wins.
        let twoRows = try Knapsack.solve(values: [10, 90], weights: [[1, 10], [1, 10]], capacity: [10, 10], method: .greedy)
        #expect(twoRows.value == 90)
        #expect(twoRows.selected == [1])
    }

    @Test func dynamicProgrammingReturnsAFeasibleSelection() throws {
        // hls4ml's rebuild compares floats and returns [3, 1, 0, -1] here.
        let values = [0.1, 0.2, 0.3, 0.7].map { Double(Float($0)) }
        let solution = try Knapsack.solve(values: values, weights: [[1, 2, 3, 1]], capacity: [4], method: .dynamicProgramming)
        let instance = Instance(values: values, weights: [[1, 2, 3, 1]], capacity: [4])
        #expect(solution.selected.allSatisfy { (0..<4).contains($0) })
        #expect(instance.isFeasible(solution.selected))
        #expect(solution.value == instance.bruteForceOptimum())
    }

    @Test func emptyInstance() throws {
        #expect(try Knapsack.solve(values: [], weights: [[]], capacity: [5]) == Knapsack.Solution(value: 0, selected: [], isOptimal: true, upperBound: 0))
    }
}

@Suite struct InputCheckTests {
    @Test func malformedInstancesAreRejectedWithTheReason() {
        #expect(throws: KnapsackError.weightRowLength(row: 1, count: 1, expected: 2)) {
            try Knapsack.solve(values: [1, 2], weights: [[1, 1], [1]], capacity: [1, 1])
        }
        #expect(throws: KnapsackError.capacityCount(count: 1, expected: 2)) {
            try Knapsack.solve(values: [1, 2], weights: [[1, 1], [1, 1]], capacity: [1])
        }
        #expect(throws: KnapsackError.invalidValue(index: 1, value: -2)) {
            try Knapsack.solve(values: [1, -2], weights: [[1, 1]], capacity: [1])
        }
        #expect(throws: KnapsackError.self) { try Knapsack.solve(values: [.nan], weights: [[1]], capacity: [1]) }
        #expect(throws: KnapsackError.negativeWeight(row: 0, index: 0, weight: -1)) {
            try Knapsack.solve(values: [1], weights: [[-1]], capacity: [1])
        }
        #expect(throws: KnapsackError.negativeCapacity(row: 0, capacity: -1)) {
            try Knapsack.solve(values: [1], weights: [[1]], capacity: [-1])
        }
        #expect(throws: KnapsackError.noResources) { try Knapsack.solve(values: [1], weights: [], capacity: []) }
    }

    @Test func dynamicProgrammingNeedsOneRow() {
        let error = #expect(throws: KnapsackError.self) {
            try Knapsack.solve(values: [1, 2, 3], weights: [[1, 2, 3], [3, 2, 1]], capacity: [3, 3], method: .dynamicProgramming)
        }
        #expect(error?.description == "method dynamic cannot solve this instance: it handles one weight row, the instance has 2")
    }
}

/// Weights each within range whose row total overflows a 64-bit integer: a typed error, not a trap.
@Test func aWeightRowWhoseTotalOverflowsIsRefused() {
    let weights = [Array(repeating: Int.max / 2, count: 3)]
    #expect(throws: KnapsackError.weightRowTooLarge(row: 0)) {
        try Knapsack.solve(values: [1, 2, 3], weights: weights, capacity: [5])
    }
}
