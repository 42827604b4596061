import Foundation
import HDF5
import Inference
import ModelIR

/// Arrays of samples given as files: a `.npy` file, or a dataset inside an HDF5 file written as
/// `file.h5:/path/to/dataset`.
///
/// ```swift
/// let x = try DataArrays.read("val_x.npy")
/// let y = try DataArrays.read("data.h5:/validation/labels")
/// ```
public enum DataArrays {
    /// Reads the array `argument` names.
    ///
    /// - Throws: ``HLSPruneError/data(file:reason:)`` naming the file and what was expected.
    public static func read(_ argument: String) throws -> NumpyArray {
        try reading(argument) { dataset in
            NumpyArray(shape: dataset.shape, values: try dataset.read(as: Float.self), storedType: dataset.elementType.description)
        } npy: { try NumpyArray.read(path: $0) }
    }

    /// Reads the array `argument` names as doubles, exactly (float64 data is not rounded to
    /// float32), for the firmware emulation, whose inputs hls4ml converts from float64.
    ///
    /// - Throws: ``HLSPruneError/data(file:reason:)`` naming the file and what was expected.
    public static func readFloat64(_ argument: String) throws -> (shape: [Int], values: [Double]) {
        try reading(argument) { dataset in (dataset.shape, try dataset.read(as: Double.self)) } npy: { try NumpyArray.readFloat64(path: $0) }
    }

    /// The array of a `.npy` file or an HDF5 dataset, read by `dataset` or `npy`; errors as ``read(_:)`` gives them.
    private static func reading<Result>(_ argument: String, dataset read: (Dataset) throws -> Result, npy: (String) throws -> Result) throws -> Result {
        let file = filePath(argument)
        guard FileManager.default.fileExists(atPath: file) else { throw HLSPruneError.data(file: argument, reason: "no such file") }
        do {
            if file != argument {
                let root = try File(path: file).rootGroup()
                let name = String(argument.dropFirst(file.count + 1))
                guard try root.kind(of: name) == .dataset else {
                    throw HLSPruneError.data(file: argument, reason: "\(file) has no dataset '\(name)'; its datasets: \(try datasetList(root))")
                }
                return try read(try root.dataset(name))
            }
            if FileSignature(path: file) == .hdf5 {
                let datasets = (try? datasetList(try File(path: file).rootGroup())) ?? "none found"
                throw HLSPruneError.data(file: argument, reason: "is an HDF5 file; name the dataset as \(file):/path (its datasets: \(datasets))")
            }
            return try npy(argument)
        } catch let error as HLSPruneError {
            throw error
        } catch {
            let text = "\(error)"
            throw HLSPruneError.data(file: argument, reason: text.hasPrefix("\(argument): ") ? String(text.dropFirst(argument.count + 2)) : text)
        }
    }

    /// Up to 20 dataset paths in `group` and its subgroups, comma-separated, for messages.
    private static func datasetList(_ group: Group, prefix: String = "") throws -> String {
        var found: [String] = []
        var pending = [(group, prefix)]
        while let (current, path) = pending.popLast(), found.count < 20 {
            for name in try current.childNames().sorted() {
                switch try current.kind(of: name) {
                case .dataset?: found.append("\(path)/\(name)")
                case .group?: pending.append((try current.group(name), "\(path)/\(name)"))
                default: break
                }
            }
        }
        return found.isEmpty ? "none" : found.sorted().joined(separator: ", ")
    }

    /// The file an argument reads: `file.h5:/dataset` → `file.h5`.
    public static func filePath(_ argument: String) -> String {
        if let split = argument.range(of: ".h5:") ?? argument.range(of: ".hdf5:") {
            return String(argument[..<split.upperBound].dropLast())
        }
        return argument
    }

    /// The number of samples in `array`, after checking that they fit the model's single input.
    ///
    /// - Throws: ``HLSPruneError/data(file:reason:)`` when the model has several inputs or the
    ///   shape does not match.
    public static func sampleCount(of array: NumpyArray, argument: String, for graph: Graph) throws -> Int {
        try sampleCount(shape: array.shape, argument: argument, for: graph)
    }

    /// The number of samples in an array of `shape`, checked as ``sampleCount(of:argument:for:)`` checks it.
    public static func sampleCount(shape: [Int], argument: String, for graph: Graph) throws -> Int {
        guard graph.inputs.count == 1 else {
            throw HLSPruneError.data(file: argument, reason: "the model has \(graph.inputs.count) inputs; only models with one input take data")
        }
        let expected = graph.layer(named: graph.inputs[0])!.outputShape
        guard shape.count == expected.count + 1, Array(shape.dropFirst()) == expected else {
            throw HLSPruneError.data(file: argument, reason: "shape \(shape) does not match the model input (samples, \(expected.map(String.init).joined(separator: ", ")))")
        }
        return shape[0]
    }
}
