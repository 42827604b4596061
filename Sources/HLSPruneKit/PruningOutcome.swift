import ModelIR
import OutputFiles
import Pruning

/// What a pruning run chose and produced, and the writer of its output folder.
///
/// ```swift
/// let outcome = try Pruner.prune(model, project: project, settings: settings)
/// print(outcome.summary)
/// try outcome.write(to: "out")   // model_pruned.*, hls4ml_config.yml, firmware/weights, report.*
/// ```
public struct PruningOutcome: Sendable {
    public let model: ModelFile
    public let project: HLSProject
    public let settings: PruningSettings
    /// The selection: per-layer groups, masks and resources before and after.
    public let result: PruningResult
    /// The model as written: pruned (fine-tuned, reduced, retrained as the settings say).
    public let pruned: Graph
    /// The validation metric before and after, after a search.
    package let scores: PruneReport.Scores?
    /// The steps of the search, after one.
    public let search: SparsitySearch.Outcome?
    /// Seconds the selection took (the search and its training included), without reading the model.
    public let seconds: Double

    /// The `--json` document (also `report.json`).
    public var reportJSON: String {
        PruneReport.json(result, seconds: seconds, scores: scores, search: search).text
    }

    /// The selection as a table for people, with the totals and the metric.
    public var summary: String {
        PruneReport.table(result, seconds: seconds, scores: scores, searched: search != nil)
    }

    /// `report.md`: per-layer weights, zeros, DSPs and objective resources before and after.
    public var reportMarkdown: String {
        let reduced = pruned.hasWeightShapes(of: model.graph) ? [:]
            : Dictionary(((try? LayerAttributes.resolve(pruned, configuration: project.configuration(for: pruned))) ?? []).map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        return PruneReport.markdown(result, before: model.graph, after: pruned, scores: scores, search: search, model: model.path, reduced: reduced,
                                    objective: settings.objective.estimator)
    }

    /// Writes the output folder: `model_pruned.<input's extension>`, `hls4ml_config.yml`,
    /// `firmware/weights/*`, `report.json`, `report.md` and, after a search, `report.svg`. The
    /// folder appears complete or not at all and never holds or replaces an input (see
    /// ``OutputFolder``); `force` replaces hlsprune's own earlier outputs there.
    public func write(to path: String, force: Bool = false) throws {
        let inputs = RunInputs(model.inputFiles + [project.settingsFile].compactMap { $0 } + settings.dataFiles)
        let folder = try OutputFolder(path, force: force, inputs: inputs, layout: OutputLayout(extraFiles: model.externalDataLocations))
        do {
            try model.write(pruned, to: try folder.stagedPath(of: model.prunedFileName))
            try project.write(pruned, into: folder)
            try folder.write(Array((reportJSON + "\n").utf8), to: "report.json")
            if let search {
                let metric = scores?.before.metric.rawValue ?? "metric"
                let svg = SearchPlot.svg(search, objective: settings.objective.rawValue, metric: metric, tolerance: settings.search?.tolerance ?? 1)
                try folder.write(Array(svg.utf8), to: "report.svg")
            }
            try folder.write(Array(reportMarkdown.utf8), to: "report.md")
            try folder.commit()
        } catch {
            folder.discard()
            throw error
        }
    }
}
