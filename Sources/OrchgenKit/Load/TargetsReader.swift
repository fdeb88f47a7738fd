/// Reads `targets:`, `runner:` and `runner_ask:` of `config/orchgen.yaml`.
enum TargetsReader {
  /// The listed targets in order; unknown and repeated names are reported and left out.
  static func targets(_ node: YAMLNode, _ diagnostics: inout [Diagnostic]) -> [BuildTarget] {
    let names = BuildTarget.allCases.map(\.rawValue)
    let entries = ValueReader.stringList(node, "targets", &diagnostics)
    if entries.isEmpty, !isWrongType(node) {
      diagnostics.append(
        Diagnostic(.invalidValue, "targets names no target", at: node.location,
          help: "list at least one of " + names.joined(separator: ", ") + ", or remove 'targets' for [opencode]"))
    }
    var targets: [BuildTarget] = []
    var seen: [BuildTarget: SourceLocation] = [:]
    for entry in entries {
      guard let target = BuildTarget(rawValue: entry.value) else {
        diagnostics.append(
          Diagnostic(.invalidValue, "target '\(entry.value)' is not one of " + names.joined(separator: ", "),
            at: entry.location,
            help: EditDistance.closest(to: entry.value, in: names).map { "did you mean '\($0)'?" }
              ?? "use one of " + names.joined(separator: ", ")))
        continue
      }
      if let first = seen[target] {
        diagnostics.append(
          Diagnostic(.invalidValue, "target '\(entry.value)' is listed twice", at: entry.location,
            notes: [.init("first listed here", at: first)], help: "remove one of the two entries"))
        continue
      }
      seen[target] = entry.location
      targets.append(target)
    }
    return targets
  }

  /// The runner's CLI; it must be one of the targets, since it loads that target's agents.
  static func runner(_ node: YAMLNode, targets: [BuildTarget], _ diagnostics: inout [Diagnostic]) -> RunnerCLI? {
    guard let value = ValueReader.string(node, "runner", &diagnostics) else { return nil }
    let names = RunnerCLI.allCases.map(\.rawValue)
    guard let runner = RunnerCLI(rawValue: value.value) else {
      diagnostics.append(
        Diagnostic(.invalidValue, "runner '\(value.value)' is not one of " + names.joined(separator: ", "),
          at: value.location,
          help: EditDistance.closest(to: value.value, in: names).map { "did you mean '\($0)'?" }
            ?? "use one of " + names.joined(separator: ", ")))
      return nil
    }
    if !targets.contains(runner.target) {
      diagnostics.append(
        Diagnostic(.invalidValue, "runner '\(runner.rawValue)' needs the '\(runner.target.rawValue)' target, which targets does not list",
          at: value.location,
          notes: [.init("the runner starts the agents that target generates")],
          help: "add \(runner.target.rawValue) to targets"))
    }
    return runner
  }

  /// `runner_ask`: what a permission prompt becomes in a headless runner task.
  static func runnerAsk(_ node: YAMLNode, _ diagnostics: inout [Diagnostic]) -> RunnerAsk? {
    guard let value = ValueReader.string(node, "runner_ask", &diagnostics) else { return nil }
    let names = RunnerAsk.allCases.map(\.rawValue)
    guard let ask = RunnerAsk(rawValue: value.value) else {
      diagnostics.append(
        Diagnostic(.invalidValue, "runner_ask '\(value.value)' is not one of " + names.joined(separator: ", "),
          at: value.location,
          help: EditDistance.closest(to: value.value, in: names).map { "did you mean '\($0)'?" }
            ?? "use reject (the default: nobody is there to answer) or approve"))
      return nil
    }
    return ask
  }

  private static func isWrongType(_ node: YAMLNode) -> Bool {
    if case .mapping = node { return true }
    return false
  }
}
