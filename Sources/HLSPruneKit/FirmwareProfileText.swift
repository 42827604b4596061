import Firmware

/// The text `inspect --firmware` prints for a firmware profile: a table, or one JSON object.
///
/// ```swift
/// print(FirmwareProfileText.table(try project.firmwareProfile(of: model, for: "x.npy")))
/// ```
public enum FirmwareProfileText {
    /// One row per layer: type, values seen, the type's range, values at its limits, integer bits
    /// needed out of those it has.
    public static func table(_ layers: [FirmwareLayerProfile]) -> String {
        let header = ["layer", "type", "min", "max", "type range", "at limits", "integer bits used"]
        let rows = layers.map { layer in
            [
                layer.name, layer.type, "\(layer.minimum)", "\(layer.maximum)", "[\(layer.typeMinimum), \(layer.typeMaximum)]",
                "\(layer.valuesAtLimits) of \(layer.count)", "\(layer.integerBitsUsed) of \(layer.integerBitsUsed + layer.unusedIntegerBits)",
            ]
        }
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max()! }
        func line(_ cells: [String]) -> String { zip(cells, widths).map { $0.paddedRight(to: $1) }.joined(separator: "  ").trimmingTrailingSpaces() }
        return ([line(header), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")] + rows.map(line)).joined(separator: "\n")
    }

    /// `{"layers": [{"name": "fc1", "type": "ap_fixed<37,17>", "min": …, "max": …, "type_min": …,
    /// "type_max": …, "count": …, "at_limits": …, "integer_bits_used": …, "unused_integer_bits": …}, …]}`.
    public static func json(_ layers: [FirmwareLayerProfile]) -> String {
        OrderedJSON.object([
            (
                "layers",
                .array(
                    layers.map { layer in
                        .object([
                            ("name", .string(layer.name)), ("type", .string(layer.type)), ("min", .double(layer.minimum)), ("max", .double(layer.maximum)),
                            ("type_min", .double(layer.typeMinimum)), ("type_max", .double(layer.typeMaximum)), ("count", .int(layer.count)),
                            ("at_limits", .int(layer.valuesAtLimits)), ("integer_bits_used", .int(layer.integerBitsUsed)),
                            ("unused_integer_bits", .int(layer.unusedIntegerBits)),
                        ])
                    })
            )
        ]).text
    }
}
