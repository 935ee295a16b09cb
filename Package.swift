// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "RayKit",
    platforms: [.macOS(.v15)],
    products: [
        // The binary is `raykit`; its module is RayKitTool, so it cannot clash with the RayKit library's module where
        // file names ignore case (macOS): `Sources/RayKit` beside `Sources/raykit`, `RayKit.swiftmodule` beside `raykit.swiftmodule`.
        .executable(name: "raykit", targets: ["RayKitTool"]),
        // Everything an app needs, in one `import RayKit`.
        .library(name: "RayKit", targets: ["RayKit"]),
        .library(name: "RayCanvas", targets: ["RayCanvas"]),
        .library(name: "RayMedia", targets: ["RayMedia"]),
        .library(name: "RayModels", targets: ["RayModels"]),
        .library(name: "RayPipeline", targets: ["RayPipeline"]),
        .library(name: "RayAPI", targets: ["RayAPI"]),
        .library(name: "RayVersion", targets: ["RayVersion"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.0"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
        // `make docs`: `swift package generate-documentation --target RayKit`.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CFFmpeg",
            pkgConfig: "libavformat libavcodec libswscale libswresample libavutil",
            providers: [.apt(["libavformat-dev", "libavcodec-dev", "libswscale-dev", "libswresample-dev", "libavutil-dev"])]
        ),
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .target(name: "RayVersion"),
        .target(name: "RayCanvas"),
        .target(name: "RayModels", dependencies: ["RayCanvas"]),
        .target(name: "RayMedia", dependencies: ["CFFmpeg", "RayCanvas"]),
        .target(name: "RayAPI", dependencies: ["CCurl", "RayModels", "RayVersion"]),
        .target(name: "RayPipeline", dependencies: ["RayMedia", "RayModels", "RayCanvas", "RayAPI", "RayVersion"]),
        .target(name: "RayKit", dependencies: ["RayCanvas", "RayModels", "RayMedia", "RayAPI", "RayPipeline", "RayVersion"]),
        .executableTarget(
            name: "RayKitTool",
            dependencies: [
                "RayMedia", "RayCanvas", "RayModels", "RayPipeline", "RayAPI", "RayVersion",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(name: "RayKitTestSupport", dependencies: ["RayMedia"], path: "Tests/RayKitTestSupport"),
        .target(
            name: "ScenarioTestServer",
            dependencies: [
                .product(name: "FlyingFox", package: "FlyingFox"),
                .product(name: "FlyingSocks", package: "FlyingFox"),
            ],
            path: "Tests/ScenarioTestServer"
        ),
        .testTarget(
            name: "RayCanvasTests",
            dependencies: ["RayCanvas", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(name: "RayMediaTests", dependencies: ["RayMedia", "RayKitTestSupport"]),
        .testTarget(name: "RayAPITests", dependencies: ["RayAPI", "ScenarioTestServer", "RayKitTestSupport"]),
        .testTarget(name: "RayModelsTests", dependencies: ["RayModels"]),
        .testTarget(name: "RayPipelineTests", dependencies: ["RayPipeline", "RayKitTestSupport", "ScenarioTestServer"]),
        .testTarget(name: "ScenarioTestServerTests", dependencies: ["ScenarioTestServer", "RayKitTestSupport"]),
        // Fuzz targets (`make fuzz`): libFuzzer entry points over RayMedia and RayAPI; built normally they replay inputs.
        .target(name: "FuzzSupport", path: "Fuzz/FuzzSupport"),
        .executableTarget(name: "FuzzProbe", dependencies: ["FuzzSupport", "RayMedia"], path: "Fuzz/FuzzProbe"),
        .executableTarget(name: "FuzzStills", dependencies: ["FuzzSupport", "RayMedia"], path: "Fuzz/FuzzStills"),
        .executableTarget(name: "FuzzCrop", dependencies: ["FuzzSupport", "RayMedia", "RayCanvas"], path: "Fuzz/FuzzCrop"),
        .executableTarget(name: "FuzzAPI", dependencies: ["FuzzSupport", "RayAPI"], path: "Fuzz/FuzzAPI"),
        // The soak (`make soak`): probe, stills and crop repeated in one process, resident memory watched.
        .executableTarget(name: "Soak", dependencies: ["RayMedia", "RayCanvas"], path: "bench/Soak"),
        // RayKitTool: the example's test compares its pixels with the stills `raykit` writes.
        .testTarget(name: "RayKitTests", dependencies: ["RayKit", "RayKitTool", "RayKitTestSupport"]),
        .testTarget(name: "RayKitToolTests", dependencies: ["RayKitTool", "RayKitTestSupport", "ScenarioTestServer"]),
    ]
)
