/// Decodes one `config/workflows/<name>.yaml`.
enum WorkflowDecoder {
  static let workflowKeys = ["description", "coordinator", "max_concurrent", "merge", "tasks", "stages"]
  static let stageKeys = ["stage", "description", "tasks"]
  /// The largest retry or fix-round bound; a loop above it is as good as unbounded.
  static let maxLoopBound = 10

  static func decode(_ node: YAMLNode, name: String, file: String, diagnostics: inout [Diagnostic]) -> WorkflowDefinition {
    var workflow = WorkflowDefinition(name: name, file: file)
    guard let map = MappingReader(node, subject: "workflow '\(name)'", keys: workflowKeys, diagnostics: &diagnostics)
    else { return workflow }
    workflow.bodyLocation = map.location
    map.require("description", help: "add 'description:' saying what the workflow delivers", diagnostics: &diagnostics)
    if let value = map.value("description") { workflow.description = ValueReader.string(value, "description", &diagnostics) }
    if let value = map.value("coordinator") { workflow.coordinator = ValueReader.string(value, "coordinator", &diagnostics) }
    if let value = map.value("max_concurrent") {
      workflow.maxConcurrent = MaxConcurrent.read(value, "max_concurrent", &diagnostics)
    }
    if let value = map.value("merge"), let merge = ValueReader.string(value, "merge", &diagnostics) {
      if let strategy = WorkflowDefinition.MergeStrategy(rawValue: merge.value) {
        workflow.merge = strategy
      } else {
        diagnostics.append(
          Diagnostic(.invalidValue, "merge '\(merge.value)' is not one of concatenate, structured, ai", at: merge.location,
            help: "concatenate joins results in plan order; structured groups them by task; ai asks the coordinator to merge"))
      }
    }
    var seen: [String: SourceLocation] = [:]
    let before = diagnostics.count
    if let tasks = map.value("tasks") {
      workflow.bodyLocation = map.keyLocation("tasks") ?? map.location
      decodeTasks(tasks, stage: nil, into: &workflow.tasks, seen: &seen, &diagnostics)
    }
    if let stages = map.value("stages") {
      if map.value("tasks") == nil { workflow.bodyLocation = map.keyLocation("stages") ?? map.location }
      decodeStages(stages, into: &workflow, seen: &seen, &diagnostics)
    }
    // Tasks lost to an error already reported are not a second finding.
    if workflow.tasks.isEmpty, diagnostics.count == before {
      diagnostics.append(
        Diagnostic(.emptyWorkflow, "workflow '\(name)' defines no task", at: workflow.bodyLocation,
          help: "add a 'tasks:' mapping with at least one task, each naming its agent"))
    }
    return workflow
  }

  private static func decodeStages(
    _ node: YAMLNode, into workflow: inout WorkflowDefinition, seen: inout [String: SourceLocation],
    _ diagnostics: inout [Diagnostic]
  ) {
    guard case .sequence(let items, _) = node else {
      diagnostics.append(
        Diagnostic(.wrongType, "stages must be a list of stages, found \(node.typeName)", at: node.location,
          help: "write '- stage: <name>' entries, each with its own 'tasks:' mapping"))
      return
    }
    for item in items {
      guard let map = MappingReader(item, subject: "stage", keys: stageKeys, diagnostics: &diagnostics) else { continue }
      map.require("stage", help: "add 'stage: <name>'", diagnostics: &diagnostics)
      let stageName = map.value("stage").flatMap { ValueReader.string($0, "stage", &diagnostics) }
        ?? Located("stage-\(workflow.stages.count + 1)", at: map.location)
      let index = workflow.stages.count
      workflow.stages.append(stageName)
      guard let tasks = map.value("tasks") else {
        map.require("tasks", diagnostics: &diagnostics)
        continue
      }
      decodeTasks(tasks, stage: index, into: &workflow.tasks, seen: &seen, &diagnostics)
    }
  }

  /// Appends the tasks of `node` to `tasks` (in place: copying 10,000 task definitions from one
  /// array to another is measurable).
  private static func decodeTasks(
    _ node: YAMLNode, stage: Int?, into tasks: inout [TaskDefinition], seen: inout [String: SourceLocation],
    _ diagnostics: inout [Diagnostic]
  ) {
    if case .scalar(let scalar) = node, scalar.isNull { return }
    guard case .mapping(let pairs, _) = node else {
      diagnostics.append(
        Diagnostic(.wrongType, "tasks must be a mapping of task id to task, found \(node.typeName)", at: node.location,
          help: "write each task as '<task-id>:' followed by its keys"))
      return
    }
    // A task definition is about a kilobyte: growing the array by doubling would hold two
    // copies and up to twice the room at its peak. Reserve geometrically, as stages add up.
    if tasks.capacity < tasks.count + pairs.count {
      tasks.reserveCapacity(max(tasks.count + pairs.count, 2 * tasks.capacity))
    }
    seen.reserveCapacity(seen.count + pairs.count)
    for pair in pairs {
      let id = Located(pair.key.value, at: pair.key.location)
      if let first = seen[id.value] {
        diagnostics.append(
          Diagnostic(.duplicateKey, "duplicate task '\(id.value)'", at: id.location,
            notes: [.init("first defined here", at: first)], help: "rename one of the two tasks"))
        continue
      }
      seen[id.value] = id.location
      ValueReader.checkID(id, kind: "task", &diagnostics)
      // The stage is set by the decoder: setting it here copied each definition once more.
      if let task = TaskDecoder.decode(id, pair.value, stage: stage, &diagnostics) { tasks.append(task) }
    }
  }
}
