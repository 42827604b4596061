import Foundation
import Training

/// Format-blind damage: flipped bytes and truncation, for any fixture.
enum ByteMutations {
    static func mutant(of bytes: Data, named name: String, fileExtension: String, using random: inout SeededGenerator) -> Mutant {
        var damaged = bytes
        if Bool.random(using: &random) {
            let length = Int.random(in: 0..<max(bytes.count, 1), using: &random)
            damaged = bytes.prefix(length)
            return Mutant("\(name): truncated to \(length) of \(bytes.count) bytes", fileExtension: fileExtension, bytes: damaged)
        }
        let flips = Int.random(in: 1...8, using: &random)
        var offsets: [Int] = []
        for _ in 0..<flips where !damaged.isEmpty {
            let offset = Int.random(in: 0..<damaged.count, using: &random)
            damaged[damaged.startIndex + offset] ^= UInt8.random(in: 1...255, using: &random)
            offsets.append(offset)
        }
        return Mutant("\(name): bytes flipped at \(offsets)", fileExtension: fileExtension, bytes: damaged)
    }
}
