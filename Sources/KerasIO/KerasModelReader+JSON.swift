import Foundation
import HDF5
import ModelIR

extension KerasModelReader {
    /// The largest architecture JSON read (real ones are kilobytes; a bound keeps a damaged or
    /// wrong file from being loaded whole).
    static let largestArchitecture = 64 << 20

    /// Reads a model saved as an architecture JSON (`model.to_json()`, Keras 2.0 and later:
    /// `Sequential`, `Model` or `Functional`) and a weights file: Keras 2's `model.save_weights`
    /// `.h5` (weights found through its `layer_names` and `weight_names`), a full-model `.h5`, or
    /// Keras 3's `.weights.h5`. This is hls4ml's `KerasJson` + `KerasH5` input; as hls4ml's reader
    /// does, it names the input of an old Sequential model without an InputLayer `input1`.
    ///
    /// ```swift
    /// let model = try KerasModelReader.read(architecture: "jet.json", weights: "jet_weights.h5")
    /// print(model.graph.layers.map(\.name))
    /// ```
    ///
    /// - Throws: ``KerasIOError`` naming the JSON (for the architecture) or the weights file (for
    ///   its weights), the layer, and what was expected.
    public static func read(architecture path: String, weights weightsPath: String) throws -> KerasModel {
        let text = try architectureText(path)
        let json = try inArchitecture(path) {
            let json = try parseJSON(text, "the architecture")
            guard json["class_name"]?.string != nil, json["config"] != nil else {
                throw ConfigError("is not a Keras architecture (model.to_json()): expected a JSON object with class_name and config")
            }
            return json
        }
        let (root, isKeras3Layout) = try inWeights(weightsPath) {
            guard FileManager.default.isReadableFile(atPath: weightsPath) else { throw ConfigError("no such file; expected the model's weights (.h5)") }
            let root = try File(path: weightsPath).rootGroup()
            let isKeras3Layout = try !root.hasAttribute("layer_names") && root.kind(of: "model_weights") == nil && root.kind(of: "layers") == .group
            return (root, isKeras3Layout)
        }
        // `hard_sigmoid` depends on the Keras version: Keras 2 writes it into the JSON, Keras 3
        // writes none, but only Keras 3 writes the `layers/…/vars` weights layout.
        let version = json["keras_version"]?.string
        let isKeras3 = isKeras3Layout || (version.flatMap { $0.split(separator: ".").first }.flatMap { Int($0) }.map { $0 >= 3 } ?? false)
        let config = try inArchitecture(path) { try ModelConfig(parsing: json, isKeras3: isKeras3, hls4mlInputName: true) }
        let provenance = KerasProvenance(path: path, format: .jsonWeights, weightsPath: weightsPath, modelConfig: text,
                                         kerasVersion: version, backend: json["backend"]?.string)
        return try inWeights(weightsPath) {
            isKeras3Layout
                ? try assemble(config, weights: ArchiveWeightSource(root: root, savedLayerOrder: config.savedLayerOrder), provenance: provenance)
                : try assemble(config, weights: try LegacyH5WeightSource(weightsFile: root), provenance: provenance)
        }
    }

    /// Runs `body`, reporting its configuration errors as errors of the architecture file.
    private static func inArchitecture<T>(_ path: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as ConfigError {
            throw KerasIOError(file: path, layer: error.layer, error.message)
        }
    }

    /// Runs `body`, reporting its errors as errors of the weights file.
    private static func inWeights<T>(_ path: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as ConfigError {
            throw KerasIOError(file: path, layer: error.layer, error.message)
        } catch let error as GraphError {
            throw KerasIOError(file: path, layer: error.layer, error.message)
        } catch let error as HDF5Error {
            throw KerasIOError(file: path, "is not a readable HDF5 weights file: \(error.description)")
        }
    }

    /// The architecture file's text: a regular file of at most ``largestArchitecture`` bytes of UTF-8.
    private static func architectureText(_ path: String) throws -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw KerasIOError(file: path, "no such file") }
        guard !isDirectory.boolValue else { throw KerasIOError(file: path, "is a directory, expected a Keras architecture JSON") }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
        guard size <= largestArchitecture else {
            throw KerasIOError(file: path, "is \(size) bytes; a Keras architecture JSON is expected to be at most \(largestArchitecture)")
        }
        guard let data = FileManager.default.contents(atPath: path) else { throw KerasIOError(file: path, "cannot read the file") }
        guard let text = String(data: data, encoding: .utf8) else { throw KerasIOError(file: path, "is not UTF-8 text; expected a Keras architecture JSON") }
        return text
    }
}
