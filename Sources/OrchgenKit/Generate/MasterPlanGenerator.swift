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
    let ordered = plan.tasks.sorted { $0.agentNumber < $1.agentNumber }
    var out = "\(h) Task Status\n\n"
    out += "| Task ID | Task Description | Agent | Status | Priority | Deps | Start | End | Retries |\n"
    out += "|---------|------------------|-------|--------|----------|------|-------|-----|---------|\n"
    for task in ordered {
      let retries = graph.task(task.id)?.retries ?? 0
      let deps = task.needs.isEmpty ? "None" : task.needs.joined(separator: ", ")
      out += "| \(task.id) | \(cell(task.description)) | \(task.agentID) (\(task.agent)) | pending | \(task.priority.rawValue) | \(deps) | - | - | 0/\(retries) |\n"
    }
    out += "\nStatus values (as in the checkpoint): pending, running, completed, failed, skipped.\n\n"
    out += "\(h) Execution Batches\n\n"
    for (index, level) in plan.levels.enumerated() {
      let names = level.compactMap { plan.task($0) }.sorted { $0.agentNumber < $1.agentNumber }
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
    for task in ordered.sorted(by: { ($0.startSeconds, $0.agentNumber) < ($1.startSeconds, $1.agentNumber) }) {
      out += "| \(task.agentID) | \(task.id) | \(task.priority.rawValue) | \(PlanDuration.human(task.startSeconds)) | \(PlanDuration.human(task.finishSeconds)) | \(task.slot) | \(PlanDuration.human(task.slackSeconds)) |\n"
    }
    out += "\n\(h) Dependency Graph\n\n```mermaid\n" + PlanDiagrams.flowchart(graph: graph, plan: plan) + "```\n\n"
    out += "\(h) Timeline\n\n```mermaid\n" + PlanDiagrams.gantt(graph: graph, plan: plan) + "```\n\n"
    return out
  }

  /// Table cells cannot hold `|` or newlines.
  static func cell(_ text: String) -> String {
    text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
  }
}
