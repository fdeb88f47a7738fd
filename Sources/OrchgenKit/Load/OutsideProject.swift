/// The `outside-project` findings: a file or folder orchgen would read leads, links followed,
/// outside the project root, so it was not opened. Each names only the path inside the
/// project; nothing of what the link points to (not even where) reaches a report.
enum OutsideProject {
  /// A file orchgen reads by itself (settings, agents, a workflow, an unused markdown file),
  /// reported at the file.
  static func file(_ path: String) -> Diagnostic {
    Diagnostic(
      .outsideProject, "'\(path)' leads outside the project through a symbolic link; orchgen does not read it",
      at: .file(path), help: "replace the link with the file itself, or with a link to a file inside the project")
  }

  /// A folder orchgen lists (`config/workflows`, `content`), reported at the folder.
  static func folder(_ path: String) -> Diagnostic {
    Diagnostic(
      .outsideProject, "'\(path)' leads outside the project through a symbolic link; orchgen reads nothing in it",
      at: .file(path), help: "replace the link with the folder itself, or with a link to a folder inside the project")
  }

  /// An include directive whose file (or a folder on its way) leads outside.
  static func include(_ written: String, at location: SourceLocation) -> Diagnostic {
    Diagnostic(
      .outsideProject,
      "included file '\(written)' leads outside the project through a symbolic link; orchgen does not read it",
      at: location,
      help: "include a file inside \(IncludeGraph.contentFolder)/: replace the link with a copy of the file it points to")
  }

  /// An agent whose instruction file (or a folder on its way) leads outside.
  static func instructions(of agent: AgentDefinition) -> Diagnostic {
    let path = agent.instructions.value
    return Diagnostic(
      .outsideProject,
      "instruction file '\(path)' of agent '\(agent.id.value)' leads outside the project through a symbolic link; orchgen does not read it",
      at: agent.instructions.location,
      help: agent.instructionsExplicit
        ? "point 'instructions:' at a file inside the project, or replace the link with the file itself"
        : "replace the link at '\(path)' with the file itself, or set 'instructions:' to a file inside the project")
  }
}
