import ArgumentParser

@main
struct HLSPrune: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hlsprune",
        abstract: "Read trained models, prune them for hls4ml, and write what the FPGA flow needs.",
        discussion: """
            hlsprune reads Keras models (.h5 written by Keras 2 or 3, and Keras 3 .keras archives) \
            and ONNX models (MLP-style graphs so far) without Python. Start with `hlsprune inspect MODEL` to see how it understood a model; \
            `hlsprune knapsack PROBLEM.json` runs the exact selection solver on its own.
            """,
        version: versionLine,
        subcommands: [Inspect.self, Predict.self, Evaluate.self, Emit.self, Prune.self, Train.self, Convert.self, KnapsackCommand.self]
    )
}
