import FixedPoint
import HLSConfig
import ModelIR

extension StageBuilder {
    /// The attribute defaults hls4ml gives table types no configuration block names.
    static let defaultTable = Precision.fixed(.init(width: 18, integerBits: 8))
    private static let defaultSoftmaxTable = Precision.fixed(.init(width: 18, integerBits: 8, rounding: "RND", saturation: "SAT"))

    /// An activation layer `name` (a model layer, or the one hls4ml splits off a Dense) reading `source`.
    mutating func addActivation(_ activation: Activation, name: String, className: String, after source: String) throws {
        guard let input = formats[source] else { throw FirmwareError(layer: name, "its input has no type") }
        let output = try resolver.type(of: "result", layer: name, className: className).precision.format(layer: name, variable: "result")
        switch activation {
        case .linear:
            // hls4ml merges a linear activation into a Dense, convolution, BatchNormalization or
            // activation whose result is `auto`; otherwise it converts to its own result type.
            if resultIsAutomatic[source] ?? false { return alias(name, to: source) }
            append(ActivationStage(name: name, input: input, output: output, isReLU: false), for: name, after: source, automatic: false)
        case .relu:
            append(ActivationStage(name: name, input: input, output: output, isReLU: true), for: name, after: source, automatic: false)
        case .sigmoid, .tanh:
            try addLookupTable(activation == .sigmoid ? .sigmoid : .tanh, name: name, className: className, after: source)
        case .softmax:
            guard graph.layer(named: source).map({ $0.outputShape.count == 1 }) ?? true else {
                throw FirmwareError(layer: name, "a softmax over a multi-dimensional input is not emulated yet")
            }
            if resolver.skip(layer: name, className: className) { return alias(name, to: source) }  // hls4ml's skip_softmax
            append(try softmax(name: name, className: className, input: input, output: output), for: name, after: source, automatic: false)
        default:
            try addFurtherActivation(activation, name: name, className: className, after: source)
        }
    }

    /// The type of a table (`table_t`, `exp_table_t`, …), which hls4ml reads only from the `<variable>_t`
    /// key of the layer's block.
    func table(_ variable: String, name: String, className: String, default fallback: Precision = defaultTable) throws -> FixedPointFormat {
        try (resolver.typeAttribute("\(variable)_t", layer: name, className: className) ?? fallback).format(layer: name, variable: variable)
    }

    /// The softmax with the types and table sizes hls4ml 1.3.0 writes into `softmax_config<index>`.
    private func softmax(name: String, className: String, input: FixedPointFormat, output: FixedPointFormat) throws -> SoftmaxStage {
        let text = resolver.implementation(layer: name, className: className)?.lowercased() ?? "stable"
        let exponentialFormat = try table("exp_table", name: name, className: className, default: Self.defaultSoftmaxTable)
        let inverseFormat = try table("inv_table", name: name, className: className, default: Self.defaultSoftmaxTable)
        let inverseInput = try table("inv_inp", name: name, className: className, default: Self.defaultSoftmaxTable)
        let accumulator = try resolver.type(of: "accum", layer: name, className: className).precision.format(layer: name, variable: "accum")
        // fix_softmax_table_size: no more entries than the input's or the inverse table's bits can address.
        var size = try checkedTableSize(name: name, className: className, input: input)
        let addressable = min(input.width, inverseFormat.width)
        if addressable < 62 && (1 << addressable) < size { size = 1 << addressable }
        let implementation: SoftmaxStage.Implementation
        var exponentials: [Int128]
        var inverses: [Int128]
        switch text {
        case "stable":
            let signBit = input.isSigned ? 1 : 0
            let normalized = try FixedPointFormat(width: input.width - signBit, integerBits: input.integerBits - signBit, isSigned: false)
            let exponentialSize = input.isSigned && input.width - 1 < 62 ? min(size, 1 << (input.width - 1)) : size
            implementation = .stable(normalized: normalized)
            exponentials = SoftmaxTables.exponentials(size: exponentialSize, addressing: normalized, negated: true, format: exponentialFormat)
            inverses = SoftmaxTables.inverses(size: size, addressing: inverseInput, format: inverseFormat)
        case "latency":
            implementation = .latency
            exponentials = SoftmaxTables.exponentials(size: size, addressing: input, negated: false, format: exponentialFormat)
            inverses = SoftmaxTables.inverses(size: size, addressing: inverseInput, format: inverseFormat)
        case "legacy":
            // softmax_config<i> declares no table_t, so the legacy tables take nnet::activ_config's
            // ap_fixed<18,8> whatever the configuration says.
            let tableFormat = try Self.defaultTable.format(layer: name, variable: "table")
            implementation = .legacy(tableFormat: tableFormat)
            exponentials = SoftmaxTables.legacyExponentials(size: size, format: tableFormat)
            inverses = SoftmaxTables.legacyInverses(size: size, format: tableFormat)
        case "argmax":
            implementation = .argmax
            exponentials = []
            inverses = []
        default:
            throw FirmwareError(layer: name, "softmax Implementation '\(text)' is not one of stable, latency, legacy, argmax")
        }
        return SoftmaxStage(name: name, input: input, output: output, implementation: implementation, accumulator: accumulator,
                            exponentialFormat: exponentialFormat, exponentials: exponentials, inverseInputFormat: inverseInput,
                            inverseFormat: inverseFormat, inverses: inverses)
    }
}
