// swift-tools-version: 6.0
// The README's Swift library example as a package of its own, built against this repository.
import PackageDescription

let package = Package(
    name: "PruneForDSPs",
    dependencies: [
        .package(name: "hlsprune", path: "../.."),
    ],
    targets: [
        .executableTarget(
            name: "PruneForDSPs",
            dependencies: [.product(name: "HLSPruneKit", package: "hlsprune")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
