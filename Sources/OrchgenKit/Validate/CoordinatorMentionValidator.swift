/// Warns when the instructions of a workflow's coordinator @mention an agent that workflow
/// does not use: the coordinator would be told to start an agent its plan never names (and
/// that `orchgen next` never releases). Coordinator instructions are usually shared by every
/// workflow, and the plan appended to the prompt already names each workflow's agents, so
/// they should stay generic.
enum CoordinatorMentionValidator {
  static func validate(
    graphs: [TaskGraph], agentIndex: [String: AgentDefinition], instructions: [String: Instructions],
    _ diagnostics: inout [Diagnostic]
  ) {
    // Per mention (where it is written), the workflows whose coordinator it is foreign to: a
    // file shared by ten coordinators is reported once per mention, naming the workflows.
    var outside: [SourceLocation: (id: String, coordinator: String, workflows: [String])] = [:]
    for graph in graphs {
      let coordinator = graph.coordinator ?? "coordinator"
      guard agentIndex[coordinator] != nil, let mentions = instructions[coordinator]?.mentions, !mentions.isEmpty
      else { continue }
      var members: Set<String> = [coordinator]
      for index in graph.tasks.indices { members.insert(graph.tasks[index].agent) }
      for mention in mentions where !members.contains(mention.value) {
        // A mention of no agent at all is `unknown-mention`'s finding.
        guard agentIndex[mention.value] != nil else { continue }
        outside[mention.location, default: (mention.value, coordinator, [])].workflows.append(graph.name)
      }
    }
    for location in outside.keys.sorted() {
      let (id, coordinator, workflows) = outside[location]!
      let names = workflows.map { "'\($0)'" }
      let list = names.count == 1 ? "workflow \(names[0])" : "workflows " + names.dropLast().joined(separator: ", ") + " and " + names.last!
      diagnostics.append(
        Diagnostic(.coordinatorMention,
          "the instructions of coordinator '\(coordinator)' mention '@\(id)', an agent outside \(list)",
          at: location,
          help: "keep coordinator instructions generic (the workflow's plan, appended to them, names its agents): "
            + "drop '@\(id)' or write its role instead, or give the workflow a coordinator of its own"))
    }
  }
}
