import Foundation
import Testing

@Suite struct KnapsackCommandTests {
    /// Writes `text` to a temporary file and returns its path.
    static func instanceFile(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("hlsprune-knapsack-\(UUID().uuidString).json").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func jsonOutputHasTheDocumentedShape() throws {
        let path = try Self.instanceFile(#"{"values": [4, 5, 6, 8, 3], "weights": [[2, 5, 3, 2, 5]], "capacity": [8]}"#)
        defer { try? FileManager.default.removeItem(atPath: path) }
        for method in ["automatic", "grouped", "branch-and-bound", "dynamic"] {
            let result = try Command.run("knapsack", path, "--method", method, "--json")
            #expect(result.exitCode == 0)
            #expect(result.standardOutput.hasPrefix(#"{"value": 18.0, "selected": [0, 2, 3], "optimal": true, "upper_bound": 18.0, "seconds": "#), "\(method)")
        }
    }

    @Test(arguments: [
        (#"{"values": [1], "weights": [[1.5]], "capacity": [1]}"#, "weights[0][0] is 1.5; weights and capacities must be integers"),
        (#"{"values": [1], "weights": [[1]]}"#, #"missing "capacity""#),
        (#"{"values": [1, 2], "weights": [[1]], "capacity": [1]}"#, "weight row 0 has 1 entries, expected one per value (2)"),
        (#"{"values": [1, 2], "weights": [[1, 1], [1, 1]], "capacity": [5, 5]} trailing"#, #"byte 68: the instance: expected the end of the file after its closing '}', found "trailing""#),
        (#"{"values": [1, NaN], "weights": [[1, 1]], "capacity": [1]}"#, #"byte 15: values[1]: expected a number, found "NaN""#),
        ("", "the file is empty"),
    ])
    func badInstancesExitWithTheReason(text: String, message: String) throws {
        let path = try Self.instanceFile(text)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try Command.run("knapsack", path)
        #expect(result.exitCode == 1)
        #expect(result.standardError.hasPrefix("hlsprune: error: \(path): "))
        #expect(result.standardError.contains(message), "\(result.standardError)")
    }

    @Test func dynamicProgrammingRefusesSeveralRows() throws {
        let path = try Self.instanceFile(#"{"values": [1, 2, 3], "weights": [[1, 2, 3], [3, 2, 1]], "capacity": [3, 3]}"#)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try Command.run("knapsack", path, "--method", "dynamic")
        #expect(result.exitCode == 1)
        #expect(result.standardError.contains("it handles one weight row"))
    }
}
