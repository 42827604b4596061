import Foundation

extension OutputFolder {
    /// One entry of an existing output folder that hlsprune owns.
    struct Entry {
        var relativePath: String
        var isFolder: Bool
    }

    /// The entries of `folder` (top level, and inside the folders hlsprune owns; parents before
    /// children), after checking that none is an input and all are hlsprune's.
    static func scan(_ folder: String, shownAs shown: String, layout: OutputLayout, inputs: RunInputs, skipping staging: String) throws -> [Entry] {
        var owned: [Entry] = []
        var others: [String] = []
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
                guard layout.owns(relativePath, isFolder: isFolder) else {
                    others.append(isFolder ? relativePath + "/" : relativePath)
                    continue
                }
                owned.append(Entry(relativePath: relativePath, isFolder: isFolder))
                if isFolder, !OutputLayout.isStaging(relativePath) { pending.append(relativePath) }
            }
        }
        guard others.isEmpty else { throw OutputError.holdsOtherFiles(folder: shown, names: others) }
        return owned
    }
}
