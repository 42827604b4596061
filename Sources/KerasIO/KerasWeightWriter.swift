import Foundation
import HDF5
import ModelIR
import OutputFiles
import ZIPFoundation

/// Writes a model file with changed weights: a copy of the file it was read from in which only the
/// weight datasets whose values changed are overwritten (same datasets, shapes and stored types), so
/// Keras 2 and Keras 3 load it as they loaded the original. For a reduced model (fewer units or
/// filters), the changed datasets are recreated with their new shapes, the model configuration is
/// rewritten to match (``ReducedModelConfig``) and optimizer state is dropped. A JSON + weights
/// model is written as the architecture JSON and a weights-only `.h5` beside it (the input's layout,
/// which Keras 2's `load_weights` reads). The input files are never modified.
public enum KerasWeightWriter {
    /// Writes `graph`'s weights over a copy of `model`'s file at `destination` (`.h5` → `.h5`,
    /// `.keras` → `.keras`). `destination` must not exist: it is created as a new regular file.
    /// For a JSON + weights model `destination` is the architecture JSON, and the weights go to
    /// ``ArchitectureWeights/written(beside:from:)`` (`<stem>_weights.h5`, or `<stem>.weights.h5`
    /// for Keras 3), which must not exist either.
    ///
    /// - Throws: when a weight is missing from the file or the file cannot be written.
    public static func write(_ graph: Graph, over model: KerasModel, to destination: String) throws {
        let changes = try changedWeights(graph, over: model)
        let reshaped = changes.contains { $0.newShape != nil }
        let config = reshaped ? try ReducedModelConfig.rewrite(model.provenance.modelConfig, reduced: graph) : nil
        switch model.provenance.format {
        case .hdf5:
            // The content, never a link: the copy is a new file, so writing it cannot reach the input.
            try NewFile.copyContents(of: model.provenance.path, to: destination)
            let file = try File(path: destination, mode: .readWrite)
            try overwrite(changes, in: file)
            if let config {
                let root = try file.rootGroup()
                try root.setStringAttribute("model_config", [config], scalar: true)
                if try root.kind(of: "optimizer_weights") != nil { try root.removeChild("optimizer_weights") }
            }
            try file.flush()
        case .archive:
            try rewriteArchive(model.provenance.path, changes: changes, config: config, to: destination)
        case .jsonWeights:
            guard let weights = model.provenance.weightsPath else {
                throw KerasIOError(file: model.provenance.path, "no weights file is known for the architecture")
            }
            let weightsDestination = ArchitectureWeights.written(beside: destination, from: weights)
            try NewFile.copyContents(of: weights, to: weightsDestination)
            let file = try File(path: weightsDestination, mode: .readWrite)
            try overwrite(changes, in: file)
            try file.flush()
            try NewFile.create(at: destination, bytes: Data((config ?? model.provenance.modelConfig).utf8))
        }
    }

    private struct Change {
        var path: String
        var values: [Float]
        /// The new shape when the weight was reduced (the dataset is then recreated).
        var newShape: [Int]?
    }

    private static func changedWeights(_ graph: Graph, over model: KerasModel) throws -> [Change] {
        var changes: [Change] = []
        for layer in graph.layers {
            guard let original = model.graph.layer(named: layer.name) else {
                throw KerasIOError(file: model.provenance.path, layer: layer.name, "is not a layer of the original model")
            }
            for weight in layer.weights {
                guard let before = original.weight(weight.name), before.tensor != weight.tensor else { continue }
                guard let path = model.weightDatasets[layer.name]?[weight.name] else {
                    throw KerasIOError(file: model.provenance.path, layer: layer.name, "no dataset is known for weight '\(weight.name)'")
                }
                changes.append(Change(path: path, values: weight.tensor.values,
                                      newShape: before.tensor.shape == weight.tensor.shape ? nil : weight.tensor.shape))
            }
        }
        return changes
    }

    private static func overwrite(_ changes: [Change], in file: File) throws {
        let root = try file.rootGroup()
        for change in changes {
            guard let shape = change.newShape else {
                try root.dataset(change.path).write(change.values)
                continue
            }
            let elementType = try root.dataset(change.path).elementType
            try root.removeChild(change.path)
            try root.createDataset(change.path, values: change.values, shape: shape, elementType: elementType)
        }
    }

    /// A new archive with every member copied and `model.weights.h5` replaced by the changed copy.
    private static func rewriteArchive(_ source: String, changes: [Change], config: String?, to destination: String) throws {
        let input = try Archive(url: URL(fileURLWithPath: source), accessMode: .read)
        let scratch = URL(fileURLWithPath: destination).deletingLastPathComponent()
            .appendingPathComponent(".\(URL(fileURLWithPath: destination).lastPathComponent).\(UUID().uuidString).weights.h5")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let output = try Archive(url: URL(fileURLWithPath: destination), accessMode: .create)
        for entry in input where entry.type == .file {
            var bytes = Data()
            _ = try input.extract(entry, skipCRC32: false) { bytes.append($0) }
            if entry.path == "model.weights.h5" {
                try NewFile.create(at: scratch.path, bytes: bytes)
                do {
                    let file = try File(path: scratch.path, mode: .readWrite)
                    try overwrite(changes, in: file)
                    if config != nil, try file.rootGroup().kind(of: "optimizer") != nil { try file.rootGroup().removeChild("optimizer") }
                    try file.flush()
                }
                bytes = try Data(contentsOf: scratch)
            } else if entry.path == "config.json", let config {
                bytes = Data(config.utf8)
            }
            let content = bytes
            // The member keeps the input's timestamp, so the same input gives the same bytes.
            let modified = entry.fileAttributes[.modificationDate] as? Date ?? Date(timeIntervalSince1970: 315_532_800)
            try output.addEntry(with: entry.path, type: .file, uncompressedSize: Int64(content.count), modificationDate: modified,
                                compressionMethod: .deflate) { position, size in
                content.subdata(in: Int(position)..<Int(position) + size)
            }
        }
    }
}
