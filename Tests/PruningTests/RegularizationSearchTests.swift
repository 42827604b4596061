import Testing
@testable import Pruning

/// The regularization-strength search that replaces hls4ml's keras-tuner (docs/deviations.md).
struct RegularizationSearchTests {
    /// hls4ml's default range is numpy's logspace(-6, -2, 16); its middle value is the documented
    /// default choice of the tuner, 0.00013593563908785255, and is among the five tried, with both ends.
    @Test func defaultCandidatesAreHls4mlsRange() {
        let candidates = RegularizationSearch.defaultCandidates
        #expect(candidates.count == 16)
        #expect(abs(candidates[0] - 1e-6) <= 1e-21)
        #expect(abs(candidates[15] - 1e-2) <= 1e-17)
        #expect(abs(candidates[8] - 0.00013593563908785255) <= 1e-19)
        let tried = RegularizationSearch(increasing: true, tolerance: 0.99).tried
        #expect(tried == [0, 4, 8, 11, 15].map { candidates[$0] })
    }

    /// The choice is the best pruned score among strengths whose unpruned score is in tolerance,
    /// for accuracies (larger is better) and errors alike; ties go to the weaker strength.
    @Test(arguments: [true, false])
    func bestPrunedScoreWithinTolerance(increasing: Bool) {
        let search = RegularizationSearch(candidates: [1, 2, 3, 4, 5], increasing: increasing, tolerance: increasing ? 0.99 : 1.01)
        // strength: (unpruned, pruned) accuracies; 5 prunes best but is out of tolerance, 2 and 4 tie.
        let accuracies: [Double: (Double, Double)] = [1: (0.80, 0.60), 2: (0.80, 0.70), 3: (0.795, 0.65), 4: (0.793, 0.70), 5: (0.70, 0.75)]
        let outcome = search.run(baseline: 0.8) { strength -> (model: Double, metric: Double, prunedMetric: Double) in
            let (metric, pruned) = accuracies[strength]!
            return increasing ? (strength, metric, pruned) : (strength, 1 - metric + 0.6, 1 - pruned + 0.6)
        }
        #expect(outcome.trials.map(\.strength) == [1, 2, 3, 4, 5])
        #expect(outcome.trials.map(\.accepted) == [true, true, true, true, false])
        #expect(outcome.chosen?.strength == 2)
    }

    @Test func nothingWithinToleranceChoosesNothing() {
        let search = RegularizationSearch(increasing: true, tolerance: 0.99)
        let outcome = search.run(baseline: 0.9) { strength in (strength, 0.5, 0.5) }
        #expect(outcome.trials.count == 5)
        #expect(outcome.chosen == nil)
    }
}
