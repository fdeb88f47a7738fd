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

  public init() {}

  /// The agent with `id`, if defined.
  public func agent(_ id: String) -> AgentDefinition? {
    agents.first { $0.id.value == id }
  }
}
