/// A tool `orchgen build` emits files for, chosen by `targets:` in `config/orchgen.yaml`.
public enum BuildTarget: String, Sendable, CaseIterable {
  /// OpenCode agents and commands under `output/opencode/`.
  case opencode
  /// Claude Code subagents and slash commands under `output/claude/`.
  case claude
  /// `output/AGENTS.md`, an overview for tools that read only AGENTS.md.
  case agentsMarkdown = "agents-md"
  /// One GitHub Actions workflow per orchgen workflow under `output/github/workflows/`: a job
  /// per task, decisions as job outputs, changes and hand-offs as artifacts.
  case githubActions = "github-actions"

  /// What `targets:` means when the settings do not say.
  public static let defaults: [BuildTarget] = [.opencode]
}

/// The command-line tool the generated runners (`run.mk`, `run.ps1`) start for each task,
/// chosen by `runner:` in `config/orchgen.yaml`.
public enum RunnerCLI: String, Sendable, CaseIterable {
  /// `opencode run --agent <agent> <task>`.
  case opencode
  /// `claude -p --agent <agent> <task>`.
  case claude

  /// The build target whose agent files the CLI loads.
  public var target: BuildTarget {
    switch self {
    case .opencode: .opencode
    case .claude: .claude
    }
  }
}
