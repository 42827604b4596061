import ModelIR
import ONNXProto

/// BatchNormalization (inference form, constant statistics), with the attributes of opsets 6–9
/// that keras2onnx writes: `spatial` (opsets 6–8) must be 1 unless the value has no spatial axes;
/// `is_test` (opset 6) and `consumed_inputs` (opsets 1–5) do not change the inference result.
extension ONNXGraphBuilder {
    mutating func readBatchNormalization(_ node: Onnx_NodeProto) throws {
        guard node.input.count == 5, let gamma = constants[node.inputName(1)], let beta = constants[node.inputName(2)],
              let mean = constants[node.inputName(3)], let variance = constants[node.inputName(4)] else {
            throw fail(node, "BatchNormalization needs constant scale, bias, mean and variance")
        }
        let rank = try shape(of: node.inputName(0)).count
        if (attribute(node, "spatial")?.i ?? 1) == 0, rank >= 2 {
            throw fail(node, "BatchNormalization with spatial = 0 (statistics per position) over a value with spatial axes; "
                       + "only per-channel statistics (spatial = 1) are supported")
        }
        let epsilon = attribute(node, "epsilon")?.f ?? 1e-5
        func tensor(_ values: [Float]) -> Tensor { Tensor(shape: [values.count], values: values) }
        try add(node, className: "BatchNormalization", kind: .batchNormalization(.init(axis: -1, epsilon: epsilon, center: true, scale: true)),
                input: node.inputName(0), output: node.outputName(0),
                weights: [Weight(name: "gamma", tensor: tensor(gamma.values)), Weight(name: "beta", tensor: tensor(beta.values)),
                          Weight(name: "moving_mean", tensor: tensor(mean.values)), Weight(name: "moving_variance", tensor: tensor(variance.values))],
                layout: rank >= 2 ? spatialLayout : .asIs)
    }
}
