import Foundation
import Inference
import ModelIR
import Pruning

/// How `prune` shows a selection: the documented JSON shape, or a table for people.
package enum PruneReport {
    /// The validation metric of the model before and after pruning, and of its firmware when the
    /// search judged the firmware.
    package struct Scores: Sendable {
        package var before: Evaluation
        package var after: Evaluation
        package var firmwareBefore: Evaluation?
        package var firmwareAfter: Evaluation?
    }

    package static func json(_ result: PruningResult, seconds: Double, scores: Scores? = nil, search: SparsitySearch.Outcome? = nil) -> OrderedJSON {
        var members: [(String, OrderedJSON)] = [
            ("objective", .string(result.objective)),
            ("sparsity", .double(result.sparsity)),
            ("resources_before", integers(result.resourcesBefore)),
            ("resources_after", integers(result.resourcesAfter)),
            ("layers", .array(result.layers.map(layer))),
            ("seconds", .double((seconds * 1e6).rounded() / 1e6)),
            ("optimized", .object([("layers", .int(optimized(result).count)), ("resources_before", integers(optimized(result).before)),
                                   ("resources_after", integers(optimized(result).after))])),
        ]
        if let scores {
            members += [("metric", .string(scores.before.metric.rawValue)),
                        ("metric_before", .double(scores.before.value)), ("metric_after", .double(scores.after.value))]
            if let before = scores.firmwareBefore, let after = scores.firmwareAfter {
                members += [("firmware_metric_before", .double(before.value)), ("firmware_metric_after", .double(after.value))]
            }
        }
        if let search {
            members.append(("steps", .array(search.steps.map { step in
                var fields: [(String, OrderedJSON)] = [("sparsity", .double(step.sparsity)), ("resources_after", integers(step.resourcesAfter)),
                                                       ("metric", .double(step.score.float))]
                if let firmware = step.score.firmware { fields.append(("firmware_metric", .double(firmware))) }
                return .object(fields + [("accepted", .bool(step.accepted))])
            })))
        }
        return .object(members)
    }

    private static func layer(_ layer: LayerPruning) -> OrderedJSON {
        let optimization = layer.optimization
        return .object([
            ("name", .string(layer.attributes.name)),
            ("optimizable", .bool(layer.groups > 0)),
            ("structure", optimization.map { .string($0.structure.rawValue) } ?? .null),
            ("pattern_offset", optimization.map { .int($0.patternOffset) } ?? .null),
            ("consecutive_patterns", optimization.map { .int($0.consecutivePatterns) } ?? .null),
            ("groups", .int(layer.groups)),
            ("kept_groups", .int(layer.keptGroups)),
            ("weights", .int(layer.weights)),
            ("kept_weights", .int(layer.keptWeights)),
            ("shared_groups", .int(layer.sharedGroups)),
            ("resources_before", integers(layer.resourcesBefore)),
            ("resources_after", integers(layer.resourcesAfter)),
        ])
    }

    private static func integers(_ values: [Int]) -> OrderedJSON { .array(values.map { .int($0) }) }

    /// The layers the selection may prune (groups > 0) and their resources before and after; the
    /// sparsity applies to these, while the totals also hold the layers kept whole.
    private static func optimized(_ result: PruningResult) -> (count: Int, before: [Int], after: [Int]) {
        let layers = result.layers.filter { $0.groups > 0 }
        func sum(_ values: (LayerPruning) -> [Int]) -> [Int] {
            layers.reduce(into: Array(repeating: 0, count: result.resourcesBefore.count)) { total, layer in
                for (index, value) in values(layer).enumerated() where index < total.count { total[index] += value }
            }
        }
        return (layers.count, sum(\.resourcesBefore), sum(\.resourcesAfter))
    }

    /// "optimised layers (3 of 4): 8320 → 4127; whole model: 8645 → 4452", or just the totals when
    /// every layer is optimised.
    private static func scope(_ result: PruningResult) -> String {
        let part = optimized(result)
        let whole = "\(list(result.resourcesBefore)) → \(list(result.resourcesAfter))"
        guard part.count < result.layers.count else { return "all \(result.layers.count) layers: \(whole)" }
        return "optimised layers (\(part.count) of \(result.layers.count)): \(list(part.before)) → \(list(part.after)); whole model: \(whole)"
    }

    package static func table(_ result: PruningResult, seconds: Double, scores: Scores? = nil, searched: Bool = false) -> String {
        let header = ["layer", "structure", "groups kept", "weights kept", "shared", "resources before → after"]
        let rows = result.layers.map { layer -> [String] in
            [layer.attributes.name,
             layer.groups > 0 ? layer.optimization?.structure.rawValue ?? "-" : "not pruned",
             "\(layer.keptGroups) / \(layer.groups)",
             "\(layer.keptWeights) / \(layer.weights)",
             "\(layer.sharedGroups)",
             "\(list(layer.resourcesBefore)) → \(list(layer.resourcesAfter))"]
        }
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            zip(cells, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
                .trimmingCharacters(in: .whitespaces)
        }
        let percent = String(format: "%.1f", result.sparsity * 100)
        return ([line(header)] + rows.map(line) + [
            "",
            "objective \(result.objective), target sparsity \(percent) % of the optimised layers; \(scope(result))"
                + (searched ? " (search, evaluations and any training: \(String(format: "%.1f", seconds)) s)"
                    : " (selected in \(String(format: "%.1f", seconds * 1000)) ms)"),
        ] + (scores.map { [scoreLine($0)] } ?? []))
            .joined(separator: "\n")
    }

    /// "accuracy: 0.8820 before, 0.8650 after", and the firmware's when it was judged.
    private static func scoreLine(_ scores: Scores) -> String {
        var line = "\(scores.before.metric.rawValue): \(format(scores.before.value)) before, \(format(scores.after.value)) after"
        if let before = scores.firmwareBefore, let after = scores.firmwareAfter {
            line += "; firmware \(format(before.value)) before, \(format(after.value)) after (judged)"
        }
        return line
    }

    private static func format(_ value: Double) -> String { String(format: "%.4f", value) }

    /// `report.md`: per-layer weights, zeros, DSPs and objective resources (unless the objective
    /// is the DSP count itself) before and after, totals, and the metric when validation data was
    /// given. After a reduction the "after" columns describe the reduced model: its weights, its
    /// zeros, its DSPs, and for gpu-flops its FLOPs (`reduced` holds the reduced layers' attributes).
    package static func markdown(_ result: PruningResult, before: Graph, after: Graph, scores: Scores?, search: SparsitySearch.Outcome? = nil,
                                 model: String, reduced: [String: LayerAttributes] = [:], objective: (any PruningObjective)? = nil) -> String {
        let objectiveColumn = result.objective != "dsp"
        func row(_ cells: [String], objective: String) -> String { "| " + (cells + (objectiveColumn ? [objective] : [])).joined(separator: " | ") + " |" }
        var lines = ["# Pruning report for `\(model)`", "",
                     "Objective `\(result.objective)`, sparsity \(String(format: "%.1f", result.sparsity * 100)) % of the optimised layers; \(scope(result)).", "",
                     row(["layer", "structure", "weights before → after", "zeros before → after", "DSP before → after"], objective: "\(result.objective) before → after"),
                     row(Array(repeating: "---", count: 5), objective: "---").replacingOccurrences(of: " ", with: "")]
        var totals = (weightsBefore: 0, weightsAfter: 0, zerosBefore: 0, zerosAfter: 0, dspBefore: 0, dspAfter: 0)
        var objectiveAfter = Array(repeating: 0, count: result.resourcesAfter.count)
        for layer in result.layers {
            let name = layer.attributes.name
            let kernelBefore = before.layer(named: name)?.weight("kernel")?.tensor.values ?? []
            let kernelAfter = after.layer(named: name)?.weight("kernel")?.tensor.values ?? []
            let afterAttributes = reduced[name] ?? layer.attributes
            let zeros = (kernelBefore.reduce(0) { $1 == 0 ? $0 + 1 : $0 }, kernelAfter.reduce(0) { $1 == 0 ? $0 + 1 : $0 })
            let dsp = (VivadoDSPEstimator.dspCount(layer.attributes, kernel: kernelBefore), VivadoDSPEstimator.dspCount(afterAttributes, kernel: kernelAfter))
            var resourcesAfter = layer.resourcesAfter
            if let objective, let shrunk = reduced[name], shrunk.kernelShape != layer.attributes.kernelShape, result.objective == "gpu-flops" {
                resourcesAfter = objective.resources(of: shrunk)
            }
            for (index, value) in resourcesAfter.enumerated() where index < objectiveAfter.count { objectiveAfter[index] += value }
            totals.weightsBefore += kernelBefore.count
            totals.weightsAfter += kernelAfter.count
            totals.zerosBefore += zeros.0
            totals.zerosAfter += zeros.1
            totals.dspBefore += dsp.0
            totals.dspAfter += dsp.1
            let structure = layer.groups > 0 ? layer.optimization?.structure.rawValue ?? "-" : "not pruned"
            lines.append(row([name, structure, "\(kernelBefore.count) → \(kernelAfter.count)", "\(zeros.0) → \(zeros.1)", "\(dsp.0) → \(dsp.1)"],
                             objective: "\(list(layer.resourcesBefore)) → \(list(resourcesAfter))"))
        }
        lines.append(row(["**total**", "", "\(totals.weightsBefore) → \(totals.weightsAfter)", "\(totals.zerosBefore) → \(totals.zerosAfter)",
                          "\(totals.dspBefore) → \(totals.dspAfter)"],
                         objective: "\(list(result.resourcesBefore)) → \(list(objectiveAfter))"))
        lines += ["", "DSPs: one per multiplier with weights of at least 9 bits; Latency layers as hls4ml's multiplier_limit, Resource layers counting the multipliers that keep a non-zero weight (realised with Resource_Unrolled)."]
        if !reduced.isEmpty {
            lines += ["", "The model was reduced: all-zero neurons and filters were removed, so the after columns describe the smaller layers (the first line gives the selection, on the masked model)."]
        }
        if let scores {
            lines += ["", "Validation \(scores.before.metric.rawValue) (\(scores.before.samples) samples): \(format(scores.before.value)) before, \(format(scores.after.value)) after."]
            if let before = scores.firmwareBefore, let after = scores.firmwareAfter {
                lines += ["", "Firmware \(before.metric.rawValue) (hls4ml's C simulation, emulated; the search judged it): \(format(before.value)) before, \(format(after.value)) after."]
            }
        }
        if let search { lines += steps(search, resourcesBefore: result.resourcesBefore) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The search's steps as a table: sparsity, the objective's resources, the float metric, the
    /// firmware's when it was judged, and the decision.
    private static func steps(_ search: SparsitySearch.Outcome, resourcesBefore: [Int]) -> [String] {
        let firmware = search.baselineScore.firmware != nil
        func row(_ cells: [String]) -> String { "| " + cells.joined(separator: " | ") + " |" }
        var lines = ["", "## Search steps", "",
                     row(["step", "sparsity", "resources after", "metric"] + (firmware ? ["firmware metric"] : []) + ["accepted"]),
                     row(Array(repeating: "---", count: firmware ? 6 : 5)).replacingOccurrences(of: " ", with: ""),
                     row(["unpruned", "0.0 %", list(resourcesBefore), format(search.baselineScore.float)] + (search.baselineScore.firmware.map { [format($0)] } ?? []) + [""])]
        for (number, step) in search.steps.enumerated() {
            lines.append(row(["\(number + 1)", String(format: "%.1f %%", step.sparsity * 100), list(step.resourcesAfter), format(step.score.float)]
                             + (step.score.firmware.map { [format($0)] } ?? []) + [step.accepted ? "yes" : "no"]))
        }
        return lines
    }

    private static func list(_ values: [Int]) -> String { values.map(String.init).joined(separator: ", ") }
}
