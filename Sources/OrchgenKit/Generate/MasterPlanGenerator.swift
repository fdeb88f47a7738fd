/// The plan as the seed's `master_plan.md`: the status table, batches, critical path and
/// diagrams. The coordinator prompt embeds the same text; `master_plan.md` is the initial
/// state file a run copies to `.orchestrator/master_plan.md` and keeps up to date.
public enum MasterPlanGenerator {
  public static func file(graph: TaskGraph, plan: WorkflowPlan) -> GeneratedFile {
    var out = "# Master plan: \(graph.name)\n\n"
    out += "\(graph.workflow.description?.value ?? "")\n\n"
    out += planSections(graph: graph, plan: plan, headingLevel: 2)
    out += "## Execution Log\n\n_Empty: the coordinator appends a timestamped entry for every state change._\n"
    return GeneratedFile(path: "workflows/\(graph.name)/master_plan.md", contents: out)
  }

  /// Status table, batches, schedule summary, critical path and diagrams, with headings at
  /// `headingLevel`.
  public static func planSections(graph: TaskGraph, plan: WorkflowPlan, headingLevel: Int) -> String {
    let h = String(repeating: "#", count: headingLevel)
    // Positions, not copies of the tasks: the tables run over every task of the workflow.
    let ordered = plan.positionsByAgentNumber
    var out = "\(h) Task Status\n\n"
    out += "| Task ID | Task Description | Agent | Status | Priority | Deps | Start | End | Retries |\n"
    out += "|---------|------------------|-------|--------|----------|------|-------|-----|---------|\n"
    for position in ordered {
      let task = plan.tasks[position]
      let retries = graph.index(of: task.id).map { graph.tasks[$0].retries } ?? 0
      let deps = task.needs.isEmpty ? "None" : task.needs.joined(separator: ", ")
      out += "| \(task.id) | \(cell(task.description)) | \(task.agentID) (\(task.agent)) | pending | \(task.priority.rawValue) | \(deps) | - | - | 0/\(retries) |\n"
    }
    out += "\nStatus values (as in the checkpoint): pending, running, completed, failed, skipped.\n\n"
    out += "\(h) Execution Batches\n\n"
    for (index, level) in plan.levels.enumerated() {
      let names = level.compactMap { plan.position(of: $0) }.sorted { plan.tasks[$0].agentNumber < plan.tasks[$1].agentNumber }
        .map { plan.tasks[$0] }
        .map { "\($0.agentID) `\($0.id)`" + ($0.isConditional ? " (\($0.condition!))" : "") }
      out += "- Batch #\(index + 1): " + names.joined(separator: ", ") + "\n"
    }
    out += "\n"
    out += "\(h) Schedule\n\n"
    out += "- Max concurrent: \(plan.maxConcurrent)\n"
    out += "- Simulated run: \(PlanDuration.human(plan.makespanSeconds)) (vs \(PlanDuration.human(plan.sequentialSeconds)) sequential, lower bound \(PlanDuration.human(plan.lowerBoundSeconds)); limited by \(plan.limitedBy.rawValue))\n"
    out += "- Critical path (\(PlanDuration.human(plan.criticalPathSeconds))): " + plan.criticalPath.map { "`\($0)`" }.joined(separator: " → ") + "\n"
    if plan.hasConditionalTasks {
      out += "- Conditional tasks are planned as if they run; a skipped one finishes early.\n"
    }
    out += "\n| Agent | Task | Priority | Planned start | Planned end | Slot | Slack |\n|-------|------|----------|---------------|-------------|------|-------|\n"
    let tasks = plan.tasks
    for task in ordered.sorted(by: {
      (tasks[$0].startSeconds, tasks[$0].agentNumber) < (tasks[$1].startSeconds, tasks[$1].agentNumber)
    }).map({ tasks[$0] }) {
      out += "| \(task.agentID) | \(task.id) | \(task.priority.rawValue) | \(PlanDuration.human(task.startSeconds)) | \(PlanDuration.human(task.finishSeconds)) | \(task.slot) | \(PlanDuration.human(task.slackSeconds)) |\n"
    }
    out += "\n\(h) Dependency Graph\n\n```mermaid\n" + PlanDiagrams.flowchart(graph: graph, plan: plan) + "```\n\n"
    out += "\(h) Timeline\n\n```mermaid\n" + PlanDiagrams.gantt(graph: graph, plan: plan) + "```\n\n"
    return out
  }

  /// Table cells cannot hold `|` or newlines.
  static func cell(_ text: String) -> String {
    // Most cells hold neither (nor a CR, which Foundation might pair with a LF): keep them as
    // they are without Foundation's replacement, which was a tenth of a large build.
    if !text.utf8.contains(where: { $0 == UInt8(ascii: "|") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }) {
      return text
    }
    return text.replacingASCII("|", with: "\\|").replacingASCII("\n", with: " ")
  }
}
