import HLSConfig
import ModelIR

/// Why a model cannot be written the way hls4ml would write it.
public struct EmitError: Error, Equatable, CustomStringConvertible {
    public var layer: String?
    public var message: String

    public init(layer: String? = nil, _ message: String) {
        self.layer = layer
        self.message = message
    }

    public var description: String { layer.map { "layer \($0): \(message)" } ?? message }
}

extension WeightVariable {
    /// The variables hls4ml 1.3.0 writes for `graph` under `configuration`, in its order (layers in
    /// model order; weight before bias).
    ///
    /// Dense and convolution layers write `w<i>` and `b<i>` (an all-zero `ap_uint<1>` bias named
    /// `bias<i>_t` when the layer has none), with the Resource strategies' transposed layout; a
    /// folded BatchNormalization (see ``HLSLayerNumbering``) changes their values to `s·W` and
    /// `s·b + t` (float32, s = γ/√(σ²+ε), t = β − s·μ); other BatchNormalization layers write
    /// `s<i>` and `b<i>`. DepthwiseConv2D is written like Conv2D (hls4ml's class derives from it);
    /// hls4ml 1.3.0 fails to convert our depthwise fixture, so that case is not checked against it.
    ///
    /// `renamed` gives, for layers that hls4ml knows under another name (ONNX: `Dense_MatMul_0`),
    /// that name, its class and its graph index; `configuration` is then keyed by hls4ml's names.
    /// `splitsLinearActivations` numbers the layers as hls4ml's Keras 2 route does (architecture JSON).
    public static func all(in graph: Graph, configuration: HLSConfiguration, splitsLinearActivations: Bool = false,
                           renamed: [String: (name: String, className: String, index: Int)] = [:]) throws -> [WeightVariable] {
        let types = try ConfigurationResolver(configuration)
        let numbering = try HLSLayerNumbering(graph, resolver: types, splitsLinearActivations: splitsLinearActivations) { renamed[$0.name].map { ($0.name, $0.className) } ?? ($0.name, $0.className) }
        let folds = Dictionary(uniqueKeysWithValues: numbering.foldedInto.map { ($1, $0) })
        var variables: [WeightVariable] = []
        for layer in graph.layers {
            guard let numbered = numbering.index[layer.name], numbering.foldedInto[layer.name] == nil else { continue }
            let index = renamed[layer.name]?.index ?? numbered
            let hlsName = renamed[layer.name]?.name ?? layer.name
            let hlsClass = renamed[layer.name]?.className ?? layer.className
            switch layer.kind {
            case .dense, .convolution:
                if case .convolution(let conv) = layer.kind, conv.groups > 1 {
                    throw EmitError(layer: layer.name, "grouped convolution (groups = \(conv.groups)) has no hls4ml equivalent")
                }
                let runnable = layer.withQuantizedWeights()  // hls4ml writes quantizer(data) for QKeras weights
                var kernel = runnable.weights[0].tensor  // kernel, or depthwise_kernel (k…, c_in, multiplier)
                var units = kernel.shape.last!
                if case .convolution(let conv) = layer.kind, conv.isDepthwise { units *= kernel.shape[kernel.shape.count - 2] }
                var bias = runnable.weight("bias")?.tensor.values
                // hls4ml stores binary (xnor) weights as 0 for −1 and 1 for +1.
                if case .binary? = layer.weightQuantizers[layer.weights[0].name] { kernel.values = kernel.values.map { $0 > 0 ? 1 : 0 } }
                if case .binary? = layer.weightQuantizers["bias"] { bias = bias?.map { $0 > 0 ? 1 : 0 } }
                if let batchNorm = folds[layer.name].flatMap(graph.layer(named:)) {
                    guard !layer.isQuantized, !batchNorm.isQuantized else {
                        throw EmitError(layer: layer.name, "folding a BatchNormalization into a QKeras layer is not written yet")
                    }
                    let (scale, offset) = batchNorm.batchNormalizationScaleAndOffset!
                    kernel.values = kernel.values.enumerated().map { $1 * scale[$0 % units] }
                    bias = (0..<units).map { (bias?[$0] ?? 0) * scale[$0] + offset[$0] }
                }
                let transposed = try types.strategy(layer: hlsName, className: hlsClass).isResource
                let weight = try types.type(of: "weight", layer: hlsName, className: hlsClass, index: index,
                                            quantizer: layer.weightQuantizers[layer.weights[0].name])
                variables.append(WeightVariable(name: "w\(index)", typeName: weight.typeName, precision: weight.precision,
                                                shape: kernel.shape, data: kernel.values, transposed: transposed))
                if let bias {
                    let type = try types.type(of: "bias", layer: hlsName, className: hlsClass, index: index,
                                              quantizer: layer.weightQuantizers["bias"])
                    variables.append(WeightVariable(name: "b\(index)", typeName: type.typeName, precision: type.precision,
                                                    shape: [units], data: bias, transposed: false))
                } else {
                    variables.append(WeightVariable(name: "b\(index)", typeName: "bias\(index)_t",
                                                    precision: .fixed(.init(width: 1, integerBits: 1, isSigned: false, isInteger: true)),
                                                    shape: [units], data: Array(repeating: 0, count: units), transposed: false))
                }
            case .batchNormalization:
                guard !layer.isQuantized else { throw EmitError(layer: layer.name, "QBatchNormalization is not written yet") }
                let (scale, offset) = layer.batchNormalizationScaleAndOffset!
                let scaleType = try types.type(of: "scale", layer: hlsName, className: hlsClass)
                let biasType = try types.type(of: "bias", layer: hlsName, className: hlsClass)
                variables.append(WeightVariable(name: "s\(index)", typeName: scaleType.typeName, precision: scaleType.precision,
                                                shape: [scale.count], data: scale, transposed: false))
                variables.append(WeightVariable(name: "b\(index)", typeName: biasType.typeName, precision: biasType.precision,
                                                shape: [offset.count], data: offset, transposed: false))
            case .prelu:
                variables.append(try preluAlpha(of: layer, in: graph, index: index, hlsName: hlsName, hlsClass: hlsClass, types: types))
            case .relu(let relu) where relu.maxValue.map { $0.isFinite } ?? false || (relu.threshold != 0 && relu.negativeSlope != 0):
                // hls4ml's Keras reader refuses these rather than dropping the cap or the threshold.
                throw EmitError(layer: layer.name, "a ReLU with \(relu.maxValue.map { "max_value \($0)" } ?? "both a threshold and a negative slope") has no hls4ml 1.3.0 equivalent (hls4ml converts ReLU only without max_value, and with a threshold or a negative slope, not both)")
            default:
                if !layer.weights.isEmpty {
                    throw EmitError(layer: layer.name, "\(layer.className) weights are not written yet")
                }
            }
        }
        return variables
    }
}
