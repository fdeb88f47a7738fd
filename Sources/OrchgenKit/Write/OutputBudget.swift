/// The one way left, once the loader's limits hold, for a small input to become a huge
/// output: every task file carries its agent's `## Checklist`, so a long checklist times many
/// tasks multiplies (1 MB of checklist and 1,000 tasks would be 1 GB of task files). Checked
/// after instructions are resolved and before anything is generated, so `check` and `build`
/// both stop with a finding instead of exhausting memory.
public enum OutputBudget {
  /// The most checklist text all task files may repeat together.
  public static let maxRepeatedChecklistBytes = 64 * 1024 * 1024

  /// A `limit-exceeded` finding at the first workflow that takes the total past the limit.
  static func check(_ graphs: [TaskGraph], instructions: [String: Instructions]) -> [Diagnostic] {
    var checklistBytes: [String: Int] = [:]
    for (agent, resolved) in instructions {
      // Each item becomes "- [ ] <item>\n".
      checklistBytes[agent] = resolved.checklist.reduce(0) { $0 + $1.utf8.count + 7 }
    }
    var total = 0
    for graph in graphs {
      for index in graph.tasks.indices {
        total += checklistBytes[graph.tasks[index].agent] ?? 0
      }
      guard total > maxRepeatedChecklistBytes else { continue }
      return [
        Diagnostic(
          .limitExceeded,
          "task files would repeat agents' checklists \(FileReader.mebibytes(total)) MiB in all by workflow '\(graph.name)'; orchgen accepts at most \(maxRepeatedChecklistBytes / 1024 / 1024) MiB",
          at: graph.workflow.bodyLocation,
          help: "every task file includes its agent's '## Checklist': keep checklists to a few short items")
      ]
    }
    return []
  }
}
