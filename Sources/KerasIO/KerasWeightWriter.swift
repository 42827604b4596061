import Foundation
import HDF5
import ModelIR
import ZIPFoundation

/// Writes a model file with changed weights: a copy of the file it was read from in which only the
/// weight datasets whose values changed are overwritten (same datasets, shapes and stored types), so
/// Keras 2 and Keras 3 load it as they loaded the original. The input file is never modified.
public enum KerasWeightWriter {
    /// Writes `graph`'s weights over a copy of `model`'s file at `destination` (`.h5` → `.h5`,
    /// `.keras` → `.keras`).
    ///
    /// - Throws: when a weight changed shape (a reduced model needs its configuration rewritten,
    ///   which this writer does not do) or the file cannot be written.
    public static func write(_ graph: Graph, over model: KerasModel, to destination: String) throws {
        let changes = try changedWeights(graph, over: model)
        switch model.provenance.format {
        case .hdf5:
            try FileManager.default.copyItem(atPath: model.provenance.path, toPath: destination)
            let file = try File(path: destination, mode: .readWrite)
            try overwrite(changes, in: file)
            try file.flush()
        case .archive:
            try rewriteArchive(model.provenance.path, changes: changes, to: destination)
        }
    }

    private struct Change {
        var path: String
        var values: [Float]
    }

    private static func changedWeights(_ graph: Graph, over model: KerasModel) throws -> [Change] {
        var changes: [Change] = []
        for layer in graph.layers {
            guard let original = model.graph.layer(named: layer.name) else {
                throw KerasIOError(file: model.provenance.path, layer: layer.name, "is not a layer of the original model")
            }
            for weight in layer.weights {
                guard let before = original.weight(weight.name), before.tensor != weight.tensor else { continue }
                guard before.tensor.shape == weight.tensor.shape else {
                    throw KerasIOError(file: model.provenance.path, layer: layer.name,
                                       "weight '\(weight.name)' changed shape \(before.tensor.shape) → \(weight.tensor.shape); writing reduced models is not supported yet")
                }
                guard let path = model.weightDatasets[layer.name]?[weight.name] else {
                    throw KerasIOError(file: model.provenance.path, layer: layer.name, "no dataset is known for weight '\(weight.name)'")
                }
                changes.append(Change(path: path, values: weight.tensor.values))
            }
        }
        return changes
    }

    private static func overwrite(_ changes: [Change], in file: File) throws {
        let root = try file.rootGroup()
        for change in changes { try root.dataset(change.path).write(change.values) }
    }

    /// A new archive with every member copied and `model.weights.h5` replaced by the changed copy.
    private static func rewriteArchive(_ source: String, changes: [Change], to destination: String) throws {
        let input = try Archive(url: URL(fileURLWithPath: source), accessMode: .read)
        let scratch = URL(fileURLWithPath: destination).deletingLastPathComponent()
            .appendingPathComponent(".\(URL(fileURLWithPath: destination).lastPathComponent).weights.h5")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let output = try Archive(url: URL(fileURLWithPath: destination), accessMode: .create)
        for entry in input where entry.type == .file {
            var bytes = Data()
            _ = try input.extract(entry, skipCRC32: false) { bytes.append($0) }
            if entry.path == "model.weights.h5" {
                try bytes.write(to: scratch)
                do {
                    let file = try File(path: scratch.path, mode: .readWrite)
                    try overwrite(changes, in: file)
                    try file.flush()
                }
                bytes = try Data(contentsOf: scratch)
            }
            let content = bytes
            try output.addEntry(with: entry.path, type: .file, uncompressedSize: Int64(content.count), compressionMethod: .deflate) { position, size in
                content.subdata(in: Int(position)..<Int(position) + size)
            }
        }
    }
}
