import CHDF5

/// What a name inside a group refers to.
public enum ObjectKind: Sendable, Equatable {
    case group
    case dataset
    /// A named datatype or anything else that is neither a group nor a dataset.
    case other
}

/// Something stored in a file (a group or a dataset) that carries attributes.
public protocol AttributeHolder {
    /// The file this object belongs to.
    var file: File { get }
    /// The absolute path of the object inside its file, such as `/model_weights/dense`.
    var objectPath: String { get }
    /// The object's open identifier.
    var id: hid_t { get }
}

extension AttributeHolder {
    /// `file:/object/path`, as used in error messages.
    public var location: String { "\(file.path):\(objectPath)" }

    /// The names of the object's attributes, in name order.
    public func attributeNames() throws -> [String] {
        let names = NameCollector()
        var index: hsize_t = 0
        let status = Library.quietly { withExtendedLifetime(names) {
            H5Aiterate2(id, H5_INDEX_NAME, H5_ITER_INC, &index, { _, name, _, context in
                guard let name, let context else { return -1 }
                Unmanaged<NameCollector>.fromOpaque(context).takeUnretainedValue().values.append(String(cString: name))
                return 0
            }, Unmanaged.passUnretained(names).toOpaque())
        } }
        try Library.check(status: status, "list attributes of", location)
        return names.values
    }

    /// Whether the object has an attribute with this name.
    public func hasAttribute(_ name: String) throws -> Bool {
        let exists = Library.quietly { H5Aexists(id, name) }
        try Library.check(status: exists, "look up attribute '\(name)' of", location)
        return exists > 0
    }

    /// Opens an existing attribute.
    public func attribute(_ name: String) throws -> Attribute {
        try Attribute(opening: name, on: self)
    }

    /// Reads a string-array attribute that Keras may have split into chunks.
    ///
    /// Keras stores attributes larger than 64 512 bytes as `name0`, `name1`, … and its loader
    /// concatenates them; this does the same. A numeric attribute with no elements (Keras writes an
    /// empty float64 array for "no names") reads as an empty array.
    ///
    /// - Returns: The strings, or `nil` when neither `name` nor `name0` exists.
    public func chunkedStringArrayAttribute(_ name: String) throws -> [String]? {
        if try hasAttribute(name) {
            return try attribute(name).readStrings()
        }
        var strings: [String] = []
        var chunk = 0
        while try hasAttribute("\(name)\(chunk)") {
            strings += try attribute("\(name)\(chunk)").readStrings()
            chunk += 1
        }
        return chunk == 0 ? nil : strings
    }

    /// Creates or replaces a string attribute.
    ///
    /// - Parameters:
    ///   - name: The attribute name.
    ///   - strings: The values; a single value with `scalar: true` makes a scalar attribute.
    ///   - encoding: Variable-length strings (what h5py 3 writes) or fixed-length, NUL-padded ones.
    ///   - scalar: Whether to write a scalar instead of a one-dimensional array.
    public func setStringAttribute(_ name: String, _ strings: [String], encoding: StringEncoding = .variableLength, scalar: Bool = false) throws {
        precondition(!scalar || strings.count == 1, "a scalar attribute holds exactly one string")
        try deleteAttributeIfPresent(name)
        let operation = "write attribute '\(name)' of"
        let type = try StringType(encoding: encoding, strings: strings, operation, location)
        let space = try Dataspace.create(shape: scalar ? [] : [strings.count], operation, location)
        let attribute = Handle(try Library.check(H5Acreate2(id, name, type.handle.id, space.id, defaultProperties, defaultProperties), operation, location),
                               release: H5Aclose)
        try Library.check(status: type.write(strings) { H5Awrite(attribute.id, type.handle.id, $0) }, operation, location)
    }

    /// Creates or replaces a numeric attribute of the given shape (`[]` for a scalar).
    public func setNumericAttribute<T: HDF5Scalar>(_ name: String, _ values: [T], shape: [Int]? = nil) throws {
        let shape = shape ?? [values.count]
        precondition(shape.elementCount == values.count, "attribute shape does not match its values")
        try deleteAttributeIfPresent(name)
        let operation = "write attribute '\(name)' of"
        let space = try Dataspace.create(shape: shape, operation, location)
        let attribute = Handle(try Library.check(H5Acreate2(id, name, T.memoryDatatype, space.id, defaultProperties, defaultProperties), operation, location),
                               release: H5Aclose)
        let status = Library.quietly { values.withUnsafeBytes { H5Awrite(attribute.id, T.memoryDatatype, $0.baseAddress) } }
        try Library.check(status: status, operation, location)
    }

    private func deleteAttributeIfPresent(_ name: String) throws {
        if try hasAttribute(name) {
            try Library.check(status: H5Adelete(id, name), "replace attribute '\(name)' of", location)
        }
    }
}

/// How strings are stored.
public enum StringEncoding: Sendable {
    /// Each string is a separate heap object (h5py 3 and Keras 3 write these).
    case variableLength
    /// Every string padded with NULs to the length of the longest one (older writers).
    case fixedLength
}

/// Receives names from HDF5's C iteration callbacks.
private final class NameCollector {
    var values: [String] = []
}
