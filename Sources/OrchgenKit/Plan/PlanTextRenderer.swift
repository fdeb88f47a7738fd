/// Renders a plan for people: the expanded tasks, the simulated run batch by batch in the
/// spirit of the seed's "Parallel Execution Batch" boxes, a timeline, the totals and the
/// critical path.
public enum PlanTextRenderer {
  private static let rule = String(repeating: "─", count: 66)
  private static let banner = String(repeating: "═", count: 66)

  /// The whole plan, ending with a newline.
  public static func render(_ plan: WorkflowPlan) -> String {
    var out = "Plan for workflow '\(plan.workflow)': \(count(plan.tasks.count, "task")), "
    out += "max_concurrent \(plan.maxConcurrent)\n"
    if !plan.isComplete {
      out += "\nWarning: the plan is incomplete; these needs were ignored:\n"
      for need in plan.ignoredNeeds { out += "  \(need.task) needs \(need.need) (\(need.reason.rawValue))\n" }
    }
    out += "\n" + taskTable(plan)
    out += "\n" + batches(plan)
    out += "\n" + timeline(plan)
    out += "\n" + totals(plan)
    return out
  }

  private static func taskTable(_ plan: WorkflowPlan) -> String {
    var rows = [["Agent", "Task", "Runs as", "Estimate", "Level", "Slack", "Priority", "Needs"]]
    for task in plan.tasks {
      rows.append([
        task.agentID, task.id + (task.isConditional ? " ?" : ""), task.agent, estimate(task),
        String(task.level), PlanDuration.human(task.slackSeconds), task.priority.rawValue,
        task.needs.isEmpty ? "-" : task.needs.joined(separator: ", "),
      ])
    }
    var widths = [Int](repeating: 0, count: rows[0].count)
    for row in rows { for (column, cell) in row.enumerated() { widths[column] = max(widths[column], cell.count) } }
    var out = "Expanded tasks (? = conditional):\n"
    for row in rows {
      var line = ""
      for (column, cell) in row.enumerated() {
        let last = column == row.count - 1
        line += "  " + (last ? cell : cell + String(repeating: " ", count: widths[column] - cell.count))
      }
      out += line + "\n"
    }
    return out
  }

  private static func batches(_ plan: WorkflowPlan) -> String {
    var out = "Simulated execution (max_concurrent \(plan.maxConcurrent)):\n"
    for (number, ids) in plan.levels.enumerated() {
      let tasks = ids.compactMap(plan.task)
      out += "\n\(banner)\n                    Parallel Execution Batch #\(number + 1)\n\(banner)\n\n"
      out += "┌\(rule)\n"
      for task in tasks { out += "│ \(task.agentID) [\(task.id): \(oneLine(task.description))]\n" }
      out += "├\(rule)\n"
      if tasks.count > 1 {
        out += "│ [\(tasks.count) tasks in parallel, at most \(plan.maxConcurrent) at once]\n"
      }
      for task in tasks {
        out += "│ \(task.agentID)  slot \(task.slot)  \(time(task.startSeconds)) → \(time(task.finishSeconds))"
        out += "  (\(PlanDuration.human(task.plannedSeconds)))  \(task.priority.rawValue)"
        if task.onCriticalPath { out += "  critical path" }
        if let condition = task.condition { out += "  only \(condition)" }
        out += "\n"
      }
      out += "└\(rule)\n"
    }
    return out
  }

  private static func timeline(_ plan: WorkflowPlan) -> String {
    // The moments the coordinator spawns agents; Agent order within a moment.
    let starts = plan.tasks.sorted { ($0.startSeconds, $0.agentNumber) < ($1.startSeconds, $1.agentNumber) }
    var moments: [(Int, [PlannedTask])] = []
    for task in starts {
      if let last = moments.last, last.0 == task.startSeconds {
        moments[moments.count - 1].1.append(task)
      } else {
        moments.append((task.startSeconds, [task]))
      }
    }
    let width = ([plan.makespanSeconds] + moments.map(\.0)).map { time($0).count }.max() ?? 0
    func stamp(_ seconds: Int) -> String {
      let text = time(seconds)
      return text + String(repeating: " ", count: width - text.count)
    }
    var out = "Timeline (simulated):\n"
    for (moment, tasks) in moments {
      out += "  \(stamp(moment))  start " + tasks.map { "\($0.agentID) \($0.id)" }.joined(separator: ", ") + "\n"
    }
    out += "  \(stamp(plan.makespanSeconds))  done\n"
    return out
  }

  private static func totals(_ plan: WorkflowPlan) -> String {
    let human = PlanDuration.human
    let slots = max(plan.maxConcurrent, 1)
    let workBound = (plan.sequentialSeconds + slots - 1) / slots
    var out = "Total: \(human(plan.makespanSeconds)) (vs \(human(plan.sequentialSeconds)) sequential, "
    out += "lower bound \(human(plan.lowerBoundSeconds)))\n"
    out += "Limited by: \(plan.limitedBy.rawValue) (critical path \(human(plan.criticalPathSeconds)); "
    out += "sequential ÷ max_concurrent = \(human(plan.sequentialSeconds)) ÷ \(slots) = \(human(workBound)))\n"
    out += "Critical path (\(human(plan.criticalPathSeconds))): "
    out += (plan.criticalPath.isEmpty ? "-" : plan.criticalPath.joined(separator: " → ")) + "\n"
    for fixer in plan.fixers {
      let loop = fixer.fixLoop!
      out += "Fix loop: \(fixer.id) → \(loop.rechecks) planned at its worst case, every round failing again: "
      out += "\(loop.maxRounds) × (\(human(fixer.estimateSeconds)) fix + \(human(loop.recheckSeconds)) re-check of \(loop.rechecks)) "
      out += "= \(human(fixer.plannedSeconds)).\n"
    }
    let conditional = plan.tasks.filter(\.isConditional).map(\.id)
    if conditional.isEmpty {
      out += "Note: conditional tasks are planned as if they run; this workflow has none.\n"
    } else {
      out += "Note: conditional tasks are planned as if they run: \(conditional.joined(separator: ", ")).\n"
    }
    return out
  }

  /// The task's estimate; a fixer's also shows the worst case of its loop, which the plan uses.
  private static func estimate(_ task: PlannedTask) -> String {
    let own = PlanDuration.human(task.estimateSeconds)
    return task.fixLoop == nil ? own : "\(own) (loop \(PlanDuration.human(task.plannedSeconds)))"
  }

  /// An offset from the start of the run: `T+0m`, `T+1h30m`.
  private static func time(_ seconds: Int) -> String { "T+" + PlanDuration.human(seconds) }

  private static func count(_ value: Int, _ noun: String) -> String { "\(value) \(noun)\(value == 1 ? "" : "s")" }

  /// Descriptions can span lines in YAML; a box line must not.
  private static func oneLine(_ text: String) -> String {
    text.split(whereSeparator: \.isNewline)
      .map { line in String(line.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed()) }
      .joined(separator: " ")
  }
}
