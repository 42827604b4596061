import Foundation

extension OutputFolder {
    /// One entry of an existing output folder.
    struct Entry {
        var relativePath: String
        var isFolder: Bool
    }

    /// The entries of `folder` (parents before children), after checking that none is an input.
    static func scan(_ folder: String, shownAs shown: String, inputs: RunInputs, skipping staging: String) throws -> [Entry] {
        var owned: [Entry] = []
        var pending = [""]
        while let relativeFolder = pending.popLast() {
            let absolute = relativeFolder.isEmpty ? folder : "\(folder)/\(relativeFolder)"
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: absolute).sorted()
            } catch {
                throw OutputError.cannotWrite(path: shown, reason: "cannot list \(absolute): \(error.localizedDescription)")
            }
            for name in names {
                let relativePath = relativeFolder.isEmpty ? name : "\(relativeFolder)/\(name)"
                let full = "\(folder)/\(relativePath)"
                if full == staging { continue }
                try inputs.refuseOverwriting(full, as: "\(shown)/\(relativePath)")
                var information = stat()
                let isFolder = lstat(full, &information) == 0 && (information.st_mode & S_IFMT) == S_IFDIR
                owned.append(Entry(relativePath: relativePath, isFolder: isFolder))
                if isFolder { pending.append(relativePath) }
            }
        }
        return owned
    }
}
