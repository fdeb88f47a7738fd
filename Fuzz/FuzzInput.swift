/// How the fuzzer turns arbitrary bytes into a project: the one-file fixture format of the
/// tests, read at the byte level. A line `=== <path>` starts a file; bytes before the first
/// marker are comments, as in the fixtures, and an input without any marker is the workflow
/// `config/workflows/fuzz.yaml`. When the input names no agents file,
/// a small valid agent library and its instructions are added, so mutations of a bare
/// workflow still reach expansion, validation, planning and generation. Files under `output/`
/// are a previous build on disk (see `FuzzTarget.compare`).
enum FuzzInput {
  static let defaultWorkflow = "config/workflows/fuzz.yaml"
  /// More files than this are ignored: the loader's own limits are tested elsewhere.
  static let maxFiles = 64

  static let defaultFiles: [String: String] = [
    "config/agents.yaml": """
      agents:
        coordinator:
          description: Drives the workflow
          mode: primary
        coder:
          description: Writes code
        reviewer:
          description: Reviews code
      """,
    "content/instructions/coordinator.md": "# Coordinator\n\nRuns @coder.\n",
    "content/instructions/coder.md": "# Coder\n\n<!-- include: partials/shared.md -->\n\n## Checklist\n\n- done\n",
    "content/instructions/reviewer.md": "# Reviewer\n\nReviews [the guide](../partials/shared.md).\n",
    "content/partials/shared.md": "## Shared\n\nWrite results.\n",
  ]

  /// Relative path → bytes.
  static func files(from data: [UInt8]) -> [String: [UInt8]] {
    var files: [String: [UInt8]] = [:]
    // nil until the first marker: the leading comment lines.
    var path: String? = nil
    var current: [UInt8] = []
    var lineStart = 0
    func flush() {
      if let path, files.count < maxFiles { files[path] = current }
    }
    var index = 0
    while index <= data.count {
      guard index == data.count || data[index] == UInt8(ascii: "\n") else {
        index += 1
        continue
      }
      let line = data[lineStart..<index]
      if line.starts(with: Array("=== ".utf8)) {
        flush()
        path = String(decoding: line.dropFirst(4), as: UTF8.self).trimmingCharacters(in: " \r\t")
        current = []
      } else {
        current.append(contentsOf: line)
        if index < data.count { current.append(UInt8(ascii: "\n")) }
      }
      index += 1
      lineStart = index
    }
    if path == nil { files[defaultWorkflow] = current }
    flush()
    if files["config/agents.yaml"] == nil {
      for (path, text) in defaultFiles where files[path] == nil { files[path] = Array(text.utf8) }
    }
    return files
  }
}

extension String {
  /// The string without leading and trailing characters from `set` (no Foundation needed).
  fileprivate func trimmingCharacters(in set: String) -> String {
    var scalars = Substring(self)
    while let first = scalars.first, set.contains(first) { scalars.removeFirst() }
    while let last = scalars.last, set.contains(last) { scalars.removeLast() }
    return String(scalars)
  }
}
