/// Renders a plan as the JSON of issue 4 (`plan.json`), durations in minutes.
///
/// Written by hand rather than through `JSONEncoder` so that the bytes are the same on every
/// platform and run: keys in a fixed order (the issue's, then the extras), two-space indent,
/// arrays of scalars on one line, integers for whole minutes, and a trailing newline.
public enum PlanJSONRenderer {
  /// The plan as a JSON document.
  public static func render(_ plan: WorkflowPlan) -> String {
    var out = "{\n"
    var fields: [(String, String)] = [
      ("workflow", string(plan.workflow)),
      ("max_concurrent", String(plan.maxConcurrent)),
      ("tasks", objects(plan.tasks.map(taskFields), indent: 1)),
      ("critical_path", strings(plan.criticalPath)),
      ("critical_path_minutes", PlanDuration.jsonMinutes(plan.criticalPathSeconds)),
      ("sequential_minutes", PlanDuration.jsonMinutes(plan.sequentialSeconds)),
      ("lower_bound_minutes", PlanDuration.jsonMinutes(plan.lowerBoundSeconds)),
      ("makespan_minutes", PlanDuration.jsonMinutes(plan.makespanSeconds)),
      ("limited_by", string(plan.limitedBy.rawValue)),
    ]
    let levels = plan.levels.map { "    " + strings($0) }
    fields.append(("levels", levels.isEmpty ? "[]" : "[\n" + levels.joined(separator: ",\n") + "\n  ]"))
    // Conditional tasks are planned as if they run; naming them lets readers discount them.
    fields.append(("conditional_tasks", strings(plan.tasks.filter(\.isConditional).map(\.id))))
    fields.append(("complete", String(plan.isComplete)))
    let ignored = plan.ignoredNeeds.map { need -> [(String, String)] in
      [("task", string(need.task)), ("needs", string(need.need)), ("reason", string(need.reason.rawValue))]
    }
    fields.append(("ignored_needs", objects(ignored, indent: 1)))
    out += members(fields, indent: 1)
    out += "}\n"
    return out
  }

  private static func taskFields(_ task: PlannedTask) -> [(String, String)] {
    [
      ("id", string(task.id)),
      ("agent_id", string(task.agentID)),
      ("agent", string(task.agent)),
      ("task_file", string(task.taskFile)),
      ("description", string(task.description)),
      ("needs", strings(task.needs)),
      ("dependents", strings(task.dependents)),
      ("estimate_minutes", PlanDuration.jsonMinutes(task.estimateSeconds)),
      ("level", String(task.level)),
      ("earliest_start", PlanDuration.jsonMinutes(task.earliestStartSeconds)),
      ("earliest_finish", PlanDuration.jsonMinutes(task.earliestFinishSeconds)),
      ("latest_start", PlanDuration.jsonMinutes(task.latestStartSeconds)),
      ("latest_finish", PlanDuration.jsonMinutes(task.latestFinishSeconds)),
      ("slack", PlanDuration.jsonMinutes(task.slackSeconds)),
      ("priority", string(task.priority.rawValue)),
      ("priority_overridden", String(task.priorityOverridden)),
      ("start", PlanDuration.jsonMinutes(task.startSeconds)),
      ("finish", PlanDuration.jsonMinutes(task.finishSeconds)),
      ("slot", String(task.slot)),
      ("critical", String(task.onCriticalPath)),
      ("conditional", String(task.isConditional)),
      ("condition", task.condition.map(string) ?? "null"),
    ]
  }

  /// `"key": value` lines at `indent` levels, comma-separated, each ending in a newline.
  private static func members(_ fields: [(String, String)], indent: Int) -> String {
    let pad = String(repeating: "  ", count: indent)
    return fields.map { "\(pad)\(string($0.0)): \($0.1)" }.joined(separator: ",\n") + "\n"
  }

  /// An array of objects opened on the current line, whose members sit at `indent + 2`.
  private static func objects(_ items: [[(String, String)]], indent: Int) -> String {
    guard !items.isEmpty else { return "[]" }
    let pad = String(repeating: "  ", count: indent)
    let inner = pad + "  "
    let rendered = items.map { "\(inner){\n" + members($0, indent: indent + 2) + "\(inner)}" }
    return "[\n" + rendered.joined(separator: ",\n") + "\n\(pad)]"
  }

  private static func strings(_ values: [String]) -> String {
    "[" + values.map(string).joined(separator: ", ") + "]"
  }

  /// A JSON string literal; non-ASCII stays as UTF-8, which JSON allows.
  static func string(_ value: String) -> String {
    var out = "\""
    for scalar in value.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case "\u{08}": out += "\\b"
      case "\u{0C}": out += "\\f"
      case _ where scalar.value < 0x20:
        let hex = String(scalar.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }
}
