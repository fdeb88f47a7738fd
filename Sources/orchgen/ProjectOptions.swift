import ArgumentParser
#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Options every subcommand that reads a project shares.
struct ProjectOptions: ParsableArguments {
  @Option(
    name: .long,
    help: "The project root (the folder holding config/ and content/; default: found upward from the current directory, like git).",
    completion: .directory)
  var root: String?

  /// The project root as an absolute file URL: `--root`, else the nearest folder at or above the
  /// current directory that holds orchgen's `config/`, else the current directory.
  var rootURL: URL {
    let current = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL
    if let root { return URL(fileURLWithPath: root, relativeTo: current).standardizedFileURL }
    return Self.enclosingProject(of: current) ?? current
  }

  /// The nearest of `directory` and its ancestors with `config/agents.yaml`,
  /// `config/orchgen.yaml` or `config/workflows/`.
  static func enclosingProject(of directory: URL) -> URL? {
    var candidate = directory
    while true {
      let config = candidate.appendingPathComponent("config")
      for marker in ["agents.yaml", "orchgen.yaml", "workflows"]
      where FileManager.default.fileExists(atPath: config.appendingPathComponent(marker).path) {
        return candidate
      }
      let parent = candidate.deletingLastPathComponent().standardizedFileURL
      if parent.path == candidate.path { return nil }
      candidate = parent
    }
  }
}

extension ProjectOptions {
  /// A missing or non-directory root is a usage error (exit 64), not a finding.
  func validateRoot() throws {
    var isDirectory = false
    guard FileManager.default.fileExists(atPath: rootURL.path, isDirectory: &isDirectory), isDirectory
    else { throw ValidationError("--root '\(root ?? ".")' is not a directory") }
  }
}
