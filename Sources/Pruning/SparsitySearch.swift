import Knapsack
import ModelIR

/// hls4ml's optimisation loop (§1.12): the scheduler proposes a sparsity, the masks for it are
/// computed from the current weights and applied, the model is optionally fine-tuned with the masks
/// held, the validation metric decides whether the step is good (update) or bad (repair), and the
/// search stops when the scheduler is done or after more than `cutoff` consecutive bad steps. With
/// fine-tuning, training continues from the latest weights (as in hls4ml, bad steps are not undone)
/// and `rewind` may train without masks between steps. The result is the most pruned model that
/// stayed within tolerance, as it was when accepted.
public struct SparsitySearch {
    /// A model's validation metric: the float model's and, when the search judges the firmware,
    /// the firmware's (the model as hls4ml's fixed-point C simulation computes it).
    ///
    /// ```swift
    /// let score = SparsitySearch.Score(float: 0.88, firmware: 0.86)
    /// print(score.judged)   // 0.86: the firmware decides when it was measured
    /// ```
    public struct Score: Sendable, Equatable {
        /// The float (Keras-equivalent) model's metric.
        public var float: Double
        /// The emulated firmware's metric, when the search judges the firmware.
        public var firmware: Double?

        /// A score; `firmware` nil when only the float model was measured.
        public init(float: Double, firmware: Double? = nil) {
            self.float = float
            self.firmware = firmware
        }

        /// The metric a step is judged on: the firmware's when measured, else the float model's.
        public var judged: Double { firmware ?? float }
    }

    /// One sparsity tried.
    public struct Step: Sendable {
        public var sparsity: Double
        public var resourcesAfter: [Int]
        /// The step's metrics (float, and firmware when judged).
        public var score: Score
        public var accepted: Bool
        /// The judged metric (``Score/judged``).
        public var metric: Double { score.judged }
    }

    public var plan: PruningPlan
    /// Whether a larger metric is better (accuracy) or worse (a loss or error).
    public var increasing: Bool
    /// A step is good when its metric is at least `tolerance`·baseline (increasing) or at most
    /// `tolerance`·baseline (decreasing), hls4ml's `rtol` rule.
    public var tolerance: Double
    /// Consecutive bad steps allowed before stopping (hls4ml stops when the count exceeds it).
    public var cutoff: Int
    public var local = false
    public var ranking: RankingMetric = .l1
    /// When set, the ranking for the current weights of every step (oracle needs fresh gradients).
    public var rankingFor: ((Graph) throws -> RankingMetric)?
    public var knapsack: Knapsack.Method = .automatic
    /// The score steps are judged against; `nil` scores the model the search starts from (set it
    /// when that model was already trained, e.g. by the regularization search, to keep the
    /// original model's score as hls4ml does).
    public var baseline: Score?

    public init(plan: PruningPlan, increasing: Bool, tolerance: Double, cutoff: Int) {
        self.plan = plan
        self.increasing = increasing
        self.tolerance = tolerance
        self.cutoff = cutoff
    }

    /// What the search found.
    public struct Outcome: Sendable {
        /// The unpruned model's metrics.
        public var baselineScore: Score
        public var steps: [Step]
        /// The accepted step with the highest sparsity, and its masks; `nil` when no step was good.
        public var best: PruningResult?
        public var bestMetric: Double?
        /// The fine-tuned model of that step; `nil` without fine-tuning, where `best` applied to the
        /// searched model gives it (not holding a second copy of the weights through the search).
        public var bestGraph: Graph?
        /// The judged metric of the unpruned model.
        public var baseline: Double { baselineScore.judged }
    }

    /// Runs the search on `graph`; `evaluate` scores a model (steps are judged on
    /// ``Score/judged``), `fineTune` (if given) trains a masked
    /// model with its masks held, `rewind` (if given) trains between steps without masks, and
    /// `progress` hears of every step.
    public func run(on graph: Graph, scheduler: inout some SparsityScheduler, evaluate: (Graph) throws -> Score,
                    fineTune: ((Graph, PruningResult) throws -> Graph)? = nil, rewind: ((Graph) throws -> Graph)? = nil,
                    progress: (Step) -> Void = { _ in }) throws -> Outcome {
        let baselineScore = try self.baseline ?? evaluate(graph)
        let baseline = baselineScore.judged
        var outcome = Outcome(baselineScore: baselineScore, steps: [], best: nil, bestMetric: nil, bestGraph: nil)
        var target = scheduler.sparsity
        var badSteps = 0
        var current = graph
        while true {
            let result = try plan.masks(for: current, sparsity: target, local: local, metric: try rankingFor?(current) ?? ranking, knapsack: knapsack)
            var pruned = try result.apply(to: current)
            if let fineTune { pruned = try fineTune(pruned, result) }
            let score = try evaluate(pruned)
            let metric = score.judged
            let good = increasing ? metric >= tolerance * baseline : metric <= tolerance * baseline
            let step = Step(sparsity: target, resourcesAfter: result.resourcesAfter, score: score, accepted: good)
            outcome.steps.append(step)
            progress(step)
            let next: (changed: Bool, sparsity: Double)
            if good {
                badSteps = 0
                if (outcome.best?.sparsity ?? -1) <= target {
                    outcome.best = result
                    outcome.bestMetric = metric
                    outcome.bestGraph = fineTune == nil ? nil : pruned
                }
                next = scheduler.update()
            } else {
                badSteps += 1
                next = scheduler.repair()
            }
            if badSteps > cutoff { break }
            current = fineTune == nil ? current : pruned
            if let rewind { current = try rewind(current) }
            if !next.changed { break }
            target = next.sparsity
        }
        return outcome
    }
}
