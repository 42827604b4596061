import CHDF5

/// A dataset: an n-dimensional array of numbers (or strings) with attributes.
public final class Dataset: AttributeHolder {
    public let file: File
    public let objectPath: String
    /// The dataset's shape: `[]` for a scalar.
    public let shape: [Int]
    /// The type the values are stored as in the file.
    public let elementType: ElementType
    private let handle: Handle

    public var id: hid_t { handle.id }

    convenience init(opening path: String, in file: File) throws {
        let id = try Library.check(H5Dopen2(file.handle.id, path, defaultProperties), "open dataset", "\(file.path):\(path)")
        try self.init(adopting: Handle(id, release: H5Dclose), path: path, in: file)
    }

    init(adopting handle: Handle, path: String, in file: File) throws {
        let location = "\(file.path):\(path)"
        let space = Handle(try Library.check(H5Dget_space(handle.id), "open dataset", location), release: H5Sclose)
        let type = Handle(try Library.check(H5Dget_type(handle.id), "open dataset", location), release: H5Tclose)
        self.file = file
        self.objectPath = path
        self.handle = handle
        self.shape = try Dataspace.shape(of: space.id, "open dataset", location)
        self.elementType = ElementType(datatype: type.id)
    }

    /// The number of values (1 for a scalar).
    public var count: Int { shape.elementCount }

    /// Reads every value in C order, converted to `T` by HDF5 (exact when `T` is the stored type).
    ///
    /// A damaged file can declare any extent, so the values must fit in what the file stores for
    /// them (with deflate's largest expansion, 1032:1, for compressed chunks) before memory is
    /// allocated for them.
    public func read<T: HDF5Scalar>(as type: T.Type = T.self) throws -> [T] {
        try requireNumeric("read dataset")
        let stored = Int(clamping: H5Dget_storage_size(id))
        let limit = stored.multipliedReportingOverflow(by: 1032)
        guard case (let needed, false) = count.multipliedReportingOverflow(by: MemoryLayout<T>.size), limit.overflow || needed <= limit.partialValue else {
            throw HDF5Error(operation: "read dataset", path: location, message: "its shape \(shape) needs \(count) values but the file stores \(stored) bytes for them")
        }
        let values = try [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            let status = Library.quietly { H5Dread(id, T.memoryDatatype, wholeDataspace, wholeDataspace, defaultProperties, buffer.baseAddress) }
            try Library.check(status: status, "read dataset", location)
            initialized = count
        }
        return values
    }

    /// Overwrites every value in place; the shape and stored type do not change.
    public func write<T: HDF5Scalar>(_ values: [T]) throws {
        try requireNumeric("write dataset")
        guard values.count == count else {
            throw HDF5Error(operation: "write dataset", path: location, message: "\(values.count) values given for shape \(shape)")
        }
        let status = Library.quietly { values.withUnsafeBytes { H5Dwrite(id, T.memoryDatatype, wholeDataspace, wholeDataspace, defaultProperties, $0.baseAddress) } }
        try Library.check(status: status, "write dataset", location)
    }

    private func requireNumeric(_ operation: String) throws {
        guard elementType.isNumeric else {
            throw HDF5Error(operation: operation, path: location, message: "it holds \(elementType) values, not numbers")
        }
    }
}
