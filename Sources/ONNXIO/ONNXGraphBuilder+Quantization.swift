import Foundation
import ModelIR
import ONNXProto

/// QONNX's Quant, BipolarQuant and Trunc. On a computed value: an activation layer with the
/// quantizer. On a constant (weights, biases): the constant's quantized values, as qonnx computes
/// them, for whichever node reads it; a Dense or convolution instead keeps the float weight and the
/// quantizer (``weightConstant(_:channelAxis:channels:scaled:)``), as QKeras layers do, when the scale and
/// zero point are one value or one per output channel.
extension ONNXGraphBuilder {
    /// A constant made by a quantization node from another constant.
    struct QuantizedConstant {
        /// The float constant the node quantizes.
        var source: String
        /// The node's quantizer, its per-channel parameters listed along `axis` of the constant.
        var quantizer: Quantizer
        var axis: Int?
    }

    /// What a Dense or convolution reads for a weight: the values, the quantizer to keep beside
    /// them, and the initializer the values come from.
    struct WeightConstant {
        var values: [Float]
        var quantizer: Quantizer?
        var initializer: String
    }

    mutating func readQuantization(_ node: Onnx_NodeProto) throws {
        let output = node.outputName(0)
        for position in 1..<node.input.count where constants[node.inputName(position)] == nil {
            throw fail(node, "\(node.opType) needs constant parameters; input \(position) '\(node.inputName(position))' is computed")
        }
        if let constant = constants[node.inputName(0)] {
            let axis = try parameterAxis(node, over: constant.shape)
            let quantizer = try self.quantizer(node, over: constant.shape, channelAxis: axis)
            let perElement = Self.perElement(quantizer, shape: constant.shape, axis: axis)
            constants[output] = (constant.shape, Quantization.apply(perElement, to: constant.values, shape: [constant.values.count]))
            quantizedConstants[output] = QuantizedConstant(source: node.inputName(0), quantizer: quantizer, axis: axis)
            return
        }
        // On a computed value: per-channel parameters follow the channel axis, which the IR holds last.
        let shape = [1] + (try onnxShape(of: node.inputName(0)))
        let axis = try parameterAxis(node, over: shape)
        let layout: Layout?
        switch axis {
        case nil: layout = nil
        case shape.count - 1: layout = .asIs
        case 1 where shape.count >= 3: layout = .channelsLast
        default:
            throw fail(node, "\(node.opType)'s parameters vary along axis \(axis!) of a value of shape \(shape); "
                       + "only one value, or one per channel (axis 1 or the last axis), can be applied")
        }
        let quantizer = try self.quantizer(node, over: shape, channelAxis: axis)
        try add(node, className: node.opType, kind: .activation(.quantized(quantizer)), input: node.inputName(0), output: output, layout: layout)
    }

    /// The constant `name` as a Dense or convolution weight whose ONNX axis `channelAxis` holds
    /// its `channels` outputs: a quantized constant whose parameters are one value or one per
    /// output channel comes back as its float source with the quantizer; anything else (another
    /// constant, per-element parameters, a quantizer of a quantized constant, values the layer
    /// scales, as Gemm's alpha and beta do, which a quantizer beside float weights cannot say) as
    /// it is stored.
    func weightConstant(_ name: String, channelAxis: Int, channels: Int, scaled: Bool) throws -> WeightConstant {
        guard let constant = constants[name] else { throw ONNXError(file: file, node: name, "is not a constant") }
        guard !scaled, let quantized = quantizedConstants[name], quantizedConstants[quantized.source] == nil, let source = constants[quantized.source],
              quantized.axis == nil || quantized.axis == channelAxis, !quantized.quantizer.isPerChannel || source.shape[channelAxis] == channels else {
            return WeightConstant(values: constant.values, quantizer: nil, initializer: name)
        }
        return WeightConstant(values: source.values, quantizer: quantized.quantizer, initializer: quantized.source)
    }

    /// `quantizer` with its per-channel parameters (along `axis` of `shape`) repeated for every
    /// element, so that it applies to the tensor's values in any layout.
    static func perElement(_ quantizer: Quantizer, shape: [Int], axis: Int?) -> Quantizer {
        guard let axis, quantizer.isPerChannel else { return quantizer }
        let stride = shape[(axis + 1)...].reduce(1, *)
        let count = shape.reduce(1, *)
        func spread(_ values: [Float]) -> [Float] {
            values.count == 1 ? values : (0..<count).map { values[($0 / stride) % shape[axis]] }
        }
        switch quantizer {
        case .integer(var q):
            q.scale = spread(q.scale)
            q.zeroPoint = spread(q.zeroPoint)
            return .integer(q)
        case .bipolar(let scale): return .bipolar(scale: spread(scale))
        default: return quantizer
        }
    }

    /// The axis of `shape` (right-aligned, numpy broadcasting) along which the node's scale or
    /// zero point varies; `nil` when they are single values. Parameters that vary along more than
    /// one axis, or do not broadcast, are an error.
    func parameterAxis(_ node: Onnx_NodeProto, over shape: [Int]) throws -> Int? {
        var axes = Set<Int>()
        for position in parameterPositions(node) {
            let parameter = constants[node.inputName(position)]!
            guard parameter.shape.count <= shape.count else {
                throw fail(node, "parameter '\(node.inputName(position))' of shape \(parameter.shape) has more axes than the value \(shape)")
            }
            let offset = shape.count - parameter.shape.count
            for (index, size) in parameter.shape.enumerated() where size != 1 {
                guard size == shape[offset + index] else {
                    throw fail(node, "parameter '\(node.inputName(position))' of shape \(parameter.shape) does not broadcast to \(shape)")
                }
                axes.insert(offset + index)
            }
        }
        guard axes.count <= 1 else { throw fail(node, "\(node.opType)'s parameters vary along axes \(axes.sorted()); one value or one per channel expected") }
        return axes.first
    }

    /// The inputs that may hold one value per channel: Quant's scale and zero point, BipolarQuant's scale.
    private func parameterPositions(_ node: Onnx_NodeProto) -> [Int] {
        switch node.opType {
        case "Quant": [1, 2]
        case "BipolarQuant": [1]
        default: []
        }
    }

    /// The node's quantizer, its per-channel parameters listed along `channelAxis` of `shape`.
    func quantizer(_ node: Onnx_NodeProto, over shape: [Int], channelAxis: Int?) throws -> Quantizer {
        func perChannel(_ position: Int) throws -> [Float] {
            let values = constants[node.inputName(position)]!.values
            guard !values.isEmpty, values.allSatisfy(\.isFinite) else {
                throw fail(node, "input \(position) '\(node.inputName(position))' must hold finite values (it holds \(values.isEmpty ? "none" : "NaN or infinity"))")
            }
            return channelAxis == nil || values.count == 1 ? [values[0]] : values
        }
        func positiveScale(_ position: Int) throws -> [Float] {
            let scale = try perChannel(position)
            guard scale.allSatisfy({ $0 > 0 }) else { throw fail(node, "\(node.opType)'s scale must be positive, not \(scale.first { $0 <= 0 }!)") }
            return scale
        }
        func single(_ position: Int, _ what: String) throws -> Float {
            guard let values = constants[node.inputName(position)]?.values, values.count == 1, values[0].isFinite else {
                throw fail(node, "\(node.opType)'s \(what) (input \(position)) must be one finite value")
            }
            return values[0]
        }
        func bits(_ position: Int) throws -> Int {
            let value = try single(position, "bit width")
            guard value == value.rounded(), (1...32).contains(value) else { throw fail(node, "\(node.opType)'s bit width must be a whole number from 1 to 32, not \(value)") }
            return Int(value)
        }
        func flag(_ name: String, _ fallback: Int) throws -> Bool {
            let value = attribute(node, name)?.i ?? Int64(fallback)
            guard value == 0 || value == 1 else { throw fail(node, "attribute '\(name)' is \(value); 0 or 1 expected") }
            return value == 1
        }
        func rounding(_ fallback: QuantizerRounding) throws -> QuantizerRounding {
            guard let text = attribute(node, "rounding_mode").map({ String(decoding: $0.s, as: UTF8.self) }) else { return fallback }
            guard let mode = QuantizerRounding(spelling: text) else {
                throw fail(node, "rounding_mode '\(text)' is not one of " + QuantizerRounding.allCases.map(\.rawValue).joined(separator: ", ") + ", HALF_EVEN")
            }
            return mode
        }
        switch node.opType {
        case "Quant":
            // qonnx's defaults: signed and narrow 1, rounding ROUND.
            return .integer(IntegerQuantizer(bitWidth: try bits(3), isSigned: try flag("signed", 1), isNarrow: try flag("narrow", 1),
                                             rounding: try rounding(.halfEven), scale: try positiveScale(1), zeroPoint: try perChannel(2)))
        case "BipolarQuant":
            return .bipolar(scale: try perChannel(1))
        default:
            let version2 = node.input.count == 6
            let scale = try single(1, "scale")
            guard scale > 0 else { throw fail(node, "Trunc's scale must be positive, not \(scale)") }
            let outputScale = version2 ? try single(4, "output scale") : nil
            if let outputScale, outputScale <= 0 { throw fail(node, "Trunc's output scale must be positive, not \(outputScale)") }
            return .truncation(TruncationQuantizer(scale: scale, zeroPoint: try single(2, "zero point"), inputBitWidth: try bits(3),
                                                   outputBitWidth: try bits(version2 ? 5 : 4), outputScale: outputScale,
                                                   isSigned: try flag("signed", 1), isNarrow: try flag("narrow", 0), rounding: try rounding(.floor)))
        }
    }
}
