import FixedPoint
import ModelIR

extension StageBuilder {
    /// A merge (`Add`, `Subtract`, `Multiply`, `Average`, `Maximum`, `Minimum`) or a `Concatenate`
    /// of two layers, in hls4ml's classes `Merge` and `Concatenate`: the inputs in the order the
    /// layer was called with them (`data1`, `data2`), the result configured or inferred.
    mutating func addMerge(_ layer: Layer) throws {
        guard layer.inputs.count == 2 else {
            throw FirmwareError(layer: layer.name, "hls4ml merges exactly two inputs; this \(layer.className) has \(layer.inputs.count)")
        }
        let (firstName, secondName) = (layer.inputs[0], layer.inputs[1])
        guard let first = formats[firstName], let second = formats[secondName],
            let firstShape = graph.layer(named: firstName)?.outputShape, let secondShape = graph.layer(named: secondName)?.outputShape
        else { throw FirmwareError(layer: layer.name, "its inputs have no type") }
        let maximum = resolver.configuration.model.precision["maximum"]
        let stage: any FirmwareStage
        switch layer.kind {
        case .merge(let operation):
            guard firstShape == secondShape else {
                throw FirmwareError(layer: layer.name, "merging shapes \(firstShape) and \(secondShape) is not emulated (hls4ml broadcasts by repeating the smaller input, not as Keras does)")
            }
            let output = try configured("result", layer: layer.name, className: "Merge")
                ?? InferredTypes.merge(operation, first, second, maximum: maximum, layer: layer.name)
            stage = try MergeStage(name: layer.name, operation: operation, first: first, second: second, output: output,
                                   count: firstShape.reduce(1, *))
        case .concatenate(let kerasAxis):
            let rank = firstShape.count
            // Keras counts the batch axis; hls4ml's kernels take any other axis as the first one.
            let axis = kerasAxis < 0 ? rank + kerasAxis : kerasAxis - 1
            guard (1...3).contains(rank), secondShape.count == rank, (0..<rank).contains(axis),
                (0..<rank).allSatisfy({ $0 == axis || firstShape[$0] == secondShape[$0] })
            else {
                throw FirmwareError(layer: layer.name, "concatenating shapes \(firstShape) and \(secondShape) on axis \(kerasAxis) is not emulated (hls4ml concatenates tensors of rank 1 to 3)")
            }
            let output = try configured("result", layer: layer.name, className: "Concatenate")
                ?? InferredTypes.concatenation(first, second, maximum: maximum, layer: layer.name)
            stage = ConcatenateStage(name: layer.name, first: first, second: second, output: output,
                                     outerCount: firstShape[..<axis].reduce(1, *), firstBlock: firstShape[axis...].reduce(1, *),
                                     secondBlock: secondShape[axis...].reduce(1, *))
        default:
            throw FirmwareError(layer: layer.name, "\(layer.className) is not a merge")
        }
        stages.append(([producer[firstName]!, producer[secondName]!], stage))
        formats[layer.name] = stage.output
        producer[layer.name] = stage.name
        resultIsAutomatic[layer.name] = false
    }
}
