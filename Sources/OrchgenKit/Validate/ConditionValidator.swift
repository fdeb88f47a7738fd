/// Checks `when:`/`unless:`: the named task exists, runs before, and decides the flag.
enum ConditionValidator {
  static func validate(_ structure: inout GraphStructure, _ diagnostics: inout [Diagnostic]) {
    let graph = structure.graph
    for index in graph.tasks.indices where graph.tasks[index].condition != nil {
      let task = graph.tasks[index]
      guard let condition = task.condition else { continue }
      let keyword = "'\(condition.negated ? "unless" : "when"): \(condition.text)'"
      guard let source = graph.index(of: condition.task) else {
        let items = graph.tasks.filter {
          if case .fanOutItem(let parent, _) = $0.kind { return parent == condition.task }
          return false
        }
        if let item = items.first {
          diagnostics.append(
            Diagnostic(.conditionSource,
              "\(keyword) of task '\(task.id)' names '\(condition.task)', which fans out into \(items.count) tasks; a condition needs one deciding task",
              at: condition.location,
              help: "name one of its items, e.g. '\(item.id).\(condition.flag)'"))
          continue
        }
        let help: String
        if let suggestion = EditDistance.closest(to: condition.task, in: graph.tasks.map(\.id)) {
          help = "did you mean '\(suggestion).\(condition.flag)'?"
        } else {
          help = "name a task of this workflow that decides '\(condition.flag)'"
        }
        diagnostics.append(
          Diagnostic(.conditionSource, "\(keyword) of task '\(task.id)' names unknown task '\(condition.task)'",
            at: condition.location, help: help))
        continue
      }
      let decider = graph.tasks[source]
      if !decider.decides.contains(where: { $0.value == condition.flag }) {
        let suggestion = EditDistance.closest(to: condition.flag, in: decider.decides.map(\.value))
        diagnostics.append(
          Diagnostic(.conditionSource, "\(keyword) of task '\(task.id)' uses flag '\(condition.flag)', which '\(decider.id)' does not decide",
            at: condition.location, notes: [.init("'\(decider.id)' is defined here", at: decider.location)],
            help: suggestion.map { "did you mean '\(decider.id).\($0)'?" }
              ?? "add '\(condition.flag)' to 'decides' of '\(decider.id)'"))
      }
      if source == index {
        diagnostics.append(
          Diagnostic(.conditionSource, "\(keyword) of task '\(task.id)' is decided by the task itself",
            at: condition.location,
            help: "a task cannot decide its own condition; move the decision to an earlier task"))
      } else if !structure.isAncestor(source, of: index) {
        diagnostics.append(
          Diagnostic(.conditionSource, "\(keyword) of task '\(task.id)' depends on '\(decider.id)', which does not run before it",
            at: condition.location, notes: [.init("'\(decider.id)' is defined here", at: decider.location)],
            help: "add '\(decider.id)' to 'needs' of '\(task.id)' so the flag is known when it starts"))
      }
    }
  }
}
