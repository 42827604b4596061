import Foundation
import OutputFiles
import Testing

@Suite struct NewFileTests {
    let folder: String = {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("hlsprune-newfile-\(UUID().uuidString)").path
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()

    @Test func neverWritesOverAnExistingFileOrThroughALink() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data("original".utf8).write(to: URL(fileURLWithPath: "\(folder)/target"))
        try FileManager.default.createSymbolicLink(atPath: "\(folder)/link", withDestinationPath: "target")
        for path in ["\(folder)/target", "\(folder)/link"] {
            #expect(throws: OutputError.self) { try NewFile.create(at: path, bytes: Array("new".utf8)) }
            #expect(throws: OutputError.self) { try NewFile.copyContents(of: "\(folder)/target", to: path) }
        }
        #expect(try String(contentsOfFile: "\(folder)/target", encoding: .utf8) == "original")
    }

    @Test func copiesTheContentOfALinkedFile() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let content = (0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try Data(content).write(to: URL(fileURLWithPath: "\(folder)/model.h5"))
        try FileManager.default.createSymbolicLink(atPath: "\(folder)/link.h5", withDestinationPath: "model.h5")
        try NewFile.copyContents(of: "\(folder)/link.h5", to: "\(folder)/copy.h5")
        let attributes = try FileManager.default.attributesOfItem(atPath: "\(folder)/copy.h5")
        #expect(attributes[.type] as? FileAttributeType == .typeRegular)
        #expect(FileIdentity(path: "\(folder)/copy.h5") != FileIdentity(path: "\(folder)/model.h5"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: "\(folder)/copy.h5")) == Data(content))
    }

    @Test func outputFileRefusesAnInputReachedThroughAHardLink() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data("x".utf8).write(to: URL(fileURLWithPath: "\(folder)/x.npy"))
        try FileManager.default.linkItem(atPath: "\(folder)/x.npy", toPath: "\(folder)/same.npy")
        let inputs = RunInputs(["\(folder)/x.npy"])
        #expect(throws: OutputError.isAnInput(output: "\(folder)/same.npy", input: "\(folder)/x.npy", resolved: "\(folder)/x.npy")) {
            try OutputFile.write(Array("y".utf8), to: "\(folder)/same.npy", inputs: inputs)
        }
        try OutputFile.write(Array("y".utf8), to: "\(folder)/other.npy", inputs: inputs)
        #expect(try String(contentsOfFile: "\(folder)/x.npy", encoding: .utf8) == "x")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["other.npy", "same.npy", "x.npy"])
    }
}
