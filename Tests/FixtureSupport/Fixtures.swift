import Foundation

/// The committed fixture models (`Fixtures/models`) and the files the generator wrote beside each.
public enum Fixtures {
    /// `Fixtures/models` of this repository.
    public static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/models")

    /// `Fixtures/firmware`: hls4ml 1.3.0's compiled C simulation on float64 inputs, one folder per
    /// case (made by `Fixtures/generate/hls4ml_firmware.py`).
    public static let firmwareFolder = folder.deletingLastPathComponent().appendingPathComponent("firmware")

    /// The case folders of ``firmwareFolder``, sorted.
    public static let firmwareCases: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: firmwareFolder.path)) ?? []
        return names.filter { FileManager.default.fileExists(atPath: firmwareFolder.appendingPathComponent("\($0)/y.npy").path) }.sorted()
    }()

    /// `Fixtures/masks`: hls4ml's own pruning masks (made by `Fixtures/generate/masks.py`).
    public static let masksFolder = folder.deletingLastPathComponent().appendingPathComponent("masks")

    /// `Fixtures/hls4ml`: hls4ml's own weight headers and configs (made by `Fixtures/generate/hls4ml_outputs.py`).
    public static let hls4mlFolder = folder.deletingLastPathComponent().appendingPathComponent("hls4ml")

    /// `Fixtures/pruned`: Keras's predictions of the pruned models hlsprune wrote (`Fixtures/generate/pruned_models.py`).
    public static let prunedFolder = folder.deletingLastPathComponent().appendingPathComponent("pruned")

    /// `Fixtures/onnx`: ONNX files with onnxruntime's outputs (made by `Fixtures/generate/onnx_models.py`).
    public static let onnxFolder = folder.deletingLastPathComponent().appendingPathComponent("onnx")

    /// Every ONNX fixture file name, sorted.
    public static let onnxModels: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: onnxFolder.path)) ?? []
        return names.filter { $0.hasSuffix(".onnx") }.sorted()
    }()

    /// `Fixtures/training`: Keras's weights after one optimizer step (`Fixtures/generate/training_steps.py`).
    public static let trainingFolder = folder.deletingLastPathComponent().appendingPathComponent("training")

    /// `Fixtures/trained`: the trained jet MLP and its training and validation data (`Fixtures/generate/jet_trained.py`).
    public static let trainedFolder = folder.deletingLastPathComponent().appendingPathComponent("trained")

    /// Fixtures/grouped: Keras models with grouped convolutions (Fixtures/generate/grouped.py).
    public static let groupedFolder = folder.deletingLastPathComponent().appendingPathComponent("grouped")

    /// `Fixtures/fixedpoint`: what g++ computes with Xilinx's ap_types headers (`Fixtures/generate/ap_types_golden.py`).
    public static let fixedPointFolder = folder.deletingLastPathComponent().appendingPathComponent("fixedpoint")

    /// `Fixtures/converted`: Keras 3's predictions on the Keras files `hlsprune convert` wrote
    /// (`Fixtures/generate/keras_conversions.py`).
    public static let convertedFolder = folder.deletingLastPathComponent().appendingPathComponent("converted")

    /// `Fixtures/qkeras`: QKeras models, their predictions, quantizer vectors and hls4ml's headers
    /// (`Fixtures/generate/qkeras_models.py`).
    public static let qkerasFolder = folder.deletingLastPathComponent().appendingPathComponent("qkeras")

    /// The QKeras model names (`<name>.h5` in ``qkerasFolder``), sorted.
    public static let qkerasModels: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: qkerasFolder.path)) ?? []
        return names.filter { $0.hasSuffix(".h5") }.map { String($0.dropLast(3)) }.sorted()
    }()

    /// `Fixtures/keras_json`: Keras architecture JSON + weights models in the new and the Keras 2.0–2.4
    /// forms, their predictions and hls4ml's outputs (`Fixtures/generate/keras_json.py`).
    public static let kerasJSONFolder = folder.deletingLastPathComponent().appendingPathComponent("keras_json")

    /// The JSON + weights model names of ``kerasJSONFolder`` (`<name>.json`, `<name>_old.json`).
    public static let kerasJSONModels = ["mlp", "cnn", "bn_mlp", "activations", "qmlp"]

    /// The path of a file in the fixture folder.
    public static func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// Every model file (`.k2.h5`, `.k3.h5`, `.keras`), sorted by name.
    public static let models: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".h5") || $0.hasSuffix(".keras") }.sorted()
    }()

    /// The Keras version a model file was written by: `k2` or `k3` (`.keras` files are Keras 3's).
    public static func flavour(of model: String) -> String {
        model.hasSuffix(".k2.h5") ? "k2" : "k3"
    }

    /// The model's name without flavour and extension (`jet_mlp` for `jet_mlp.k2.h5`).
    public static func baseName(of model: String) -> String { String(model.prefix { $0 != "." }) }

    /// Keras's facts about the model file (`<model>.k2.json` / `.k3.json`).
    public static func factsFile(for model: String) -> String { "\(baseName(of: model)).\(flavour(of: model)).json" }

    /// The predictions Keras made for the model file on `inputsFile(for:)`.
    public static func predictionsFile(for model: String) -> String { "\(baseName(of: model)).\(flavour(of: model)).y.npy" }

    /// The fixed input batch of the model.
    public static func inputsFile(for model: String) -> String { "\(baseName(of: model)).x.npy" }
}
