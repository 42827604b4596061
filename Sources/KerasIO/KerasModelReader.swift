import Foundation
import HDF5
import ModelIR
import SystemZlib
import ZIPFoundation

/// Reads Keras models: full-model `.h5` files (Keras 2 and Keras 3) and Keras 3 `.keras` archives.
public enum KerasModelReader {
    /// Reads a model file into the IR.
    ///
    /// The format is recognised from the file's first bytes, not its extension.
    ///
    /// - Throws: ``KerasIOError`` naming the file (and the layer) and what was expected.
    public static func read(path: String) throws -> KerasModel {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw KerasIOError(file: path, "no such file") }
        guard !isDirectory.boolValue else { throw KerasIOError(file: path, "is a directory, expected a model file") }
        guard let handle = FileHandle(forReadingAtPath: path) else { throw KerasIOError(file: path, "cannot open the file for reading") }
        defer { try? handle.close() }
        let magic: [UInt8]
        do {
            magic = [UInt8](try handle.read(upToCount: 8) ?? Data())
        } catch {
            throw KerasIOError(file: path, "cannot read the file: \(error)")
        }
        do {
            if magic.isEmpty { throw KerasIOError(file: path, "is empty; expected a Keras .h5 or .keras model") }
            if magic.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return try readArchive(path: path) }
            if magic == [0x89, 0x48, 0x44, 0x46, 0x0D, 0x0A, 0x1A, 0x0A] { return try readHDF5(path: path) }
            throw KerasIOError(file: path, "is neither an HDF5 file nor a .keras archive (first bytes \(magic.map { String(format: "%02x", $0) }.joined()))")
        } catch let error as ConfigError {
            throw KerasIOError(file: path, layer: error.layer, error.message)
        } catch let error as GraphError {
            throw KerasIOError(file: path, layer: error.layer, error.message)
        } catch let error as HDF5Error {
            throw KerasIOError(file: path, error.description)
        }
    }

    private static func readHDF5(path: String) throws -> KerasModel {
        let root = try File(path: path).rootGroup()
        guard try root.hasAttribute("model_config") else {
            throw ConfigError("has no 'model_config' attribute; expected a full model saved with model.save(), not a weights-only file")
        }
        let configText = try root.attribute("model_config").readString()
        let version = try root.hasAttribute("keras_version") ? root.attribute("keras_version").readString() : nil
        let backend = try root.hasAttribute("backend") ? root.attribute("backend").readString() : nil
        let provenance = KerasProvenance(path: path, format: .hdf5, modelConfig: configText, kerasVersion: version, backend: backend)
        let config = try ModelConfig(parsing: try parseJSON(configText, "model_config"), isKeras3: provenance.isKeras3)
        return try assemble(config, weights: try LegacyH5WeightSource(root: root), provenance: provenance)
    }

    private static func readArchive(path: String) throws -> KerasModel {
        let archive: Archive
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw ConfigError("is a damaged or truncated zip archive (\(error))")
        }
        let configText = String(decoding: try member("config.json", of: archive), as: UTF8.self)
        let metadata = try? parseJSON(String(decoding: try member("metadata.json", of: archive), as: UTF8.self), "metadata.json")
        let provenance = KerasProvenance(path: path, format: .archive, modelConfig: configText,
                                         kerasVersion: metadata?["keras_version"]?.string, backend: nil)
        let config = try ModelConfig(parsing: try parseJSON(configText, "config.json"), isKeras3: true)
        let weightsFile = try File(image: try member("model.weights.h5", of: archive), name: "\(path):model.weights.h5")
        let source = ArchiveWeightSource(root: try weightsFile.rootGroup(), savedLayerOrder: config.savedLayerOrder)
        return try assemble(config, weights: source, provenance: provenance)
    }

    static func assemble(_ config: ModelConfig, weights source: some WeightSource, provenance: KerasProvenance) throws -> KerasModel {
        var layers = config.layers
        var datasets: [String: [String: String]] = [:]
        for index in layers.indices {
            let stored = try source.weights(for: layers[index], at: config.locations[index])
            layers[index].weights = stored.map(\.weight)
            if !stored.isEmpty {
                datasets[layers[index].name] = Dictionary(uniqueKeysWithValues: stored.map { ($0.weight.name, $0.path) })
            }
        }
        let graph = try Graph(name: config.name, layers: layers, inputs: config.inputs, outputs: config.outputs)
        return KerasModel(graph: graph, provenance: provenance, weightDatasets: datasets)
    }

    /// The bytes of member `name`, which must appear once. Its declared size is bounded by what
    /// its compressed bytes can expand to (deflate's largest ratio is 1032:1) before any memory is
    /// reserved, and extraction stops as soon as more bytes come out than declared.
    private static func member(_ name: String, of archive: Archive) throws -> [UInt8] {
        let matches = archive.filter { $0.path == name }
        guard let entry = matches.first else { throw ConfigError("the archive has no '\(name)'; expected a Keras 3 .keras file") }
        guard matches.count == 1 else { throw ConfigError("the archive holds '\(name)' \(matches.count) times; a .keras file holds it once") }
        let declared = entry.uncompressedSize
        guard declared <= max(entry.compressedSize, 1).multipliedReportingOverflow(by: 1032).partialValue,
              declared <= UInt64(Int.max), entry.compressedSize <= UInt64(Int.max) else {
            throw ConfigError("'\(name)' in the archive declares \(declared) bytes from \(entry.compressedSize) compressed; expected at most 1032 times more")
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(declared))
        do {
            // The CRC is checked below with zlib, many times faster than ZIPFoundation's own.
            _ = try archive.extract(entry, bufferSize: 1 << 20, skipCRC32: true) { chunk in
                guard UInt64(bytes.count + chunk.count) <= declared else { throw ArchiveMemberTooLarge() }
                bytes.append(contentsOf: chunk)
            }
        } catch is ArchiveMemberTooLarge {
            throw ConfigError("'\(name)' in the archive expands beyond the \(declared) bytes it declares")
        } catch {
            throw ConfigError("cannot extract '\(name)' from the archive: \(error)")
        }
        let checksum = bytes.withUnsafeBufferPointer { buffer in
            UInt32(crc32(0, buffer.baseAddress, uInt(buffer.count)))
        }
        guard checksum == entry.checksum else {
            throw ConfigError("'\(name)' in the archive is corrupt (CRC-32 \(checksum), expected \(entry.checksum))")
        }
        return bytes
    }

    /// Stops the extraction of a member that expands beyond its declared size.
    private struct ArchiveMemberTooLarge: Error {}

    static func parseJSON(_ text: String, _ what: String) throws -> JSONValue {
        do {
            return try JSONValue.parse(text)
        } catch {
            throw ConfigError("\(what) is not valid JSON")
        }
    }
}
