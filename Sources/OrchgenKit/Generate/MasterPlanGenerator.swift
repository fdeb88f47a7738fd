/// The plan as the seed's `master_plan.md`: the status table, batches, critical path and
/// diagrams. The coordinator prompt embeds the same text; `master_plan.md` is the initial
/// state file a run copies to `.orchestrator/master_plan.md` and keeps up to date.
public enum MasterPlanGenerator {
  public static func file(graph: TaskGraph, plan: WorkflowPlan, sections: PlanSections? = nil) -> GeneratedFile {
    var out = "# Master plan: \(graph.name)\n\n"
    out += "\(graph.workflow.description?.value ?? "")\n\n"
    out += (sections ?? PlanSections(graph: graph, plan: plan)).rendered(headingLevel: 2)
    out += "## Execution Log\n\n_Empty: the coordinator appends a timestamped entry for every state change._\n"
    return GeneratedFile(path: "workflows/\(graph.name)/master_plan.md", contents: out)
  }

  /// Status table, batches, schedule summary, critical path and diagrams, with headings at
  /// `headingLevel` (`PlanSections`, which builds them once for several files).
  public static func planSections(graph: TaskGraph, plan: WorkflowPlan, headingLevel: Int) -> String {
    PlanSections(graph: graph, plan: plan).rendered(headingLevel: headingLevel)
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
