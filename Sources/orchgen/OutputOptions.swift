import ArgumentParser
#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
import OrchgenKit

/// Where generated files go.
struct OutputOptions: ParsableArguments {
  @Option(
    name: .long,
    help: "The output directory (default: <root>/output). Generated files name it relative to the project root.",
    completion: .directory)
  var output: String?

  /// The output directory as an absolute URL.
  func outputURL(root: URL) -> URL {
    guard let output else { return root.appendingPathComponent("output") }
    return URL(fileURLWithPath: output, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
      .standardizedFileURL
  }

  /// How generated files name the output directory: its path relative to the project root
  /// (`../out` outside it), never an absolute path of this machine.
  func label(root: URL) -> String {
    OutputLabel.relative(outputURL(root: root).standardizedFileURL.path, to: root.standardizedFileURL.path)
  }
}
