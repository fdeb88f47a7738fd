/// The plan's sections (status table, batches, schedule, critical path and diagrams), built
/// once per workflow: the coordinator prompts embed them under `###` headings and
/// `master_plan.md` under `##` ones, and at 10,000 tasks building them was a tenth of a build.
public struct PlanSections: Sendable {
  /// Each section's title and the text after its heading line.
  private let sections: [(title: String, body: String)]

  /// The sections of `plan`, built on all cores (the two tables and two diagrams are
  /// independent).
  public init(graph: TaskGraph, plan: WorkflowPlan) {
    let titles = ["Task Status", "Execution Batches", "Schedule", "Dependency Graph", "Timeline"]
    let bodies = Parallel.map(titles.count) { index -> String in
      switch index {
      case 0: Self.statusTable(graph: graph, plan: plan)
      case 1: Self.batches(plan)
      case 2: Self.schedule(plan)
      case 3: "```mermaid\n" + PlanDiagrams.flowchart(graph: graph, plan: plan) + "```\n\n"
      default: "```mermaid\n" + PlanDiagrams.gantt(graph: graph, plan: plan) + "```\n\n"
      }
    }
    sections = Array(zip(titles, bodies))
  }

  /// The sections with headings at `headingLevel`.
  public func rendered(headingLevel: Int) -> String {
    let h = String(repeating: "#", count: headingLevel)
    var out = ""
    out.reserveCapacity(sections.reduce(0) { $0 + $1.title.utf8.count + $1.body.utf8.count + headingLevel + 3 })
    for (title, body) in sections {
      out += h + " " + title + "\n\n"
      out += body
    }
    return out
  }

  private static func statusTable(graph: TaskGraph, plan: WorkflowPlan) -> String {
    var out = "| Task ID | Task Description | Agent | Status | Priority | Deps | Start | End | Retries |\n"
    out += "|---------|------------------|-------|--------|----------|------|-------|-----|---------|\n"
    // Positions, not copies of the tasks: the tables run over every task of the workflow.
    for position in plan.positionsByAgentNumber {
      let task = plan.tasks[position]
      let retries = graph.index(of: task.id).map { graph.tasks[$0].retries } ?? 0
      let deps = task.needs.isEmpty ? "None" : task.needs.joined(separator: ", ")
      out += "| \(task.id) | \(MasterPlanGenerator.cell(task.description)) | \(task.agentID) (\(task.agent)) | pending | \(task.priority.rawValue) | \(deps) | - | - | 0/\(retries) |\n"
    }
    out += "\nStatus values (as in the checkpoint): pending, running, completed, failed, skipped.\n\n"
    return out
  }

  private static func batches(_ plan: WorkflowPlan) -> String {
    var out = ""
    for (index, level) in plan.levels.enumerated() {
      let names = level.compactMap { plan.position(of: $0) }.sorted { plan.tasks[$0].agentNumber < plan.tasks[$1].agentNumber }
        .map { plan.tasks[$0] }
        .map { "\($0.agentID) `\($0.id)`" + ($0.isConditional ? " (\($0.condition!))" : "") }
      out += "- Batch #\(index + 1): " + names.joined(separator: ", ") + "\n"
    }
    return out + "\n"
  }

  private static func schedule(_ plan: WorkflowPlan) -> String {
    var out = "- Max concurrent: \(plan.maxConcurrent)\n"
    out += "- Simulated run: \(PlanDuration.human(plan.makespanSeconds)) (vs \(PlanDuration.human(plan.sequentialSeconds)) sequential, lower bound \(PlanDuration.human(plan.lowerBoundSeconds)); limited by \(plan.limitedBy.rawValue))\n"
    out += "- Critical path (\(PlanDuration.human(plan.criticalPathSeconds))): " + plan.criticalPath.map { "`\($0)`" }.joined(separator: " → ") + "\n"
    if plan.hasConditionalTasks {
      out += "- Conditional tasks are planned as if they run; a skipped one finishes early.\n"
    }
    for fixer in plan.fixers {
      let loop = fixer.fixLoop!
      out += "- Fix loop `\(fixer.id)` → `\(loop.rechecks)`: planned at its worst case, \(loop.maxRounds) round\(loop.maxRounds == 1 ? "" : "s") of fix (\(PlanDuration.human(fixer.estimateSeconds))) and re-check (\(PlanDuration.human(loop.recheckSeconds))) = \(PlanDuration.human(fixer.plannedSeconds)); a check that passes ends it early.\n"
    }
    out += "\n| Agent | Task | Priority | Planned start | Planned end | Slot | Slack |\n|-------|------|----------|---------------|-------------|------|-------|\n"
    let tasks = plan.tasks
    for task in plan.positionsByAgentNumber.sorted(by: {
      (tasks[$0].startSeconds, tasks[$0].agentNumber) < (tasks[$1].startSeconds, tasks[$1].agentNumber)
    }).map({ tasks[$0] }) {
      out += "| \(task.agentID) | \(task.id) | \(task.priority.rawValue) | \(PlanDuration.human(task.startSeconds)) | \(PlanDuration.human(task.finishSeconds)) | \(task.slot) | \(PlanDuration.human(task.slackSeconds)) |\n"
    }
    // The blank line before the next heading.
    return out + "\n"
  }
}
