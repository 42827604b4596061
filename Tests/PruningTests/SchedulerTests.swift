import Testing
@testable import Pruning

/// The exact Double sequences of hls4ml's schedulers (behaviour doc §1.5).
struct SchedulerTests {
    @Test func constantStopsJustBelowOne() throws {
        var scheduler = try ConstantScheduler()
        var last = (changed: true, sparsity: 0.0)
        var steps = 0
        while true {
            let next = scheduler.update()
            if !next.changed { last = next; break }
            steps += 1
        }
        #expect(steps == 19)
        #expect(last.sparsity == 0.9500000000000003)
        #expect(scheduler.repair() == (false, 0.9500000000000003))
    }

    @Test func constantRepairRaisesToo() throws {
        var scheduler = try ConstantScheduler(step: 0.25)
        #expect(scheduler.repair() == (true, 0.25))
        #expect(scheduler.update() == (true, 0.5))
    }

    @Test func binaryUpdatesHalveTheGap() throws {
        var scheduler = try BinaryScheduler()
        var values: [Double] = []
        while true {
            let step = scheduler.update()
            guard step.changed else {
                #expect(step.sparsity == 0.9921875)
                break
            }
            values.append(step.sparsity)
        }
        #expect(values == [0.5, 0.75, 0.875, 0.9375, 0.96875, 0.984375, 0.9921875])
    }

    @Test func binaryRepairBisectsDownwards() throws {
        var scheduler = try BinaryScheduler(initialSparsity: 0.25, finalSparsity: 0.5, threshold: 0.05)
        #expect(scheduler.update() == (true, 0.375))
        #expect(scheduler.repair() == (true, 0.3125))
        #expect(scheduler.update() == (true, 0.34375))
        #expect(scheduler.repair() == (false, 0.34375))
    }

    @Test func polynomialApproachesTheFinalSparsity() throws {
        var scheduler = try PolynomialScheduler(maximumSteps: 5, finalSparsity: 0.5)
        let values = (0..<5).map { _ in scheduler.update() }
        #expect(values.map(\.sparsity) == [0.24399999999999994, 0.392, 0.46799999999999997, 0.496, 0.5])
        #expect(values.allSatisfy { $0.changed })
        #expect(scheduler.update() == (false, 0.5))
    }

    @Test func boundsOutsideZeroToOneAreRejected() {
        #expect(throws: PruningError.self) { try ConstantScheduler(finalSparsity: 1.5) }
        #expect(throws: PruningError.self) { try BinaryScheduler(initialSparsity: -0.1) }
    }
}
