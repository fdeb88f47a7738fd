/// `RunPlan` in `RecordText`'s line format, for `RunPlanCache`: a `plan` line, a `level` line
/// per batch, and per task (in plan order) a `task` line followed by its `needs`, `decides` and
/// `writes` lines and, when it has them, `condition` and `fixes`.
///
///     plan	parallel-feature	config/workflows/parallel-feature.yaml	3	concatenate	9f2c…	5400
///     level	plan
///     task	plan	01	Agent-01	planner	Plan the change	output/workflows/…/agent-01.md	0	high	0	900	1	<location>	<location>
///     needs
///     decides	schema_needed
///     writes	docs/plans/**
extension RunPlan {
  func recordLines() -> [String] {
    func escaped(_ values: [String]) -> String { values.map { "\t" + RecordText.escape($0) }.joined() }
    func location(_ place: SourceLocation) -> String {
      "\(RecordText.escape(place.file))\t\(place.line)\t\(place.column)\t\(place.endLine)\t\(place.endColumn)"
    }
    var lines = [
      "plan\t\(RecordText.escape(workflow))\t\(RecordText.escape(workflowFile))\t\(maxConcurrent)\t\(merge.rawValue)\t"
        + "\(planHash)\t\(makespanSeconds)"
    ]
    lines.reserveCapacity(levels.count + tasks.count * 5 + 1)
    for level in levels { lines.append("level" + escaped(level)) }
    for task in tasks {
      lines.append(
        "task" + escaped([task.id, task.number, task.agentID, task.agent, task.description, task.taskFile])
          + "\t\(task.retries)\t\(RecordText.escape(task.priority))\t\(task.plannedStart)\t\(task.estimateSeconds)\t"
          + "\(task.critical ? 1 : 0)\t\(location(task.location))\t\(location(task.writesLocation))")
      lines.append("needs" + escaped(task.needs))
      lines.append("decides" + escaped(task.decides))
      lines.append("writes" + escaped(task.writes))
      if let condition = task.condition {
        lines.append(
          "condition" + escaped([condition.task, condition.flag]) + "\t\(condition.negated ? 1 : 0)\t\(location(condition.location))")
      }
      if let fixes = task.fixes { lines.append("fixes\t\(RecordText.escape(fixes.task))\t\(fixes.maxRounds)") }
    }
    return lines
  }

  /// Reads a plan back, line by line; `outputLabel` is where its task files must be. Every
  /// field that becomes a path is held to the one form `init(graph:plan:)` gives it, so a
  /// forged record cannot point a run at another file.
  struct RecordReader {
    let outputLabel: String
    private var head: (workflow: String, file: String, maxConcurrent: Int, merge: WorkflowDefinition.MergeStrategy, hash: String, makespan: Int)?
    private var levels: [[String]] = []
    private var tasks: [Task] = []
    /// Lines still owed by the last task: needs, decides, writes.
    private var owed = 0

    init(outputLabel: String) { self.outputLabel = outputLabel }

    var plan: RunPlan? {
      guard let head, owed == 0, !tasks.isEmpty else { return nil }
      return RunPlan(
        workflow: head.workflow, workflowFile: head.file, maxConcurrent: head.maxConcurrent, merge: head.merge,
        planHash: head.hash, makespanSeconds: head.makespan, levels: levels, tasks: tasks)
    }

    var taskCount: Int { tasks.count }

    /// Takes one line; false when it does not belong to a plan record here.
    mutating func take(_ kind: String, _ fields: [Slice<UnsafeBufferPointer<UInt8>>]) -> Bool {
      func text(_ index: Int) -> String { RecordText.unescape(fields[index]) }
      func number(_ index: Int) -> Int? { RecordText.number(fields[index]) }
      func rest(_ from: Int) -> [String] { (from..<fields.count).map(text) }
      func location(_ at: Int) -> SourceLocation? {
        let file = text(at)
        guard PathSafety.isSafeRelative(file), let line = number(at + 1), let column = number(at + 2),
          let endLine = number(at + 3), let endColumn = number(at + 4)
        else { return nil }
        return SourceLocation(file: file, line: line, column: column, endLine: endLine, endColumn: endColumn)
      }
      switch kind {
      case "plan":
        let workflow = text(1)
        guard head == nil, fields.count == 7, PathSafety.isSafeRelative(workflow), !workflow.contains("/"),
          text(2) == "config/workflows/\(workflow).yaml", let maxConcurrent = number(3),
          let merge = WorkflowDefinition.MergeStrategy(rawValue: text(4)), let makespan = number(6)
        else { return false }
        head = (workflow, text(2), maxConcurrent, merge, text(5), makespan)
      case "level":
        guard head != nil, tasks.isEmpty else { return false }
        levels.append(rest(1))
      case "task":
        let digits = text(2)
        guard let workflow = head?.workflow, owed == 0, fields.count == 22, !digits.isEmpty,
          digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
          text(6) == "\(outputLabel)/workflows/\(workflow)/agent_tasks/agent-\(digits).md",
          let retries = number(7), let plannedStart = number(9), let estimate = number(10),
          let critical = number(11), critical <= 1, let place = location(12), let writesPlace = location(17)
        else { return false }
        tasks.append(
          Task(
            id: text(1), number: digits, agentID: text(3), agent: text(4), description: text(5), taskFile: text(6),
            needs: [], retries: retries, decides: [], condition: nil, fixes: nil, writes: [], writesLocation: writesPlace,
            location: place, priority: text(8), plannedStart: plannedStart, estimateSeconds: estimate,
            critical: critical == 1))
        owed = 3
      case "needs":
        guard owed == 3 else { return false }
        tasks[tasks.count - 1].needs = rest(1)
        owed = 2
      case "decides":
        guard owed == 2 else { return false }
        tasks[tasks.count - 1].decides = rest(1)
        owed = 1
      case "writes":
        guard owed == 1 else { return false }
        tasks[tasks.count - 1].writes = rest(1)
        owed = 0
      case "condition":
        guard owed == 0, !tasks.isEmpty, tasks[tasks.count - 1].condition == nil, fields.count == 9,
          let negated = number(3), negated <= 1, let place = location(4)
        else { return false }
        tasks[tasks.count - 1].condition = Condition(task: text(1), flag: text(2), negated: negated == 1, location: place)
      case "fixes":
        guard owed == 0, !tasks.isEmpty, tasks[tasks.count - 1].fixes == nil, fields.count == 3,
          let rounds = number(2)
        else { return false }
        tasks[tasks.count - 1].fixes = (text(1), rounds)
      default:
        return false
      }
      return true
    }
  }
}
