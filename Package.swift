// swift-tools-version: 6.0
import PackageDescription

/// Settings shared by every target: Swift 6 language mode plus upcoming features.
let sharedSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "CTGLedger",
    products: [
        .library(name: "CTGLedger", targets: ["CTGLedger"]),
        .executable(name: "ctg", targets: ["ctg"]),
    ],
    dependencies: [],
    targets: [
        .target(
            name: "CTGLedger",
            swiftSettings: sharedSettings
        ),
        .executableTarget(
            name: "ctg",
            dependencies: ["CTGLedger"],
            swiftSettings: sharedSettings
        ),
        .executableTarget(
            name: "ctg-generate",
            dependencies: ["CTGLedger"],
            path: "Tools/Generator",
            swiftSettings: sharedSettings
        ),
        .executableTarget(
            name: "decode-bench",
            dependencies: ["CTGLedger"],
            path: "Tools/DecodeBench",
            swiftSettings: sharedSettings
        ),
        .executableTarget(
            name: "sha256-bench",
            dependencies: ["CTGLedger"],
            path: "Tools/SHA256Bench",
            swiftSettings: sharedSettings
        ),
        .testTarget(
            name: "CTGLedgerTests",
            dependencies: ["CTGLedger"],
            resources: [.copy("Fixtures")],
            swiftSettings: sharedSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
