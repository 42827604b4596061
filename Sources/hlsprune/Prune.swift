import HLSEmit
import ArgumentParser
import Foundation
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

            Writing the pruned model and hls4ml's files is not available yet: run with --dry-run.

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

    @Flag(help: "Report the selection without writing files (required for now).")
    var dryRun = false

    @Flag(help: "Print JSON instead of text.")
    var json = false

    @Option(help: "An hls4ml configuration (YAML or JSON) with Model/LayerType/LayerName settings.")
    var config: String?

    @Option(help: "parameters, dsp, ff, dsp-bram or gpu-flops.")
    var objective: ObjectiveName = .dsp

    @Option(help: "unstructured, structured, pattern or block (default: each layer's objective default).")
    var structure: PruningStructure?

    @Option(help: "Tile shape for --structure block, ROWSxCOLUMNS.")
    var blockShape: BlockShape = BlockShape(rows: 1, columns: 1)

    @Option(help: "The fraction of resources to remove, 0 to 1.")
    var sparsity = 0.5

    @Flag(help: "Meet the sparsity in every layer separately instead of over the whole model.")
    var local = false

    @Option(help: "Rank groups by their l1 or l2 norm.")
    var metric: RankingName = .l1

    @Flag(help: "Replace low-variance groups by their mean instead of zeroing them.")
    var weightSharing = false

    @Option(help: "Knapsack method: automatic, grouped, branch-and-bound, dynamic or greedy.")
    var knapsack: Knapsack.Method = .automatic

    @Option(help: "Latency, Resource or Resource_Unrolled (default: the config's, else Latency).")
    var strategy: String?

    @Option(help: "Reuse factor (default: the config's, else 1).")
    var reuseFactor: Int?

    @Option(help: "Default precision, such as 'fixed<16,6>' (default: the config's, else fixed<16,6>).")
    var precision: String?

    @Option(help: "io_parallel or io_stream (default: the config's, else io_parallel).")
    var ioType: String?

    func validate() throws {
        guard (0...1).contains(sparsity) else { throw ValidationError("--sparsity must be between 0 and 1") }
        guard dryRun else {
            throw ValidationError("prune cannot write the pruned model and hls4ml files yet; pass --dry-run to see the selection")
        }
    }

    func run() throws {
        let graph = try loadModel(model).graph
        let configuration: HLSConfiguration
        do {
            configuration = try config.map { try HLSConfiguration(contentsOf: $0) } ?? HLSConfiguration()
        } catch {
            printError("\(error)")
            throw ExitCode.failure
        }
        let result: PruningResult
        let clock = ContinuousClock()
        let start = clock.now
        do {
            let defaults = ModelDefaults(precision: precision, reuseFactor: reuseFactor, strategy: strategy, ioType: ioType)
            let attributes = try LayerAttributes.resolve(graph, configuration: configuration, defaults: defaults)
            let plan = try PruningPlan(graph: graph, attributes: attributes, objective: objective.objective,
                                       structure: structure.map { .init($0, blockShape: (blockShape.rows, blockShape.columns)) },
                                       weightSharing: weightSharing)
            result = try plan.masks(for: graph, sparsity: sparsity, local: local, metric: metric.metric, knapsack: knapsack)
        } catch {
            printError("\(model): \(error)")
            throw ExitCode.failure
        }
        let elapsed = start.duration(to: clock.now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print(json ? PruneReport.json(result, seconds: seconds).text : PruneReport.table(result, seconds: seconds))
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
