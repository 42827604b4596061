import Foundation

/// An array read from or written to a NumPy `.npy` file, values converted to `Float`.
public struct NumpyArray: Sendable, Equatable {
    /// The array's dimensions, outermost first.
    public var shape: [Int]
    /// The values in C order.
    public var values: [Float]
    /// The NumPy type the file stored (`<f4`, `<i8`, `|b1`, …).
    public var storedType: String

    public init(shape: [Int], values: [Float], storedType: String = "<f4") {
        precondition(shape.reduce(1, *) == values.count, "shape \(shape) does not hold \(values.count) values")
        self.shape = shape
        self.values = values
        self.storedType = storedType
    }
}

/// A `.npy` file that cannot be read, with the file and what was expected.
public struct NumpyError: Error, CustomStringConvertible, Equatable, Sendable {
    public var file: String
    public var message: String
    public var description: String { "\(file): \(message)" }
}

extension NumpyArray {
    /// Reads a `.npy` file (format versions 1.0, 2.0 and 3.0; little-endian numbers and booleans; C order).
    public static func read(path: String) throws -> NumpyArray {
        guard let data = FileManager.default.contents(atPath: path) else { throw NumpyError(file: path, message: "cannot read the file") }
        return try parse([UInt8](data), name: path)
    }

    /// Parses the bytes of a `.npy` file; `name` is used in errors.
    public static func parse(_ bytes: [UInt8], name: String) throws -> NumpyArray {
        let (type, shape, start, descr) = try layout(of: bytes, name: name)
        let values = bytes.withUnsafeBytes { raw in
            (0..<shape.reduce(1, *)).map { type.value(raw, at: start + $0 * type.size) }
        }
        return NumpyArray(shape: shape, values: values, storedType: descr)
    }

    /// Reads a `.npy` file's numbers as doubles, exactly (float64 data is not rounded to float32).
    ///
    /// ```swift
    /// let (shape, x) = try NumpyArray.readFloat64(path: "x.npy")
    /// ```
    public static func readFloat64(path: String) throws -> (shape: [Int], values: [Double]) {
        guard let data = FileManager.default.contents(atPath: path) else { throw NumpyError(file: path, message: "cannot read the file") }
        let bytes = [UInt8](data)
        let (type, shape, start, _) = try layout(of: bytes, name: path)
        let values = bytes.withUnsafeBytes { raw in
            (0..<shape.reduce(1, *)).map { type.doubleValue(raw, at: start + $0 * type.size) }
        }
        return (shape, values)
    }

    /// The element type, shape, first data byte and `descr` of a `.npy` file's bytes, checked to hold all the data.
    private static func layout(of bytes: [UInt8], name: String) throws -> (ElementType, [Int], Int, String) {
        func fail(_ message: String) -> NumpyError { NumpyError(file: name, message: message) }
        guard bytes.count >= 10, bytes.starts(with: [0x93] + Array("NUMPY".utf8)) else { throw fail("is not a .npy file (no \\x93NUMPY magic)") }
        let major = bytes[6]
        let headerLength: Int
        let headerStart: Int
        switch major {
        case 1:
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
            headerStart = 10
        case 2, 3:
            guard bytes.count >= 12 else { throw fail("is truncated inside its header") }
            headerLength = (0..<4).reduce(0) { $0 | Int(bytes[8 + $1]) << (8 * $1) }
            headerStart = 12
        default:
            throw fail("has .npy format version \(major).\(bytes[7]); versions 1.0, 2.0 and 3.0 are supported")
        }
        guard bytes.count >= headerStart + headerLength else { throw fail("is truncated inside its header") }
        let header = String(decoding: bytes[headerStart..<headerStart + headerLength], as: UTF8.self)
        let (descr, fortran, shape) = try parseHeader(header, fail)
        guard !fortran else { throw fail("is stored in Fortran order; save it in C order (numpy.ascontiguousarray)") }
        guard let type = ElementType(descr) else {
            throw fail("has element type '\(descr)'; expected little-endian float, integer or bool")
        }
        let count = shape.reduce(1, *)
        let start = headerStart + headerLength
        guard bytes.count - start >= count * type.size else {
            throw fail("holds \(bytes.count - start) bytes of data, expected \(count * type.size) for shape \(shape)")
        }
        return (type, shape, start, descr)
    }

    private static func parseHeader(_ header: String, _ fail: (String) -> NumpyError) throws -> (String, Bool, [Int]) {
        func field(_ key: String) -> Substring? {
            guard let range = header.range(of: "'\(key)':") else { return nil }
            return header[range.upperBound...].drop { $0 == " " }
        }
        guard let descrField = field("descr"), descrField.first == "'",
              let end = descrField.dropFirst().firstIndex(of: "'") else { throw fail("header has no 'descr'") }
        let descr = String(descrField[descrField.index(after: descrField.startIndex)..<end])
        guard let fortranField = field("fortran_order") else { throw fail("header has no 'fortran_order'") }
        let fortran = fortranField.hasPrefix("True")
        guard let shapeField = field("shape"), shapeField.first == "(", let close = shapeField.firstIndex(of: ")") else {
            throw fail("header has no 'shape'")
        }
        let dims = shapeField[shapeField.index(after: shapeField.startIndex)..<close].split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let shape = try dims.map { text in
            guard let size = Int(text), size >= 0 else { throw fail("header has an unreadable shape") }
            return size
        }
        return (descr, fortran, shape)
    }

    /// The NumPy element types this reader converts to `Float`.
    private enum ElementType {
        case float32, float64, int8, int16, int32, int64, uint8, uint16, uint32, uint64, bool

        init?(_ descr: String) {
            switch descr {
            case "<f4": self = .float32
            case "<f8": self = .float64
            case "|i1", "<i1", "i1": self = .int8
            case "<i2": self = .int16
            case "<i4": self = .int32
            case "<i8": self = .int64
            case "|u1", "<u1", "u1": self = .uint8
            case "<u2": self = .uint16
            case "<u4": self = .uint32
            case "<u8": self = .uint64
            case "|b1", "?": self = .bool
            default: return nil
            }
        }

        var size: Int {
            switch self {
            case .int8, .uint8, .bool: 1
            case .int16, .uint16: 2
            case .float32, .int32, .uint32: 4
            case .float64, .int64, .uint64: 8
            }
        }

        func doubleValue(_ raw: UnsafeRawBufferPointer, at offset: Int) -> Double {
            guard self == .float64 else { return Double(value(raw, at: offset)) }  // every other type is exact in Float's range
            return Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
        }

        func value(_ raw: UnsafeRawBufferPointer, at offset: Int) -> Float {
            switch self {
            case .float32: Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
            case .float64: Float(Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))))
            case .int8: Float(raw.loadUnaligned(fromByteOffset: offset, as: Int8.self))
            case .int16: Float(Int16(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: Int16.self)))
            case .int32: Float(Int32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: Int32.self)))
            case .int64: Float(Int64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: Int64.self)))
            case .uint8, .bool: Float(raw.loadUnaligned(fromByteOffset: offset, as: UInt8.self))
            case .uint16: Float(UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt16.self)))
            case .uint32: Float(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
            case .uint64: Float(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
            }
        }
    }

    /// The bytes of a version 1.0 `.npy` file holding this array as little-endian float32.
    public func npyBytes() -> [UInt8] {
        var bytes = Self.header(descr: "<f4", shape: shape)
        bytes.reserveCapacity(bytes.count + values.count * 4)
        // Little-endian words copied in one go (an array per value cost more than the prediction).
        values.map { $0.bitPattern.littleEndian }.withUnsafeBytes { bytes.append(contentsOf: $0) }
        return bytes
    }

    /// The bytes of a version 1.0 `.npy` file holding `values` of `shape` as little-endian float64.
    public static func npyBytes(float64 values: [Double], shape: [Int]) -> [UInt8] {
        var bytes = header(descr: "<f8", shape: shape)
        bytes.reserveCapacity(bytes.count + values.count * 8)
        values.map { $0.bitPattern.littleEndian }.withUnsafeBytes { bytes.append(contentsOf: $0) }
        return bytes
    }

    /// Magic, version 1.0, and the header dictionary padded to a multiple of 64 bytes.
    private static func header(descr: String, shape: [Int]) -> [UInt8] {
        let shapeText = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
        var header = "{'descr': '\(descr)', 'fortran_order': False, 'shape': \(shapeText), }"
        // Magic (6) + version (2) + length (2) + header + newline, padded to a multiple of 64.
        let unpadded = 10 + header.utf8.count + 1
        header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        let bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(header.utf8.count & 0xFF), UInt8(header.utf8.count >> 8)]
        return bytes + Array(header.utf8)
    }
}
