import ArgumentParser
import Foundation
import KerasIO
import ModelIR
import ONNXIO
import OutputFiles
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A model as a command read it: Keras (`.h5`, `.keras`) or ONNX (`.onnx`).
enum SourceModel {
    case keras(KerasModel)
    case onnx(ONNXModel)

    var graph: Graph {
        switch self {
        case .keras(let model): model.graph
        case .onnx(let model): model.graph
        }
    }

    var path: String {
        switch self {
        case .keras(let model): model.provenance.path
        case .onnx(let model): model.path
        }
    }

    /// `keras-h5`, `keras` or `onnx`.
    var formatName: String {
        switch self {
        case .keras(let model): model.provenance.format.rawValue
        case .onnx: "onnx"
        }
    }

    /// The writer's version, for people: `Keras 3.15.1`, `ONNX IR 8, opset 13, tf2onnx 1.17.0`.
    var versionLabel: String? {
        switch self {
        case .keras(let model): return model.provenance.kerasVersion.map { "Keras \($0)" }
        case .onnx(let model):
            let opset = model.proto.opsetImport.first { $0.domain.isEmpty }.map { ", opset \($0.version)" } ?? ""
            let producer = model.proto.producerName.isEmpty ? "" : ", \(model.proto.producerName) \(model.proto.producerVersion)"
            return "ONNX IR \(model.proto.irVersion)\(opset)\(producer)"
        }
    }

    var kerasVersion: String? {
        if case .keras(let model) = self { return model.provenance.kerasVersion }
        return nil
    }

    /// The file name `prune -o` writes the pruned model to, in the input's format.
    var prunedFileName: String {
        switch self {
        case .keras(let model): model.provenance.format == .archive ? "model_pruned.keras" : "model_pruned.h5"
        case .onnx: "model_pruned.onnx"
        }
    }

    /// The external data files an ONNX model's initializers are stored in (none for Keras).
    var externalDataPaths: [String] {
        guard case .onnx(let model) = self else { return [] }
        let folder = URL(fileURLWithPath: model.path).deletingLastPathComponent()
        return ((try? ONNXModelReader.externalDataFiles(of: model.proto, path: model.path)) ?? []).map { folder.appendingPathComponent($0).path }
    }

    /// The external data files written beside a pruned ONNX model, relative to its folder.
    var externalDataLocations: Set<String> {
        guard case .onnx(let model) = self else { return [] }
        return Set((try? ONNXModelReader.externalDataFiles(of: model.proto, path: model.path)) ?? [])
    }

    /// Writes `graph`'s weights over a copy of this model's file, as a new file at `destination`.
    func write(_ graph: Graph, to destination: String) throws {
        switch self {
        case .keras(let model): try KerasWeightWriter.write(graph, over: model, to: destination)
        case .onnx(let model) where graph.hasWeightShapes(of: model.graph):
            try ONNXModelWriter.write(graph, over: model, to: destination)
        case .onnx:
            // A reduced model no longer fits the original initializers: export it afresh (opset 13),
            // with the same input layout and names.
            try NewFile.create(at: destination, bytes: ONNXExporter.model(from: graph).serializedData())
        }
    }
}

/// Reads the model a command was given (by extension: `.onnx`, else Keras), turning a failure into
/// one line on stderr and exit code 1.
func loadModel(_ path: String) throws -> SourceModel {
    do {
        if path.lowercased().hasSuffix(".onnx") { return .onnx(try ONNXModelReader.read(path: path)) }
        return .keras(try KerasModelReader.read(path: path))
    } catch {
        printError("\(error)")
        throw ExitCode.failure
    }
}

/// Writes `hlsprune: error: <message>` to stderr.
func printError(_ message: String) {
    var standardError = StandardError()
    print("hlsprune: error: \(message)", to: &standardError)
}

/// Prints `error` as an error about the file at `path`, naming the file once (reader errors
/// already start with it).
func printError(_ error: any Error, about path: String) {
    let text = "\(error)"
    if error is OutputError { return printError(text) }
    printError(text.hasPrefix(path) ? text : "\(path): \(text)")
}

/// Unbuffered writes to file descriptor 2.
struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        var bytes = Array(string.utf8)
        _ = bytes.withUnsafeMutableBytes { writeToStandardError($0.baseAddress, $0.count) }
    }
}

/// `write(2, …)` of the C library; a free function because inside `StandardError` the name
/// `write` is the stream's own method (and `Glibc.write` would not compile on Darwin).
private func writeToStandardError(_ bytes: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    write(2, bytes, count)
}

extension Graph {
    /// Whether every layer of `other` with weights is here with weights of the same shapes.
    func hasWeightShapes(of other: Graph) -> Bool {
        other.layers.allSatisfy { layer in
            layer.weights.allSatisfy { weight in self.layer(named: layer.name)?.weight(weight.name)?.tensor.shape == weight.tensor.shape }
        }
    }
}
