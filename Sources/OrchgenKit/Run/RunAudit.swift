/// `orchgen audit`: what a run did, held against the workflow it ran. Files changed since the
/// run started must fall in the write scope of a task that ran; tasks must have started after
/// what they need, within their bounds, as their own agent. Findings are diagnostics located in
/// the workflow file, reported like `check`'s.
public enum RunAudit {
  /// The findings for `state`, a run of `plan`, given the files changed in the work tree since
  /// the run started (paths relative to the project root; the state folder's are ignored).
  public static func findings(_ state: RunState, plan: RunPlan, changed: [String], stateFolder: String) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    let ran = plan.tasks.filter { state.task($0.id).attempts > 0 }
    let folder = stateFolder.hasSuffix("/") ? stateFolder : stateFolder + "/"
    for path in changed.sorted() where !path.hasPrefix(folder) && path != stateFolder {
      if ran.contains(where: { task in task.writes.contains { GlobOverlap.overlap($0, path) } }) { continue }
      let closest = closestTasks(to: path, among: ran.isEmpty ? plan.tasks : ran)
      let notes = closest.dropFirst().map { task in
        Diagnostic.Note("'\(task.id)' (\(task.agentID)) writes " + task.writes.map { "'\($0)'" }.joined(separator: ", "), at: task.writesLocation)
      }
      let located = closest.first
      var message = "'\(path)' changed during the run of '\(plan.workflow)', but no task that ran may write it"
      if let located { message += " (closest: '\(located.id)', which writes " + located.writes.map { "'\($0)'" }.joined(separator: ", ") + ")" }
      diagnostics.append(
        Diagnostic(
          .auditOutOfScope, message, at: located?.writesLocation ?? .file(plan.workflowFile), notes: Array(notes),
          help: "revert the change, or add '\(path)' (or its folder) to the writes: of the task that should own it"))
    }
    for task in ran {
      let current = state.task(task.id)
      if let started = current.startedAt {
        for need in task.needs {
          let needed = state.task(need)
          guard needed.status != .skipped else { continue }
          if let finished = needed.finishedAt, finished <= started { continue }
          diagnostics.append(
            Diagnostic(
              .auditOrder,
              "task '\(task.id)' started at \(started), before '\(need)', which it needs, " + (needed.finishedAt.map { "finished at \($0)" } ?? "had finished"),
              at: task.location, help: "drive the run with orchgen next and start only what it prints"))
        }
      }
      if current.failures > task.retries + 1 {
        diagnostics.append(
          Diagnostic(
            .auditBounds, "task '\(task.id)' failed \(current.failures) times; retries is \(task.retries)", at: task.location,
            help: "drive the run with orchgen next and orchgen done, which stop at the bounds"))
      }
      if let (_, rounds) = task.fixes, current.fixRounds > rounds {
        diagnostics.append(
          Diagnostic(
            .auditBounds, "task '\(task.id)' ran \(current.fixRounds) fix rounds; max_rounds is \(rounds)", at: task.location,
            help: "drive the run with orchgen next and orchgen done, which stop at the bounds"))
      }
      if current.agent != task.agent {
        diagnostics.append(
          Diagnostic(
            .auditAgent, "task '\(task.id)' ran as agent '\(current.agent)' instead of '\(task.agent)'", at: task.location,
            help: "start each task with the agent orchgen next prints"))
      }
    }
    return diagnostics.sorted()
  }

  /// Tasks with write scopes, the one whose scope shares the longest leading path with `path`
  /// first (ties in plan order).
  static func closestTasks(to path: String, among tasks: [RunPlan.Task]) -> [RunPlan.Task] {
    func shared(_ glob: String) -> Int {
      let prefix = GlobOverlap.literalPrefix(glob)
      return zip(prefix.utf8, path.utf8).prefix { $0 == $1 }.count
    }
    let scored = tasks.filter { !$0.writes.isEmpty }.map { task in (task, task.writes.map(shared).max() ?? 0) }
    let best = scored.map(\.1).max() ?? 0
    return scored.filter { $0.1 == best }.map(\.0).prefix(3).map { $0 }
  }
}
