/// `checkpoint.json` read and written without `Codable`: the engine reads and rewrites the
/// whole file on every call, and Foundation's decoder and encoder were most of a call's time on
/// a 1,000-task run. The document is the one `Codable` describes (same keys, same types, the
/// optional keys absent or null); `RunCheckpointSchemaTests` holds the two to each other.
extension RunState {
  struct CheckpointError: Error, CustomStringConvertible {
    var description: String
  }

  /// The state in `bytes`, a `checkpoint.json`.
  static func checkpoint(_ bytes: [UInt8]) throws -> RunState {
    let document: JSONValue
    do {
      document = try JSONParser.parse(bytes)
    } catch {
      throw CheckpointError(description: "not JSON: \(error)")
    }
    let top = try Fields(document, at: "the document")
    var tasks: [String: Task] = [:]
    guard case .object(let pairs) = try top.required("tasks") else { throw CheckpointError(description: "'tasks' is not an object") }
    tasks.reserveCapacity(pairs.count)
    for (id, value) in pairs {
      let task = try Fields(value, at: "tasks.\(id)")
      tasks[id] = Task(
        agentID: try task.string("agent_id"), agent: try task.string("agent"),
        status: try task.enumeration("status"), attempts: try task.integer("attempts"), failures: try task.integer("failures"),
        fixRounds: try task.integer("fix_rounds"), startedAt: try task.optionalString("started_at"),
        finishedAt: try task.optionalString("finished_at"), result: try task.optionalString("result"),
        decisions: try task.flags("decisions"), skipReason: try task.optionalString("skip_reason"),
        error: try task.optionalString("error"))
    }
    guard case .array(let active) = try top.required("agents_active") else {
      throw CheckpointError(description: "'agents_active' is not an array")
    }
    return RunState(
      workflow: try top.string("workflow"), planHash: try top.string("plan_hash"), request: try top.string("request"),
      status: try top.enumeration("status"), failure: try top.optionalString("failure"),
      startedAt: try top.string("started_at"), updatedAt: try top.string("updated_at"),
      baseCommit: try top.optionalString("base_commit"), phasesComplete: try top.flags("phases_complete"), tasks: tasks,
      agentsActive: try active.map { value in
        guard case .string(let text) = value else { throw CheckpointError(description: "'agents_active' holds a non-string") }
        return text
      },
      finalOutput: try top.optionalString("final_output"), events: try top.integer("events"))
  }

  private init(
    workflow: String, planHash: String, request: String, status: Status, failure: String?, startedAt: String,
    updatedAt: String, baseCommit: String?, phasesComplete: [String: Bool], tasks: [String: Task],
    agentsActive: [String], finalOutput: String?, events: Int
  ) {
    self.workflow = workflow
    self.planHash = planHash
    self.request = request
    self.status = status
    self.failure = failure
    self.startedAt = startedAt
    self.updatedAt = updatedAt
    self.baseCommit = baseCommit
    self.phasesComplete = phasesComplete
    self.tasks = tasks
    self.agentsActive = agentsActive
    self.finalOutput = finalOutput
    self.events = events
  }

  /// One JSON object's members, looked up by key, with errors that name where they are.
  private struct Fields {
    var members: [String: JSONValue] = [:]
    var place: String

    init(_ value: JSONValue, at place: String) throws {
      guard case .object(let pairs) = value else { throw CheckpointError(description: "\(place) is not an object") }
      self.place = place
      members.reserveCapacity(pairs.count)
      // The first of duplicate keys wins, as with `JSONDecoder`.
      for (key, member) in pairs where members[key] == nil { members[key] = member }
    }

    func required(_ key: String) throws -> JSONValue {
      guard let value = members[key] else { throw CheckpointError(description: "\(place) has no '\(key)'") }
      return value
    }

    func mismatch(_ key: String, _ expected: String) -> CheckpointError {
      CheckpointError(description: "'\(key)' of \(place) is not \(expected)")
    }

    func string(_ key: String) throws -> String {
      guard case .string(let text) = try required(key) else { throw mismatch(key, "a string") }
      return text
    }

    func optionalString(_ key: String) throws -> String? {
      switch members[key] {
      case nil, .null?: return nil
      case .string(let text)?: return text
      default: throw mismatch(key, "a string or null")
      }
    }

    func integer(_ key: String) throws -> Int {
      switch try required(key) {
      case .integer(let value): return value
      // `JSONDecoder` takes 2.0 as an Int, and so does this.
      case .number(let value) where value.rounded() == value && abs(value) < 9.0e15: return Int(value)
      default: throw mismatch(key, "an integer")
      }
    }

    func enumeration<Value: RawRepresentable>(_ key: String) throws -> Value where Value.RawValue == String {
      guard let value = Value(rawValue: try string(key)) else { throw mismatch(key, "a known status") }
      return value
    }

    func flags(_ key: String) throws -> [String: Bool] {
      guard case .object(let pairs) = try required(key) else { throw mismatch(key, "an object") }
      var flags: [String: Bool] = [:]
      for (name, value) in pairs {
        guard case .bool(let flag) = value else { throw mismatch(key, "an object of true/false") }
        flags[name] = flag
      }
      return flags
    }
  }

  /// `checkpoint.json`'s text: the document `Codable` describes, with a fixed key order (tasks
  /// in plan order, keys sorted within a task), two-space indent like every JSON orchgen writes.
  public func checkpointJSON(plan: RunPlan) -> String {
    var out = ""
    out.reserveCapacity(400 + plan.tasks.count * 400)
    func string(_ text: String) { JSONText.append(text, to: &out) }
    func optional(_ text: String?) {
      if let text { string(text) } else { out += "null" }
    }
    func flags(_ flags: [String: Bool], indent: String, order: (String, String) -> Bool) {
      guard !flags.isEmpty else {
        out += "{}"
        return
      }
      out += "{\n"
      for (index, key) in flags.keys.sorted(by: order).enumerated() {
        out += indent + "  "
        string(key)
        out += flags[key]! ? ": true" : ": false"
        out += index == flags.count - 1 ? "\n" : ",\n"
      }
      out += indent + "}"
    }
    out += "{\n  \"workflow\": "
    string(workflow)
    out += ",\n  \"plan_hash\": "
    string(planHash)
    out += ",\n  \"request\": "
    string(request)
    out += ",\n  \"status\": \"\(status.rawValue)\",\n  \"failure\": "
    optional(failure)
    out += ",\n  \"started_at\": "
    string(startedAt)
    out += ",\n  \"updated_at\": "
    string(updatedAt)
    out += ",\n  \"base_commit\": "
    optional(baseCommit)
    out += ",\n  \"events\": \(events),\n  \"phases_complete\": "
    flags(phasesComplete, indent: "  ") { (Int($0.dropFirst(6)) ?? 0, $0) < (Int($1.dropFirst(6)) ?? 0, $1) }
    out += ",\n  \"agents_active\": "
    if agentsActive.isEmpty {
      out += "[]"
    } else {
      out += "[\n"
      for (index, agent) in agentsActive.enumerated() {
        out += "    "
        string(agent)
        out += index == agentsActive.count - 1 ? "\n" : ",\n"
      }
      out += "  ]"
    }
    out += ",\n  \"final_output\": "
    optional(finalOutput)
    out += ",\n  \"tasks\": "
    let listed = plan.tasks.filter { tasks[$0.id] != nil }
    if listed.isEmpty { out += "{}" } else { out += "{\n" }
    for (index, planned) in listed.enumerated() {
      let task = tasks[planned.id]!
      out += "    "
      string(planned.id)
      out += ": {\n      \"agent\": "
      string(task.agent)
      out += ",\n      \"agent_id\": "
      string(task.agentID)
      out += ",\n      \"attempts\": \(task.attempts),\n      \"decisions\": "
      flags(task.decisions, indent: "      ", order: <)
      out += ",\n      \"error\": "
      optional(task.error)
      out += ",\n      \"failures\": \(task.failures),\n      \"finished_at\": "
      optional(task.finishedAt)
      out += ",\n      \"fix_rounds\": \(task.fixRounds),\n      \"result\": "
      optional(task.result)
      out += ",\n      \"skip_reason\": "
      optional(task.skipReason)
      out += ",\n      \"started_at\": "
      optional(task.startedAt)
      out += ",\n      \"status\": \"\(task.status.rawValue)\"\n    }"
      out += index == listed.count - 1 ? "\n  }" : ",\n"
    }
    out += "\n}\n"
    return out
  }
}
