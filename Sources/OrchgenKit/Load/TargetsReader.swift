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
    guard let (runner, value) = choice(node, "runner", RunnerCLI.self, &diagnostics) else { return nil }
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
    choice(node, "runner_ask", RunnerAsk.self, &diagnostics)?.0
  }

  /// A string `key` that must be one of `Value`'s cases; anything else is reported with the
  /// closest case.
  private static func choice<Value: RawRepresentable & CaseIterable>(
    _ node: YAMLNode, _ key: String, _ type: Value.Type, _ diagnostics: inout [Diagnostic]
  ) -> (Value, Located<String>)? where Value.RawValue == String {
    guard let value = ValueReader.string(node, key, &diagnostics) else { return nil }
    let names = Value.allCases.map(\.rawValue)
    guard let choice = Value(rawValue: value.value) else {
      diagnostics.append(
        Diagnostic(.invalidValue, "\(key) '\(value.value)' is not one of " + names.joined(separator: ", "),
          at: value.location,
          help: EditDistance.closest(to: value.value, in: names).map { "did you mean '\($0)'?" }
            ?? "use one of " + names.joined(separator: ", ")))
      return nil
    }
    return (choice, value)
  }

  private static func isWrongType(_ node: YAMLNode) -> Bool {
    if case .mapping = node { return true }
    return false
  }
}
