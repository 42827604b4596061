import OutputFiles

extension RunInputs {
    /// The files a command reads: the model (with an ONNX model's external data files) and every
    /// data or configuration argument given (`file.h5:/dataset` names `file.h5`).
    init(model: SourceModel, arguments: [String?]) {
        self.init([model.path] + model.externalDataPaths + arguments.compactMap { $0.map(dataFilePath) })
    }
}

/// The file an `--x`/`--y`-style argument reads: `file.h5:/dataset` → `file.h5`.
func dataFilePath(_ argument: String) -> String {
    if let split = argument.range(of: ".h5:") ?? argument.range(of: ".hdf5:") {
        return String(argument[..<split.upperBound].dropLast())
    }
    return argument
}
