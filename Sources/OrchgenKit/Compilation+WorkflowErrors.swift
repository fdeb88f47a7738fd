extension Compilation {
  /// The errors that stop `plan`, `graph` and the run-state commands on workflow `name`: those
  /// in its own file and in what it depends on (settings, its coordinator and task agents, their
  /// instructions), but not those in another workflow's file, in the entry of an agent it does
  /// not use, or in the instruction file of such an agent.
  ///
  /// An error is placed in an agent's entry of `config/agents.yaml` by position: on the agent's
  /// line, or below it and indented deeper than its id. Anything else in that file (the
  /// top-level keys, an entry too broken to be an agent) blocks every workflow, and so does an
  /// error in a partial, which any agent may include.
  public func errors(blocking name: String) -> [Diagnostic] {
    let errors = diagnostics.filter { $0.severity == .error }
    guard let graph = graph(named: name) else { return errors }
    let used = Set(graph.tasks.map(\.agent) + (graph.coordinator.map { [$0] } ?? []))
    let entries = project.agents.map(\.id).sorted { $0.location < $1.location }
    let usedInstructions = Set(project.agents.filter { used.contains($0.id.value) }.map(\.instructions.value))
    let otherInstructions = Set(project.agents.filter { !used.contains($0.id.value) }.map(\.instructions.value))
      .subtracting(usedInstructions)
    let ownFile = "config/workflows/\(name).yaml"
    return errors.filter { error in
      guard let location = error.location else { return true }
      if location.file.hasPrefix("config/workflows/") { return location.file == ownFile }
      if location.file == project.agentsFile {
        guard let entry = entries.last(where: { $0.location.line <= location.line }),
          entry.location.line == location.line || location.column > entry.location.column
        else { return true }
        return used.contains(entry.value)
      }
      return !otherInstructions.contains(location.file)
    }
  }
}
