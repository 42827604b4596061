import Foundation
import Pruning

/// How `prune` shows a selection: the documented JSON shape, or a table for people.
enum PruneReport {
    static func json(_ result: PruningResult, seconds: Double) -> OrderedJSON {
        .object([
            ("objective", .string(result.objective)),
            ("sparsity", .double(result.sparsity)),
            ("resources_before", integers(result.resourcesBefore)),
            ("resources_after", integers(result.resourcesAfter)),
            ("layers", .array(result.layers.map(layer))),
            ("seconds", .double((seconds * 1e6).rounded() / 1e6)),
        ])
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

    static func table(_ result: PruningResult, seconds: Double) -> String {
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
            "objective \(result.objective), target sparsity \(percent) %: \(list(result.resourcesBefore)) → \(list(result.resourcesAfter))"
                + " (selected in \(String(format: "%.1f", seconds * 1000)) ms)",
        ]).joined(separator: "\n")
    }

    private static func list(_ values: [Int]) -> String { values.map(String.init).joined(separator: ", ") }
}
