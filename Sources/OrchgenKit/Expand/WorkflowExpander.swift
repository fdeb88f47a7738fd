/// Expands a workflow's pattern sugar into a plain task DAG.
///
/// - `for_each` makes one task per item (`<task>-<item>`, `{item}` substituted); needing the
///   task means needing every item (fan-in).
/// - `reviewers`, `validate` and `fix` add gate tasks after a task (`<task>-review`,
///   `<task>-review-<agent>`, `<task>-validate`, `<task>-fix`); whatever needs the task also
///   needs its gates, so a gate holds back what follows.
/// - `stages` make every task of a stage need every task of the previous stage.
public enum WorkflowExpander {
  public static func expand(
    _ workflow: WorkflowDefinition, settings: ProjectSettings, diagnostics: inout [Diagnostic]
  ) -> TaskGraph {
    var builder = Builder(workflow: workflow, settings: settings)
    builder.createNodes(&diagnostics)
    builder.resolveNeeds(&diagnostics)
    let cap = workflow.maxConcurrent?.value ?? settings.defaultMaxConcurrent?.value ?? ProjectSettings.builtInMaxConcurrent
    // One entry per node means no id was recorded twice: the builder's index is the graph's,
    // and hashing every id again is saved.
    guard builder.byID.count == builder.nodes.count else {
      return TaskGraph(
        workflow: workflow, tasks: builder.nodes, maxConcurrent: cap,
        coordinator: workflow.coordinator?.value)
    }
    return TaskGraph(
      workflow: workflow, tasks: builder.nodes, maxConcurrent: cap,
      coordinator: workflow.coordinator?.value, indexByID: builder.byID)
  }

  private struct Builder {
    let workflow: WorkflowDefinition
    let settings: ProjectSettings
    var nodes: [ExpandedTask] = []
    /// Definition index → indices of its main nodes (one, or one per fan-out item).
    var mainNodes: [[Int]] = []
    /// Node index → indices of its gate nodes.
    var gates: [Int: [Int]] = [:]
    /// Every id → node index, to detect collisions and resolve needs.
    var byID: [String: Int] = [:]
    var definitionByID: [String: Int] = [:]

    init(workflow: WorkflowDefinition, settings: ProjectSettings) {
      self.workflow = workflow
      self.settings = settings
    }

    mutating func createNodes(_ diagnostics: inout [Diagnostic]) {
      nodes.reserveCapacity(workflow.tasks.count)
      mainNodes.reserveCapacity(workflow.tasks.count)
      // Sized once: growing by rehashing every id was a tenth of the expansion.
      byID.reserveCapacity(workflow.tasks.count)
      definitionByID.reserveCapacity(workflow.tasks.count)
      for (definitionIndex, definition) in workflow.tasks.enumerated() {
        definitionByID[definition.id.value] = definitionIndex
        var mains: [Int] = []
        let items: [Located<String>?] = definition.forEach.isEmpty ? [nil] : definition.forEach
        for item in items {
          let id = item.map { "\(definition.id.value)-\($0.value)" } ?? definition.id.value
          let substitute = { (text: String) in item.map { text.replacingASCII("{item}", with: $0.value) } ?? text }
          // Without an item nothing is substituted, so the lists are shared, not rebuilt.
          func substituted(_ list: [Located<String>]) -> [Located<String>] {
            item == nil ? list : list.map { Located(substitute($0.value), at: $0.location) }
          }
          let description =
            definition.description.map { substitute($0.value) }
            ?? item.map { "\(definition.id.value) for \($0.value)" } ?? definition.id.value
          var decides = definition.decides
          if let fix = definition.fix, !decides.contains(where: { $0.value == "failed" }) {
            decides.append(Located("failed", at: fix.location))
          }
          var node = ExpandedTask(
            id: id, agent: definition.agent?.value ?? "", agentLocation: definition.agent?.location ?? definition.id.location,
            description: description,
            kind: item.map { .fanOutItem(parent: definition.id.value, item: $0.value) } ?? (definition.reviews.isEmpty ? .work : .review(reviewed: definition.reviews.map(\.value))),
            needs: [], produces: substituted(definition.produces), consumes: substituted(definition.consumes),
            decides: decides, condition: definition.condition, writes: substituted(definition.writes),
            retries: definition.retries?.value ?? 0, estimate: definition.estimate?.value ?? settings.defaultEstimate,
            priority: definition.priority?.value, success: definition.success.map { substitute($0.value) },
            location: item?.location ?? definition.id.location, order: 0, stage: definition.stage)
          node.reviews = definition.reviews
          let index = add(node, &diagnostics)
          mains.append(index)
          addGates(for: index, definition: definition, &diagnostics)
        }
        mainNodes.append(mains)
      }
    }

    private mutating func addGates(for index: Int, definition: TaskDefinition, _ diagnostics: inout [Diagnostic]) {
      let owner = nodes[index]
      var gateIndices: [Int] = []
      for reviewer in definition.reviewers {
        let id = definition.reviewers.count == 1 ? "\(owner.id)-review" : "\(owner.id)-review-\(reviewer.value)"
        let node = makeGate(
          id: id, agent: reviewer, description: "Review the work of task '\(owner.id)': \(owner.description)",
          kind: .review(reviewed: [owner.id]), after: owner.id, condition: nil, decides: [], at: reviewer.location,
          stage: owner.stage)
        var review = node
        review.reviews = [Located(owner.id, at: reviewer.location)]
        gateIndices.append(add(review, &diagnostics))
      }
      if let validate = definition.validate {
        let validatorID = "\(owner.id)-validate"
        let node = makeGate(
          id: validatorID, agent: validate.agent,
          description: validate.description?.value
            ?? "Validate the result of task '\(owner.id)' and decide whether it passes (failed = true if not)",
          kind: .validation(validated: owner.id), after: owner.id, condition: nil,
          decides: [Located("failed", at: validate.location)], at: validate.location, stage: owner.stage)
        gateIndices.append(add(node, &diagnostics))
        if let fix = validate.fix {
          gateIndices.append(add(fixNode(fix, failing: validatorID, owner: owner.id, after: validatorID, stage: owner.stage), &diagnostics))
        }
      }
      if let fix = definition.fix {
        gateIndices.append(add(fixNode(fix, failing: owner.id, owner: owner.id, after: owner.id, stage: owner.stage), &diagnostics))
      }
      if !gateIndices.isEmpty { gates[index] = gateIndices }
    }

    private func fixNode(_ fix: FixLoop, failing: String, owner: String, after: String, stage: Int?) -> ExpandedTask {
      let rounds = fix.maxRounds?.value ?? 1
      return makeGate(
        id: "\(failing)-fix".replacingASCII("-validate-fix", with: "-fix"), agent: fix.agent,
        description: "Fix what made '\(failing)' fail, then hand back so '\(failing)' runs again (at most \(rounds) round\(rounds == 1 ? "" : "s"))",
        kind: .fix(failing: failing, maxRounds: rounds), after: after,
        condition: Condition(task: failing, flag: "failed", negated: false, location: fix.location),
        decides: [], at: fix.location, stage: stage)
    }

    private func makeGate(
      id: String, agent: Located<String>, description: String, kind: ExpandedTask.Kind, after: String,
      condition: Condition?, decides: [Located<String>], at location: SourceLocation, stage: Int?
    ) -> ExpandedTask {
      ExpandedTask(
        id: id, agent: agent.value, agentLocation: agent.location, description: description, kind: kind,
        needs: [.init(task: after, location: location, explicit: false)], produces: [], consumes: [],
        decides: decides, condition: condition, writes: [], retries: 0, estimate: settings.defaultEstimate,
        priority: nil, success: [], location: location, order: 0, stage: stage)
    }

    mutating func resolveNeeds(_ diagnostics: inout [Diagnostic]) {
      // Every id a need may name, for "did you mean": only built when a need names no task.
      var candidates: [String]? = nil
      // The nodes of each stage in node order, for the edges a stage implies.
      var stageNodes: [Int: [Int]] = [:]
      if !workflow.stages.isEmpty {
        for index in nodes.indices { if let stage = nodes[index].stage { stageNodes[stage, default: []].append(index) } }
      }
      for definitionIndex in workflow.tasks.indices {
        // The three fields used, not a copy of the whole task.
        let definitionID = workflow.tasks[definitionIndex].id.value
        let needs = workflow.tasks[definitionIndex].needs
        let definitionStage = workflow.tasks[definitionIndex].stage
        var edges: [ExpandedTask.Need] = []
        // Needs are few per task: a linear search finds repeats faster than hashing, up to a point.
        let hashNeeds = needs.count > 16
        var seen: [String: SourceLocation] = [:]
        for (position, need) in needs.enumerated() {
          let first: SourceLocation? =
            hashNeeds
            ? seen[need.value] : needs[..<position].first { $0.value == need.value }?.location
          if let first {
            diagnostics.append(
              Diagnostic(.duplicateNeed, "task '\(definitionID)' needs '\(need.value)' twice", at: need.location,
                notes: [.init("first listed here", at: first)], help: "remove the second '\(need.value)'"))
            continue
          }
          if hashNeeds { seen[need.value] = need.location }
          if need.value == definitionID {
            diagnostics.append(
              Diagnostic(.selfDependency, "task '\(need.value)' needs itself", at: need.location,
                help: "remove '\(need.value)' from its own needs"))
            continue
          }
          let targets: [Int]
          if let target = definitionByID[need.value] {
            targets = mainNodes[target]
          } else if let target = byID[need.value] {
            targets = [target]
          } else {
            if candidates == nil {
              candidates = workflow.tasks.map(\.id.value) + nodes.map(\.id).filter { definitionByID[$0] == nil }
            }
            let suggestion = EditDistance.closest(to: need.value, in: candidates!)
            diagnostics.append(
              Diagnostic(.unknownTask, "task '\(definitionID)' needs unknown task '\(need.value)'", at: need.location,
                help: suggestion.map { "did you mean '\($0)'?" } ?? "define a task '\(need.value)' or remove it from needs"))
            continue
          }
          for target in targets {
            edges.append(.init(task: nodes[target].id, location: need.location, explicit: true))
            for gate in gates[target] ?? [] {
              edges.append(.init(task: nodes[gate].id, location: need.location, explicit: false))
            }
          }
        }
        if let stage = definitionStage, stage > 0 {
          let stageLocation = workflow.stages[stage].location
          for node in stageNodes[stage - 1] ?? [] {
            edges.append(.init(task: nodes[node].id, location: stageLocation, explicit: false))
          }
        }
        for main in mainNodes[definitionIndex] {
          let id = nodes[main].id
          if edges.count + nodes[main].needs.count <= 16 {
            for edge in edges where edge.task != id && !nodes[main].needs.contains(where: { $0.task == edge.task }) {
              nodes[main].needs.append(edge)
            }
          } else {
            var present = Set(nodes[main].needs.map(\.task))
            for edge in edges where edge.task != id && present.insert(edge.task).inserted {
              nodes[main].needs.append(edge)
            }
          }
        }
      }
    }

    private mutating func add(_ node: ExpandedTask, _ diagnostics: inout [Diagnostic]) -> Int {
      var node = node
      if let existing = byID[node.id] {
        diagnostics.append(
          Diagnostic(.duplicateID, "task id '\(node.id)' is used twice after expansion", at: node.location,
            notes: [.init("'\(node.id)' is also defined here", at: nodes[existing].location)],
            help: "rename one of the tasks; generated ids are <task>-<item>, <task>-review, <task>-validate and <task>-fix"))
        node.id += "#\(nodes.count)"
      }
      node.order = nodes.count
      byID[node.id] = nodes.count
      nodes.append(node)
      return nodes.count - 1
    }
  }
}
