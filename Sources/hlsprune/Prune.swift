import ArgumentParser
import HLSPruneKit
import Inference
import Knapsack
import Pruning

struct Prune: ParsableCommand, FileCommand {
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
            and after, and every search step; with --firmware also the firmware's metric, which \
            then decides. The folder appears complete or not at all; --force replaces hlsprune's \
            earlier outputs in it and refuses a folder that holds any other file or an input. With \
            gpu-flops and --x-train, the \
            written model is reduced and then trained 1.5 × --epochs more without masks, as hls4ml \
            does for that objective.

            With --json: {"objective": "dsp", "sparsity": 0.5, "resources_before": [1064], \
            "resources_after": [532], "layers": [{"name": "fc1", "optimizable": true, "structure": \
            "pattern", "pattern_offset": 256, "consecutive_patterns": 1, "groups": 256, \
            "kept_groups": 128, "weights": 1024, "kept_weights": 512, "shared_groups": 0, \
            "resources_before": [256], "resources_after": [128]}, …], "seconds": 0.004, "optimized": \
            {"layers": 4, "resources_before": [1064], "resources_after": [532]}} (seconds: the \
            selection without reading the model; the sparsity applies to the optimised layers, \
            the top-level totals include the layers kept whole)

            Example:
              hlsprune prune Fixtures/models/jet_mlp.k2.h5 --dry-run --objective dsp \\
                  --strategy Resource --reuse-factor 4 --sparsity 0.5
            """
    )

    @OptionGroup var model: ModelArguments

    @Option(name: .shortAndLong, help: "Write the pruned model, hls4ml_config.yml, firmware/weights and reports here.")
    var output: String?

    @Flag(help: "Replace hlsprune's earlier outputs in the folder (refused when it holds other files).")
    var force = false

    @Flag(help: "Report the selection without writing files.")
    var dryRun = false

    @Flag(help: "Write the output and exit 0 even when nothing was pruned (otherwise such a run writes nothing and exits with 3).")
    var allowEmpty = false

    @Flag(help: "Print JSON instead of text.")
    var json = false

    @Option(help: "parameters, dsp, ff, dsp-bram or gpu-flops.")
    var objective: PruningSettings.Objective = .dsp

    @Option(help: "unstructured, structured, pattern or block (default: each layer's objective default).")
    var structure: PruningStructure?

    @Option(help: "Tile shape for --structure block, ROWSxCOLUMNS.")
    var blockShape: BlockShape = BlockShape(rows: 1, columns: 1)

    @Option(parsing: .unconditional, help: "The fraction of resources to remove, 0 to 1 (default 0.5; with --x/--y the most the search tries, default 1).")
    var sparsity: Double?

    @Option(name: [.customLong("target"), .customLong("target-dsp")], parsing: .unconditional,
            help: "Keep at most this much of the objective's first resource (DSPs for dsp) instead of --sparsity; global only.")
    var target: Int?

    @Flag(help: "Meet the sparsity in every layer separately instead of over the whole model.")
    var local = false

    @Option(name: [.customLong("ranking"), .customLong("metric")],
             help: "Rank groups by the l1 or l2 norm of their weights, by oracle: |W ⊙ ∂L/∂W|, or by saliency: W² ⊙ (Hessian row sums, as hls4ml computes them), both on the training data. (--metric is the deprecated old name.)")
    var ranking: PruningSettings.Ranking = .l1

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
    var scheduler: SearchSettings.Scheduler = .binary

    @Option(help: "Stop after more than this many bad steps in a row.")
    var cutoff = 3

    @Option(parsing: .unconditional, help: "Where the search starts (hls4ml's initial_sparsity; default 0).")
    var initialSparsity = 0.0

    @Option(parsing: .unconditional, help: "The constant scheduler's step (default 0.05).")
    var step: Double?

    @Option(help: "The polynomial scheduler's number of steps (default 10).")
    var polynomialSteps: Int?

    @Option(help: "The polynomial scheduler's decay power (default 3).")
    var decayPower: Double?

    @Option(help: "The binary scheduler's threshold: it stops when good and bad sparsities differ by less (default 0.01).")
    var threshold: Double?

    @Option(help: "The metric the search judges: accuracy, binary_accuracy, mse or mae (default: from the last activation; hls4ml's validation_metric).")
    var validationMetric: Metric?

    @Flag(inversion: .prefixedNo, help: "Whether a larger metric is better (default: yes for accuracies, no for mse/mae; hls4ml's increasing).")
    var increasing: Bool?

    @Flag(help: "Judge every search step on the metric of the model's emulated hls4ml firmware (fixed point, as hls_model.predict() after compile(); see predict --firmware) instead of the float model's; --rtol is then relative to the unpruned firmware's metric. Needs --x/--y.")
    var firmware = false

    @Option(help: "Layers to leave whole, comma-separated (fc1,output).")
    var exclude: String?

    @OptionGroup var training: TrainingOptions

    @OptionGroup var fineTuning: FineTuningOptions

    @OptionGroup var hls: HLSOptions

    var subject: String { model.path }

    func validate() throws {
        guard dryRun || output != nil else { throw ValidationError("give an output folder with -o, or --dry-run to only see the selection") }
        guard !(dryRun && output != nil) else { throw ValidationError("-o writes the output and --dry-run does not; give one of them") }
        if let sparsity, !(0...1).contains(sparsity) { throw ValidationError("--sparsity must be between 0 and 1, not \(sparsity)") }
        if let target, target < 0 { throw ValidationError("--target must not be negative, not \(target)") }
        if sparsity != nil && target != nil && inputs == nil {
            throw ValidationError("--sparsity and --target both set the amount to prune; give one of them")
        }
        if (inputs == nil) != (labels == nil) { throw ValidationError("--x and --y go together") }
        if firmware && inputs == nil { throw ValidationError("--firmware judges the search's steps; it needs validation data (--x and --y)") }
        if reduce && dryRun { throw ValidationError("--reduce changes the written model; it needs -o") }
        try fineTuning.validate(with: training)
    }

    func run() throws {
        let file = try model.open()
        let project = try HLSProject(for: file, settings: hls.settings)
        printNotes(project)
        let printer = ProgressPrinter(objective: objective.rawValue)
        let outcome = try Pruner.prune(file, project: project, settings: try settings(), progress: printer.handler)
        printer.finish()
        var standardError = StandardError()
        for warning in outcome.warnings { print("warning: \(warning)", to: &standardError) }
        if outcome.prunedNothing && !allowEmpty {
            print(json ? outcome.reportJSON : outcome.summary)
            print("hlsprune: nothing was pruned, so nothing was written; pass --allow-empty to write the unpruned model anyway", to: &standardError)
            throw ExitCode(3)
        }
        if let output { try outcome.write(to: output, force: force) }
        print(json ? outcome.reportJSON : outcome.summary)
    }

    /// The options as the library takes them.
    private func settings() throws -> PruningSettings {
        var settings = PruningSettings(objective: objective)
        settings.structure = structure
        settings.blockShape = (blockShape.rows, blockShape.columns)
        settings.sparsity = sparsity
        settings.target = target
        settings.local = local
        settings.ranking = ranking
        settings.weightSharing = weightSharing
        settings.knapsack = knapsack
        settings.reduce = reduce
        settings.excludedLayers = Set((exclude ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
        if let inputs, let labels {
            var search = SearchSettings(inputs: inputs, labels: labels)
            search.tolerance = rtol
            search.scheduler = scheduler
            search.cutoff = cutoff
            search.initialSparsity = initialSparsity
            search.step = step
            search.polynomialSteps = polynomialSteps
            search.decayPower = decayPower
            search.threshold = threshold
            search.metric = validationMetric
            search.increasing = increasing
            search.judgesFirmware = firmware
            settings.search = search
        }
        settings.training = try training.settings(fineTuning: fineTuning)
        return settings
    }
}

extension PruningSettings.Objective: ExpressibleByArgument {}
extension PruningSettings.Ranking: ExpressibleByArgument {}
extension SearchSettings.Scheduler: ExpressibleByArgument {}
extension PruningStructure: ExpressibleByArgument {}

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
