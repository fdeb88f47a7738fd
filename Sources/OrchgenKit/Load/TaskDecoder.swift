/// Decodes one task mapping of a workflow.
enum TaskDecoder {
  /// A task's keys, in the order of `taskKeys`: a task's values are looked up by slot, which
  /// spares 19 string searches per task.
  enum Key: Int, CaseIterable {
    case agent, description, needs, produces, consumes, decides, when, unless, writes
    case retries, estimate, priority, reviewers, reviews, validate, fix, forEach, success

    var name: String { self == .forEach ? "for_each" : "\(self)" }
  }
  static let taskKeys = Key.allCases.map(\.name)
  static let taskKeySet = MappingReader.Keys(taskKeys)
  static let validateKeys = ["agent", "description", "fix"]
  static let fixKeys = ["agent", "max_rounds"]
  static let priorities = ["P0", "P1", "P2", "P3"]

  /// Decodes the task `node` into `task` (made by `TaskDefinition(id:)`), in place: returning a
  /// 560-byte definition copied it twice. False, with a finding, when `node` is no mapping.
  static func decode(
    _ node: YAMLNode, stage: Int?, into task: inout TaskDefinition, _ diagnostics: inout [Diagnostic]
  ) -> Bool {
    let id = task.id
    let subject = "task '\(id.value)'"
    guard let map = MappingReader(node, subject: subject, keys: taskKeySet, diagnostics: &diagnostics) else { return false }
    func entry(_ key: Key) -> YAMLNode? { map.value(slot: key.rawValue) }
    task.stage = stage
    map.require("agent", help: "add 'agent: <agent-id>' naming who does this task", at: id.location, diagnostics: &diagnostics)
    if let value = entry(.agent) { task.agent = ValueReader.string(value, "agent", &diagnostics) }
    if let value = entry(.description) { task.description = ValueReader.string(value, "description", &diagnostics) }
    // Fields are assigned only when present: replacing a default empty list costs a call.
    func list(_ key: Key, _ name: String, into field: inout [Located<String>]) {
      if let value = entry(key) { field = ValueReader.stringList(value, name, &diagnostics) }
    }
    list(.needs, "needs", into: &task.needs)
    list(.produces, "produces", into: &task.produces)
    list(.consumes, "consumes", into: &task.consumes)
    list(.decides, "decides", into: &task.decides)
    list(.writes, "writes", into: &task.writes)
    for glob in task.writes where !PathSafety.isSafeGlob(glob.value) {
      diagnostics.append(PathSafety.unsafeGlob(glob))
    }
    list(.reviewers, "reviewers", into: &task.reviewers)
    list(.reviews, "reviews", into: &task.reviews)
    list(.forEach, "for_each", into: &task.forEach)
    list(.success, "success", into: &task.success)
    for flag in task.decides where !isFlag(flag.value) {
      diagnostics.append(
        Diagnostic(.invalidValue, "condition name '\(flag.value)' is not a valid name", at: flag.location,
          help: "use lowercase letters, digits, '_' and '-', starting with a letter"))
    }
    for item in task.forEach { ValueReader.checkID(item, kind: "fan-out item", &diagnostics) }
    let when = entry(.when).flatMap { condition($0, "when", negated: false, &diagnostics) }
    let unless = entry(.unless).flatMap { condition($0, "unless", negated: true, &diagnostics) }
    if let when, let unless {
      diagnostics.append(
        Diagnostic(.invalidValue, "\(subject) has both 'when' and 'unless'", at: unless.location,
          notes: [.init("'when' is here", at: when.location)], help: "keep one condition per task"))
    }
    if let condition = when ?? unless { task.condition = condition }
    if let value = entry(.retries) { task.retries = bound(value, "retries", minimum: 0, subject, &diagnostics) }
    if let value = entry(.estimate) { task.estimate = ValueReader.duration(value, "estimate", &diagnostics) }
    if let value = entry(.priority), let priority = ValueReader.string(value, "priority", &diagnostics) {
      if priorities.contains(priority.value) {
        task.priority = priority
      } else {
        diagnostics.append(
          Diagnostic(.invalidValue, "priority '\(priority.value)' is not one of P0, P1, P2, P3", at: priority.location,
            help: "P0 is the critical path, P3 can be delayed; omit it to let the planner decide"))
      }
    }
    if let value = entry(.fix) { task.fix = fixLoop(value, subject, key: map.keyLocation("fix"), &diagnostics) }
    if let value = entry(.validate),
      let gate = MappingReader(value, subject: "validate of \(subject)", keys: validateKeys, diagnostics: &diagnostics)
    {
      gate.require("agent", help: "add 'agent: <validator-agent>'", at: map.keyLocation("validate"), diagnostics: &diagnostics)
      if let agentNode = gate.value("agent"), let agent = ValueReader.string(agentNode, "validate.agent", &diagnostics) {
        task.validate = ValidationGate(
          agent: agent,
          description: gate.value("description").flatMap { ValueReader.string($0, "validate.description", &diagnostics) },
          fix: gate.value("fix").flatMap {
            fixLoop($0, "validation of \(subject)", key: gate.keyLocation("fix"), &diagnostics)
          },
          location: map.keyLocation("validate") ?? gate.location)
      }
    }
    return true
  }

  static func isFlag(_ flag: String) -> Bool {
    // Every accepted character is ASCII, so the UTF-8 bytes decide: any other byte rejects.
    guard let first = flag.utf8.first, first >= UInt8(ascii: "a"), first <= UInt8(ascii: "z") else { return false }
    return flag.utf8.allSatisfy {
      ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z")) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9"))
        || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-")
    }
  }

  private static func condition(
    _ node: YAMLNode, _ key: String, negated: Bool, _ diagnostics: inout [Diagnostic]
  ) -> Condition? {
    guard let text = ValueReader.string(node, key, &diagnostics) else { return nil }
    let parts = text.value.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 2, ValueReader.isValidID(String(parts[0])), isFlag(String(parts[1])) else {
      diagnostics.append(
        Diagnostic(.invalidValue, "\(key) '\(text.value)' is not of the form <task>.<condition>", at: text.location,
          help: "name the deciding task and one of its 'decides' entries, e.g. 'discovery.schema_needed'"))
      return nil
    }
    return Condition(task: String(parts[0]), flag: String(parts[1]), negated: negated, location: text.location)
  }

  /// `key` is where `fix:` is written, the place to point at when the whole loop is at fault.
  private static func fixLoop(
    _ node: YAMLNode, _ owner: String, key: SourceLocation?, _ diagnostics: inout [Diagnostic]
  ) -> FixLoop? {
    guard let map = MappingReader(node, subject: "fix of \(owner)", keys: fixKeys, diagnostics: &diagnostics) else { return nil }
    map.require("agent", help: "add 'agent: <fixer-agent>'", at: key, diagnostics: &diagnostics)
    guard let agentNode = map.value("agent"), let agent = ValueReader.string(agentNode, "fix.agent", &diagnostics)
    else { return nil }
    var loop = FixLoop(agent: agent, maxRounds: nil, location: map.location)
    if let rounds = map.value("max_rounds") {
      loop.maxRounds = bound(rounds, "max_rounds", minimum: 1, "fix of \(owner)", &diagnostics)
    } else {
      diagnostics.append(
        Diagnostic(.loopUnbounded, "fix loop of \(owner) has no bound", at: key ?? map.location,
          notes: [.init("without a bound a failing check and its fixer can loop forever")],
          help: "add 'max_rounds: 2' (at most \(WorkflowDecoder.maxLoopBound))"))
    }
    return loop
  }

  /// A loop bound: an integer in `minimum...maxLoopBound`; anything else is `loop-unbounded`.
  private static func bound(
    _ node: YAMLNode, _ key: String, minimum: Int, _ subject: String, _ diagnostics: inout [Diagnostic]
  ) -> Located<Int>? {
    let limit = WorkflowDecoder.maxLoopBound
    guard case .scalar(let scalar) = node, let value = scalar.int, (minimum...limit).contains(value) else {
      let found: String
      if case .scalar(let scalar) = node, !scalar.isNull { found = "'\(scalar.value)'" } else { found = node.typeName }
      diagnostics.append(
        Diagnostic(.loopUnbounded, "\(key) of \(subject) must be an integer from \(minimum) to \(limit), found \(found)",
          at: node.location, notes: [.init("every retry and fix loop needs a finite bound")],
          help: "set \(key) to a small number such as \(max(minimum, 2))"))
      return nil
    }
    return Located(value, at: scalar.location)
  }
}
