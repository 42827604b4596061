import HLSPruneKit
import Testing

/// OrderedJSON's text against Python's: `json.dumps(value, ensure_ascii=False)` printed the
/// expected line (Python 3.11), for every case the writer has.
@Suite struct OrderedJSONTests {
    @Test func textIsPythonsJSONDumps() {
        let value = OrderedJSON.object([
            ("ints", .array([.int(1), .int(-20), .int(0), .int(Int.max), .int(Int.min)])),
            ("doubles", .array([.double(18), .double(0.0001), .double(1e-05), .double(0.1), .double(-2.5e300)])),
            ("text", .string("q\"\\\n\r\t\u{1}\u{1F} é😀")),
            ("true", .bool(true)), ("false", .bool(false)), ("null", .null),
            ("empty", .object([])), ("list", .array([.array([]), .array([.int(1)])])),
        ])
        let python = #"""
            {"ints": [1, -20, 0, 9223372036854775807, -9223372036854775808], "doubles": [18.0, 0.0001, 1e-05, 0.1, -2.5e+300], \#
            "text": "q\"\\\n\r\t\u0001\u001f é😀", "true": true, "false": false, "null": null, "empty": {}, "list": [[], [1]]}
            """#
        #expect(value.text == python)
    }
}
