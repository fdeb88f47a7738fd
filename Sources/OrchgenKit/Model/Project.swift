/// Everything read from a project: settings, agents, workflows and instruction files.
public struct Project: Sendable {
  public var settings = ProjectSettings()
  /// Agents in declaration order.
  public var agents: [AgentDefinition] = []
  /// Workflows sorted by name.
  public var workflows: [WorkflowDefinition] = []
  /// Every file read, by relative path, for diagnostics' source snippets.
  public var sources: [String: SourceFile] = [:]
  /// Markdown files under `content/`, by relative path.
  public var markdownFiles: [String: SourceFile] = [:]
  /// Every file and directory path under the project root the loader saw, relative, with `/`
  /// separators; link checks use it so they never touch the filesystem. Skips `.git`, `.build*`,
  /// `output`, `node_modules`, hidden and symlinked directories' contents.
  public var knownPaths: Set<String> = []
  /// Where `config/agents.yaml` was, when it exists.
  public var agentsFile: String?
  /// Files that exist but could not be used (unreadable, binary, too large; already reported),
  /// so later stages do not also call them missing.
  public var unreadable: Set<String> = []
  /// Files and folders that lead, links followed, outside the project root (none was opened);
  /// their findings are made where they are used, by `InstructionResolver`, unless the loader
  /// already made one at the path.
  public var outside: Set<String> = []

  public init() {}

  /// Whether `path`, or a folder above it, is one of `outside`.
  public func leadsOutside(_ path: String) -> Bool {
    guard !outside.isEmpty else { return false }
    var candidate = Substring(path)
    while true {
      if outside.contains(String(candidate)) { return true }
      guard let slash = candidate.lastIndex(of: "/") else { return false }
      candidate = candidate[..<slash]
    }
  }

  /// The agent with `id`, if defined.
  public func agent(_ id: String) -> AgentDefinition? {
    agents.first { $0.id.value == id }
  }
}
