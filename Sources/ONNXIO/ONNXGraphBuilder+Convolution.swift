import Foundation
import ModelIR
import ONNXProto

/// Conv, and the spatial attributes (strides, dilations, pads) that Conv and pooling nodes share.
extension ONNXGraphBuilder {
    /// The spatial attributes of a Conv or pooling node over `rank` spatial axes, with hls4ml-style
    /// checks: explicit pads (begin…, end…), `auto_pad` VALID or SAME_UPPER.
    func window(_ node: Onnx_NodeProto, rank: Int, kernel: [Int]) throws -> (strides: [Int], dilations: [Int], pads: [[Int]], padding: Padding) {
        let strides = attribute(node, "strides")?.ints.map(Int.init) ?? Array(repeating: 1, count: rank)
        let dilations = attribute(node, "dilations")?.ints.map(Int.init) ?? Array(repeating: 1, count: rank)
        let flat = attribute(node, "pads")?.ints.map(Int.init) ?? Array(repeating: 0, count: 2 * rank)
        guard strides.count == rank, dilations.count == rank, flat.count == 2 * rank else {
            throw fail(node, "strides, dilations and pads must have one entry per spatial axis (\(rank))")
        }
        let pads = (0..<rank).map { [flat[$0], flat[rank + $0]] }
        switch String(decoding: attribute(node, "auto_pad")?.s ?? Data("NOTSET".utf8), as: UTF8.self) {
        case "NOTSET", "": return (strides, dilations, pads, .valid)
        case "VALID": return (strides, dilations, Array(repeating: [0, 0], count: rank), .valid)
        case "SAME_UPPER": return (strides, dilations, Array(repeating: [0, 0], count: rank), .same)
        case let other: throw fail(node, "auto_pad \(other) is not supported (NOTSET, VALID or SAME_UPPER)")
        }
    }

    /// Conv (NCHW or NCL) as a channels-last convolution, grouped or depthwise as its `group` says;
    /// explicit pads become a ZeroPadding layer in front of it.
    mutating func readConvolution(_ node: Onnx_NodeProto) throws {
        guard node.input.count >= 2, let weight = constants[node.inputName(1)], weight.shape.count == 3 || weight.shape.count == 4 else {
            throw fail(node, "Conv needs a constant weight of shape (M, C, k…) with 1 or 2 spatial axes")
        }
        let group = Int(attribute(node, "group")?.i ?? 1)
        let rank = weight.shape.count - 2
        let filters = weight.shape[0]
        let kernelSize = Array(weight.shape[2...])
        let inputChannels = try onnxShape(of: node.inputName(0)).first ?? 0
        // group = input channels with one input channel per filter: a depthwise convolution
        // (filters = channels × multiplier); otherwise each filter reads C / group channels.
        let isDepthwise = group > 1 && group == inputChannels && weight.shape[1] == 1 && filters % group == 0 && rank == 2
        guard group >= 1, isDepthwise || (weight.shape[1] * group == inputChannels && filters % group == 0) else {
            throw fail(node, "Conv with \(group) groups needs a weight of shape (M, C / group, k…) with M divisible by the group count; "
                       + "it has \(weight.shape) for \(inputChannels) input channels")
        }
        let channels = isDepthwise ? group : weight.shape[1]
        let perChannel = isDepthwise ? filters / group : filters
        let spatial = try window(node, rank: rank, kernel: kernelSize)
        // (M, C, k…) → (k…, C, M); depthwise (C·m, 1, k…) → (k…, C, m).
        let taps = kernelSize.reduce(1, *)
        var kernel = [Float](repeating: 0, count: weight.values.count)
        for tap in 0..<taps {
            for channel in 0..<channels {
                for index in 0..<perChannel {
                    let source = isDepthwise ? (channel * perChannel + index) * taps + tap : (index * channels + channel) * taps + tap
                    kernel[(tap * channels + channel) * perChannel + index] = weight.values[source]
                }
            }
        }
        var weights = [Weight(name: isDepthwise ? "depthwise_kernel" : "kernel", tensor: Tensor(shape: kernelSize + [channels, perChannel], values: kernel))]
        if node.input.count >= 3, !node.inputName(2).isEmpty {
            guard let bias = constants[node.inputName(2)], bias.values.count == filters else { throw fail(node, "Conv's bias must be a constant of \(filters) values") }
            weights.append(Weight(name: "bias", tensor: Tensor(shape: [filters], values: bias.values)))
        }
        var input = node.inputName(0)
        if spatial.pads.contains(where: { $0 != [0, 0] }) {
            let padded = "\(node.outputName(0))/pad"
            var padNode = node
            padNode.name = "\(node.name.isEmpty ? node.outputName(0) : node.name)/pad"
            try add(padNode, className: "ZeroPadding\(rank)D", kind: .zeroPadding(rank: rank, padding: spatial.pads), input: input, output: padded, layout: .channelsLast)
            input = padded
        }
        let conv = ConvolutionAttributes(rank: rank, filters: perChannel, kernelSize: kernelSize, strides: spatial.strides, dilation: spatial.dilations,
                                         padding: spatial.padding, useBias: weights.count == 2, isDepthwise: isDepthwise,
                                         groups: isDepthwise ? 1 : group)
        try add(node, className: isDepthwise ? "DepthwiseConv2D" : "Conv\(rank)D", kind: .convolution(conv), input: input, output: node.outputName(0),
                weights: weights, layout: .channelsLast)
        let name = producer[node.outputName(0)]!
        if !isDepthwise {
            bindings[name] = ["kernel": WeightBinding(initializer: node.inputName(1), isTransposed: false, scale: 1, layout: .convolutionChannelsFirst)]
        }
        if weights.count == 2 { bindings[name, default: [:]]["bias"] = WeightBinding(initializer: node.inputName(2), isTransposed: false, scale: 1) }
    }
}
