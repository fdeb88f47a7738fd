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
    // 5.x keeps duplicate mapping keys in the composed tree, so orchgen can report
    // every duplicate with both locations instead of Yams 6's single composer error.
    .package(url: "https://github.com/jpsim/Yams", exact: "5.0.1"),
  ],
  targets: [
    .systemLibrary(
      name: "CCmark",
      pkgConfig: "libcmark",
      providers: [.apt(["libcmark-dev"]), .brew(["cmark"])]
    ),
    .target(
      name: "OrchgenKit",
      dependencies: ["CCmark", .product(name: "Yams", package: "Yams")]
    ),
    .executableTarget(
      name: "orchgen",
      dependencies: [
        "OrchgenKit",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
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
