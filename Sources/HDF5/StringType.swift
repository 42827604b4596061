import CHDF5

/// A string datatype in memory, and the conversion of Swift strings to and from its buffers.
struct StringType {
    let handle: Handle
    /// `nil` for variable-length strings, the byte length of each string otherwise.
    let fixedLength: Int?

    /// The memory type for writing `strings` with `encoding`.
    init(encoding: StringEncoding, strings: [String], _ operation: String, _ path: String) throws {
        let length = strings.map { $0.utf8.count }.max() ?? 0
        try self.init(fixedLength: encoding == .fixedLength ? max(length, 1) : nil, operation, path)
    }

    /// A memory type in the character set `characterSet` (UTF-8 unless reading data stored as
    /// ASCII, which HDF5 will not convert), variable-length when `fixedLength` is `nil`.
    init(fixedLength: Int?, characterSet: H5T_cset_t = H5T_CSET_UTF8, _ operation: String, _ path: String) throws {
        let id = try Library.check(H5Tcopy(hdf5_t_c_s1()), operation, path)
        handle = Handle(id, release: H5Tclose)
        self.fixedLength = fixedLength
        try Library.check(status: H5Tset_size(id, fixedLength.map { Int($0) } ?? hdf5_t_variable()), operation, path)
        try Library.check(status: H5Tset_cset(id, characterSet), operation, path)
        if fixedLength != nil {
            try Library.check(status: H5Tset_strpad(id, H5T_STR_NULLPAD), operation, path)
        }
    }

    /// Calls `body` with a buffer holding `strings` in this type's memory layout.
    func write(_ strings: [String], _ body: (UnsafeRawPointer) -> herr_t) -> herr_t {
        if let fixedLength {
            var bytes = [UInt8](repeating: 0, count: fixedLength * strings.count)
            for (index, string) in strings.enumerated() {
                for (offset, byte) in string.utf8.enumerated() { bytes[index * fixedLength + offset] = byte }
            }
            return bytes.withUnsafeBytes { body($0.baseAddress!) }
        }
        var pointers = strings.map { strdup($0) }
        defer { for pointer in pointers { free(pointer) } }
        return pointers.withUnsafeMutableBytes { body($0.baseAddress!) }
    }

    /// Reads `count` strings through `read`, which fills a buffer in this type's layout.
    func read(count: Int, _ read: (UnsafeMutableRawPointer) -> herr_t) -> [String]? {
        if let fixedLength {
            var bytes = [UInt8](repeating: 0, count: max(fixedLength * count, 1))
            guard bytes.withUnsafeMutableBytes({ read($0.baseAddress!) }) >= 0 else { return nil }
            return (0..<count).map { index in
                let field = bytes[index * fixedLength..<(index + 1) * fixedLength]
                let end = field.firstIndex(of: 0) ?? field.endIndex
                return String(decoding: field[..<end], as: UTF8.self)
            }
        }
        var pointers = [UnsafeMutablePointer<CChar>?](repeating: nil, count: max(count, 1))
        guard pointers.withUnsafeMutableBytes({ read($0.baseAddress!) }) >= 0 else { return nil }
        defer { for pointer in pointers { if let pointer { H5free_memory(pointer) } } }
        return pointers.prefix(count).map { $0.map { String(cString: $0) } ?? "" }
    }
}
