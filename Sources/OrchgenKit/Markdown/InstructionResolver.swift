/// Parses every instruction file, resolves includes and checks mentions and links.
public enum InstructionResolver {
  /// Instructions for each agent whose file exists, by agent id.
  public static func resolve(_ project: Project, diagnostics: inout [Diagnostic]) -> [String: Instructions] {
    var result: [String: Instructions] = [:]
    for agent in project.agents {
      guard let file = project.markdownFiles[agent.instructions.value] else { continue }
      result[agent.id.value] = Instructions(path: file.path, body: file.text, title: nil, summary: nil, checklist: [])
    }
    return result
  }
}
