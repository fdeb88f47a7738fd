/// Decodes one `config/workflows/<name>.yaml`.
enum WorkflowDecoder {
  static let workflowKeys = ["description", "coordinator", "max_concurrent", "merge", "tasks", "stages"]
  static let stageKeys = ["stage", "description", "tasks"]
  /// The largest retry or fix-round bound; a loop above it is as good as unbounded.
  static let maxLoopBound = 10

  /// `concurrentFrom`: the number of tasks from which a `tasks` mapping is decoded on all
  /// cores (tests lower it to compare the two ways).
  static func decode(
    _ node: YAMLNode, name: String, file: String, concurrentFrom threshold: Int = parallelThreshold,
    diagnostics: inout [Diagnostic]
  ) -> WorkflowDefinition {
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
      decodeTasks(tasks, stage: nil, into: &workflow.tasks, seen: &seen, threshold: threshold, &diagnostics)
    }
    if let stages = map.value("stages") {
      if map.value("tasks") == nil { workflow.bodyLocation = map.keyLocation("stages") ?? map.location }
      decodeStages(stages, into: &workflow, seen: &seen, threshold: threshold, &diagnostics)
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
    _ node: YAMLNode, into workflow: inout WorkflowDefinition, seen: inout [String: SourceLocation], threshold: Int,
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
      decodeTasks(tasks, stage: index, into: &workflow.tasks, seen: &seen, threshold: threshold, &diagnostics)
    }
  }

  /// Appends the tasks of `node` to `tasks` (in place: copying 10,000 task definitions from one
  /// array to another is measurable).
  private static func decodeTasks(
    _ node: YAMLNode, stage: Int?, into tasks: inout [TaskDefinition], seen: inout [String: SourceLocation],
    threshold: Int, _ diagnostics: inout [Diagnostic]
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
    if tasks.isEmpty, pairs.count >= threshold {
      tasks = decodeConcurrently(pairs, stage: stage, seen: &seen, &diagnostics)
      return
    }
    for pair in pairs {
      let id = Located(pair.key.value, at: pair.key.location)
      if let first = Self.firstLocation(of: id.value, at: id.location, in: &seen) {
        diagnostics.append(
          Diagnostic(.duplicateKey, "duplicate task '\(id.value)'", at: id.location,
            notes: [.init("first defined here", at: first)], help: "rename one of the two tasks"))
        continue
      }
      ValueReader.checkID(id, kind: "task", &diagnostics)
      if let misplaced = misindentedKey(pair) {
        diagnostics.append(misplaced)
        continue
      }
      // Decoded in place, stage included: each copy of a definition costs a few hundred bytes.
      var task = TaskDefinition(id: id)
      let before = diagnostics.count
      let decoded = TaskDecoder.decode(pair.value, stage: stage, into: &task, &diagnostics)
      noteTaskKey(id, &diagnostics[before...])
      if decoded { tasks.append(consume task) }
    }
  }

  /// A task key (`estimate: 45m`, `needs: [a]`) written at the indentation of the task ids is
  /// read as a task named after the key, whose body is no mapping: say what probably happened,
  /// at the key, instead of asking for a mapping. A task key holding a mapping is a valid task
  /// (a task may be named `fix`), so it is left to the task decoder.
  static func misindentedKey(_ pair: YAMLPair) -> Diagnostic? {
    guard TaskDecoder.taskKeySet.slot(of: pair.key.value) != nil else { return nil }
    if case .mapping = pair.value { return nil }
    let key = pair.key.value
    return Diagnostic(
      .wrongType, "task '\(key)' must be a mapping, found \(pair.value.typeName)", at: pair.key.location,
      help: "'\(key)' is a task key, so it looks mis-indented: indent it as deep as the 'agent:' of the task it "
        + "belongs to (if '\(key)' is meant as a task id, write its keys under it, starting with 'agent:')")
  }

  /// A task named after a task key whose body has errors (`fix: { agent: fixer, max_rounds: 2 }`
  /// one level too far left reads as a task 'fix' with an unknown key): its first error also
  /// says the key may be mis-indented.
  static func noteTaskKey(_ id: Located<String>, _ findings: inout ArraySlice<Diagnostic>) {
    guard TaskDecoder.taskKeySet.slot(of: id.value) != nil,
      let first = findings.firstIndex(where: { $0.severity == .error })
    else { return }
    findings[first].notes.append(
      .init(
        "'\(id.value)' is also a task key: if it belongs to the task above, it is mis-indented (indent it as deep as "
          + "that task's 'agent:')", at: id.location))
  }

  /// Workflows with fewer tasks are decoded in one loop.
  static let parallelThreshold = 512

  /// The tasks of `pairs`, as the sequential loop of `decodeTasks` finds them: the bodies are
  /// decoded on all cores straight into the result's storage, then taken in order, checking
  /// duplicates and ids and keeping each task's findings in place (a duplicate's decoding is
  /// dropped, as if never made).
  private static func decodeConcurrently(
    _ pairs: [YAMLPair], stage: Int?, seen: inout [String: SourceLocation], _ diagnostics: inout [Diagnostic]
  ) -> [TaskDefinition] {
    let count = pairs.count
    var findings = [[Diagnostic]](repeating: [], count: count)
    var decoded = [Bool](repeating: false, count: count)
    return [TaskDefinition](unsafeUninitializedCapacity: count) { slots, initialized in
      findings.withUnsafeMutableBufferPointer { findingSlots in
        decoded.withUnsafeMutableBufferPointer { decodedSlots in
          nonisolated(unsafe) let (slots, findingSlots, decodedSlots) = (slots, findingSlots, decodedSlots)
          Parallel.forEachRange(count, threshold: 2) { range in
            for index in range {
              let id = Located(pairs[index].key.value, at: pairs[index].key.location)
              var found: [Diagnostic] = []
              let slot = slots.baseAddress! + index
              slot.initialize(to: TaskDefinition(id: id))
              if TaskDecoder.decode(pairs[index].value, stage: stage, into: &slot.pointee, &found) {
                decodedSlots[index] = true
              } else {
                slot.deinitialize(count: 1)
              }
              noteTaskKey(id, &found[...])
              findingSlots[index] = found
            }
          }
        }
      }
      // In order: each kept task moves down over the gaps that failed or duplicated tasks left.
      var kept = 0
      for index in 0..<count {
        let key = pairs[index].key
        if let first = Self.firstLocation(of: key.value, at: key.location, in: &seen) {
          diagnostics.append(
            Diagnostic(.duplicateKey, "duplicate task '\(key.value)'", at: key.location,
              notes: [.init("first defined here", at: first)], help: "rename one of the two tasks"))
          if decoded[index] { (slots.baseAddress! + index).deinitialize(count: 1) }
          continue
        }
        ValueReader.checkID(Located(key.value, at: key.location), kind: "task", &diagnostics)
        if let misplaced = misindentedKey(pairs[index]) {
          diagnostics.append(misplaced)
          if decoded[index] { (slots.baseAddress! + index).deinitialize(count: 1) }
          continue
        }
        diagnostics += findings[index]
        guard decoded[index] else { continue }
        if kept != index { (slots.baseAddress! + kept).moveInitialize(from: slots.baseAddress! + index, count: 1) }
        kept += 1
      }
      initialized = kept
    }
  }

  /// Where task `id` was first defined; nil, recording `location` as that place, when this
  /// is its first definition. One hash of the id instead of a lookup and an insert.
  private static func firstLocation(
    of id: String, at location: SourceLocation, in seen: inout [String: SourceLocation]
  ) -> SourceLocation? {
    func firstOrRecord(_ entry: inout SourceLocation?) -> SourceLocation? {
      if let first = entry { return first }
      entry = location
      return nil
    }
    return firstOrRecord(&seen[id])
  }
}
