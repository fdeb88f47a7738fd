/// What a permission that would ask a person becomes when a runner (`run.mk`, `run.ps1`) runs a
/// task headless, where nobody is there to answer: `runner_ask:` in `config/orchgen.yaml`.
///
/// The default is `reject`, because a headless run that silently grants what the agent's own
/// rules keep for a person would widen every agent's permissions without anyone deciding it.
public enum RunnerAsk: String, Sendable, CaseIterable {
  /// Every prompt is answered "no"; the runner reports each rejection and fails the task.
  /// OpenCode: `opencode run` without `--auto`. Claude Code: `--permission-mode acceptEdits`
  /// (file edits the agent's tools allow are accepted, every other prompt is denied).
  case reject
  /// Every prompt that an explicit `deny` does not forbid is answered "yes".
  /// OpenCode: `--auto`. Claude Code: `--permission-mode bypassPermissions`.
  case approve

  /// The permission flags `cli` gets in a headless run under this setting.
  public func flags(for cli: RunnerCLI) -> [String] {
    switch (cli, self) {
    case (.opencode, .reject): []
    case (.opencode, .approve): ["--auto"]
    case (.claude, .reject): ["--permission-mode", "acceptEdits"]
    case (.claude, .approve): ["--permission-mode", "bypassPermissions"]
    }
  }
}
