import FixtureSupport
import Testing
@testable import Training

/// The structured penalties' gradients against finite differences of their values.
struct GroupPenaltyTests {
    @Test func gradientMatchesFiniteDifferences() {
        var random = SeededGenerator(seed: 5)
        let weights = (0..<12).map { _ in Float.random(in: -1...1, using: &random) }
        let penalty = GroupPenalty(layer: "l", alpha: 0.3, beta: 0.7, alphaGroups: [[0, 1, 2], [3, 4, 5], [6, 7, 8, 9, 10, 11]],
                                   betaGroups: [[0, 3, 6, 9], [1, 4, 7, 10], [2, 5, 8, 11]])
        var gradient = [Float](repeating: 0, count: 12)
        penalty.addGradient(weights, to: &gradient)
        for index in weights.indices {
            var up = weights
            var down = weights
            up[index] += 1e-3
            down[index] -= 1e-3
            let numeric = (penalty.value(up) - penalty.value(down)) / 2e-3
            #expect(abs(numeric - Double(gradient[index])) < 1e-3, "\(index): \(gradient[index]) vs \(numeric)")
        }
    }

    @Test func zeroGroupsAddNoAlphaGradient() {
        let penalty = GroupPenalty(layer: "l", alpha: 1, beta: 0, alphaGroups: [[0, 1]], betaGroups: [])
        var gradient: [Float] = [0, 0]
        penalty.addGradient([0, 0], to: &gradient)
        #expect(gradient == [0, 0])
        #expect(penalty.value([3, 4]) == 5)
    }
}
