/// Reports every cycle once, as its ordered path with each edge located, and never blames
/// tasks that are merely downstream of a cycle.
enum CycleValidator {
  static func validate(_ structure: GraphStructure, _ diagnostics: inout [Diagnostic]) {
    let tasks = structure.graph.tasks
    for members in structure.cycles() {
      let start = members[0]
      let path = structure.cyclePath(through: start)
      let names = path.map { tasks[$0].id }
      var notes: [Diagnostic.Note] = []
      for (from, to) in zip(path, path.dropFirst()) {
        let edge = tasks[from].needs.first { $0.task == tasks[to].id }
        let how = edge?.explicit == false ? " (implied by a stage or gate)" : ""
        notes.append(.init("'\(tasks[from].id)' needs '\(tasks[to].id)'\(how)", at: edge?.location))
      }
      if members.count > path.count - 1 {
        let others = members.filter { !path.contains($0) }.map { "'\(tasks[$0].id)'" }
        notes.append(.init("also caught in this cycle: " + others.joined(separator: ", ")))
      }
      let firstEdge = tasks[start].needs.first { $0.task == tasks[path[1]].id }
      diagnostics.append(
        Diagnostic(.cycle, "dependency cycle: " + names.joined(separator: " → "),
          at: firstEdge?.location ?? tasks[start].location, notes: notes,
          help: "remove one of these needs so the tasks can be ordered"))
    }
  }
}
