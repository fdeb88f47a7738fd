import ArgumentParser
import FoundationEssentials

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

extension ProjectOptions {
  /// A missing or non-directory root is a usage error (exit 64), not a finding.
  func validateRoot() throws {
    var isDirectory = false
    guard FileManager.default.fileExists(atPath: rootURL.path, isDirectory: &isDirectory), isDirectory
    else { throw ValidationError("--root '\(root)' is not a directory") }
  }
}
