/// The run's `master_plan.md`: the generated plan with its `## Task Status` table showing the
/// run's state (status, start, end, retries used), and the status table `orchgen status` prints.
public enum RunStatusTable {
  /// The generated master plan (or just the table, without one) with the current table.
  public static func masterPlan(_ state: RunState, plan: RunPlan, template: String?) -> String {
    let table = statusTable(state, plan: plan)
    guard let text = template else {
      return "# Master plan: \(plan.workflow)\n\n## Task Status\n\n" + table
    }
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    guard let start = lines.firstIndex(where: { $0.hasPrefix("| Task ID |") }) else { return text + "\n" + table }
    var end = start
    while end < lines.count, lines[end].hasPrefix("|") { end += 1 }
    lines.replaceSubrange(start..<end, with: table.split(separator: "\n").map(String.init))
    return lines.joined(separator: "\n")
  }

  /// The seed's status table: one row per task in plan order.
  public static func statusTable(_ state: RunState, plan: RunPlan) -> String {
    var out = "| Task ID | Task Description | Agent | Status | Priority | Deps | Start | End | Retries |\n"
    out += "|---------|------------------|-------|--------|----------|------|-------|-----|---------|\n"
    for task in plan.tasks {
      let current = state.task(task.id)
      let cells = [
        task.id, MasterPlanGenerator.cell(task.description), "\(task.agentID) (\(task.agent))", current.status.rawValue,
        task.priority, task.needs.isEmpty ? "None" : task.needs.joined(separator: ", "), current.startedAt ?? "-",
        current.finishedAt ?? "-", "\(current.failures)/\(task.retries)",
      ]
      out += "| " + cells.joined(separator: " | ") + " |\n"
    }
    return out
  }
}
