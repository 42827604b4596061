import Pruning

/// What a long run reports while it works, for a progress display; a run never depends on it.
///
/// ```swift
/// let outcome = try Pruner.prune(model, project: project, settings: settings) { event in
///     if case let .step(number, sparsity, _, metric, score, accepted) = event { print(number, sparsity, metric, score.judged, accepted) }
/// }
/// ```
public enum ProgressEvent: Sendable {
    /// A training epoch ended with this mean loss. `label` says what the training is for
    /// (` (masked)`, ` (rewinding)`, ` (reduced)`, …; empty for plain training).
    case epoch(number: Int, of: Int, label: String, loss: Double)
    /// `done` of `total` batches of an epoch are trained.
    case batch(epoch: Int, of: Int, label: String, done: Int, total: Int)
    /// A search step was judged: its sparsity, the objective's resources after it, the metric's
    /// name and its value for the float model and, when steps are judged on it, the firmware.
    case step(number: Int, sparsity: Double, resources: [Int], metric: String, score: SparsitySearch.Score, accepted: Bool)
    /// `--regularization auto` tried a strength: the metric of the trained model and of that model
    /// pruned to `probe`.
    case regularizationTrial(strength: Double, metric: String, value: Double, prunedValue: Double, probe: Double)
    /// `--regularization auto` chose a strength (nil: none stayed within the tolerance; `weakest`
    /// is the weakest strength tried).
    case regularizationChosen(strength: Double?, trials: Int, weakest: Double)
    /// `done` of `total` samples have been run through the model.
    case samples(done: Int, total: Int)
}

/// Receives ``ProgressEvent``s; called on the thread that runs the work, or for ``ProgressEvent/samples(done:total:)``
/// from several threads at once.
public typealias ProgressHandler = @Sendable (ProgressEvent) -> Void
