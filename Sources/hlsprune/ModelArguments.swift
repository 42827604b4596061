import ArgumentParser
import HLSPruneKit

/// The model every command but `knapsack` takes: a file, and the weights of a Keras architecture JSON.
struct ModelArguments: ParsableArguments {
    @Argument(help: ArgumentHelp("The model: a Keras .h5 (Keras 2 or 3), a Keras 3 .keras, a Keras architecture .json, an ONNX .onnx file, or an hls4ml configuration .yml naming one (KerasJson + KerasH5, KerasModel or OnnxModel; its HLSConfig applies as --config does).",
                                 valueName: "model"))
    var path: String

    @Option(help: "The weights (.h5 from save_weights) of an architecture .json; without it <stem>_weights.h5 or <stem>.h5 beside the JSON is read.")
    var weights: String?

    /// Opens the model and, unless the command prints them itself (`inspect` lists them under its
    /// table), says on stderr how its files were found and what the reader assumed.
    func open(printingNotes: Bool = true) throws -> ModelFile {
        let file = try ModelFile.open(path, weights: weights)
        var standardError = StandardError()
        if printingNotes { for note in file.notes { print("note: \(note)", to: &standardError) } }
        return file
    }
}
