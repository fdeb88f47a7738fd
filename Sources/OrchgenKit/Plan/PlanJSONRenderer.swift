/// Renders a plan as the JSON of issue 4 (`plan.json`), durations in minutes.
///
/// Written by hand rather than through `JSONEncoder` so that the bytes are the same on every
/// platform and run: keys in a fixed order (the issue's, then the extras), two-space indent,
/// arrays of scalars on one line, integers for whole minutes, and a trailing newline. Output is
/// appended to one byte buffer (`TextBuffer`): building a value per field cost seconds at
/// 100,000 tasks, and appending each piece to a String still cost a tenth of a 10,000-task
/// build.
public enum PlanJSONRenderer {
  /// The plan as a JSON document.
  public static func render(_ plan: WorkflowPlan) -> String {
    var json = Writer(capacity: 1024 + plan.tasks.count * 800)
    json.out.append(byte: UInt8(ascii: "{"))
    json.member(1, "workflow") { $0.string(plan.workflow) }
    json.member(1, "max_concurrent") { $0.out.append(plan.maxConcurrent) }
    json.member(1, "tasks") { writer in
      writer.array(plan.tasks, indent: 1) { writer, task in writer.task(task) }
    }
    json.member(1, "critical_path") { $0.strings(plan.criticalPath) }
    json.member(1, "critical_path_minutes") { $0.minutes(plan.criticalPathSeconds) }
    json.member(1, "sequential_minutes") { $0.minutes(plan.sequentialSeconds) }
    json.member(1, "lower_bound_minutes") { $0.minutes(plan.lowerBoundSeconds) }
    json.member(1, "makespan_minutes") { $0.minutes(plan.makespanSeconds) }
    json.member(1, "limited_by") { $0.string(plan.limitedBy.rawValue) }
    json.member(1, "levels") { writer in
      writer.array(plan.levels, indent: 1) { writer, level in writer.strings(level) }
    }
    // Conditional tasks are planned as if they run; naming them lets readers discount them.
    json.member(1, "conditional_tasks") { $0.strings(plan.tasks.filter(\.isConditional).map(\.id)) }
    // A fixer's time in the totals is its loop's worst case; the loops say so, for readers
    // comparing the totals with the estimates.
    json.member(1, "fix_loops") { writer in
      writer.array(plan.fixers, indent: 1) { writer, task in
        let loop = task.fixLoop!
        writer.out.append(byte: UInt8(ascii: "{"))
        writer.member(3, "fixer") { $0.string(task.id) }
        writer.member(3, "rechecks") { $0.string(loop.rechecks) }
        writer.member(3, "max_rounds") { $0.out.append(loop.maxRounds) }
        writer.member(3, "planned_minutes") { $0.minutes(task.plannedSeconds) }
        writer.member(3, "planned_as") { $0.string(WorkflowPlan.fixLoopPolicy) }
        writer.out.append("\n    }" as StaticString)
      }
    }
    json.member(1, "complete") { $0.boolean(plan.isComplete) }
    json.member(1, "ignored_needs") { writer in
      writer.array(plan.ignoredNeeds, indent: 1) { writer, need in
        writer.out.append(byte: UInt8(ascii: "{"))
        writer.member(3, "task") { $0.string(need.task) }
        writer.member(3, "needs") { $0.string(need.need) }
        writer.member(3, "reason") { $0.string(need.reason.rawValue) }
        writer.out.append("\n    }" as StaticString)
      }
    }
    json.out.append("\n}\n" as StaticString)
    return json.out.text
  }

  /// A JSON string literal; non-ASCII stays as UTF-8, which JSON allows.
  static func string(_ value: String) -> String {
    var writer = Writer(capacity: value.utf8.count + 2)
    writer.string(value)
    return writer.out.text
  }

  private struct Writer {
    var out: TextBuffer
    /// Whether the object being written has a member yet; a comma goes before every other one.
    private var opened = false

    init(capacity: Int) { out = TextBuffer(capacity: capacity) }

    /// `"key": value` on its own line at `indent` levels (keys need no escaping).
    mutating func member(_ indent: Int, _ key: StaticString, _ value: (inout Writer) -> Void) {
      if opened { out.append(byte: UInt8(ascii: ",")) }
      out.append(byte: 0x0A)
      spaces(indent * 2)
      out.append(byte: UInt8(ascii: "\""))
      out.append(key)
      out.append("\": " as StaticString)
      opened = false
      value(&self)
      opened = true
    }

    /// Items one per line, at `indent + 1` levels, closed at `indent`; `[]` when empty.
    mutating func array<Item>(_ items: [Item], indent: Int, _ write: (inout Writer, Item) -> Void) {
      guard !items.isEmpty else { return out.append("[]" as StaticString) }
      out.append(byte: UInt8(ascii: "["))
      for (position, item) in items.enumerated() {
        if position > 0 { out.append(byte: UInt8(ascii: ",")) }
        out.append(byte: 0x0A)
        spaces(indent * 2 + 2)
        opened = false
        write(&self, item)
      }
      out.append(byte: 0x0A)
      spaces(indent * 2)
      out.append(byte: UInt8(ascii: "]"))
    }

    mutating func task(_ task: PlannedTask) {
      out.append(byte: UInt8(ascii: "{"))
      member(3, "id") { $0.string(task.id) }
      member(3, "agent_id") { $0.string(task.agentID) }
      member(3, "agent") { $0.string(task.agent) }
      member(3, "task_file") { $0.string(task.taskFile) }
      member(3, "description") { $0.string(task.description) }
      member(3, "needs") { $0.strings(task.needs) }
      member(3, "dependents") { $0.strings(task.dependents) }
      member(3, "estimate_minutes") { $0.minutes(task.estimateSeconds) }
      member(3, "planned_minutes") { $0.minutes(task.plannedSeconds) }
      member(3, "level") { $0.out.append(task.level) }
      member(3, "earliest_start") { $0.minutes(task.earliestStartSeconds) }
      member(3, "earliest_finish") { $0.minutes(task.earliestFinishSeconds) }
      member(3, "latest_start") { $0.minutes(task.latestStartSeconds) }
      member(3, "latest_finish") { $0.minutes(task.latestFinishSeconds) }
      member(3, "slack") { $0.minutes(task.slackSeconds) }
      member(3, "priority") { $0.string(task.priority.rawValue) }
      member(3, "priority_overridden") { $0.boolean(task.priorityOverridden) }
      member(3, "start") { $0.minutes(task.startSeconds) }
      member(3, "finish") { $0.minutes(task.finishSeconds) }
      member(3, "slot") { $0.out.append(task.slot) }
      member(3, "critical") { $0.boolean(task.onCriticalPath) }
      member(3, "conditional") { $0.boolean(task.isConditional) }
      member(3, "condition") { writer in
        if let condition = task.condition { writer.string(condition) } else { writer.out.append("null" as StaticString) }
      }
      out.append("\n    }" as StaticString)
    }

    /// Whole minutes as an integer (most estimates), others as `PlanDuration.jsonMinutes` writes them.
    mutating func minutes(_ seconds: Int) {
      if seconds % 60 == 0 { out.append(seconds / 60) } else { out.append(PlanDuration.jsonMinutes(seconds)) }
    }

    mutating func boolean(_ value: Bool) {
      if value { out.append("true" as StaticString) } else { out.append("false" as StaticString) }
    }

    /// An array of strings on one line.
    mutating func strings(_ values: [String]) {
      out.append(byte: UInt8(ascii: "["))
      for (position, value) in values.enumerated() {
        if position > 0 { out.append(", " as StaticString) }
        string(value)
      }
      out.append(byte: UInt8(ascii: "]"))
    }

    /// `value` quoted, as `JSONText.append` writes it; a string with nothing to escape (nearly
    /// all) is copied as it is.
    mutating func string(_ value: String) {
      if value.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 >= 0x7F }) {
        var escaped = ""
        JSONText.append(value, to: &escaped)
        return out.append(escaped)
      }
      out.append(byte: UInt8(ascii: "\""))
      out.append(value)
      out.append(byte: UInt8(ascii: "\""))
    }

    private mutating func spaces(_ count: Int) { out.append(repeating: UInt8(ascii: " "), count: count) }
  }
}
