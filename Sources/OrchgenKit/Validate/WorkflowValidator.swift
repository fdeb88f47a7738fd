/// Checks one expanded workflow: who does each task, the coordinator, cycles, hand-offs,
/// write conflicts, conditions and reviews.
enum WorkflowValidator {
  /// `agentIndex` is nil when the agents file could not be read, so agent references are not judged.
  static func validate(
    _ graph: TaskGraph, project: Project, agentIndex: [String: AgentDefinition]?, diagnostics: inout [Diagnostic]
  ) {
    let structure = GraphStructure(graph)
    // Two halves of independent checks, on two cores for a large workflow; each half works on
    // its own copy of the structure (its walks mark nodes). Findings keep the sequential order.
    let halves = Parallel.map(graph.tasks.count >= 2_000 ? 2 : 0) { half in
      var structure = structure
      var found: [Diagnostic] = []
      if half == 0 {
        agentChecks(graph, agentIndex: agentIndex, &found)
        CycleValidator.validate(structure, &found)
        HandoffValidator.validate(&structure, &found)
      } else {
        WriteConflictValidator.validate(&structure, &found)
        ConditionValidator.validate(&structure, &found)
        ReviewValidator.validate(&structure, &found)
      }
      return found
    }
    if halves.isEmpty {
      var structure = structure
      agentChecks(graph, agentIndex: agentIndex, &diagnostics)
      CycleValidator.validate(structure, &diagnostics)
      HandoffValidator.validate(&structure, &diagnostics)
      WriteConflictValidator.validate(&structure, &diagnostics)
      ConditionValidator.validate(&structure, &diagnostics)
      ReviewValidator.validate(&structure, &diagnostics)
    } else {
      diagnostics += halves[0] + halves[1]
    }
  }

  private static func agentChecks(
    _ graph: TaskGraph, agentIndex: [String: AgentDefinition]?, _ diagnostics: inout [Diagnostic]
  ) {
    guard let agentIndex else { return }
    checkCoordinator(graph, agentIndex: agentIndex, &diagnostics)
    checkAgents(graph, agentIndex: agentIndex, &diagnostics)
  }

  private static func checkCoordinator(
    _ graph: TaskGraph, agentIndex: [String: AgentDefinition], _ diagnostics: inout [Diagnostic]
  ) {
    let workflow = graph.workflow
    guard let coordinator = workflow.coordinator else {
      let place = workflow.description?.location ?? workflow.bodyLocation
      if let agent = agentIndex["coordinator"] {
        guard agent.mode == .subagent else { return }
        diagnostics.append(
          Diagnostic(.coordinatorNotPrimary, "workflow '\(workflow.name)' names no coordinator, and the default 'coordinator' is a subagent",
            at: place, notes: [subagentNote(agent)],
            help: "set 'mode: primary' on agent 'coordinator', or add 'coordinator: <primary-agent>' to the workflow"))
        return
      }
      diagnostics.append(
        Diagnostic(.missingKey, "workflow '\(workflow.name)' names no coordinator", at: place,
          help: "add 'coordinator: <primary-agent>' (or define a primary agent named 'coordinator', the default)"))
      return
    }
    guard let agent = agentIndex[coordinator.value] else {
      diagnostics.append(unknownAgent(coordinator.value, role: "coordinator of workflow '\(workflow.name)'", at: coordinator.location, agentIndex))
      return
    }
    if agent.mode == .subagent {
      diagnostics.append(
        Diagnostic(.coordinatorNotPrimary, "coordinator '\(coordinator.value)' of workflow '\(workflow.name)' is a subagent",
          at: coordinator.location,
          notes: [subagentNote(agent)],
          help: "set 'mode: primary' on agent '\(coordinator.value)', or name a primary agent"))
    }
  }

  /// Where an agent became a subagent: its `mode:`, or its id when the mode is the default.
  private static func subagentNote(_ agent: AgentDefinition) -> Diagnostic.Note {
    agent.modeLocation.map { .init("'\(agent.id.value)' is made a subagent here", at: $0) }
      ?? .init("'\(agent.id.value)' has no 'mode', so it is a subagent", at: agent.id.location)
  }

  private static func checkAgents(
    _ graph: TaskGraph, agentIndex: [String: AgentDefinition], _ diagnostics: inout [Diagnostic]
  ) {
    // Fan-out items and gates share the `agent:` they came from; report it once. A written
    // task's `agent:` is its own, so only the others need remembering.
    var reported = Set<SourceLocation>()
    // Looked up by index and mode only: copying each task and agent definition is most of the cost.
    let modes = agentIndex.mapValues(\.mode)
    for index in graph.tasks.indices where !graph.tasks[index].agent.isEmpty {
      if graph.tasks[index].kind != .work, !reported.insert(graph.tasks[index].agentLocation).inserted { continue }
      if let mode = modes[graph.tasks[index].agent], mode != .primary { continue }
      let task = graph.tasks[index]
      guard let agent = agentIndex[task.agent] else {
        diagnostics.append(unknownAgent(task.agent, role: "task '\(task.id)'", at: task.agentLocation, agentIndex))
        continue
      }
      if agent.mode == .primary {
        diagnostics.append(
          Diagnostic(.agentMode, "task '\(task.id)' is assigned to primary agent '\(task.agent)', which the coordinator cannot dispatch",
            at: task.agentLocation,
            notes: [
              .init("'\(task.agent)' is made primary here; OpenCode's task tool only launches subagent and all-mode agents",
                at: agent.modeLocation ?? agent.id.location)
            ],
            help: "assign a subagent, or set 'mode: all' on '\(task.agent)'"))
      }
    }
  }

  static func unknownAgent(
    _ name: String, role: String, at location: SourceLocation, _ agentIndex: [String: AgentDefinition]
  ) -> Diagnostic {
    let suggestion = EditDistance.closest(to: name, in: agentIndex.keys.sorted())
    return Diagnostic(.unknownAgent, "\(role) names unknown agent '\(name)'", at: location,
      help: suggestion.map { "did you mean '\($0)'?" } ?? "define '\(name)' under 'agents:' in config/agents.yaml")
  }
}
