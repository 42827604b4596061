import ArgumentParser
import Foundation
import HLSEmit
import Inference
import KerasIO
import Knapsack
import ModelIR
import OutputFiles
import Pruning
import Training

struct Prune: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Choose which weight groups to remove for a resource objective, as hls4ml's DSP-aware pruning does.",
        discussion: """
            Every Dense, Conv1D and Conv2D layer gets hls4ml's attributes from --config (an \
            hls4ml_config.yml, or just its HLSConfig part, YAML or JSON, any granularity) and the \
            options below, which replace the config's Model block; per-layer entries still win. \
            The objective decides how each layer is pruned (unless --structure says otherwise) and \
            what each removed group saves; the exact knapsack then keeps the most valuable groups \
            within (1 − sparsity) of the resources, per layer with --local, else over the whole model.

            Objectives: parameters (non-zero weights), dsp (DSPs: P/RF multipliers when weights are \
            ≥ 9 bits; Resource layers pruned by multiplier pattern), ff (flip-flop bits), dsp-bram \
            (DSPs and BRAM blocks), gpu-flops (whole neurons and filters).

            With -o DIR it writes DIR/model_pruned.h5 (or .keras: the input file with the pruned \
            kernels overwritten, everything else unchanged; with --reduce, zero neurons and filters \
            removed and the configuration rewritten to match), DIR/hls4ml_config.yml and \
            DIR/firmware/weights/* (as `emit` writes them, for the pruned weights), DIR/report.json \
            (the --json document) and DIR/report.md. With --x/--y the reports carry the metric before \
            and after. The folder appears complete or not at all; --force replaces hlsprune's \
            earlier outputs in it and refuses a folder that holds any other file or an input. With \
            gpu-flops and --x-train, the \
            written model is reduced and then trained 1.5 × --epochs more without masks, as hls4ml \
            does for that objective.

            With --json: {"objective": "dsp", "sparsity": 0.5, "resources_before": [1064], \
            "resources_after": [532], "layers": [{"name": "fc1", "optimizable": true, "structure": \
            "pattern", "pattern_offset": 256, "consecutive_patterns": 1, "groups": 256, \
            "kept_groups": 128, "weights": 1024, "kept_weights": 512, "shared_groups": 0, \
            "resources_before": [256], "resources_after": [128]}, …], "seconds": 0.004} (seconds: \
            the selection without reading the model)

            Example:
              hlsprune prune Fixtures/models/jet_mlp.k2.h5 --dry-run --objective dsp --strategy Resource --reuse-factor 4 --sparsity 0.5
            """
    )

    @Argument(help: "The model: a Keras .h5 (Keras 2 or 3), a Keras 3 .keras or an ONNX .onnx file.")
    var model: String

    @Option(name: .shortAndLong, help: "Write the pruned model, hls4ml_config.yml, firmware/weights and reports here.")
    var output: String?

    @Flag(help: "Replace hlsprune's earlier outputs in the folder (refused when it holds other files).")
    var force = false

    @Flag(help: "Report the selection without writing files.")
    var dryRun = false

    @Flag(help: "Print JSON instead of text.")
    var json = false

    @Option(help: "parameters, dsp, ff, dsp-bram or gpu-flops.")
    var objective: ObjectiveName = .dsp

    @Option(help: "unstructured, structured, pattern or block (default: each layer's objective default).")
    var structure: PruningStructure?

    @Option(help: "Tile shape for --structure block, ROWSxCOLUMNS.")
    var blockShape: BlockShape = BlockShape(rows: 1, columns: 1)

    @Option(help: "The fraction of resources to remove, 0 to 1 (default 0.5; with --x/--y the most the search tries, default 1).")
    var sparsity: Double?

    @Option(name: [.customLong("target"), .customLong("target-dsp")],
            help: "Keep at most this much of the objective's first resource (DSPs for dsp) instead of --sparsity; global only.")
    var target: Int?

    @Flag(help: "Meet the sparsity in every layer separately instead of over the whole model.")
    var local = false

    @Option(help: "Rank groups by the l1 or l2 norm of their weights, by oracle: |W ⊙ ∂L/∂W|, or by saliency: W² ⊙ (Hessian row sums, as hls4ml computes them), both on the training data.")
    var metric: RankingName = .l1

    @Flag(help: "Replace low-variance groups by their mean instead of zeroing them.")
    var weightSharing = false

    @Flag(help: "Also remove all-zero neurons and filters from the written model and headers (their activated biases are folded into the next layer).")
    var reduce = false

    @Option(help: "Knapsack method: automatic, grouped, branch-and-bound, dynamic or greedy.")
    var knapsack: Knapsack.Method = .automatic

    @Option(name: .customLong("x"), help: "Validation inputs (X.npy or file.h5:/dataset): search for the highest sparsity that keeps the metric within --rtol.")
    var inputs: String?

    @Option(name: .customLong("y"), help: "Validation labels for --x.")
    var labels: String?

    @Option(help: "A step is good when its metric is at least rtol × the unpruned one (at most, for mse/mae).")
    var rtol = 0.98

    @Option(help: "How the search moves: binary (bisect between good and bad), constant (+0.05 per step) or polynomial (10 steps).")
    var scheduler: SchedulerName = .binary

    @Option(help: "Stop after more than this many bad steps in a row.")
    var cutoff = 3

    @OptionGroup var training: TrainingOptions

    @OptionGroup var hls: HLSOptions

    func validate() throws {
        if let sparsity, !(0...1).contains(sparsity) { throw ValidationError("--sparsity must be between 0 and 1") }
        guard dryRun || output != nil else { throw ValidationError("give an output folder with -o, or --dry-run to only see the selection") }
        if let target, target < 0 { throw ValidationError("--target must not be negative") }
        if target != nil && local { throw ValidationError("--target sets one budget for the whole model; it cannot be combined with --local") }
        if (inputs == nil) != (labels == nil) { throw ValidationError("--x and --y go together") }
        if inputs != nil && target != nil { throw ValidationError("--target fixes the budget; the --x/--y search chooses it, so use one of them") }
        if training.trainingInputs != nil && inputs == nil { throw ValidationError("fine-tuning (--x-train) needs validation data (--x/--y) to judge each step") }
        guard rtol > 0 else { throw ValidationError("--rtol must be positive") }
    }

    func run() throws {
        let loaded = try loadModel(model)
        let graph = loaded.graph
        do {
            let (tree, configuration) = try hls.document(for: graph, onnxNames: loaded.hls4mlONNXNames)
            let clock = ContinuousClock()
            let start = clock.now
            let attributes = try LayerAttributes.resolve(graph, configuration: configuration)
            let plan = try PruningPlan(graph: graph, attributes: attributes, objective: objective.objective,
                                       structure: structure.map { .init($0, blockShape: (blockShape.rows, blockShape.columns)) },
                                       weightSharing: weightSharing)
            var search: SparsitySearch.Outcome?
            var scores: PruneReport.Scores?
            var tuned: Graph?
            var reduced: Graph?
            let result: PruningResult
            if let inputs, let labels {
                let data = try ValidationData(inputs: inputs, labels: labels, graph: graph)
                search = try runSearch(plan, on: graph, data: data)
                guard let best = search?.best else {
                    throw ValidationError("no sparsity kept \(data.metric.rawValue) within rtol \(rtol) of the unpruned model")
                }
                result = best
                tuned = search?.bestGraph
                if objective == .gpuFLOPs, let set = try training.trainingSet(for: graph) {
                    // hls4ml's last step for the GPU-FLOPs objective: remove the zero neurons and
                    // filters, then train the smaller model for 1.5 × --epochs without masks.
                    let smaller = try Reduction(tuned ?? best.apply(to: graph)).graph
                    reduced = try training.fit(smaller, on: set, loss: try training.loss(for: graph), epochs: Int(1.5 * Double(training.epochs)),
                                               masks: [:], label: " (reduced)")
                }
                scores = PruneReport.Scores(before: try data.evaluate(graph), after: try data.evaluate(reduced ?? tuned ?? best.apply(to: graph)))
            } else {
                result = try plan.masks(for: graph, sparsity: sparsity ?? 0.5, local: local, metric: try ranking(for: graph), knapsack: knapsack,
                                        target: target.map { [$0] })
            }
            let elapsed = start.duration(to: clock.now)
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            let pruned = try tuned ?? result.apply(to: graph)
            if reduce && dryRun { throw ValidationError("--reduce changes the written model; it needs -o") }
            if let output, !dryRun {
                let inputs = RunInputs(model: loaded, arguments: [hls.config, self.inputs, labels, training.trainingInputs, training.trainingLabels])
                let folder = try OutputFolder(output, force: force, inputs: inputs, layout: OutputLayout(extraFiles: loaded.externalDataLocations))
                do {
                    let written = try reduced ?? (reduce ? Reduction(pruned).graph : pruned)
                    try loaded.write(written, to: try folder.stagedPath(of: loaded.prunedFileName))
                    try writeHLSFiles(graph: written, tree: tree, configuration: configuration, files: hls.weightFiles(tree), into: folder)
                    try folder.write(Array((PruneReport.json(result, seconds: seconds, scores: scores, search: search).text + "\n").utf8), to: "report.json")
                    if let search {
                        try folder.write(Array(SearchPlot.svg(search, objective: objective.rawValue, metric: scores?.before.metric.rawValue ?? "metric", tolerance: rtol).utf8), to: "report.svg")
                    }
                    try folder.write(Array(PruneReport.markdown(result, before: graph, after: written, scores: scores, model: model).utf8), to: "report.md")
                    try folder.commit()
                } catch {
                    folder.discard()
                    throw error
                }
            }
            print(json ? PruneReport.json(result, seconds: seconds, scores: scores, search: search).text : PruneReport.table(result, seconds: seconds, scores: scores))
        } catch let exit as ExitCode {
            throw exit
        } catch {
            printError(error, about: model)
            throw ExitCode.failure
        }
    }

    /// The ranking metric for `graph`: l1 or l2, or oracle with the loss gradients of `graph` on the
    /// training data.
    private func ranking(for graph: Graph) throws -> RankingMetric {
        switch metric {
        case .l1: return .l1
        case .l2: return .l2
        case .oracle:
            guard let set = try training.trainingSet(for: graph) else { throw ValidationError("--metric oracle needs training data (--x-train/--y-train)") }
            let gradients = try Backpropagation(graph: graph).gradients(inputs: set.inputs, labels: set.labels, loss: try training.loss(for: graph)).gradients
            return .oracle(gradients: gradients.compactMapValues { $0["kernel"] })
        case .saliency:
            guard let set = try training.trainingSet(for: graph) else { throw ValidationError("--metric saliency needs training data (--x-train/--y-train)") }
            return .saliency(hessians: try Backpropagation(graph: graph).kernelHessianRowSums(inputs: set.inputs, labels: set.labels,
                                                                                             loss: try training.loss(for: graph)))
        }
    }

    /// The scheduler-driven search between 0 and `--sparsity` (default 1), with progress on stderr.
    private func runSearch(_ plan: PruningPlan, on graph: Graph, data: ValidationData) throws -> SparsitySearch.Outcome {
        var search = SparsitySearch(plan: plan, increasing: data.metric.isIncreasing, tolerance: rtol, cutoff: cutoff)
        search.local = local
        if metric == .oracle || metric == .saliency {
            search.rankingFor = { try ranking(for: $0) }
        } else {
            search.ranking = try ranking(for: graph)
        }
        search.knapsack = knapsack
        var schedule = try scheduler.make(finalSparsity: sparsity ?? 1)
        var number = 0
        var standardError = StandardError()
        var fineTune: ((Graph, PruningResult) throws -> Graph)?
        var rewind: ((Graph) throws -> Graph)?
        var start = graph
        if let set = try training.trainingSet(for: graph) {
            let loss = try training.loss(for: graph)
            var strength: Double?
            switch try training.regularizationChoice {
            case .none: break
            case .strength(let value): strength = value
            case .auto:
                let baseline = try data.evaluate(graph).value
                search.baseline = baseline
                let regularization = RegularizationSearch(increasing: data.metric.isIncreasing, tolerance: rtol)
                let probe = sparsity ?? 0.5
                let found = try regularization.run(baseline: baseline) { value in
                    let model = try training.fit(graph, on: set, loss: loss, epochs: max(1, training.epochs / 2), masks: [:],
                                                 penalties: plan.groupPenalties(strength: value), label: " (regularization \(value.formatted3))")
                    let metric = try data.evaluate(model).value
                    let pruned = try plan.masks(for: model, sparsity: probe, local: local, metric: try ranking(for: model), knapsack: knapsack)
                    let prunedMetric = try data.evaluate(try pruned.apply(to: model)).value
                    print("regularization \(value.formatted3): \(data.metric.rawValue) \(String(format: "%.4f", metric)), "
                          + "\(String(format: "%.4f", prunedMetric)) pruned to \(String(format: "%.2f", probe))", to: &standardError)
                    return (model, metric, prunedMetric)
                }
                if let chosen = found.chosen {
                    print("regularization: \(chosen.strength.formatted3) chosen from \(found.trials.count) trials", to: &standardError)
                    strength = chosen.strength
                    start = chosen.model
                } else {
                    print("regularization: none, even \(regularization.candidates[0].formatted3) left the metric out of tolerance", to: &standardError)
                }
            }
            let penalties = strength.map { plan.groupPenalties(strength: $0) } ?? []
            fineTune = { model, result in
                try training.fit(model, on: set, loss: loss, epochs: training.epochs - training.rewindingEpochs, masks: result.heldMasks,
                                 penalties: penalties, label: " (masked)")
            }
            if training.rewindingEpochs > 0 {
                rewind = { model in try training.fit(model, on: set, loss: loss, epochs: training.rewindingEpochs, masks: [:], label: " (rewinding)") }
            }
        }
        let evaluate: (Graph) throws -> Double = { try data.evaluate($0).value }
        return try search.run(on: start, scheduler: &schedule, evaluate: evaluate,
                              fineTune: fineTune, rewind: rewind) { step in
            number += 1
            let resources = step.resourcesAfter.map(String.init).joined(separator: ", ")
            print("step \(number): sparsity \(String(format: "%.4f", step.sparsity)), \(objective.rawValue) \(resources), "
                  + "\(data.metric.rawValue) \(String(format: "%.4f", step.metric)): \(step.accepted ? "good" : "bad")", to: &standardError)
        }
    }
}

/// Validation inputs and labels, and the metric their model's last activation suggests.
struct ValidationData {
    let inputs: NumpyArray
    let labels: NumpyArray
    let count: Int
    let metric: Metric

    init(inputs path: String, labels labelsPath: String, graph: Graph) throws {
        inputs = try loadArray(path)
        labels = try loadArray(labelsPath)
        count = try sampleCount(of: inputs, argument: path, for: ForwardPass(graph: graph))
        metric = Metric.suited(to: graph)
    }

    func evaluate(_ graph: Graph) throws -> Evaluation {
        let pass = ForwardPass(graph: graph)
        let values = pass.run(inputs: [Array(inputs.values.prefix(count * pass.inputSizes[0]))], count: count)[0]
        return try Evaluation(predictions: values, outputSize: pass.outputSizes[0], labels: labels, metric: metric,
                              penalty: graph.layers.reduce(0.0) { $0 + $1.penaltyValue })
    }
}

extension Double {
    /// Three significant digits, for strengths such as 1.36e-04.
    var formatted3: String { String(format: "%.3g", self) }
}

extension Metric {
    /// Whether larger is better (accuracies) rather than worse (errors).
    var isIncreasing: Bool { self == .accuracy || self == .binaryAccuracy }
}

/// The sparsity schedulers by their command-line names.
enum SchedulerName: String, CaseIterable, ExpressibleByArgument {
    case binary, constant, polynomial

    func make(finalSparsity: Double) throws -> any SparsityScheduler {
        switch self {
        case .binary: try BinaryScheduler(finalSparsity: finalSparsity)
        case .constant: try ConstantScheduler(finalSparsity: finalSparsity)
        case .polynomial: try PolynomialScheduler(maximumSteps: 10, finalSparsity: finalSparsity)
        }
    }
}

/// The objectives by their command-line names.
enum ObjectiveName: String, CaseIterable, ExpressibleByArgument {
    case parameters, dsp, ff
    case dspBRAM = "dsp-bram"
    case gpuFLOPs = "gpu-flops"

    var objective: any PruningObjective {
        switch self {
        case .parameters: ParameterEstimator()
        case .dsp: VivadoDSPEstimator()
        case .ff: VivadoFFEstimator()
        case .dspBRAM: VivadoMultiObjectiveEstimator()
        case .gpuFLOPs: GPUFLOPEstimator()
        }
    }
}

/// The ranking metrics available without training.
enum RankingName: String, CaseIterable, ExpressibleByArgument {
    /// l1 and l2 norms of the weights; oracle: |W ⊙ ∂L/∂W| and saliency: W² ⊙ (Hessian row sums),
    /// both on the training data (--x-train).
    case l1, l2, oracle, saliency
}

/// `ROWSxCOLUMNS`, such as `2x2`.
struct BlockShape: ExpressibleByArgument {
    var rows: Int
    var columns: Int

    init(rows: Int, columns: Int) {
        self.rows = rows
        self.columns = columns
    }

    init?(argument: String) {
        let parts = argument.lowercased().split(separator: "x")
        guard parts.count == 2, let rows = Int(parts[0]), let columns = Int(parts[1]), rows > 0, columns > 0 else { return nil }
        self.init(rows: rows, columns: columns)
    }

    var defaultValueDescription: String { "\(rows)x\(columns)" }
}

extension PruningStructure: ExpressibleByArgument {}
