import FixtureSupport
import Foundation
import Testing

/// Every header `emit` writes, from any input, compiles as C++: a translation unit includes them
/// all with stub typedefs for the type names they declare, with and without `__SYNTHESIS__` (the
/// initialised arrays). A type name with `/` (what ONNX layer names used to give) fails here.
@Suite struct HeaderCompileTests {
    static let compiler: String? = ["/usr/bin/c++", "/usr/bin/g++", "/usr/bin/clang++"].first { FileManager.default.isExecutableFile(atPath: $0) }

    static let models: [String] = Fixtures.onnxModels.map { Fixtures.onnxFolder.appendingPathComponent($0).path }
        + Fixtures.models.filter { $0.hasSuffix(".k2.h5") }.map(Fixtures.path)

    @Test func aCompilerIsInstalled() {
        #expect(Self.compiler != nil, "make test installs g++; no C++ compiler found")
    }

    @Test(arguments: models)
    func emittedHeadersCompile(model: String) throws {
        let compiler = try #require(Self.compiler)
        let workspace = try Workspace()
        defer { workspace.remove() }
        let result = try Command.run("emit", model, "-o", workspace.path("out"))
        guard result.exitCode == 0 else {
            // A model emit refuses (grouped convolutions, graphs hls4ml does not take) is refused cleanly.
            #expect(result.exitCode == 1 && result.standardError.contains("hlsprune: error: "), "\(result.standardError)")
            return
        }
        let folder = workspace.path("out/firmware/weights")
        let headers = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".h") }.sorted()
        #expect(!headers.isEmpty)
        var types = Set<String>()
        for header in headers {
            let text = try String(contentsOfFile: "\(folder)/\(header)", encoding: .utf8)
            for line in text.split(separator: "\n") where line.contains("[") && !line.hasPrefix("//") {
                if let type = line.split(separator: " ").first { types.insert(String(type)) }
            }
        }
        let unit = types.sorted().map { "typedef float \($0);" }.joined(separator: "\n") + "\n"
            + headers.map { "#include \"\(folder)/\($0)\"" }.joined(separator: "\n") + "\nint main() { return 0; }\n"
        try unit.write(toFile: workspace.path("unit.cpp"), atomically: true, encoding: .utf8)
        for defines in [[], ["-D__SYNTHESIS__"]] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: compiler)
            process.arguments = ["-fsyntax-only", "-w"] + defines + [workspace.path("unit.cpp")]
            let errors = Pipe()
            process.standardError = errors
            try process.run()
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "\(model) \(defines): \(message.prefix(600))")
        }
    }
}
