/// How hls4ml implements a layer's multiplications.
public enum Strategy: String, Sendable, Equatable, CaseIterable {
    /// Fully parallel multipliers (`Latency`); the reuse factor only pipelines.
    case latency = "Latency"
    /// `P / RF` multipliers, each reused `RF` times (`Resource`).
    case resource = "Resource"
    /// Resource with the unrolled kernel that drops multipliers for zero groups (`Resource_Unrolled`).
    case resourceUnrolled = "Resource_Unrolled"

    /// Accepts the spellings hls4ml's backends accept, in any case: `Latency`, `Resource`,
    /// `Resource_Unrolled` (hls4ml's attribute builder accepts only the first two).
    public init?(spelling: String) {
        switch spelling.lowercased() {
        case "latency": self = .latency
        case "resource": self = .resource
        case "resource_unrolled": self = .resourceUnrolled
        default: return nil
        }
    }

    /// Whether multipliers are shared between reuse cycles (Resource or Resource_Unrolled).
    public var isResource: Bool { self != .latency }
}

/// How layers exchange data in the generated design.
public enum IOType: String, Sendable, Equatable, CaseIterable {
    case parallel = "io_parallel"
    case stream = "io_stream"
}
