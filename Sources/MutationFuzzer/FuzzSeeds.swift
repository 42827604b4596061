import Foundation
import ONNXProto
import Training

/// The committed fixtures the mutants are made from, and the choice of the next mutation.
struct FuzzSeeds {
    /// ONNX models with their data inside (mutants are moved away from any external data file).
    var onnxModels: [(name: String, proto: Onnx_ModelProto)] = []
    /// Keras `.h5` files (Keras 2 and 3) by path.
    var kerasFiles: [String] = []
    /// Every seed file's bytes with its extension, for format-blind damage (`.keras` archives too).
    var files: [(name: String, fileExtension: String, bytes: Data)] = []

    init(repository: URL) throws {
        let onnxFolder = repository.appendingPathComponent("Fixtures/onnx")
        for name in try FileManager.default.contentsOfDirectory(atPath: onnxFolder.path).sorted() where name.hasSuffix(".onnx") {
            let bytes = try Data(contentsOf: onnxFolder.appendingPathComponent(name))
            let proto = try Onnx_ModelProto(serializedBytes: bytes)
            guard !proto.graph.initializer.contains(where: { $0.dataLocation == .external }) else { continue }
            onnxModels.append((name, proto))
            files.append((name, "onnx", bytes))
        }
        let kerasFolder = repository.appendingPathComponent("Fixtures/models")
        for name in try FileManager.default.contentsOfDirectory(atPath: kerasFolder.path).sorted() {
            let path = kerasFolder.appendingPathComponent(name).path
            if name.hasSuffix(".h5") {
                kerasFiles.append(path)
                files.append((name, "h5", try Data(contentsOf: URL(fileURLWithPath: path))))
            } else if name.hasSuffix(".keras") {
                files.append((name, "keras", try Data(contentsOf: URL(fileURLWithPath: path))))
            }
        }
    }

    /// The next mutant: a structural ONNX edit (40 %), a structural Keras edit (30 %) or byte
    /// damage to any seed (30 %).
    func mutant(using random: inout SeededGenerator, scratch: URL) throws -> Mutant {
        let draw = Int.random(in: 0..<10, using: &random)
        if draw < 4 {
            let seed = onnxModels.randomElement(using: &random)!
            return try ONNXMutations.mutant(of: seed.proto, named: seed.name, using: &random)
        }
        if draw < 7 {
            let path = kerasFiles.randomElement(using: &random)!
            return try KerasMutations.mutant(ofFileAt: path, named: URL(fileURLWithPath: path).lastPathComponent, scratch: scratch, using: &random)
        }
        let seed = files.randomElement(using: &random)!
        return ByteMutations.mutant(of: seed.bytes, named: seed.name, fileExtension: seed.fileExtension, using: &random)
    }
}
