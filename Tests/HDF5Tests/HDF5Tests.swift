import Foundation
import HDF5
import Testing

/// A fresh path in a temporary folder, removed when the test is done.
final class ScratchFolder {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("hlsprune-hdf5-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    deinit { try? FileManager.default.removeItem(at: url) }
}

@Suite struct DatasetTests {
    @Test func numericDatasetsRoundTripExactly() throws {
        let scratch = try ScratchFolder()
        let path = scratch.path("numbers.h5")
        let floats: [Float] = [1.5, -0, .pi, -3.25e-7, 65504, .leastNonzeroMagnitude]
        do {
            let root = try File(creating: path).rootGroup()
            try root.createGroup("a")
            try root.group("a").createDataset("f32", values: floats, shape: [2, 3])
            try root.createDataset("f64", values: [1.0 / 3.0, 2e300], shape: [2])
            try root.createDataset("i64", values: [Int64.min, 0, Int64.max], shape: [3])
            try root.createDataset("u8", values: [UInt8(0), 255], shape: [2])
        }
        let root = try File(path: path).rootGroup()
        let f32 = try root.dataset("a/f32")
        #expect(f32.shape == [2, 3])
        #expect(f32.elementType == .float(bits: 32))
        #expect(try f32.read(as: Float.self).map(\.bitPattern) == floats.map(\.bitPattern))
        #expect(try root.dataset("f64").read(as: Double.self) == [1.0 / 3.0, 2e300])
        #expect(try root.dataset("f64").read(as: Float.self) == [Float(1.0 / 3.0), .infinity])
        #expect(try root.dataset("i64").read(as: Int64.self) == [Int64.min, 0, Int64.max])
        #expect(try root.dataset("u8").elementType == .unsignedInteger(bits: 8))
        #expect(try root.dataset("u8").read(as: Int32.self) == [0, 255])
    }

    @Test func writeInPlaceKeepsShapeAndType() throws {
        let scratch = try ScratchFolder()
        let path = scratch.path("inplace.h5")
        do { try File(creating: path).rootGroup().createDataset("w", values: [1.0, 2.0, 3.0, 4.0] as [Double], shape: [2, 2]) }
        do { try File(path: path, mode: .readWrite).rootGroup().dataset("w").write([0, 2, 0, 4] as [Float]) }
        let dataset = try File(path: path).rootGroup().dataset("w")
        #expect(dataset.elementType == .float(bits: 64))
        #expect(dataset.shape == [2, 2])
        #expect(try dataset.read(as: Double.self) == [0, 2, 0, 4])
        #expect(throws: HDF5Error.self) { try dataset.write([1] as [Float]) }
    }

    @Test func childrenAreListedInNameOrderWithTheirKinds() throws {
        let scratch = try ScratchFolder()
        let root = try File(creating: scratch.path("tree.h5")).rootGroup()
        for name in ["zeta", "Alpha", "beta", "alpha"] { try root.createGroup(name) }
        try root.createDataset("beta/kernel:0", values: [Float(1)], shape: [1])
        #expect(try root.childNames() == ["Alpha", "alpha", "beta", "zeta"])
        #expect(try root.kind(of: "beta") == .group)
        #expect(try root.kind(of: "beta/kernel:0") == .dataset)
        #expect(try root.kind(of: "beta/missing") == nil)
        #expect(try root.kind(of: "missing/deeper") == nil)
    }

    @Test func inMemoryImageReadsLikeTheFile() throws {
        let scratch = try ScratchFolder()
        let path = scratch.path("image.h5")
        do { try File(creating: path).rootGroup().createDataset("x", values: [Float(7), 8], shape: [2]) }
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let image = try File(image: bytes, name: "memory.h5")
        #expect(try image.rootGroup().dataset("x").read(as: Float.self) == [7, 8])
    }

    @Test func fileBuiltInMemoryReadsBackWithoutTouchingTheDisk() throws {
        func build(_ file: File) throws {
            let group = try file.rootGroup().createGroup("layers")
            try group.createDataset("kernel", values: [Float(1), 2, 3, 4, 5, 6], shape: [2, 3])
        }
        let memory = try File(creatingInMemory: "memory.h5")
        try build(memory)
        let image = try memory.image()
        let reopened = try File(image: image, name: "memory.h5")
        #expect(try reopened.rootGroup().dataset("layers/kernel").read(as: Float.self) == [1, 2, 3, 4, 5, 6])
        #expect(try reopened.rootGroup().dataset("layers/kernel").shape == [2, 3])
        #expect(!FileManager.default.fileExists(atPath: "memory.h5"))
    }

    /// No creation or modification times are stored: files written a second apart are identical.
    @Test func sameContentWrittenLaterGivesTheSameBytes() throws {
        let scratch = try ScratchFolder()
        func write(_ name: String) throws -> Data {
            do {
                let file = try File(creating: scratch.path(name))
                try file.rootGroup().createGroup("g").createDataset("x", values: [Double(1), 2], shape: [2])
            }
            return try Data(contentsOf: URL(fileURLWithPath: scratch.path(name)))
        }
        let first = try write("first.h5")
        Thread.sleep(forTimeInterval: 1.1)
        #expect(try write("second.h5") == first)
    }
}

@Suite struct AttributeTests {
    @Test func stringAttributesInEveryEncoding() throws {
        let scratch = try ScratchFolder()
        let path = scratch.path("strings.h5")
        do {
            let root = try File(creating: path).rootGroup()
            try root.setStringAttribute("scalar", ["{\"class_name\": \"Sequential\"}"], scalar: true)
            try root.setStringAttribute("variable", ["fc1", "ünïcode", ""])
            try root.setStringAttribute("fixed", ["dense/kernel:0", "dense/bias:0"], encoding: .fixedLength)
            try root.setNumericAttribute("empty", [Double]())
            try root.setNumericAttribute("numbers", [1, 2, 3] as [Int32])
        }
        let root = try File(path: path).rootGroup()
        #expect(try root.attributeNames() == ["empty", "fixed", "numbers", "scalar", "variable"])
        #expect(try root.attribute("scalar").shape == [])
        #expect(try root.attribute("scalar").readString() == "{\"class_name\": \"Sequential\"}")
        #expect(try root.attribute("variable").readStrings() == ["fc1", "ünïcode", ""])
        #expect(try root.attribute("fixed").elementType == .string(length: 14))
        #expect(try root.attribute("fixed").readStrings() == ["dense/kernel:0", "dense/bias:0"])
        #expect(try root.attribute("empty").readStrings() == [])
        #expect(try root.attribute("numbers").read(as: Double.self) == [1, 2, 3])
        #expect(throws: HDF5Error.self) { try root.attribute("numbers").readStrings() }
        #expect(throws: HDF5Error.self) { try root.attribute("variable").read(as: Float.self) }
    }

    @Test func chunkedAttributesAreConcatenatedInOrder() throws {
        let scratch = try ScratchFolder()
        let root = try File(creating: scratch.path("chunks.h5")).rootGroup()
        try root.setStringAttribute("layer_names0", ["a", "b"])
        try root.setStringAttribute("layer_names1", ["c"])
        try root.setStringAttribute("layer_names2", ["d", "e"], encoding: .fixedLength)
        try root.setStringAttribute("weight_names", ["w"])
        #expect(try root.chunkedStringArrayAttribute("layer_names") == ["a", "b", "c", "d", "e"])
        #expect(try root.chunkedStringArrayAttribute("weight_names") == ["w"])
        #expect(try root.chunkedStringArrayAttribute("missing") == nil)
    }
}

@Suite struct ErrorTests {
    @Test func missingFileNamesTheOperationAndPath() throws {
        let error = #expect(throws: HDF5Error.self) { try File(path: "/nonexistent/model.h5") }
        #expect(error?.operation == "open file")
        #expect(error?.path == "/nonexistent/model.h5")
        #expect(error?.message.contains("unable to open file") == true)
    }

    @Test func fileThatIsNotHDF5() throws {
        let scratch = try ScratchFolder()
        let path = scratch.path("text.h5")
        try "not an hdf5 file".write(toFile: path, atomically: true, encoding: .utf8)
        let error = #expect(throws: HDF5Error.self) { try File(path: path) }
        #expect(error?.message.contains("signature") == true)
    }

    @Test func missingObjectsAndReadOnlyWrites() throws {
        let scratch = try ScratchFolder()
        let path = scratch.path("small.h5")
        do { try File(creating: path).rootGroup().createDataset("x", values: [Float(1)], shape: [1]) }
        let root = try File(path: path).rootGroup()
        let missing = #expect(throws: HDF5Error.self) { try root.dataset("nope") }
        #expect(missing?.path == "\(path):/nope")
        #expect(throws: HDF5Error.self) { try root.group("x") }
        #expect(throws: HDF5Error.self) { try root.attribute("absent") }
        #expect(throws: HDF5Error.self) { try root.dataset("x").write([Float(2)]) }
        #expect(throws: HDF5Error.self) { try File(creating: path) }
    }

    @Test func handlesCloseWhenReleased() throws {
        // HDF5 refuses to truncate a file it holds open, so re-creating it shows whether it closed.
        let scratch = try ScratchFolder()
        let path = scratch.path("close.h5")
        do {
            let dataset = try File(creating: path).rootGroup().createDataset("x", values: [Float(1)], shape: [1])
            #expect(throws: HDF5Error.self) { try File(creating: path, overwrite: true) }
            _ = dataset
        }
        _ = try File(creating: path, overwrite: true)
    }
}
