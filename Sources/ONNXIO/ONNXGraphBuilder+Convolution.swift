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

    /// Conv (NCHW or NCL; or qonnx's channels-last Conv on NHWC values with an (M, k…, C) weight)
    /// as a channels-last convolution, grouped or depthwise as its `group` says; explicit pads
    /// become a ZeroPadding layer in front of it.
    mutating func readConvolution(_ node: Onnx_NodeProto) throws {
        guard node.input.count >= 2, let stored = constants[node.inputName(1)], stored.shape.count == 3 || stored.shape.count == 4 else {
            throw fail(node, "Conv needs a constant weight of shape (M, C, k…) with 1 or 2 spatial axes")
        }
        let group = Int(attribute(node, "group")?.i ?? 1)
        let rank = stored.shape.count - 2
        let filters = stored.shape[0]
        // (M, C, k…), or (M, k…, C) for a channels-last Conv.
        let kernelSize = Array(readsChannelsLast ? stored.shape[1...rank] : stored.shape[2...])
        let weightChannels = readsChannelsLast ? stored.shape[rank + 1] : stored.shape[1]
        let valueShape = try onnxShape(of: node.inputName(0))
        let inputChannels = (readsChannelsLast ? valueShape.last : valueShape.first) ?? 0
        // group = input channels with one input channel per filter: a depthwise convolution
        // (filters = channels × multiplier); otherwise each filter reads C / group channels.
        let isDepthwise = group > 1 && group == inputChannels && weightChannels == 1 && filters % group == 0 && rank == 2
        guard group >= 1, isDepthwise || (weightChannels * group == inputChannels && filters % group == 0) else {
            throw fail(node, "Conv with \(group) groups needs a weight of shape (M, C / group, k…) with M divisible by the group count; "
                       + "it has \(stored.shape) for \(inputChannels) input channels")
        }
        let weight = try weightConstant(node.inputName(1), channelAxis: 0, channels: isDepthwise ? 0 : filters, scaled: false)
        let channels = isDepthwise ? group : weightChannels
        let perChannel = isDepthwise ? filters / group : filters
        let spatial = try window(node, rank: rank, kernel: kernelSize)
        // (M, C, k…) → (k…, C, M); depthwise (C·m, 1, k…) → (k…, C, m).
        let taps = kernelSize.reduce(1, *)
        var kernel = [Float](repeating: 0, count: weight.values.count)
        for tap in 0..<taps {
            for channel in 0..<channels {
                for index in 0..<perChannel {
                    let filter = isDepthwise ? channel * perChannel + index : index
                    let source = readsChannelsLast ? (filter * taps + tap) * weightChannels + (isDepthwise ? 0 : channel)
                        : (filter * weightChannels + (isDepthwise ? 0 : channel)) * taps + tap
                    kernel[(tap * channels + channel) * perChannel + index] = weight.values[source]
                }
            }
        }
        var weights = [Weight(name: isDepthwise ? "depthwise_kernel" : "kernel", tensor: Tensor(shape: kernelSize + [channels, perChannel], values: kernel))]
        var quantizers: [String: Quantizer] = [:]
        quantizers[weights[0].name] = weight.quantizer
        var biasSource: String?
        if node.input.count >= 3, !node.inputName(2).isEmpty {
            guard let stored = constants[node.inputName(2)], stored.values.count == filters else { throw fail(node, "Conv's bias must be a constant of \(filters) values") }
            let bias = try weightConstant(node.inputName(2), channelAxis: stored.shape.count - 1, channels: filters, scaled: false)
            weights.append(Weight(name: "bias", tensor: Tensor(shape: [filters], values: bias.values)))
            quantizers["bias"] = bias.quantizer
            biasSource = bias.initializer
        }
        var input = node.inputName(0)
        if spatial.pads.contains(where: { $0 != [0, 0] }) {
            let padded = "\(node.outputName(0))/pad"
            var padNode = node
            padNode.name = "\(node.name.isEmpty ? node.outputName(0) : node.name)/pad"
            try add(padNode, className: "ZeroPadding\(rank)D", kind: .zeroPadding(rank: rank, padding: spatial.pads), input: input, output: padded, layout: spatialLayout)
            input = padded
        }
        let conv = ConvolutionAttributes(rank: rank, filters: perChannel, kernelSize: kernelSize, strides: spatial.strides, dilation: spatial.dilations,
                                         padding: spatial.padding, useBias: weights.count == 2, isDepthwise: isDepthwise,
                                         groups: isDepthwise ? 1 : group)
        try add(node, className: isDepthwise ? "DepthwiseConv2D" : "Conv\(rank)D", kind: .convolution(conv), input: input, output: node.outputName(0),
                weights: weights, layout: spatialLayout)
        let name = producer[node.outputName(0)]!
        layers[layers.count - 1].weightQuantizers = quantizers
        if !isDepthwise {
            bindings[name] = ["kernel": WeightBinding(initializer: weight.initializer, isTransposed: false, scale: 1,
                                                      layout: readsChannelsLast ? .convolutionChannelsLast : .convolutionChannelsFirst)]
        }
        if let biasSource { bindings[name, default: [:]]["bias"] = WeightBinding(initializer: biasSource, isTransposed: false, scale: 1) }
    }
}
