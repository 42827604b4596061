import Foundation

/// Our replacement for hls4ml's keras-tuner search of the regularization strength (§1.11): a few
/// strengths spread over the range, each trained briefly from the same weights, judged by how
/// well the trained model survives pruning.
///
/// keras-tuner maximises the *training* metric of the regularized model over 10 Bayesian trials,
/// which rewards the weakest regularization, the one that changes the model least. Regularization
/// is there to move weight groups towards zero before they are pruned, so each trial's model is
/// also pruned, training-free, at a probe sparsity; the chosen strength is the one whose pruned
/// model scores best, among those whose unpruned model stays within tolerance of the baseline
/// (ties go to the weaker strength). On the trained jet MLP the strongest tolerable value (1e-2)
/// stopped the later search at 50 % DSP sparsity where weaker ones reached 61.7 %, which is why
/// tolerance alone is not the rule.
public struct RegularizationSearch {
    /// hls4ml's `default_regularization_range`: 16 values log-spaced from 1e-6 to 1e-2.
    public static let defaultCandidates: [Double] = (0..<16).map { pow(10, -6 + 4 * Double($0) / 15) }

    /// The strengths to choose from, ascending.
    public var candidates: [Double]
    /// How many of them are tried, evenly spread (both ends included).
    public var trialCount: Int
    public var increasing: Bool
    /// hls4ml's `rtol` rule, as in ``SparsitySearch/tolerance``.
    public var tolerance: Double

    public init(candidates: [Double] = defaultCandidates, trialCount: Int = 5, increasing: Bool, tolerance: Double) {
        self.candidates = candidates.sorted()
        self.trialCount = max(1, trialCount)
        self.increasing = increasing
        self.tolerance = tolerance
    }

    /// The strengths tried: for hls4ml's 16 and 5 trials, the 1st, 5th, 9th (hls4ml's default
    /// choice, 1.36e-4), 12th and 16th.
    public var tried: [Double] {
        guard trialCount < candidates.count else { return candidates }
        guard trialCount > 1 else { return [candidates[candidates.count / 2]] }
        return (0..<trialCount).map { candidates[($0 * (candidates.count - 1) + (trialCount - 1) / 2) / (trialCount - 1)] }
    }

    /// One strength tried: the validation metric of its trained model, unpruned and pruned at the
    /// probe sparsity, and whether the unpruned one was within tolerance.
    public struct Trial<Model> {
        public var strength: Double
        public var metric: Double
        public var prunedMetric: Double
        public var accepted: Bool
        public var model: Model
    }

    /// The chosen trial (`nil` when no strength kept the metric within tolerance) and every trial
    /// in the order run. `train` trains a fresh copy of the model at a strength and returns it with
    /// its validation metric unpruned and pruned at the probe sparsity.
    public func run<Model>(baseline: Double, train: (Double) throws -> (model: Model, metric: Double, prunedMetric: Double)) rethrows
        -> (chosen: Trial<Model>?, trials: [Trial<Model>]) {
        var trials: [Trial<Model>] = []
        var chosen: Trial<Model>?
        for strength in tried {
            let (model, metric, prunedMetric) = try train(strength)
            let accepted = increasing ? metric >= tolerance * baseline : metric <= tolerance * baseline
            let trial = Trial(strength: strength, metric: metric, prunedMetric: prunedMetric, accepted: accepted, model: model)
            trials.append(trial)
            guard accepted else { continue }
            if let best = chosen, increasing ? prunedMetric <= best.prunedMetric : prunedMetric >= best.prunedMetric { continue }
            chosen = trial
        }
        return (chosen, trials)
    }
}
