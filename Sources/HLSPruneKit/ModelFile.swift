import Foundation
import GraphPasses
import KerasIO
import ModelIR
import ONNXIO
import OutputFiles

/// A trained model read from its file — Keras 2/3 `.h5`, Keras 3 `.keras`, a Keras architecture
/// JSON with its weights `.h5`, ONNX, or an hls4ml configuration naming one of them — with what is
/// needed to write it back in its own format with changed weights.
///
/// An ONNX graph is read node by node (``rawGraph``), then brought to its canonical form by
/// ``PassPipeline/standard`` (``graph``): the layers of the model it was exported from, which
/// every command works on. Changed weights are written back through the passes' weight origins
/// into the original initializers.
///
/// ```swift
/// let model = try ModelFile.open("jet_tagger.keras")
/// print(model.format, model.graph.layers.count)
/// let old = try ModelFile.open("KERAS_conv1d.json", weights: "KERAS_conv1d_weights.h5")
/// ```
public struct ModelFile: Sendable {
    /// The file formats hlsprune reads.
    public enum Format: String, Sendable {
        /// A full-model `.h5` written by Keras 2 or 3 (`model.save`).
        case kerasH5 = "keras-h5"
        /// A Keras 3 `.keras` archive.
        case keras
        /// A Keras architecture JSON (`model.to_json()`) with a weights-only `.h5` (`save_weights`).
        case kerasJSON = "keras-json"
        /// An ONNX model (`.onnx`), possibly with external data files beside it.
        case onnx
    }

    package enum Source: Sendable {
        case keras(KerasModel)
        case onnx(ONNXModel)
    }

    /// The path the model was opened from.
    public let path: String
    /// The model as hlsprune holds it: for ONNX, the canonical form of ``rawGraph``.
    public let graph: Graph
    /// The graph as read, node by node for ONNX (`inspect --raw`); ``graph`` for Keras.
    public let rawGraph: Graph
    /// Where each weight of ``graph`` came from in ``rawGraph`` (ONNX only).
    package let weightOrigins: WeightOrigins?
    public let format: Format
    package let source: Source
    /// The external data files an ONNX model keeps its initializers in, relative to its folder
    /// (written beside a pruned ONNX model too); empty for Keras.
    public let externalDataLocations: Set<String>
    /// The hls4ml configuration the model was opened through, whose settings apply as `--config`'s.
    public private(set) var hlsConfigFile: String?
    /// How the model's files were found, for people (which weights file was taken, say).
    private var openingNotes: [String] = []

    /// A Keras model as read, or an ONNX model with the canonical form of its graph.
    package init(path: String, source: Source) throws {
        self.path = path
        self.source = source
        switch source {
        case .keras(let model):
            graph = model.graph
            rawGraph = model.graph
            weightOrigins = nil
            switch model.provenance.format {
            case .archive: format = .keras
            case .hdf5: format = .kerasH5
            case .jsonWeights: format = .kerasJSON
            }
            externalDataLocations = []
        case .onnx(let model):
            let canonical: PassPipeline.Result
            do {
                canonical = try PassPipeline.standard.run(on: model.graph)
            } catch {
                throw ONNXError(file: path, "cannot bring the graph to its canonical form: \(error)")
            }
            graph = canonical.graph
            rawGraph = model.graph
            weightOrigins = canonical.origins
            format = .onnx
            externalDataLocations = Set(ONNXModelReader.externalDataLocations(of: model.proto))
        }
    }

    /// Opens the model at `path`, recognising the format by its first bytes: HDF5 (Keras `.h5`),
    /// a zip archive (Keras `.keras`), or a protobuf starting with ONNX's `ir_version` field; a
    /// `.onnx` file is always read as ONNX. A `.json` file is a Keras architecture whose weights
    /// are `weights`, or without it `<stem>_weights.h5` or `<stem>.h5` beside it (``notes`` says
    /// which). A `.yml`/`.yaml` file is an hls4ml configuration naming the model
    /// (``hlsConfigFile``).
    ///
    /// - Throws: ``KerasIOError``, ``ONNXError`` or ``HLSConfig/ConfigurationError`` naming the
    ///   file, the layer, node or key, and what was expected.
    public static func open(_ path: String, weights: String? = nil) throws -> ModelFile {
        if HLS4MLConfigFile.isConfiguration(path) {
            if weights != nil { throw HLSPruneError.setting(name: "--weights", reason: "\(path) is an hls4ml configuration; its KerasH5 names the weights") }
            let entry = try HLS4MLConfigFile(path: path)
            var model = try open(entry.model, weights: entry.weights)
            model.hlsConfigFile = path
            model.openingNotes.insert("model \(entry.model) named by the hls4ml configuration \(path), whose settings apply as --config's", at: 0)
            return model
        }
        if (path as NSString).pathExtension.lowercased() == "json" { return try openArchitecture(path, weights: weights) }
        if let weights { throw HLSPruneError.setting(name: "--weights", reason: "\(weights) is given, but \(path) is not a Keras architecture .json") }
        let signature = FileSignature(path: path)
        if signature == .onnxCandidate || (signature == .other && path.lowercased().hasSuffix(".onnx")) {
            return try ModelFile(path: path, source: .onnx(try ONNXModelReader.read(path: path)))
        }
        return try ModelFile(path: path, source: .keras(try KerasModelReader.read(path: path)))
    }

    /// A Keras architecture JSON with its weights, named or found beside it.
    private static func openArchitecture(_ path: String, weights: String?) throws -> ModelFile {
        var notes: [String] = []
        let weightsPath: String
        if let weights {
            weightsPath = weights
        } else if let found = ArchitectureWeights.beside(path) {
            weightsPath = found
            notes.append("weights read from \(found), found beside \(path) (give --weights to choose another file)")
        } else {
            let tried = ArchitectureWeights.candidates(for: path).joined(separator: ", ")
            throw KerasIOError(file: path, "is an architecture without weights: no \(tried) beside it; give the weights file with --weights")
        }
        var model = try ModelFile(path: path, source: .keras(try KerasModelReader.read(architecture: path, weights: weightsPath)))
        model.openingNotes = notes
        return model
    }

    /// The version of the program that wrote the file, for people: `Keras 3.15.1`, `ONNX IR 8,
    /// opset 13, tf2onnx 1.17.0`.
    public var writerDescription: String? {
        switch source {
        case .keras(let model): return model.provenance.kerasVersion.map { "Keras \($0)" }
        case .onnx(let model):
            let opset = model.proto.opsetImport.first { $0.domain.isEmpty }.map { ", opset \($0.version)" } ?? ""
            let producer = model.proto.producerName.isEmpty ? "" : ", \(model.proto.producerName) \(model.proto.producerVersion)"
            return "ONNX IR \(model.proto.irVersion)\(opset)\(producer)"
        }
    }

    /// Things a user should know about how the model was read: which weights file was taken, the
    /// hls4ml configuration it came through, what the reader assumed where the file left a choice
    /// (an ONNX graph's fixed batch size). `inspect` prints these under its table.
    public var notes: [String] {
        if case .onnx(let model) = source { return openingNotes + model.notes }
        return openingNotes
    }

    /// The Keras version recorded in a Keras file.
    public var kerasVersion: String? {
        if case .keras(let model) = source { return model.provenance.kerasVersion }
        return nil
    }

    /// The name `prune` gives the pruned model: `model_pruned` with the input's extension.
    public var prunedFileName: String {
        switch format {
        case .keras: "model_pruned.keras"
        case .kerasH5: "model_pruned.h5"
        case .kerasJSON: "model_pruned.json"
        case .onnx: "model_pruned.onnx"
        }
    }

    /// Every file this model was read from: the model, a JSON model's weights, an ONNX model's
    /// external data files, and the hls4ml configuration that named them.
    public var inputFiles: [String] {
        let configuration = [hlsConfigFile].compactMap { $0 }
        switch source {
        case .keras(let model): return [path] + [model.provenance.weightsPath].compactMap { $0 } + configuration
        case .onnx:
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
            return [path] + externalDataLocations.sorted().map { folder.appendingPathComponent($0).path } + configuration
        }
    }

    /// Writes `graph` — this model with changed weights, or reduced — in this model's format as a
    /// new file at `destination`: a copy of the original with only the changed weights replaced
    /// (Keras, ONNX: each canonical weight written back to the initializer it came from), or, for
    /// an ONNX model whose weights changed shape, a fresh ONNX export of the canonical graph. A
    /// JSON model is written as the JSON at `destination` and its weights-only `.h5` beside it
    /// (`<stem>_weights.h5`, or `<stem>.weights.h5` for Keras 3 weights).
    public func write(_ graph: Graph, to destination: String) throws {
        switch source {
        case .keras(let model): try KerasWeightWriter.write(graph, over: model, to: destination)
        case .onnx(let model) where graph.hasWeightShapes(of: self.graph):
            let raw: Graph
            do {
                raw = try weightOrigins!.writing(graph, onto: model.graph)
            } catch {
                throw ONNXError(file: path, "cannot write the weights back to their initializers: \(error)")
            }
            try ONNXModelWriter.write(raw, over: model, to: destination)
        case .onnx:
            // A reduced model no longer fits the original initializers: export it afresh (opset 13),
            // with the same input layout and names.
            try NewFile.create(at: destination, bytes: ONNXExporter.model(from: graph).serializedData())
        }
    }
}

extension Graph {
    /// Whether every layer of `other` with weights is here with weights of the same shapes.
    func hasWeightShapes(of other: Graph) -> Bool {
        other.layers.allSatisfy { layer in
            layer.weights.allSatisfy { weight in self.layer(named: layer.name)?.weight(weight.name)?.tensor.shape == weight.tensor.shape }
        }
    }
}
