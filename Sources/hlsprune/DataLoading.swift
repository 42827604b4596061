import ArgumentParser
import Foundation
import HDF5
import Inference
import ModelIR
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads an array argument: a `.npy` file, or a dataset inside an HDF5 file as `file.h5:/path`.
func loadArray(_ argument: String) throws -> NumpyArray {
    do {
        if let split = argument.range(of: ".h5:") ?? argument.range(of: ".hdf5:") {
            let file = String(argument[..<split.lowerBound]) + String(argument[split.lowerBound..<split.upperBound].dropLast())
            let dataset = try File(path: file).rootGroup().dataset(String(argument[split.upperBound...]))
            return NumpyArray(shape: dataset.shape, values: try dataset.read(as: Float.self), storedType: dataset.elementType.description)
        }
        return try NumpyArray.read(path: argument)
    } catch {
        printError("\(error)")
        throw ExitCode.failure
    }
}

/// Checks that `array` holds samples of the model's (single) input and returns the sample count.
func sampleCount(of array: NumpyArray, argument: String, for pass: ForwardPass) throws -> Int {
    guard pass.graph.inputs.count == 1 else {
        printError("\(argument): the model has \(pass.graph.inputs.count) inputs; predict and evaluate take models with one input")
        throw ExitCode.failure
    }
    let expected = pass.graph.layer(named: pass.graph.inputs[0])!.outputShape
    guard array.shape.count == expected.count + 1, Array(array.shape.dropFirst()) == expected else {
        printError("\(argument): shape \(array.shape) does not match the model input (samples, \(expected.map(String.init).joined(separator: ", ")))")
        throw ExitCode.failure
    }
    return array.shape[0]
}

/// Runs the model over `count` samples in batches, showing progress on a terminal.
func predictions(of pass: ForwardPass, inputs: NumpyArray, count: Int, batchSize: Int) -> [Float] {
    let progress = ProgressBar(total: count, label: "predicting")
    let sampleSize = pass.inputSizes[0]
    var output: [Float] = []
    output.reserveCapacity(count * pass.outputSizes[0])
    var start = 0
    while start < count {
        let end = min(count, start + batchSize)
        let batch = Array(inputs.values[start * sampleSize..<end * sampleSize])
        let offset = start
        output += pass.run(inputs: [batch], count: end - start) { progress.update(offset + $0) }[0]
        start = end
    }
    progress.finish()
    return output
}

/// Runs `body`, turning an error into one line on stderr and exit code 1.
func reportingErrors<Result>(_ body: () throws -> Result) throws -> Result {
    do {
        return try body()
    } catch let exit as ExitCode {
        throw exit
    } catch {
        printError("\(error)")
        throw ExitCode.failure
    }
}
