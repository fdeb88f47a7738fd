/// `config/orchgen.yaml`: model aliases and project-wide defaults.
public struct ProjectSettings: Sendable {
  /// Model aliases, in declaration order: alias → `provider/model`.
  public var models: [(alias: Located<String>, model: Located<String>)] = []
  /// Model for agents that name none (alias or `provider/model`).
  public var defaultModel: Located<String>?
  /// Estimate for tasks that give none, in seconds.
  public var defaultEstimate: Int = 30 * 60
  /// Concurrency cap for workflows that give none.
  public var defaultMaxConcurrent: Located<Int>?
  /// Where the settings came from, when the file exists.
  public var file: String?
  /// The tools to emit for, in the order written, without duplicates (default: OpenCode only).
  public var targets: [BuildTarget] = BuildTarget.defaults
  /// The CLI the generated runners start for each task (default: OpenCode).
  public var runner: RunnerCLI = .opencode
  /// What an `ask` becomes when a runner runs a task headless (default: rejected).
  public var runnerAsk: RunnerAsk = .reject

  public init() {}

  /// `provider/model` for an alias or a literal model; nil for an unknown alias.
  public func resolveModel(_ name: String) -> String? {
    if let entry = models.first(where: { $0.alias.value == name }) { return entry.model.value }
    return name.contains("/") ? name : nil
  }

  /// Built-in concurrency default when neither the workflow nor the settings give one.
  public static let builtInMaxConcurrent = 4
}
