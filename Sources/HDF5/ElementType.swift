import CHDF5

/// The kind of value stored in a dataset or attribute.
public enum ElementType: Equatable, Sendable, CustomStringConvertible {
    /// IEEE floating point of the given width in bits (16, 32 or 64).
    case float(bits: Int)
    /// Two's-complement integer of the given width in bits.
    case signedInteger(bits: Int)
    /// Unsigned integer of the given width in bits.
    case unsignedInteger(bits: Int)
    /// A string; `length` is `nil` for variable-length strings.
    case string(length: Int?)
    /// Anything else (compound, enum, reference, …), with HDF5's class name.
    case other(String)

    public var description: String {
        switch self {
        case .float(let bits): "float\(bits)"
        case .signedInteger(let bits): "int\(bits)"
        case .unsignedInteger(let bits): "uint\(bits)"
        case .string(nil): "variable-length string"
        case .string(let length?): "string[\(length)]"
        case .other(let name): name
        }
    }

    /// Whether values of this type can be read as numbers.
    public var isNumeric: Bool {
        switch self {
        case .float, .signedInteger, .unsignedInteger: true
        case .string, .other: false
        }
    }

    /// Classifies an HDF5 datatype identifier.
    init(datatype: hid_t) {
        let bits = Int(H5Tget_size(datatype)) * 8
        switch H5Tget_class(datatype) {
        case H5T_FLOAT: self = .float(bits: bits)
        case H5T_INTEGER: self = H5Tget_sign(datatype) == H5T_SGN_NONE ? .unsignedInteger(bits: bits) : .signedInteger(bits: bits)
        case H5T_STRING: self = H5Tis_variable_str(datatype) > 0 ? .string(length: nil) : .string(length: bits / 8)
        case H5T_COMPOUND: self = .other("compound")
        case H5T_ENUM: self = .other("enum")
        case H5T_ARRAY: self = .other("array")
        case H5T_OPAQUE: self = .other("opaque")
        case H5T_REFERENCE: self = .other("reference")
        case H5T_VLEN: self = .other("variable-length sequence")
        case H5T_BITFIELD: self = .other("bitfield")
        case H5T_TIME: self = .other("time")
        default: self = .other("unknown")
        }
    }

    /// The datatype this wrapper creates datasets and numeric attributes with, and reads into.
    func datatype() -> hid_t? {
        switch self {
        case .float(16): ieeeHalfLittleEndian
        case .float(32): hdf5_t_ieee_f32le()
        case .float(64): hdf5_t_ieee_f64le()
        case .signedInteger(8): hdf5_t_native_int8()
        case .signedInteger(16): hdf5_t_native_int16()
        case .signedInteger(32): hdf5_t_native_int32()
        case .signedInteger(64): hdf5_t_native_int64()
        case .unsignedInteger(8): hdf5_t_native_uint8()
        case .unsignedInteger(16): hdf5_t_native_uint16()
        case .unsignedInteger(32): hdf5_t_native_uint32()
        case .unsignedInteger(64): hdf5_t_native_uint64()
        default: nil
        }
    }
}

/// IEEE 754 binary16, little-endian, as h5py stores NumPy's float16 (HDF5 1.10 has no predefined
/// half type): sign bit 15, 5 exponent bits from 10, 10 mantissa bits, bias 15. Made once, never closed.
private let ieeeHalfLittleEndian: hid_t = {
    let type = H5Tcopy(hdf5_t_ieee_f32le())
    H5Tset_fields(type, 15, 10, 5, 0, 10)
    H5Tset_size(type, 2)
    H5Tset_ebias(type, 15)
    return type
}()

/// A Swift number type that HDF5 can convert stored values into and out of.
public protocol HDF5Scalar: Numeric, Sendable {
    /// The element type that stores this Swift type without loss.
    static var elementType: ElementType { get }
}

extension Float: HDF5Scalar { public static var elementType: ElementType { .float(bits: 32) } }
extension Double: HDF5Scalar { public static var elementType: ElementType { .float(bits: 64) } }
extension Int8: HDF5Scalar { public static var elementType: ElementType { .signedInteger(bits: 8) } }
extension Int16: HDF5Scalar { public static var elementType: ElementType { .signedInteger(bits: 16) } }
extension Int32: HDF5Scalar { public static var elementType: ElementType { .signedInteger(bits: 32) } }
extension Int64: HDF5Scalar { public static var elementType: ElementType { .signedInteger(bits: 64) } }
extension UInt8: HDF5Scalar { public static var elementType: ElementType { .unsignedInteger(bits: 8) } }
extension UInt16: HDF5Scalar { public static var elementType: ElementType { .unsignedInteger(bits: 16) } }
extension UInt32: HDF5Scalar { public static var elementType: ElementType { .unsignedInteger(bits: 32) } }
extension UInt64: HDF5Scalar { public static var elementType: ElementType { .unsignedInteger(bits: 64) } }

extension HDF5Scalar {
    /// The native memory datatype HDF5 converts to when reading into this Swift type.
    static var memoryDatatype: hid_t { elementType.datatype()! }
}
