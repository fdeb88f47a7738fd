import ArgumentParser
import Foundation

/// Options every subcommand that reads a project shares.
struct ProjectOptions: ParsableArguments {
  @Option(name: .long, help: "The project root (the folder holding config/ and content/).")
  var root: String = "."

  /// The project root as an absolute file URL.
  var rootURL: URL {
    URL(fileURLWithPath: root, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
      .standardizedFileURL
  }
}
