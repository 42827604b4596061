import CHDF5

/// Process-wide set-up of the C library and the conversion of its failures into ``HDF5Error``.
enum Library {
    /// Initialises HDF5 once.
    static let initialized: Bool = {
        H5open()
        return true
    }()

    /// Runs a C call with HDF5's automatic error printing turned off. The thread-safe library keeps
    /// that setting per thread, so it is set on whichever thread makes the call.
    static func quietly<Result>(_ call: () -> Result) -> Result {
        hdf5_disable_auto_print()
        return call()
    }

    /// Removes the calling thread's HDF5 error stack and returns it as one line of text.
    static func takeErrorStack() -> String {
        var buffer = [CChar](repeating: 0, count: 2048)
        let used = buffer.withUnsafeMutableBufferPointer { hdf5_take_error_stack($0.baseAddress, $0.count) }
        let text = String(decoding: buffer[..<used].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return text.isEmpty ? "unknown HDF5 error" : text
    }

    /// Returns `id` when it is a valid identifier, or throws the HDF5 error stack.
    @discardableResult
    static func check(_ call: @autoclosure () -> hid_t, _ operation: @autoclosure () -> String, _ path: @autoclosure () -> String) throws -> hid_t {
        let id = quietly(call)
        guard id >= 0 else { throw HDF5Error(operation: operation(), path: path(), message: takeErrorStack()) }
        return id
    }

    /// Throws the HDF5 error stack when a status-returning call failed.
    static func check(status call: @autoclosure () -> herr_t, _ operation: @autoclosure () -> String, _ path: @autoclosure () -> String) throws {
        let status = quietly(call)
        guard status >= 0 else { throw HDF5Error(operation: operation(), path: path(), message: takeErrorStack()) }
    }
}

/// Owns one HDF5 identifier and releases it exactly once, when the last reference goes away.
final class Handle {
    let id: hid_t
    private let release: (hid_t) -> herr_t

    init(_ id: hid_t, release: @escaping (hid_t) -> herr_t) {
        self.id = id
        self.release = release
    }

    deinit { _ = release(id) }
}

/// `H5P_DEFAULT`, typed as an identifier (C's macro imports as `Int32`).
let defaultProperties = hid_t(H5P_DEFAULT)
/// `H5S_ALL`: the whole dataspace, for reads and writes of complete datasets.
let wholeDataspace = hid_t(H5S_ALL)
