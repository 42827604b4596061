import ArgumentParser
import Foundation
import HLSEmit
import Inference
import KerasIO
import Knapsack
import ModelIR
import Pruning

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
            kernels overwritten, everything else unchanged), DIR/hls4ml_config.yml and \
            DIR/firmware/weights/* (as `emit` writes them, for the pruned weights), DIR/report.json \
            (the --json document) and DIR/report.md. With --x/--y the reports carry the metric before \
            and after. The folder appears complete or not at all.

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

    @Argument(help: "The model: a Keras .h5 (Keras 2 or 3) or a Keras 3 .keras file.")
    var model: String

    @Option(name: .shortAndLong, help: "Write the pruned model, hls4ml_config.yml, firmware/weights and reports here.")
    var output: String?

    @Flag(help: "Replace the contents of a non-empty output folder.")
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

    @Option(help: "The fraction of resources to remove, 0 to 1.")
    var sparsity = 0.5

    @Option(name: [.customLong("target"), .customLong("target-dsp")],
            help: "Keep at most this much of the objective's first resource (DSPs for dsp) instead of --sparsity; global only.")
    var target: Int?

    @Flag(help: "Meet the sparsity in every layer separately instead of over the whole model.")
    var local = false

    @Option(help: "Rank groups by their l1 or l2 norm.")
    var metric: RankingName = .l1

    @Flag(help: "Replace low-variance groups by their mean instead of zeroing them.")
    var weightSharing = false

    @Option(help: "Knapsack method: automatic, grouped, branch-and-bound, dynamic or greedy.")
    var knapsack: Knapsack.Method = .automatic

    @Option(name: .customLong("x"), help: "Validation inputs (X.npy or file.h5:/dataset): report the metric before and after.")
    var inputs: String?

    @Option(name: .customLong("y"), help: "Validation labels for --x.")
    var labels: String?

    @OptionGroup var hls: HLSOptions

    func validate() throws {
        guard (0...1).contains(sparsity) else { throw ValidationError("--sparsity must be between 0 and 1") }
        guard dryRun || output != nil else { throw ValidationError("give an output folder with -o, or --dry-run to only see the selection") }
        if let target, target < 0 { throw ValidationError("--target must not be negative") }
        if target != nil && local { throw ValidationError("--target sets one budget for the whole model; it cannot be combined with --local") }
        if (inputs == nil) != (labels == nil) { throw ValidationError("--x and --y go together") }
    }

    func run() throws {
        let loaded = try loadModel(model)
        let graph = loaded.graph
        do {
            let (tree, configuration) = try hls.document(for: graph)
            let clock = ContinuousClock()
            let start = clock.now
            let attributes = try LayerAttributes.resolve(graph, configuration: configuration)
            let plan = try PruningPlan(graph: graph, attributes: attributes, objective: objective.objective,
                                       structure: structure.map { .init($0, blockShape: (blockShape.rows, blockShape.columns)) },
                                       weightSharing: weightSharing)
            let result = try plan.masks(for: graph, sparsity: sparsity, local: local, metric: metric.metric, knapsack: knapsack,
                                        target: target.map { [$0] })
            let elapsed = start.duration(to: clock.now)
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            let pruned = try result.apply(to: graph)
            var scores: PruneReport.Scores?
            if let inputs, let labels {
                scores = PruneReport.Scores(before: try score(graph, inputs, labels), after: try score(pruned, inputs, labels))
            }
            if let output, !dryRun {
                let folder = try OutputFolder(output, force: force)
                do {
                    let name = "model_pruned" + (loaded.provenance.format == .archive ? ".keras" : ".h5")
                    try KerasWeightWriter.write(pruned, over: loaded, to: folder.stagedPath(of: name))
                    try writeHLSFiles(graph: pruned, tree: tree, configuration: configuration, files: hls.weightFiles(tree), into: folder)
                    try folder.write(Array((PruneReport.json(result, seconds: seconds, scores: scores).text + "\n").utf8), to: "report.json")
                    try folder.write(Array(PruneReport.markdown(result, before: graph, after: pruned, scores: scores, model: model).utf8), to: "report.md")
                    try folder.commit()
                } catch {
                    folder.discard()
                    throw error
                }
            }
            print(json ? PruneReport.json(result, seconds: seconds, scores: scores).text : PruneReport.table(result, seconds: seconds, scores: scores))
        } catch let exit as ExitCode {
            throw exit
        } catch {
            printError("\(model): \(error)")
            throw ExitCode.failure
        }
    }

    /// The model's metric on the validation data (the metric its last activation suggests).
    private func score(_ graph: Graph, _ inputs: String, _ labels: String) throws -> Evaluation {
        let pass = ForwardPass(graph: graph)
        let array = try loadArray(inputs)
        let count = try sampleCount(of: array, argument: inputs, for: pass)
        let values = predictions(of: pass, inputs: array, count: count, batchSize: 1024)
        return try Evaluation(predictions: values, outputSize: pass.outputSizes[0], labels: try loadArray(labels),
                              metric: Metric.suited(to: graph), penalty: graph.layers.reduce(0.0) { $0 + $1.penaltyValue })
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
    case l1, l2

    var metric: RankingMetric { self == .l1 ? .l1 : .l2 }
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
