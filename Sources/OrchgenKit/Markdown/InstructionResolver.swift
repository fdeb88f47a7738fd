/// Parses every instruction file, resolves includes and checks mentions and links.
///
/// Pure: it reads only the `Project` the loader built. Every markdown file is parsed once and
/// checked once, so a finding in a shared partial is reported at the partial, once, however
/// many agents include it.
public enum InstructionResolver {
  /// The most text all agents' resolved instructions may hold together, each agent counted
  /// (every agent's generated files embed its instructions, so a shared 4 MiB file used by
  /// 200 agents would otherwise become 800 MiB of output).
  public static let maxTotalBytes = 64 * 1024 * 1024

  /// Instructions for each agent whose file exists, by agent id; findings go to `diagnostics`.
  public static func resolve(_ project: Project, diagnostics: inout [Diagnostic]) -> [String: Instructions] {
    let paths = project.markdownFiles.keys.sorted()
    var documents: [String: MarkdownDocument] = [:]
    for path in paths { documents[path] = MarkdownParser.parse(project.markdownFiles[path]!.text) }

    var graph = IncludeGraph(
      files: project.markdownFiles, documents: documents, leadsOutside: project.leadsOutside, diagnostics: &diagnostics)
    let checker = MarkdownReferenceChecker(project: project)
    for path in paths { checker.check(documents[path]!, in: path, &diagnostics) }

    var result: [String: Instructions] = [:]
    // Agents may share a file; its body is resolved and parsed once.
    var resolved: [String: Instructions] = [:]
    var total = 0
    func count(_ instructions: Instructions, for agent: AgentDefinition) {
      guard total <= maxTotalBytes else { return }
      total += instructions.body.utf8.count
      guard total > maxTotalBytes else { return }
      diagnostics.append(
        Diagnostic(
          .limitExceeded,
          "the instructions of all agents add up to more than \(maxTotalBytes / 1024 / 1024) MiB once includes are resolved; agent '\(agent.id.value)' crosses it",
          at: agent.instructions.location,
          help: "every agent's generated files embed its instructions: share less text, or move large references to files agents read when they run"))
    }
    var outsideUsed = graph.outsideTargets
    for agent in project.agents {
      guard let file = project.markdownFiles[agent.instructions.value] else {
        if project.leadsOutside(agent.instructions.value) {
          outsideUsed.insert(agent.instructions.value)
          diagnostics.append(OutsideProject.instructions(of: agent))
        } else if !project.unreadable.contains(agent.instructions.value) {
          diagnostics.append(missingInstructions(agent, project: project))
        }
        continue
      }
      if let instructions = resolved[file.path] {
        result[agent.id.value] = instructions
        count(instructions, for: agent)
        continue
      }
      let body = graph.expand(file.path, diagnostics: &diagnostics)
      let document = body == file.text ? documents[file.path]! : MarkdownParser.parse(body)
      // Mentions where they are written, so a finding about one points into the partial.
      var mentions: [Located<String>] = []
      for path in graph.reachable(from: [file.path]).sorted() {
        for mention in documents[path]?.mentions ?? [] {
          mentions.append(
            Located(mention.id, at: SourceLocation(
              file: path, line: mention.line, column: mention.column,
              endColumn: mention.column + 1 + mention.id.unicodeScalars.count)))
        }
      }
      let instructions = Instructions(
        path: file.path, body: body, title: document.title, summary: document.firstParagraph,
        checklist: document.checklist, mentions: mentions)
      resolved[file.path] = instructions
      result[agent.id.value] = instructions
      count(instructions, for: agent)
    }
    reportOrphans(project, graph: graph, &diagnostics)
    // Markdown files under content/ that lead outside and that nothing uses: at the file.
    for path in project.outside.sorted()
    where path.hasPrefix(IncludeGraph.contentFolder + "/") && path.hasSuffix(".md") && !outsideUsed.contains(path) {
      diagnostics.append(OutsideProject.file(path))
    }
    return result
  }

  private static func missingInstructions(_ agent: AgentDefinition, project: Project) -> Diagnostic {
    let id = agent.id.value
    let path = agent.instructions.value
    let help: String
    if agent.instructionsExplicit, !PathSafety.isSafeRelative(path) {
      help = "'instructions:' must be a relative path inside the project, such as 'content/instructions/\(id).md'"
    } else if agent.instructionsExplicit {
      help =
        EditDistance.closest(to: path, in: project.markdownFiles.keys.sorted())
        .map { "did you mean '\($0)'? otherwise create '\(path)'" }
        ?? "create '\(path)', or point 'instructions:' at an existing file"
    } else {
      help = "create '\(path)', or set 'instructions:' for agent '\(id)' in config/agents.yaml"
    }
    return Diagnostic(
      .missingInstructions, "instruction file '\(path)' of agent '\(id)' does not exist",
      at: agent.instructions.location, help: help)
  }

  /// Files under `content/instructions/` that no agent uses, directly or through an include.
  private static func reportOrphans(_ project: Project, graph: IncludeGraph, _ diagnostics: inout [Diagnostic]) {
    // With no agents (often because agents.yaml failed to load) every file would be flagged,
    // which only buries the real error.
    guard !project.agents.isEmpty else { return }
    // A file offered as the fix for a misspelt 'instructions:' path is not also an orphan.
    let suggested = project.agents.compactMap { agent -> String? in
      guard agent.instructionsExplicit, project.markdownFiles[agent.instructions.value] == nil else { return nil }
      return EditDistance.closest(to: agent.instructions.value, in: project.markdownFiles.keys.sorted())
    }
    let used = graph.reachable(from: project.agents.map(\.instructions.value) + suggested)
    let folder = IncludeGraph.contentFolder + "/instructions/"
    for path in project.markdownFiles.keys.sorted() where path.hasPrefix(folder) && !used.contains(path) {
      let name = String(path.split(separator: "/").last!)
      let stem = name.hasSuffix(".md") ? String(name.dropLast(3)) : name
      diagnostics.append(
        Diagnostic(.orphanInstructions, "'\(path)' is the instruction file of no agent", at: .file(path),
          help: "define an agent '\(stem)' or delete the file"))
    }
  }
}
