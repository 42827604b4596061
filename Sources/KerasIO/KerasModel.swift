import ModelIR

/// The file formats Keras saves whole models in.
public enum KerasFormat: String, Sendable {
    /// The legacy HDF5 format of `model.save("x.h5")`, from Keras 2 or Keras 3.
    case hdf5 = "keras-h5"
    /// The Keras 3 native `.keras` zip archive.
    case archive = "keras"
    /// An architecture JSON (`model.to_json()`) beside a weights-only `.h5` (`model.save_weights()`):
    /// hls4ml's `KerasJson` + `KerasH5` input.
    case jsonWeights = "keras-json"
}

/// What a writer needs to reproduce the source file with only the weights changed.
public struct KerasProvenance: Sendable, Equatable {
    /// The file the model was read from (the architecture JSON of a JSON + weights model).
    public var path: String
    public var format: KerasFormat
    /// The weights-only `.h5` of a JSON + weights model; nil for the other formats.
    public var weightsPath: String? = nil
    /// The model configuration JSON exactly as stored (`model_config`, `config.json` or the
    /// architecture JSON).
    public var modelConfig: String
    /// The `keras_version` recorded in the file.
    public var kerasVersion: String?
    /// The `backend` recorded in the file (Keras 3 `.keras` files do not record one).
    public var backend: String?
    /// Whether the file was written by Keras 3 (or later).
    public var isKeras3: Bool {
        guard let major = kerasVersion?.split(separator: ".").first.flatMap({ Int($0) }) else { return format == .archive }
        return major >= 3
    }
}

/// A Keras model read into the IR, with where it came from.
public struct KerasModel: Sendable, Equatable {
    public var graph: Graph
    public var provenance: KerasProvenance
    /// Where each weight is stored: layer name → weight name → dataset path from the root of the
    /// weights file (the `.h5` itself, or `model.weights.h5` inside a `.keras` archive).
    public var weightDatasets: [String: [String: String]] = [:]
}
