import HDF5
import ModelIR

/// Reads the stored weights of one layer.
protocol WeightSource {
    /// The layer's weights in ``LayerKind/weightNames`` order, each with its dataset's path from
    /// the root of the weights file.
    func weights(for layer: Layer, at location: WeightLocation) throws -> [StoredWeight]
}

/// A weight and the HDF5 dataset it was read from.
struct StoredWeight {
    var weight: Weight
    var path: String
}

extension Dataset {
    /// The dataset as an IR tensor: values converted to `Float`, the stored type remembered.
    func tensor() throws -> Tensor {
        Tensor(shape: shape, values: try read(as: Float.self), storedType: ScalarType(elementType) ?? .float32)
    }
}

extension ScalarType {
    init?(_ type: ElementType) {
        switch type {
        case .float(16): self = .float16
        case .float(32): self = .float32
        case .float(64): self = .float64
        case .signedInteger(8): self = .int8
        case .signedInteger(16): self = .int16
        case .signedInteger(32): self = .int32
        case .signedInteger(64): self = .int64
        case .unsignedInteger(8): self = .uint8
        case .unsignedInteger(16): self = .uint16
        case .unsignedInteger(32): self = .uint32
        case .unsignedInteger(64): self = .uint64
        default: return nil
        }
    }
}

/// Keras 3 names a depthwise kernel `kernel`; Keras 2 and the IR call it `depthwise_kernel`.
func irWeightName(_ storedName: String, for kind: LayerKind) -> String {
    if case .convolution(let conv) = kind, conv.isDepthwise, storedName == "kernel" { return "depthwise_kernel" }
    return storedName
}
