import CHDF5

/// An attribute attached to a group or dataset, opened for reading.
public final class Attribute {
    /// The attribute's name.
    public let name: String
    /// Where the attribute lives, `file:/object/path@name`, for error messages.
    public let location: String
    /// The attribute's shape: `[]` for a scalar.
    public let shape: [Int]
    /// The type of the stored values.
    public let elementType: ElementType
    private let handle: Handle
    private let storedType: Handle
    private let file: File

    init(opening name: String, on holder: some AttributeHolder) throws {
        let location = "\(holder.location)@\(name)"
        let id = try Library.check(H5Aopen(holder.id, name, defaultProperties), "open attribute", location)
        handle = Handle(id, release: H5Aclose)
        storedType = Handle(try Library.check(H5Aget_type(id), "open attribute", location), release: H5Tclose)
        let space = Handle(try Library.check(H5Aget_space(id), "open attribute", location), release: H5Sclose)
        self.name = name
        self.location = location
        self.shape = try Dataspace.shape(of: space.id, "open attribute", location)
        self.elementType = ElementType(datatype: storedType.id)
        self.file = holder.file
    }

    /// The number of stored values (1 for a scalar).
    public var count: Int { shape.elementCount }

    /// Reads a string attribute, scalar or array, fixed- or variable-length.
    ///
    /// A numeric attribute with no elements reads as `[]`: Keras writes an empty float64 array
    /// where a list of names is empty.
    public func readStrings() throws -> [String] {
        guard case .string(let length) = elementType else {
            if elementType.isNumeric && count == 0 { return [] }
            throw HDF5Error(operation: "read string attribute", path: location, message: "it holds \(elementType) values, not strings")
        }
        let memoryType = try StringType(fixedLength: length, characterSet: H5Tget_cset(storedType.id), "read attribute", location)
        guard let strings = memoryType.read(count: count, { buffer in Library.quietly { H5Aread(handle.id, memoryType.handle.id, buffer) } }) else {
            throw HDF5Error(operation: "read attribute", path: location, message: Library.takeErrorStack())
        }
        return strings
    }

    /// Reads a scalar string attribute (or a one-element string array).
    public func readString() throws -> String {
        let strings = try readStrings()
        guard strings.count == 1 else {
            throw HDF5Error(operation: "read string attribute", path: location, message: "expected one string, found \(strings.count)")
        }
        return strings[0]
    }

    /// Reads a numeric attribute, converting each value to `T`.
    public func read<T: HDF5Scalar>(as type: T.Type = T.self) throws -> [T] {
        guard elementType.isNumeric else {
            throw HDF5Error(operation: "read numeric attribute", path: location, message: "it holds \(elementType) values, not numbers")
        }
        var values = [T](repeating: 0, count: count)
        let status = Library.quietly { values.withUnsafeMutableBytes { H5Aread(handle.id, T.memoryDatatype, $0.baseAddress) } }
        try Library.check(status: status, "read attribute", location)
        return values
    }
}
