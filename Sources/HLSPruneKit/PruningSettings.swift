import Inference
import Knapsack
import Pruning

/// What to prune and how: hls4ml's `optimize_model` choices (objective, structure, ranking,
/// sparsity or resource budget, knapsack), an optional validation search with its scheduler,
/// and optional fine-tuning.
///
/// ```swift
/// var settings = PruningSettings(objective: .dsp)
/// settings.sparsity = 0.5
/// settings.search = SearchSettings(inputs: "val_x.npy", labels: "val_y.npy")   // optional
/// ```
public struct PruningSettings: Sendable {
    /// The resource objectives, by the names the command line uses.
    public enum Objective: String, Sendable, CaseIterable {
        case parameters, dsp, ff
        case dspBRAM = "dsp-bram"
        case gpuFLOPs = "gpu-flops"

        var estimator: any PruningObjective {
            switch self {
            case .parameters: ParameterEstimator()
            case .dsp: VivadoDSPEstimator()
            case .ff: VivadoFFEstimator()
            case .dspBRAM: VivadoMultiObjectiveEstimator()
            case .gpuFLOPs: GPUFLOPEstimator()
            }
        }
    }

    /// How groups are ranked: l1 or l2 norms of the weights; oracle |W ⊙ ∂L/∂W| and saliency
    /// W² ⊙ (Hessian row sums), both on the training data.
    public enum Ranking: String, Sendable, CaseIterable { case l1, l2, oracle, saliency }

    public var objective: Objective
    /// The structure of every optimised layer; nil lets the objective choose per layer.
    public var structure: PruningStructure?
    /// The tile of `.block` structures.
    public var blockShape: (rows: Int, columns: Int) = (1, 1)
    /// The fraction of resources to remove: 0.5 when nil; with a search, the most it tries (1 when nil).
    public var sparsity: Double?
    /// Keep at most this much of the objective's first resource instead (global only).
    public var target: Int?
    /// Meet the sparsity in every layer instead of over the whole model.
    public var local = false
    public var ranking: Ranking = .l1
    /// Replace low-variance groups by their mean instead of zeroing them.
    public var weightSharing = false
    public var knapsack: Knapsack.Method = .automatic
    /// Remove all-zero neurons and filters from the written model and headers.
    public var reduce = false
    /// Layers left whole (hls4ml's attributes without optimisation): they keep every weight.
    public var excludedLayers: Set<String> = []
    /// Search the highest sparsity whose validation metric stays within a tolerance.
    public var search: SearchSettings?
    /// Fine-tune every search step (needs ``search``).
    public var training: TrainingSettings?

    public init(objective: Objective = .dsp) {
        self.objective = objective
    }

    /// The data files the run reads.
    public var dataFiles: [String] {
        [search?.inputs, search?.labels, training?.inputs, training?.labels].compactMap { $0.map(DataArrays.filePath) }
    }

    /// Refuses contradictory or out-of-range settings.
    func validate() throws {
        if let sparsity, !(0...1).contains(sparsity) { throw HLSPruneError.setting(name: "sparsity", reason: "must be between 0 and 1, not \(sparsity)") }
        if let target, target < 0 { throw HLSPruneError.setting(name: "target", reason: "must not be negative") }
        if sparsity != nil && target != nil && search == nil {
            throw HLSPruneError.setting(name: "target", reason: "and sparsity both set the amount to prune; give one of them")
        }
        if target != nil && local { throw HLSPruneError.setting(name: "target", reason: "sets one budget for the whole model; it cannot be combined with local") }
        if search != nil && target != nil {
            throw HLSPruneError.setting(name: "target", reason: "fixes the budget; the validation search chooses it, so use one of them")
        }
        if training != nil && search == nil {
            throw HLSPruneError.setting(name: "training", reason: "fine-tuning needs validation data to judge each step")
        }
        if let search, search.tolerance <= 0 { throw HLSPruneError.setting(name: "rtol", reason: "must be positive") }
        if let search {
            if !(0..<1).contains(search.initialSparsity) { throw HLSPruneError.setting(name: "initial sparsity", reason: "must be in [0, 1)") }
            if let step = search.step, !(step > 0 && step <= 1) { throw HLSPruneError.setting(name: "step", reason: "must be in (0, 1], not \(step)") }
            if let steps = search.polynomialSteps, steps < 1 { throw HLSPruneError.setting(name: "polynomial steps", reason: "must be at least 1") }
            if let power = search.decayPower, !(power > 0) { throw HLSPruneError.setting(name: "decay power", reason: "must be positive") }
            if let threshold = search.threshold, !(threshold > 0) { throw HLSPruneError.setting(name: "threshold", reason: "must be positive") }
        }
        if (ranking == .oracle || ranking == .saliency) && training == nil {
            throw HLSPruneError.setting(name: "ranking", reason: "\(ranking.rawValue) needs training data")
        }
        if let training, training.epochs <= training.rewindingEpochs {
            throw HLSPruneError.setting(name: "epochs", reason: "must be larger than the rewinding epochs (\(training.rewindingEpochs))")
        }
    }
}

/// The validation search of ``PruningSettings/search``: hls4ml's scheduler-driven loop.
public struct SearchSettings: Sendable {
    /// hls4ml's sparsity schedulers.
    public enum Scheduler: String, Sendable, CaseIterable {
        /// Bisect between the last good and bad sparsities.
        case binary
        /// +0.05 per step.
        case constant
        /// 10 polynomial steps.
        case polynomial

    }

    /// hls4ml's scheduler parameters (its defaults when nil): where the search starts, the constant
    /// scheduler's step, the polynomial scheduler's steps and decay power, the binary scheduler's
    /// threshold (the bisection stops when good and bad differ by less).
    public var initialSparsity = 0.0
    public var step: Double?
    public var polynomialSteps: Int?
    public var decayPower: Double?
    public var threshold: Double?

    func makeScheduler(finalSparsity: Double) throws -> any SparsityScheduler {
        switch scheduler {
        case .binary: try BinaryScheduler(initialSparsity: initialSparsity, finalSparsity: finalSparsity, threshold: threshold ?? 0.01)
        case .constant: try ConstantScheduler(initialSparsity: initialSparsity, finalSparsity: finalSparsity, step: step ?? 0.05)
        case .polynomial:
            try PolynomialScheduler(maximumSteps: polynomialSteps ?? 10, initialSparsity: initialSparsity, finalSparsity: finalSparsity,
                                    decayPower: decayPower ?? 3)
        }
    }

    /// Validation inputs and labels (`.npy` or `file.h5:/dataset`).
    public var inputs: String
    public var labels: String
    /// A step is good when its metric is at least `tolerance` × the unpruned one (at most, for errors).
    public var tolerance = 0.98
    public var scheduler: Scheduler = .binary
    /// Stop after more than this many bad steps in a row.
    public var cutoff = 3
    /// The metric judged (hls4ml's `validation_metric`); nil chooses it from the last activation.
    public var metric: Metric?
    /// Whether larger is better (hls4ml's `increasing`); nil follows the metric (accuracies yes).
    public var increasing: Bool?
    /// Judge every step on the metric of the model's emulated hls4ml firmware (fixed point, as
    /// `hls_model.predict()` computes it after `compile()`) instead of the float model's; both are
    /// reported. The tolerance is then relative to the unpruned model's firmware metric.
    public var judgesFirmware = false

    public init(inputs: String, labels: String) {
        self.inputs = inputs
        self.labels = labels
    }
}
