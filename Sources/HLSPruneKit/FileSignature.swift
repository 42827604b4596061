import Foundation

/// What a file's first bytes say it is: an HDF5 file (Keras `.h5`, data sets), a zip archive
/// (Keras `.keras`), a protobuf starting with ONNX's `ir_version` field (field 1, varint), or other.
///
/// ```swift
/// FileSignature(path: "model.h5") == .hdf5
/// ```
package enum FileSignature: Equatable {
    case hdf5, zip, onnxCandidate, other

    package init(path: String) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            self = .other
            return
        }
        defer { try? handle.close() }
        let magic = [UInt8]((try? handle.read(upToCount: 8)) ?? Data())
        if magic == [0x89, 0x48, 0x44, 0x46, 0x0D, 0x0A, 0x1A, 0x0A] {
            self = .hdf5
        } else if magic.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            self = .zip
        } else {
            self = magic.first == 0x08 ? .onnxCandidate : .other
        }
    }
}
