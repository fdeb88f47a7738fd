// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "orchgen",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "orchgen", targets: ["orchgen"]),
    .library(name: "OrchgenKit", targets: ["OrchgenKit"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
  ],
  targets: [
    .systemLibrary(
      name: "CCmark",
      pkgConfig: "libcmark",
      providers: [.apt(["libcmark-dev"]), .brew(["cmark"])]
    ),
    // libyaml 0.2.5+ (yaml/libyaml@acd6f6f, MIT), the parser alone, as Yams 5.0.1 bundles it:
    // depending on Yams linked its Swift half, and with it all of Foundation and ICU, which
    // doubled orchgen's start-up (see Sources/CLibYAML/README.md).
    .target(
      name: "CLibYAML",
      exclude: ["README.md", "License"],
      cSettings: [.define("YAML_DECLARE_STATIC")]
    ),
    .target(
      name: "OrchgenKit",
      dependencies: ["CCmark", "CLibYAML"]
    ),
    .executableTarget(
      name: "orchgen",
      dependencies: [
        "OrchgenKit",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      // The Swift runtime and FoundationEssentials linked in: the dynamic loader then maps
      // and relocates libc and libcmark only, which takes start-up from ~4 ms to ~1.5 ms.
      swiftSettings: [.unsafeFlags(["-static-stdlib"], .when(platforms: [.linux]))],
      linkerSettings: [
        .unsafeFlags(["-static-stdlib"], .when(platforms: [.linux])),
        // Not autolinked when FoundationEssentials is linked statically.
        .linkedLibrary("_FoundationCollections", .when(platforms: [.linux])),
        .linkedLibrary("_FoundationCShims", .when(platforms: [.linux])),
      ]
    ),
    .testTarget(
      name: "OrchgenKitTests",
      dependencies: ["OrchgenKit"],
      exclude: ["Fixtures"]
    ),
    .testTarget(
      name: "OrchgenCLITests",
      dependencies: ["OrchgenKit"]
    ),
  ]
)
