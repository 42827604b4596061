import Foundation
import ModelIR
import ONNXProto

/// The values of a `TensorProto`, from whichever field holds them (`raw_data`, the typed fields or
/// an external file beside the model).
struct TensorDecoding {
    /// The model's external data files, each read once.
    let externalFiles: ExternalDataFiles
    let file: String

    init(folder: URL, file: String) {
        externalFiles = ExternalDataFiles(folder: folder)
        self.file = file
    }

    /// The tensor's shape and values as `Float` (the IR's element type; integer tensors hold shapes
    /// and axes, exact in Float up to 2^24), with the type it was stored as.
    func values(of tensor: Onnx_TensorProto) throws -> (shape: [Int], values: [Float], type: ScalarType) {
        let name = tensor.name
        func fail(_ message: String) -> ONNXError { ONNXError(file: file, node: "initializer \(name)", message) }
        guard tensor.dims.allSatisfy({ $0 >= 0 }) else { throw fail("has negative dimensions \(tensor.dims)") }
        let shape = tensor.dims.map(Int.init)
        guard let count = shape.checkedProduct else { throw fail("has dims \(shape) whose element count overflows") }
        let raw: Data?
        if tensor.dataLocation == .external {
            raw = try externalBytes(tensor, fail: fail)
        } else {
            raw = tensor.hasRawData ? tensor.rawData : nil
        }
        let type: ScalarType
        let typedCount: Int
        switch Onnx_TensorProto.DataType(rawValue: Int(tensor.dataType)) {
        case .float: (type, typedCount) = (.float32, tensor.floatData.count)
        case .double: (type, typedCount) = (.float64, tensor.doubleData.count)
        case .int64: (type, typedCount) = (.int64, tensor.int64Data.count)
        case .int32: (type, typedCount) = (.int32, tensor.int32Data.count)
        default: throw fail("has element type \(tensor.dataType); float, double, int32 and int64 are supported")
        }
        // Compared before anything is allocated for the values: the dims may claim any size.
        let present = raw.map { $0.count / type.byteCount } ?? typedCount
        guard present == count, raw.map({ $0.count % type.byteCount == 0 }) ?? true else {
            throw fail("holds \(raw.map { "\($0.count) bytes" } ?? "\(typedCount) values") but its dims \(shape) need \(count) values of \(type.byteCount) bytes")
        }
        let values: [Float]
        switch type {
        case .float32: values = raw.map(Self.floats) ?? tensor.floatData
        case .float64: values = raw.map { Self.littleEndian($0, as: UInt64.self).map { Float(Double(bitPattern: $0)) } } ?? tensor.doubleData.map(Float.init)
        case .int64: values = raw.map { Self.littleEndian($0, as: UInt64.self).map { Float(Int64(bitPattern: $0)) } } ?? tensor.int64Data.map(Float.init)
        default: values = raw.map { Self.littleEndian($0, as: UInt32.self).map { Float(Int32(bitPattern: $0)) } } ?? tensor.int32Data.map(Float.init)
        }
        return (shape, values, type)
    }

    /// Little-endian float32 values, copied straight into the array (no intermediate words).
    private static func floats(_ data: Data) -> [Float] {
        guard data.count % 4 == 0 else { return [] }
        return [Float](unsafeUninitializedCapacity: data.count / 4) { buffer, initialized in
            data.withUnsafeBytes { bytes in
                for index in 0..<data.count / 4 {
                    buffer[index] = Float(bitPattern: UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: index * 4, as: UInt32.self)))
                }
            }
            initialized = data.count / 4
        }
    }

    /// Little-endian words of `data`; a length that is not a whole number of words gives no values
    /// (the count check then reports the mismatch).
    private static func littleEndian<T: FixedWidthInteger>(_ data: Data, as: T.Type) -> [T] {
        let size = MemoryLayout<T>.size
        guard data.count % size == 0 else { return [] }
        return data.withUnsafeBytes { bytes in
            (0..<data.count / size).map { T(littleEndian: bytes.loadUnaligned(fromByteOffset: $0 * size, as: T.self)) }
        }
    }

    /// The bytes of an external tensor.
    private func externalBytes(_ tensor: Onnx_TensorProto, fail: (String) -> ONNXError) throws -> Data {
        let external = try ExternalData(tensor, files: externalFiles, fail: fail)
        return external.contents.subdata(in: external.range)
    }
}

/// Where an initializer stored outside the model lives: `location` relative to the model's folder
/// (no absolute path, no `..`), and `offset` and `length` within that file.
struct ExternalData {
    var location: String
    /// The whole file.
    var contents: Data
    /// The tensor's bytes within it.
    var range: Range<Int>

    init(_ tensor: Onnx_TensorProto, files: ExternalDataFiles, fail: (String) -> ONNXError) throws {
        let entries = Dictionary(tensor.externalData.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
        guard let location = entries["location"], !location.isEmpty else { throw fail("is external but has no location") }
        guard !location.hasPrefix("/"), !location.split(separator: "/").contains("..") else {
            throw fail("external data location '\(location)' leaves the model's folder")
        }
        guard let contents = files.contents(of: location) else {
            throw fail("cannot read external data '\(location)'")
        }
        let offset = Int(entries["offset"] ?? "0") ?? -1
        let length = entries["length"].map { Int($0) ?? -1 } ?? (contents.count - max(offset, 0))
        guard offset >= 0, length >= 0, offset <= contents.count, length <= contents.count - offset else {
            throw fail("external data offset \(offset) and length \(length) do not fit '\(location)' (\(contents.count) bytes)")
        }
        self.location = location
        self.contents = contents
        self.range = offset..<offset + length
    }
}

/// The external data files of one model, by location relative to its folder, each read from disk
/// once however many tensors it holds (a model of many external tensors read its file per tensor).
///
/// ```swift
/// let files = ExternalDataFiles(folder: URL(fileURLWithPath: "models"))
/// let bytes = files.contents(of: "mlp.data")   // read now; later calls return the same Data
/// ```
final class ExternalDataFiles {
    let folder: URL
    private var read: [String: Data] = [:]

    init(folder: URL) { self.folder = folder }

    /// The whole file at `location`, or nil when it cannot be read.
    func contents(of location: String) -> Data? {
        if let data = read[location] { return data }
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(location).path) else { return nil }
        read[location] = data
        return data
    }
}

extension ScalarType {
    /// Bytes per element of the four types an initializer may have.
    fileprivate var byteCount: Int { self == .float64 || self == .int64 ? 8 : 4 }
}
