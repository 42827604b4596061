import CHDF5

/// A group: a folder of named groups and datasets.
public final class Group: AttributeHolder {
    public let file: File
    public let objectPath: String
    private let handle: Handle

    public var id: hid_t { handle.id }

    init(opening path: String, in file: File) throws {
        let id = try Library.check(H5Gopen2(file.handle.id, path, defaultProperties), "open group", "\(file.path):\(path)")
        self.file = file
        self.objectPath = path
        self.handle = Handle(id, release: H5Gclose)
    }

    init(creating path: String, in file: File) throws {
        let id = try Library.check(H5Gcreate2(file.handle.id, path, defaultProperties, defaultProperties, defaultProperties), "create group", "\(file.path):\(path)")
        self.file = file
        self.objectPath = path
        self.handle = Handle(id, release: H5Gclose)
    }

    /// The absolute path of `name`, which may itself contain `/`.
    func path(of name: String) -> String {
        objectPath == "/" ? "/\(name)" : "\(objectPath)/\(name)"
    }

    /// The names of the group's direct children, in byte-wise name order.
    public func childNames() throws -> [String] {
        var info = H5G_info_t()
        try Library.check(status: H5Gget_info(id, &info), "list group", location)
        return try (0..<info.nlinks).map { index in
            let length = Library.quietly { H5Lget_name_by_idx(id, ".", H5_INDEX_NAME, H5_ITER_INC, index, nil, 0, defaultProperties) }
            guard length >= 0 else { throw HDF5Error(operation: "list group", path: location, message: Library.takeErrorStack()) }
            var buffer = [CChar](repeating: 0, count: Int(length) + 1)
            H5Lget_name_by_idx(id, ".", H5_INDEX_NAME, H5_ITER_INC, index, &buffer, buffer.count, defaultProperties)
            return String(decoding: buffer.prefix(Int(length)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
    }

    /// What `name` (a relative path, may contain `/`) refers to, or `nil` when nothing is there.
    public func kind(of name: String) throws -> ObjectKind? {
        guard try linkExists(name) else { return nil }
        let object = Handle(try Library.check(H5Oopen(id, name, defaultProperties), "open object", "\(file.path):\(path(of: name))"), release: H5Oclose)
        switch H5Iget_type(object.id) {
        case H5I_GROUP: return .group
        case H5I_DATASET: return .dataset
        default: return .other
        }
    }

    /// Whether every link along the relative path `name` exists.
    private func linkExists(_ name: String) throws -> Bool {
        var prefix = ""
        for component in name.split(separator: "/", omittingEmptySubsequences: true) {
            prefix += prefix.isEmpty ? String(component) : "/\(component)"
            let exists = Library.quietly { H5Lexists(id, prefix, defaultProperties) }
            try Library.check(status: exists, "look up", "\(file.path):\(path(of: prefix))")
            if exists == 0 { return false }
        }
        return !prefix.isEmpty
    }

    /// Opens the group at the relative path `name`.
    public func group(_ name: String) throws -> Group {
        try Group(opening: path(of: name), in: file)
    }

    /// Opens the dataset at the relative path `name`.
    public func dataset(_ name: String) throws -> Dataset {
        try Dataset(opening: path(of: name), in: file)
    }

    /// Removes the link at the relative path `name` (a dataset or a whole group). The space it used
    /// stays in the file until it is repacked, as with h5py's `del`.
    public func removeChild(_ name: String) throws {
        let fullPath = path(of: name)
        let status = Library.quietly { H5Ldelete(id, fullPath, defaultProperties) }
        try Library.check(status: status, "remove", "\(file.path):\(fullPath)")
    }

    /// Creates a group at the relative path `name`; its parent must exist.
    @discardableResult
    public func createGroup(_ name: String) throws -> Group {
        try Group(creating: path(of: name), in: file)
    }

    /// Creates a dataset and writes `values` into it.
    ///
    /// - Parameters:
    ///   - name: The relative path of the new dataset; its parent group must exist.
    ///   - values: The values in C (row-major) order.
    ///   - shape: The dataset's shape; its element count must equal `values.count`.
    ///   - elementType: The stored type; `T`'s own type when `nil`.
    @discardableResult
    public func createDataset<T: HDF5Scalar>(_ name: String, values: [T], shape: [Int], elementType: ElementType? = nil) throws -> Dataset {
        precondition(shape.elementCount == values.count, "dataset shape does not match its values")
        let fullPath = path(of: name)
        let operation = "create dataset"
        let location = "\(file.path):\(fullPath)"
        let storedType = elementType ?? T.elementType
        guard let datatype = storedType.datatype() else {
            throw HDF5Error(operation: operation, path: location, message: "cannot store \(storedType) values")
        }
        let space = try Dataspace.create(shape: shape, operation, location)
        // No modification times in the object header: the same values give the same file bytes.
        let creation = Handle(try Library.check(H5Pcreate(hdf5_p_dataset_create()), operation, location), release: H5Pclose)
        try Library.check(status: H5Pset_obj_track_times(creation.id, false), operation, location)
        let id = try Library.check(H5Dcreate2(id, fullPath, datatype, space.id, defaultProperties, creation.id, defaultProperties), operation, location)
        let dataset = try Dataset(adopting: Handle(id, release: H5Dclose), path: fullPath, in: file)
        try dataset.write(values)
        return dataset
    }
}
