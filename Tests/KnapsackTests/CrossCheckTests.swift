import FixtureSupport
import Knapsack
import Testing

/// Seeded random instances, each solved by every method and checked against an independent
/// answer: brute force for small N, dynamic programming for one row, and each exact method
/// against the others.
@Suite struct CrossCheckTests {
    static func check(_ solution: Knapsack.Solution, on instance: Instance, context: String) {
        #expect(instance.isFeasible(solution.selected), "\(context): infeasible selection")
        #expect(solution.selected == solution.selected.sorted(), "\(context): selection not ascending")
        #expect(abs(instance.value(of: solution.selected) - solution.value) <= 1e-9 * max(1, solution.value), "\(context): value is not the selection's")
        #expect(solution.upperBound >= solution.value - 1e-9 * max(1, solution.value), "\(context): bound below value")
    }

    static func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(1, abs(a), abs(b)) }

    @Test(arguments: InstanceClass.allCases)
    func smallInstancesMatchBruteForce(kind: InstanceClass) throws {
        var generator = SeededGenerator(seed: 2026 + UInt64(InstanceClass.allCases.firstIndex(of: kind)!))
        for trial in 0..<300 {
            let rows = 1 + trial % 3
            let instance = Instance.random(kind, items: Int.random(in: 1...14, using: &generator), rows: rows, maxWeight: 20, using: &generator)
            let optimum = instance.bruteForceOptimum()
            for method in Knapsack.Method.allCases where method != .dynamicProgramming || rows == 1 {
                let context = "\(kind) trial \(trial) \(method.rawValue)"
                let solution = try Knapsack.solve(values: instance.values, weights: instance.weights, capacity: instance.capacity, method: method)
                Self.check(solution, on: instance, context: context)
                if method == .greedy {
                    #expect(solution.value <= optimum + 1e-9, "\(context)")
                    #expect(solution.upperBound >= optimum - 1e-9, "\(context): greedy bound below the optimum")
                } else {
                    #expect(Self.close(solution.value, optimum), "\(context): \(solution.value) ≠ optimum \(optimum)")
                    #expect(solution.isOptimal, "\(context)")
                }
            }
        }
    }

    @Test(arguments: InstanceClass.allCases)
    func oneRowInstancesMatchDynamicProgramming(kind: InstanceClass) throws {
        var generator = SeededGenerator(seed: 77 + UInt64(InstanceClass.allCases.firstIndex(of: kind)!))
        for trial in 0..<100 {
            let instance = Instance.random(kind, items: Int.random(in: 20...150, using: &generator), rows: 1, maxWeight: 30, using: &generator)
            let reference = try Knapsack.solve(values: instance.values, weights: instance.weights, capacity: instance.capacity, method: .dynamicProgramming)
            Self.check(reference, on: instance, context: "\(kind) \(trial) dynamic")
            let methods: [Knapsack.Method] = kind == .prunedLayers ? [.automatic, .grouped, .branchAndBound] : [.automatic, .branchAndBound]
            for method in methods {
                let solution = try Knapsack.solve(values: instance.values, weights: instance.weights, capacity: instance.capacity, method: method)
                Self.check(solution, on: instance, context: "\(kind) \(trial) \(method.rawValue)")
                #expect(Self.close(solution.value, reference.value), "\(kind) \(trial) \(method.rawValue): \(solution.value) ≠ \(reference.value)")
            }
        }
    }

    @Test(arguments: [2, 3])
    func groupedAgreesWithBranchAndBoundOnPrunedShapes(rows: Int) throws {
        var generator = SeededGenerator(seed: 4242 + UInt64(rows))
        for trial in 0..<100 {
            let instance = Instance.random(.prunedLayers, items: Int.random(in: 20...120, using: &generator), rows: rows, maxWeight: 12, using: &generator)
            let grouped = try Knapsack.solve(values: instance.values, weights: instance.weights, capacity: instance.capacity, method: .grouped)
            let generic = try Knapsack.solve(values: instance.values, weights: instance.weights, capacity: instance.capacity, method: .branchAndBound)
            Self.check(grouped, on: instance, context: "trial \(trial) grouped")
            Self.check(generic, on: instance, context: "trial \(trial) branch-and-bound")
            #expect(Self.close(grouped.value, generic.value), "trial \(trial): grouped \(grouped.value) ≠ branch-and-bound \(generic.value)")
        }
    }

    @Test func selectionsAreMaximal() throws {
        var generator = SeededGenerator(seed: 9)
        for _ in 0..<100 {
            let instance = Instance.random(.prunedLayers, items: 40, rows: 2, maxWeight: 9, using: &generator)
            let solution = try Knapsack.solve(values: instance.values, weights: instance.weights, capacity: instance.capacity)
            let unselected = Set(0..<40).subtracting(solution.selected)
            for item in unselected {
                #expect(!instance.isFeasible(solution.selected + [item]), "item \(item) still fits")
            }
        }
    }

    @Test func timeLimitReturnsAFeasibleSelectionAndAValidBound() throws {
        // Even weights and an odd capacity: the LP bound is never reached, so the search cannot
        // prove optimality in a millisecond.
        var generator = SeededGenerator(seed: 5)
        let weights = (0..<80).map { _ in 2 * Int.random(in: 1_000...100_000, using: &generator) }
        let capacity = weights.reduce(0, +) / 2 | 1
        let values = weights.map(Double.init)
        let solution = try Knapsack.solve(values: values, weights: [weights], capacity: [capacity], method: .branchAndBound, timeLimit: .milliseconds(1))
        #expect(!solution.isOptimal)
        #expect(solution.value <= Double(capacity - 1))
        #expect(solution.upperBound >= solution.value)
        #expect(solution.upperBound <= Double(capacity))
        #expect(Instance(values: values, weights: [weights], capacity: [capacity]).isFeasible(solution.selected))
    }
}
