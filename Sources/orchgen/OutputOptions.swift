import ArgumentParser
import FoundationEssentials

/// Where generated files go.
struct OutputOptions: ParsableArguments {
  @Option(name: .long, help: "The output directory (default: <root>/output).")
  var output: String?

  /// The output directory as an absolute URL.
  func outputURL(root: URL) -> URL {
    guard let output else { return root.appendingPathComponent("output") }
    return URL(fileURLWithPath: output, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
      .standardizedFileURL
  }

  /// How generated prompts name the output directory: relative to the root when inside it.
  func label(root: URL) -> String {
    let url = outputURL(root: root).standardizedFileURL.path
    let base = root.standardizedFileURL.path
    if url.hasPrefix(base + "/") { return String(url.dropFirst(base.count + 1)) }
    return output ?? "output"
  }
}
