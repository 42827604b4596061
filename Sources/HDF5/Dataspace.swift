import CHDF5

/// Shape helpers over HDF5 dataspaces.
enum Dataspace {
    /// The extent of a dataspace: `[]` for a scalar, the dimensions otherwise; an error when the
    /// element count overflows `Int` (a damaged file can declare any extent).
    static func shape(of space: hid_t, _ operation: String, _ path: String) throws -> [Int] {
        let rank = Int(H5Sget_simple_extent_ndims(space))
        guard rank > 0 else {
            if rank < 0 { throw HDF5Error(operation: operation, path: path, message: Library.takeErrorStack()) }
            return []
        }
        var dims = [hsize_t](repeating: 0, count: rank)
        guard H5Sget_simple_extent_dims(space, &dims, nil) >= 0 else {
            throw HDF5Error(operation: operation, path: path, message: Library.takeErrorStack())
        }
        var shape: [Int] = []
        var count = 1
        for dim in dims {
            guard let size = Int(exactly: dim), case (let product, false) = count.multipliedReportingOverflow(by: size) else {
                throw HDF5Error(operation: operation, path: path, message: "its extent \(dims) holds more elements than can be counted")
            }
            shape.append(size)
            count = product
        }
        return shape
    }

    /// Creates a simple dataspace of the given shape (`[]` makes a scalar).
    static func create(shape: [Int], _ operation: String, _ path: String) throws -> Handle {
        let id: hid_t
        if shape.isEmpty {
            id = H5Screate(H5S_SCALAR)
        } else {
            let dims = shape.map { hsize_t($0) }
            id = H5Screate_simple(Int32(dims.count), dims, nil)
        }
        return Handle(try Library.check(id, operation, path), release: H5Sclose)
    }
}

extension Array where Element == Int {
    /// The number of elements of a tensor with this shape (`1` for a scalar).
    var elementCount: Int { reduce(1, *) }
}
