/// The run's `master_plan.md`: the generated plan with its `## Task Status` table showing the
/// run's state (status, start, end, retries used), and the status table `orchgen status` prints.
public enum RunStatusTable {
  /// The generated master plan (or just the table, without one) with the current table.
  public static func masterPlan(_ state: RunState, plan: RunPlan, template: String?) -> String {
    let table = statusTable(state, plan: plan)
    guard let text = template else {
      return "# Master plan: \(plan.workflow)\n\n## Task Status\n\n" + table
    }
    // The table is found by bytes: splitting a 1,000-task plan into lines was most of a save.
    let bytes = Array(text.utf8)
    let marker = Array("\n| Task ID |".utf8)
    guard let found = firstIndex(of: marker, in: bytes) else { return text + "\n" + table }
    let start = found + 1
    // The table ends at the first line that does not start with `|`.
    var end = start
    while end < bytes.count, bytes[end] == UInt8(ascii: "|") {
      while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
      end += 1
    }
    let tail = end <= bytes.count ? bytes[min(end, bytes.count)...] : []
    return String(decoding: bytes[..<start], as: UTF8.self) + table + String(decoding: tail, as: UTF8.self)
  }

  private static func firstIndex(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
    guard needle.count <= haystack.count else { return nil }
    var index = 0
    let last = haystack.count - needle.count
    while index <= last {
      if haystack[index] == needle[0], haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
      index += 1
    }
    return nil
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
