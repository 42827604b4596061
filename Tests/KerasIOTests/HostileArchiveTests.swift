import FixtureSupport
import Foundation
import KerasIO
import Testing
import ZIPFoundation

/// `.keras` archives whose members lie about their size: refused before memory is reserved for
/// the claim, and extraction stops where the claim ends (a zip bomb cannot expand past it).
struct HostileArchiveTests {
    /// `fixture` with the uncompressed size of `member` in its central directory set to `size`.
    static func archive(_ fixture: String, declaring size: UInt32, for member: String, compressed: Bool = false) throws -> DamagedCopy {
        let copy = try DamagedCopy(of: fixture)
        if compressed { try deflate(copy.path) }
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: copy.path)))
        var patched = false
        for offset in 0..<(bytes.count - 46) where bytes[offset..<offset + 4] == [0x50, 0x4B, 0x01, 0x02] {
            let nameLength = Int(bytes[offset + 28]) | Int(bytes[offset + 29]) << 8
            guard offset + 46 + nameLength <= bytes.count, String(decoding: bytes[offset + 46..<offset + 46 + nameLength], as: UTF8.self) == member
            else { continue }
            for index in 0..<4 { bytes[offset + 24 + index] = UInt8(truncatingIfNeeded: size >> (8 * UInt32(index))) }
            patched = true
        }
        guard patched else { throw EditError() }
        try Data(bytes).write(to: URL(fileURLWithPath: copy.path))
        return copy
    }

    @Test(arguments: ["config.json", "model.weights.h5"])
    func hugeDeclaredSizeIsRefused(_ member: String) throws {
        let copy = try Self.archive("jet_mlp.keras", declaring: 0xFFFF_FFF0, for: member)
        let error = try #require(throws: KerasIOError.self) { try KerasModelReader.read(path: copy.path) }
        #expect(error.description.contains("'\(member)' in the archive declares 4294967280 bytes"), "\(error)")
    }

    /// The archive at `path` rewritten with every member deflated.
    static func deflate(_ path: String) throws {
        let source = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        let target = path + ".deflated"
        let archive = try Archive(url: URL(fileURLWithPath: target), accessMode: .create)
        for entry in source {
            var bytes = Data()
            _ = try source.extract(entry) { bytes.append($0) }
            try archive.addEntry(with: entry.path, type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: .deflate) { position, size in
                bytes.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        try FileManager.default.removeItem(atPath: path)
        try FileManager.default.moveItem(atPath: target, toPath: path)
    }

    /// A deflated member that inflates past the size it declares (a zip bomb's trick) is cut off
    /// where the declaration ends.
    @Test(arguments: ["config.json", "model.weights.h5"])
    func memberExpandingPastItsDeclaredSizeIsRefused(_ member: String) throws {
        let copy = try Self.archive("jet_mlp.keras", declaring: 10, for: member, compressed: true)
        let error = try #require(throws: KerasIOError.self) { try KerasModelReader.read(path: copy.path) }
        #expect(error.description.contains("'\(member)' in the archive expands beyond the 10 bytes it declares"), "\(error)")
    }
}
