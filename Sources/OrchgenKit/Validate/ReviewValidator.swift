/// Checks reviews: the reviewed task exists, is done by another agent, and runs first.
enum ReviewValidator {
  static func validate(_ structure: inout GraphStructure, _ diagnostics: inout [Diagnostic]) {
    let graph = structure.graph
    for index in graph.tasks.indices where !graph.tasks[index].reviews.isEmpty {
      let task = graph.tasks[index]
      for reviewed in task.reviews {
        let targets = resolve(reviewed.value, in: graph)
        if targets.isEmpty {
          let suggestion = EditDistance.closest(to: reviewed.value, in: graph.tasks.map(\.id))
          diagnostics.append(
            Diagnostic(.unknownTask, "task '\(task.id)' reviews unknown task '\(reviewed.value)'", at: reviewed.location,
              help: suggestion.map { "did you mean '\($0)'?" } ?? "name a task of this workflow"))
          continue
        }
        for target in targets {
          let author = graph.tasks[target]
          if !author.agent.isEmpty, author.agent == task.agent {
            diagnostics.append(
              Diagnostic(.reviewerSameAgent, "task '\(author.id)' would be reviewed by its own agent '\(task.agent)'",
                at: reviewed.location, notes: [.init("'\(author.id)' is done by '\(author.agent)' here", at: author.agentLocation)],
                help: "choose a reviewer other than '\(task.agent)'; a second pair of eyes is the point of a review"))
          }
          if structure.inSameCycle(index, target) {
            continue
          } else if structure.isAncestor(index, of: target) {
            // Adding the need would close a cycle, so the usual fix does not apply.
            diagnostics.append(
              Diagnostic(.reviewOrder, "review '\(task.id)' runs before '\(author.id)', the task it reviews",
                at: reviewed.location,
                help: "'\(author.id)' depends on '\(task.id)'; remove that dependency so the review can follow the work"))
          } else if !structure.isAncestor(target, of: index) {
            diagnostics.append(
              Diagnostic(.reviewOrder, "review '\(task.id)' does not run after '\(author.id)', the task it reviews",
                at: reviewed.location, help: "add '\(reviewed.value)' to 'needs' of '\(task.id)'"))
          }
        }
      }
    }
  }

  /// A task id, or a fan-out task's name standing for all its items.
  private static func resolve(_ name: String, in graph: TaskGraph) -> [Int] {
    if let index = graph.index(of: name) { return [index] }
    return graph.tasks.indices.filter {
      if case .fanOutItem(let parent, _) = graph.tasks[$0].kind { return parent == name }
      return false
    }
  }
}
