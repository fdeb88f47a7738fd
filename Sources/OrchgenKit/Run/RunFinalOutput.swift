/// `final_output.md` of a finished run, for the merge strategies orchgen can apply itself:
/// `concatenate` (every result in plan order) and `structured` (an overview line per task, then
/// the results). `ai` is the coordinator's job: it gets nil.
public enum RunFinalOutput {
  public static func render(_ state: RunState, plan: RunPlan, results: [String: String]) -> String? {
    switch plan.merge {
    case .ai:
      return nil
    case .concatenate:
      var out = "# Final Report\n\nWorkflow `\(plan.workflow)`: the result of every task, in plan order.\n"
      for task in plan.tasks { out += "\n## \(task.agentID): \(task.id)\n\n" + body(task, state: state, results: results) }
      return out
    case .structured:
      var out = "# Final Report\n\nWorkflow `\(plan.workflow)`.\n\n## Overview\n\n"
      for task in plan.tasks {
        let current = state.task(task.id)
        let summary = current.status == .skipped ? current.skipReason ?? "" : firstSummaryLine(results[task.id] ?? "")
        out += "- \(task.agentID) `\(task.id)` (\(task.agent)): \(current.status.rawValue)" + (summary.isEmpty ? "" : " — \(summary)") + "\n"
      }
      out += "\n## Detailed Findings\n"
      for task in plan.tasks where state.task(task.id).status == .completed {
        out += "\n### \(task.agentID): \(task.id)\n\n" + body(task, state: state, results: results)
      }
      return out
    }
  }

  private static func body(_ task: RunPlan.Task, state: RunState, results: [String: String]) -> String {
    let current = state.task(task.id)
    if current.status == .skipped { return "Skipped: \(current.skipReason ?? "its condition did not hold").\n" }
    let text = results[task.id] ?? "(no result file)"
    return text.hasSuffix("\n") ? text : text + "\n"
  }

  /// The first non-empty line after `## Summary`, else the first line that is no heading or status.
  private static func firstSummaryLine(_ text: String) -> String {
    let lines = text.split(separator: "\n").map { String($0) }
    if let heading = lines.firstIndex(where: { $0.lowercased().hasPrefix("## summary") }),
      let line = lines[(heading + 1)...].first(where: { !$0.isEmpty && !$0.hasPrefix("#") })
    {
      return line
    }
    return lines.first { !$0.hasPrefix("#") && !$0.lowercased().hasPrefix("status") } ?? ""
  }
}
