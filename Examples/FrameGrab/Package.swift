// swift-tools-version:6.0
import PackageDescription

// An app outside RayKit: one dependency, one product, one `import RayKit`.
let package = Package(
    name: "FrameGrab",
    platforms: [.macOS(.v15)],
    dependencies: [
        // A checkout of RayKit; an app elsewhere names RayKit's repository and a version instead.
        .package(name: "RayKit", path: "../.."),
    ],
    targets: [
        .executableTarget(name: "FrameGrab", dependencies: [.product(name: "RayKit", package: "RayKit")]),
    ]
)
