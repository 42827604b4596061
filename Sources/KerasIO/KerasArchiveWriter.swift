import Foundation
import HDF5
import ModelIR
import ZIPFoundation

/// Writes an IR graph as a new Keras 3 `.keras` archive (`model.save("x.keras")`'s layout), which
/// `keras.models.load_model` reads: `metadata.json`, `config.json` (the Functional configuration of
/// ``KerasFunctionalConfig``, not compiled) and `model.weights.h5`, where each layer's variables
/// are `layers/<key>/vars/0`, `vars/1`, … with Keras's keys (the snake_case class name and a
/// counter, in ``KerasLayerOrder``). The same graph gives the same bytes: members carry a fixed
/// date (1980-01-01, the zip epoch) instead of the time of writing.
///
/// ```swift
/// try KerasArchiveWriter.write(try KerasModelReader.read(path: "model.h5").graph, to: "model.keras")
/// ```
public enum KerasArchiveWriter {
    /// The date written into the archive: the zip format's earliest, so output does not depend on when it ran.
    static let fixedDate = Date(timeIntervalSince1970: 315_532_800)

    /// - Parameters:
    ///   - path: a path where no file exists yet.
    ///   - displayPath: the path error messages name (the final one when `path` is a temporary file).
    /// - Throws: ``KerasIOError`` for layers a Keras 3 file cannot hold (as ``KerasH5Writer``).
    public static func write(_ graph: Graph, to path: String, displayPath: String? = nil) throws {
        let config = try KerasFunctionalConfig(graph, file: displayPath ?? path)
        var archiveConfig = config.model
        archiveConfig["module"] = "keras.src.models.functional"
        archiveConfig["registered_name"] = "Functional"
        archiveConfig["build_config"] = ["input_shape": NSNull()]
        archiveConfig["compile_config"] = NSNull()
        let metadata: [String: Any] = ["keras_version": KerasH5Writer.kerasVersion, "date_saved": "1980-01-01@00:00:00"]
        let members: [(String, Data)] = [
            ("metadata.json", Data(try KerasFunctionalConfig.json(metadata).utf8)),
            ("config.json", Data(try KerasFunctionalConfig.json(archiveConfig).utf8)),
            ("model.weights.h5", Data(try weightsFile(graph, config: config, name: displayPath ?? path))),
        ]
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
        for (name, content) in members {
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(content.count), modificationDate: fixedDate,
                                 compressionMethod: .deflate) { position, size in
                content.subdata(in: Int(position)..<Int(position) + size)
            }
        }
    }

    /// `model.weights.h5`, built in memory.
    private static func weightsFile(_ graph: Graph, config: KerasFunctionalConfig, name: String) throws -> [UInt8] {
        let file = try File(creatingInMemory: "\(name):model.weights.h5")
        let root = try file.rootGroup()
        let layers = try root.createGroup("layers")
        var used: [String: Int] = [:]
        for layer in config.orderedLayers {
            let key = uniqueKey(ArchiveWeightSource.snakeCase(config.classNames[layer.name]!), used: &used)
            let group = try layers.createGroup(key)
            let vars = try group.createGroup("vars")
            // Keras's variable order, which the reader maps back by position (`ArchiveWeightSource`).
            for (index, weight) in layer.kind.weightNames.compactMap(layer.weight).enumerated() {
                try vars.createDataset("\(index)", values: weight.tensor.values, shape: weight.tensor.shape)
            }
        }
        return try file.image()
    }

    /// Keras's `_get_unique_name`: the base name the first time, then `base_1`, `base_2`, ….
    private static func uniqueKey(_ base: String, used: inout [String: Int]) -> String {
        guard let count = used[base] else {
            used[base] = 0
            return base
        }
        used[base] = count + 1
        return "\(base)_\(count + 1)"
    }
}
