import CHDF5

/// An open HDF5 file. The file closes when the last `File`, `Group`, `Dataset` or `Attribute`
/// taken from it is released.
public final class File {
    /// How an existing file is opened.
    public enum Mode: Sendable {
        /// Reading only; the file on disk is never changed.
        case readOnly
        /// Reading and writing in place.
        case readWrite
    }

    /// The path the file was opened from, used in error messages.
    public let path: String
    let handle: Handle

    /// Opens an existing file.
    ///
    /// - Parameters:
    ///   - path: The file to open.
    ///   - mode: Read-only (the default) or read-write.
    /// - Throws: ``HDF5Error`` when the file is missing or is not an HDF5 file.
    public init(path: String, mode: Mode = .readOnly) throws {
        _ = Library.initialized
        let flags = mode == .readOnly ? hdf5_f_acc_rdonly() : hdf5_f_acc_rdwr()
        let id = try Library.check(H5Fopen(path, flags, defaultProperties), "open file", path)
        self.path = path
        self.handle = Handle(id, release: H5Fclose)
    }

    /// Creates a new, empty file.
    ///
    /// - Parameters:
    ///   - path: Where to create it.
    ///   - overwrite: Whether an existing file at `path` is replaced; when `false` it is an error.
    public init(creating path: String, overwrite: Bool = false) throws {
        _ = Library.initialized
        let flags = overwrite ? hdf5_f_acc_trunc() : hdf5_f_acc_excl()
        let id = try Library.check(H5Fcreate(path, flags, defaultProperties, defaultProperties), "create file", path)
        self.path = path
        self.handle = Handle(id, release: H5Fclose)
    }

    /// Opens an HDF5 file held in memory, read-only, without touching the disk.
    ///
    /// - Parameters:
    ///   - image: The complete bytes of an HDF5 file.
    ///   - name: A name for error messages, such as `model.keras:model.weights.h5`.
    public init(image: [UInt8], name: String) throws {
        _ = Library.initialized
        let accessList = Handle(try Library.check(H5Pcreate(hdf5_p_file_access()), "open file image", name), release: H5Pclose)
        try Library.check(status: H5Pset_fapl_core(accessList.id, 1 << 20, false), "open file image", name)
        try image.withUnsafeBytes { bytes in
            try Library.check(status: H5Pset_file_image(accessList.id, UnsafeMutableRawPointer(mutating: bytes.baseAddress), bytes.count),
                              "open file image", name)
        }
        let id = try Library.check(H5Fopen(name, hdf5_f_acc_rdonly(), accessList.id), "open file image", name)
        self.path = name
        self.handle = Handle(id, release: H5Fclose)
    }

    /// Creates a new, empty file held in memory only; ``image()`` gives its bytes.
    ///
    /// ```swift
    /// let file = try File(creatingInMemory: "model.weights.h5")
    /// try file.rootGroup().createDataset("x", values: [Float(1)], shape: [1])
    /// let bytes = try file.image()
    /// ```
    ///
    /// - Parameter name: A name for error messages; nothing is written under it.
    public init(creatingInMemory name: String) throws {
        _ = Library.initialized
        let accessList = Handle(try Library.check(H5Pcreate(hdf5_p_file_access()), "create file in memory", name), release: H5Pclose)
        try Library.check(status: H5Pset_fapl_core(accessList.id, 1 << 16, false), "create file in memory", name)
        let id = try Library.check(H5Fcreate(name, hdf5_f_acc_trunc(), defaultProperties, accessList.id), "create file in memory", name)
        self.path = name
        self.handle = Handle(id, release: H5Fclose)
    }

    /// The complete bytes of the file as it would be on disk, after flushing buffered changes.
    public func image() throws -> [UInt8] {
        try flush()
        let size = Library.quietly { H5Fget_file_image(handle.id, nil, 0) }
        guard size >= 0 else { throw HDF5Error(operation: "read file image", path: path, message: Library.takeErrorStack()) }
        var bytes = [UInt8](repeating: 0, count: size)
        let copied = bytes.withUnsafeMutableBytes { buffer in Library.quietly { H5Fget_file_image(handle.id, buffer.baseAddress, buffer.count) } }
        guard copied == size else {
            throw HDF5Error(operation: "read file image", path: path, message: "copied \(copied) of \(size) bytes")
        }
        return bytes
    }

    /// The root group `/`.
    public func rootGroup() throws -> Group {
        try Group(opening: "/", in: self)
    }

    /// Writes buffered changes to disk.
    public func flush() throws {
        try Library.check(status: H5Fflush(handle.id, H5F_SCOPE_GLOBAL), "flush file", path)
    }
}
