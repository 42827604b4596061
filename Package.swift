// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "hlsprune",
    products: [
        .executable(name: "hlsprune", targets: ["hlsprune"]),
        .library(name: "HDF5", targets: ["HDF5"]),
        .library(name: "ModelIR", targets: ["ModelIR"]),
        .library(name: "FixedPoint", targets: ["FixedPoint"]),
        .library(name: "HLSConfig", targets: ["HLSConfig"]),
        .library(name: "KerasIO", targets: ["KerasIO"]),
        .library(name: "Knapsack", targets: ["Knapsack"]),
        .library(name: "Inference", targets: ["Inference"]),
        .library(name: "Pruning", targets: ["Pruning"]),
        .library(name: "HLSEmit", targets: ["HLSEmit"]),
        .library(name: "Firmware", targets: ["Firmware"]),
        .library(name: "ONNXIO", targets: ["ONNXIO"]),
        .library(name: "GraphPasses", targets: ["GraphPasses"]),
        .library(name: "Training", targets: ["Training"]),
        .library(name: "OutputFiles", targets: ["OutputFiles"]),
        .library(name: "HLSPruneKit", targets: ["HLSPruneKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-protobuf", exact: "1.39.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CHDF5",
            pkgConfig: "hdf5",
            providers: [.apt(["libhdf5-dev"])]
        ),
        // zlib for the CRC-32 of .keras members. Not named CZlib: that is ZIPFoundation's internal module.
        .systemLibrary(
            name: "SystemZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .target(name: "HDF5", dependencies: ["CHDF5"]),
        .systemLibrary(
            name: "COpenBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]
        ),
        .target(name: "ModelIR"),
        .target(name: "OutputFiles"),
        .target(name: "FixedPoint"),
        .target(name: "HLSConfig", dependencies: ["ModelIR", .product(name: "Yams", package: "Yams")]),
        .target(name: "Knapsack"),
        .target(name: "Inference", dependencies: ["ModelIR", "COpenBLAS"]),
        .target(name: "ONNXProto", dependencies: [.product(name: "SwiftProtobuf", package: "swift-protobuf")], exclude: ["onnx.proto"]),
        .target(name: "ONNXIO", dependencies: ["ONNXProto", "ModelIR", "OutputFiles"]),
        .target(name: "GraphPasses", dependencies: ["ModelIR"]),
        .target(name: "HLSEmit", dependencies: ["ModelIR", "HLSConfig", .product(name: "Yams", package: "Yams")]),
        // hls4ml's io_parallel C simulation in fixed point; HLSEmit gives the weights as the headers hold them.
        .target(name: "Firmware", dependencies: ["ModelIR", "HLSConfig", "FixedPoint", "HLSEmit"]),
        .target(name: "Training", dependencies: ["ModelIR", "Inference"]),
        .target(name: "Pruning", dependencies: ["ModelIR", "HLSConfig", "Knapsack", "Inference"]),
        .target(
            name: "KerasIO",
            dependencies: ["HDF5", "ModelIR", "OutputFiles", "SystemZlib", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        .target(
            name: "HLSPruneKit",
            dependencies: ["ModelIR", "HLSConfig", "OutputFiles", "KerasIO", "ONNXIO", "ONNXProto", "GraphPasses", "Inference", "Training", "Knapsack", "Pruning", "HLSEmit", "Firmware", "HDF5"]
        ),
        .executableTarget(
            name: "hlsprune",
            dependencies: ["HLSPruneKit", "HLSConfig", "HLSEmit", "Inference", "KerasIO", "Knapsack", "OutputFiles", "Pruning", "Training", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            plugins: ["GitRevisionPlugin"]
        ),
        // `hlsprune --version` names the git revision it was built from: the plugin runs the tool,
        // which reads .git (no git, no network; nil in a tarball). Plugins/GitRevisionPlugin says why
        // not Package.swift or the Makefile.
        .executableTarget(name: "GitRevisionTool"),
        .plugin(name: "GitRevisionPlugin", capability: .buildTool(), dependencies: ["GitRevisionTool"]),
        // The README's library example (Examples/PruneForDSPs, also a package of its own), built
        // here so that EndToEndTests can compare what it writes with what the CLI writes.
        .executableTarget(name: "PruneForDSPs", dependencies: ["HLSPruneKit"], path: "Examples/PruneForDSPs/Sources/PruneForDSPs"),
        // Structure-aware mutants of the fixtures run through the CLI (`make fuzz`, and a slice in EndToEndTests).
        .executableTarget(name: "MutationFuzzer", dependencies: ["ONNXProto", "HDF5", "Training"]),
        .target(name: "FixtureSupport", dependencies: ["Training"], path: "Tests/FixtureSupport"),
        .testTarget(name: "HDF5Tests", dependencies: ["HDF5"]),
        .testTarget(name: "ModelIRTests", dependencies: ["ModelIR"]),
        .testTarget(name: "FixedPointTests", dependencies: ["FixedPoint", "FixtureSupport"]),
        .testTarget(name: "KnapsackTests", dependencies: ["Knapsack", "FixtureSupport"]),
        .testTarget(name: "HLSPruneKitTests", dependencies: ["HLSPruneKit", "FixtureSupport"]),
        .testTarget(name: "InferenceTests", dependencies: ["Inference", "KerasIO", "ModelIR", "FixtureSupport"]),
        .testTarget(name: "KerasIOTests", dependencies: ["KerasIO", "HDF5", "ModelIR", "FixtureSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .testTarget(name: "ONNXIOTests", dependencies: ["ONNXIO", "ONNXProto", "ModelIR", "Inference", "KerasIO", "GraphPasses", "FixtureSupport"]),
        .testTarget(name: "TrainingTests", dependencies: ["Training", "KerasIO", "HDF5", "ModelIR", "Inference", "FixtureSupport"]),
        .testTarget(name: "GraphPassesTests", dependencies: ["GraphPasses", "ModelIR", "Inference", "FixtureSupport"]),
        .testTarget(name: "HLSEmitTests", dependencies: ["HLSEmit", "HLSConfig", "KerasIO", "ONNXIO", "ModelIR", "FixtureSupport"]),
        .testTarget(name: "PruningTests", dependencies: ["Pruning", "HLSConfig", "HLSEmit", "HDF5", "KerasIO", "ONNXIO", "Training", "ModelIR", "Knapsack", "Inference", "FixtureSupport"]),
        .testTarget(name: "OutputFilesTests", dependencies: ["OutputFiles"]),
        .testTarget(name: "FirmwareTests", dependencies: ["Firmware", "FixedPoint", "HLSConfig", "Inference", "KerasIO", "ModelIR", "FixtureSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["hlsprune", "PruneForDSPs", "MutationFuzzer", "HLSConfig", "HDF5", "FixtureSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
