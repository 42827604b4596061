import Foundation
import Inference
import ModelIR
import Pruning
import Training

/// hls4ml's DSP-aware pruning of a model, end to end: attributes from the project's
/// configuration, groups and values per the objective and structure, the exact knapsack for a
/// sparsity or budget — or hls4ml's scheduler-driven search on validation data, with optional
/// fine-tuning — then reduction and, for gpu-flops with training, the final retraining.
///
/// ```swift
/// let model = try ModelFile.open("jet.keras")
/// let project = try HLSProject(for: model, settings: HLSSettings())
/// let outcome = try Pruner.prune(model, project: project, settings: PruningSettings(objective: .dsp))
/// try outcome.write(to: "jet_pruned")
/// ```
public enum Pruner {
    /// Prunes `model` as `settings` say, reporting long work to `progress`.
    ///
    /// - Throws: ``HLSPruneError`` for contradictory settings, unusable data or a search with no
    ///   acceptable step; ``PruningError``/``ConfigurationError`` for settings a layer cannot take.
    public static func prune(_ model: ModelFile, project: HLSProject, settings: PruningSettings,
                             progress: ProgressHandler? = nil) throws -> PruningOutcome {
        try settings.validate()
        let graph = model.graph
        let clock = ContinuousClock()
        let start = clock.now
        let resolved = try LayerAttributes.resolve(graph, configuration: project.configuration)
        if let unknown = settings.excludedLayers.subtracting(resolved.map(\.name)).sorted().first {
            throw HLSPruneError.setting(name: "exclude", reason: "\(unknown) is not a prunable layer (prunable: \(resolved.map(\.name).joined(separator: ", ")))")
        }
        let attributes = resolved.filter { !settings.excludedLayers.contains($0.name) }
        let plan = try PruningPlan(graph: graph, attributes: attributes, objective: settings.objective.estimator,
                                   structure: settings.structure.map { .init($0, blockShape: settings.blockShape) },
                                   weightSharing: settings.weightSharing)
        let training = try settings.training.map { try TrainingData($0, for: graph) }
        var run = Run(settings: settings, plan: plan, training: training, progress: progress)
        var search: SparsitySearch.Outcome?
        var scores: PruneReport.Scores?
        var chosen: Graph?  // the search's model: masked, and fine-tuned when asked
        var reduced: Graph?
        let result: PruningResult
        if let searchSettings = settings.search {
            var data = try ValidationData(inputs: searchSettings.inputs, labels: searchSettings.labels, graph: graph, metric: searchSettings.metric,
                                          increasing: searchSettings.increasing)
            if searchSettings.judgesFirmware {
                data.firmware = try FirmwareValidation(project: project, model: model, inputs: searchSettings.inputs, labels: data.labels,
                                                       labelsPath: searchSettings.labels, metric: data.metric)
            }
            // The unpruned model is scored once: the search's baseline and the report's "before".
            let before = try data.evaluate(graph)
            let firmwareBefore = try data.firmware?.evaluate(graph)
            search = try run.search(on: graph, data: data, baseline: SparsitySearch.Score(float: before.value, firmware: firmwareBefore?.value))
            guard let best = search?.best else {
                throw HLSPruneError.noAcceptableStep(metric: data.metric.rawValue, tolerance: searchSettings.tolerance)
            }
            result = best
            let model = try search?.bestGraph ?? best.apply(to: graph)
            chosen = model
            if settings.objective == .gpuFLOPs, let trainingSettings = settings.training, let training {
                // hls4ml's last step for the GPU-FLOPs objective: remove the zero neurons and
                // filters, then train the smaller model for 1.5 × epochs without masks.
                let smaller = try Reduction(model).graph
                reduced = try trainingSettings.fit(smaller, on: training, loss: trainingSettings.loss(for: graph),
                                                   epochs: Int(1.5 * Double(trainingSettings.epochs)), masks: [:], label: " (reduced)", progress: progress)
            }
            let final = reduced ?? model
            scores = PruneReport.Scores(before: before, after: try data.evaluate(final),
                                        firmwareBefore: firmwareBefore, firmwareAfter: try data.firmware?.evaluate(final))
        } else {
            result = try plan.masks(for: graph, sparsity: settings.sparsity ?? 0.5, local: settings.local, metric: try run.ranking(for: graph),
                                    knapsack: settings.knapsack, target: settings.target.map { [$0] })
        }
        let elapsed = start.duration(to: clock.now)
        let pruned = try chosen ?? result.apply(to: graph)
        let written = try reduced ?? (settings.reduce ? Reduction(pruned).graph : pruned)
        return PruningOutcome(model: model, project: project, settings: settings, result: result, pruned: written, scores: scores, search: search,
                              seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
}

/// Validation inputs and labels, and the metric their model's last activation suggests; with
/// `firmware`, models are also scored on their emulated firmware, and that score is judged.
struct ValidationData {
    let inputs: NumpyArray
    let labels: NumpyArray
    let count: Int
    let metric: Metric
    /// Whether a larger metric is better.
    let isIncreasing: Bool
    /// The same data scored on the firmware, when steps are judged on it (`--firmware`).
    var firmware: FirmwareValidation?

    init(inputs path: String, labels labelsPath: String, graph: Graph, metric: Metric? = nil, increasing: Bool? = nil) throws {
        inputs = try DataArrays.read(path)
        labels = try DataArrays.read(labelsPath)
        count = try DataArrays.sampleCount(of: inputs, argument: path, for: graph)
        self.metric = metric ?? Metric.suited(to: graph)
        isIncreasing = increasing ?? self.metric.isIncreasing
    }

    func evaluate(_ graph: Graph) throws -> Evaluation {
        let pass = ForwardPass(graph: graph)
        let values = pass.run(inputs: [Array(inputs.values.prefix(count * pass.inputSizes[0]))], count: count)[0]
        return try Evaluation(predictions: values, outputSize: pass.outputSizes[0], labels: labels, metric: metric,
                              penalty: graph.layers.reduce(0.0) { $0 + $1.penaltyValue })
    }

    /// The float model's metric and, with `firmware`, the firmware's (the one a step is judged on).
    func score(_ graph: Graph) throws -> SparsitySearch.Score {
        SparsitySearch.Score(float: try evaluate(graph).value, firmware: try firmware?.evaluate(graph).value)
    }
}

extension Metric {
    /// Whether larger is better (accuracies) rather than worse (errors).
    var isIncreasing: Bool { self == .accuracy || self == .binaryAccuracy }
}
