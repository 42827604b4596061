import Foundation
import Testing
@testable import HLSEmit

/// The compiled-in templates equal the files in `templates/`.
struct TemplateTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("templates")

    @Test func weightHeaderTemplateIsInSync() throws {
        let file = try String(contentsOf: Self.folder.appendingPathComponent("weight_header.h"), encoding: .utf8)
        #expect(Templates.weightHeader == file)
    }
}
