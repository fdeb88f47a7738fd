import ArgumentParser
#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Shell completion of workflow names: the shell calls back into orchgen (swift-argument-parser's
/// custom completion), which lists `config/workflows/` of the project the command would use.
enum WorkflowCompletion {
  /// For `@Argument(completion:)` of every argument that names a workflow.
  static let kind = CompletionKind.custom { words, _, prefix in names(words: words, prefix: prefix) }

  /// The workflow names starting with `prefix`, sorted, in the project that `--root` in `words`
  /// names, else the one found upward from the current directory.
  static func names(words: [String], prefix: String) -> [String] {
    let current = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL
    let root: URL
    if let given = rootOption(in: words) {
      root = URL(fileURLWithPath: given, relativeTo: current).standardizedFileURL
    } else {
      root = ProjectOptions.enclosingProject(of: current) ?? current
    }
    let folder = root.appendingPathComponent("config/workflows")
    let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    var names = Set<String>()
    for file in files where !file.hasPrefix(".") {
      for suffix in [".yaml", ".yml"] where file.hasSuffix(suffix) { names.insert(String(file.dropLast(suffix.count))) }
    }
    return names.filter { $0.hasPrefix(prefix) }.sorted()
  }

  /// The value of `--root DIR` or `--root=DIR`, as typed (shell quoting is left to the user).
  private static func rootOption(in words: [String]) -> String? {
    for (index, word) in words.enumerated() {
      if word == "--root", index + 1 < words.count { return words[index + 1] }
      if word.hasPrefix("--root=") { return String(word.dropFirst("--root=".count)) }
    }
    return nil
  }
}
