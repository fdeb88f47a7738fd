/// Checks what a markdown file points at: `@mentions` must name defined agents and relative
/// links must reach a file or directory of the project. Pure: existence comes from the paths
/// the loader recorded, never from the filesystem.
struct MarkdownReferenceChecker {
  private let agentIDs: [String]
  private let agentIDSet: Set<String>
  /// Every known file and directory path, relative to the project root.
  private let known: Set<String>

  init(project: Project) {
    agentIDs = project.agents.map(\.id.value)
    agentIDSet = Set(agentIDs)
    // Files the loader read certainly exist, as do their folders; this also lets in-memory
    // projects (tests, tools) work without filling `knownPaths`.
    var known = project.knownPaths
    for path in Set(project.sources.keys).union(project.markdownFiles.keys) {
      known.insert(path)
      var parts = path.split(separator: "/").dropLast()
      while !parts.isEmpty {
        guard known.insert(parts.joined(separator: "/")).inserted else { break }
        parts = parts.dropLast()
      }
    }
    self.known = known
  }

  /// Reports unknown mentions and broken links of `document`, the parse of `path`.
  func check(_ document: MarkdownDocument, in path: String, _ diagnostics: inout [Diagnostic]) {
    for mention in document.mentions where !agentIDSet.contains(mention.id) {
      let location = SourceLocation(
        file: path, line: mention.line, column: mention.column,
        endColumn: mention.column + 1 + mention.id.unicodeScalars.count)
      let help =
        EditDistance.closest(to: mention.id, in: agentIDs).map { "did you mean '@\($0)'?" }
        ?? "define agent '\(mention.id)' in config/agents.yaml"
      diagnostics.append(
        Diagnostic(.unknownMention, "'@\(mention.id)' does not name a defined agent", at: location, help: help))
    }
    let directory = path.split(separator: "/").dropLast().joined(separator: "/")
    for link in document.links {
      let file = MarkdownSyntax.filePath(ofReference: link.url)
      guard !file.isEmpty else { continue }
      let location = SourceLocation(
        file: path, line: link.line, column: link.column, endColumn: link.column + link.length)
      let kind = link.isImage ? "image" : "link"
      guard let target = PathSafety.resolve(file, against: directory) else {
        diagnostics.append(
          Diagnostic(.brokenLink, "\(kind) '\(link.url)' points outside the project", at: location,
            help: "link to a file inside the project, or use a full https:// URL"))
        continue
      }
      guard !target.isEmpty, !known.contains(target) else { continue }
      diagnostics.append(
        Diagnostic(.brokenLink, "\(kind) '\(link.url)' points to '\(target)', which does not exist", at: location,
          help: suggestion(for: file, target: target) ?? "create '\(target)', or fix the \(kind)"))
    }
  }

  /// A sibling of the missing target with a close name, written the way the link wrote it.
  private func suggestion(for written: String, target: String) -> String? {
    let parent = target.split(separator: "/").dropLast().joined(separator: "/")
    let name = String(target.split(separator: "/").last ?? "")
    let siblings = known.filter { candidate in
      let candidateParent = candidate.split(separator: "/").dropLast().joined(separator: "/")
      return candidateParent == parent && candidate != parent
    }.map { String($0.split(separator: "/").last ?? "") }.sorted()
    guard let match = EditDistance.closest(to: name, in: siblings) else { return nil }
    var trimmed = Substring(written)
    while trimmed.hasSuffix("/") { trimmed.removeLast() }
    let writtenParent = trimmed.split(separator: "/", omittingEmptySubsequences: false).dropLast()
    return "did you mean '\((writtenParent + [Substring(match)]).joined(separator: "/"))'?"
  }
}
