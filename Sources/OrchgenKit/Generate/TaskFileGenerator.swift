/// `workflows/<w>/agent_tasks/agent-NN.md`: everything one subagent needs to do one task
/// without the coordinator's context, in the shape of the seed's agent task files.
public enum TaskFileGenerator {
  /// What the task files of one workflow look up in each other, computed once per workflow:
  /// searching every task for each artifact and fix loop made a build quadratic in tasks.
  public struct Lookup: Sendable {
    /// Artifact → index of the first task (declaration order) that produces it.
    var producer: [String: Int] = [:]
    /// Task id → indices of the fix tasks of its loop, in declaration order.
    var fixes: [String: [Int]] = [:]

    public init(_ graph: TaskGraph) {
      for index in graph.tasks.indices {
        for artifact in graph.tasks[index].produces where producer[artifact.value] == nil {
          producer[artifact.value] = index
        }
        if case .fix(let failing, _) = graph.tasks[index].kind { fixes[failing, default: []].append(index) }
      }
    }
  }

  public static func file(
    for planned: PlannedTask, graph: TaskGraph, plan: WorkflowPlan, instructions: Instructions?, lookup: Lookup? = nil
  ) -> GeneratedFile {
    let lookup = lookup ?? Lookup(graph)
    let task = graph.task(planned.id)!
    var out = "# \(planned.agentID): \(task.id)\n\n"
    out += "Workflow `\(graph.name)` · task `\(task.id)` · agent `\(task.agent)`\(kindNote(task.kind))\n\n"
    out += "## Task\n\n\(task.description)\n\n"
    out += inputs(task, plan: plan, graph: graph, lookup: lookup)
    out += "## Outputs\n\n"
    for artifact in task.produces { out += "- Artifact `\(artifact.value)`: a `### \(artifact.value)` section under `## Outputs` in your result.\n" }
    out += "- Your result: your final message, in the result format below. orchgen records it as `\(resultPath(planned))` (through the coordinator or the runner that started you); do not write that file yourself.\n\n"
    if !task.produces.isEmpty || !task.consumes.isEmpty {
      out += "## Hand-offs\n\n\(HandoffConvention.rule)\n\n"
    }
    out += "## Dependencies\n\n"
    if planned.needs.isEmpty {
      out += "None: this task can start at once.\n\n"
    } else {
      out += "| Task | Agent | Result file |\n|------|-------|-------------|\n"
      for need in planned.needs {
        guard let source = plan.position(of: need) else { continue }
        out += "| `\(need)` | \(plan.tasks[source].agentID) | `\(resultPath(taskFile: plan.tasks[source].taskFile))` |\n"
      }
      out += "\n"
    }
    out += condition(task, plan: plan)
    if !task.decides.isEmpty {
      out += "## Decisions to report\n\nThis task decides: " + task.decides.map { "`\($0.value)`" }.joined(separator: ", ")
      out += ". End your result with a `## Decisions` section with one line per flag:\n\n```\n## Decisions\n"
      for flag in task.decides { out += "- \(flag.value): true | false\n" }
      out += "```\n\n"
      if task.decides.contains(where: { $0.value == "failed" }) {
        out += "If the check you run fails, that is a result, not a failure of this task: write `Status: completed` with `- failed: true` (this starts the fix loop). Use `Status: failed` only when you could not do the task at all (it is then retried).\n\n"
      }
    }
    out += "## Scheduling\n\n"
    out += "- Priority: \(planned.priority.rawValue) (\(planned.priority.meaning))\n"
    out += "- Estimate: \(PlanDuration.human(planned.estimateSeconds))\n"
    out += "- Batch: \(planned.level)\n"
    out += "- Planned start: \(PlanDuration.human(planned.startSeconds)) after the run starts (slot \(planned.slot) of \(plan.maxConcurrent))\n\n"
    out += failurePolicy(task, graph: graph, plan: plan, lookup: lookup)
    out += "## Write scope\n\n"
    let scope = writeScope(task, graph: graph)
    if scope.isEmpty {
      out += "This task changes no files in the repository: report through your result only.\n\n"
    } else {
      out += "Change only files matching:\n\n" + scope.map { "- `\($0)`\n" }.joined()
      out += "\nOther tasks may be editing other files at the same time: do not touch anything outside this scope.\n\n"
    }
    out += "## Success criteria\n\n"
    for criterion in task.success + defaultCriteria(task) { out += "- [ ] \(criterion)\n" }
    out += "- [ ] your final message is your result, in the result format below\n"
    for artifact in task.produces { out += "- [ ] artifact `\(artifact.value)` is in your result, under `### \(artifact.value)`\n" }
    out += "\n"
    if let checklist = instructions?.checklist, !checklist.isEmpty {
      out += "## Agent checklist\n\nFrom `\(instructions!.path)`:\n\n" + checklist.map { "- [ ] \($0)\n" }.joined() + "\n"
    }
    out += atomicity(task, scope: scope, lookup: lookup)
    out += resultFormat(planned, task: task)
    return GeneratedFile(path: "workflows/\(graph.name)/agent_tasks/\(planned.taskFile)", contents: out)
  }

  /// `.orchestrator/results/agent-NN-result.md`.
  public static func resultPath(_ planned: PlannedTask) -> String {
    resultPath(taskFile: planned.taskFile)
  }

  static func resultPath(taskFile: String) -> String {
    // `agent-NN.md` holds `.md` once, at the end: no need for Foundation's replacement there.
    let bytes = Array(taskFile.utf8)
    let dotMD = bytes.indices.filter {
      $0 + 2 < bytes.count && bytes[$0] == UInt8(ascii: ".") && bytes[$0 + 1] == UInt8(ascii: "m") && bytes[$0 + 2] == UInt8(ascii: "d")
    }
    if bytes.allSatisfy({ $0 < 0x80 }), dotMD == [bytes.count - 3] {
      return ".orchestrator/results/\(taskFile.dropLast(3))-result.md"
    }
    return ".orchestrator/results/\(taskFile.replacingASCII(".md", with: "-result.md"))"
  }

  /// A fixer may change what the failing task and the work upstream of it were allowed to
  /// change: a failing check is usually fixed in the code it checks, not in the check.
  static func writeScope(_ task: ExpandedTask, graph: TaskGraph) -> [String] {
    guard task.writes.isEmpty, case .fix(let failing, _) = task.kind else { return task.writes.map(\.value) }
    var scope: [String] = []
    var seen = Set<String>()
    var pending = [failing]
    while let id = pending.popLast() {
      guard seen.insert(id).inserted, let current = graph.task(id) else { continue }
      for glob in current.writes where !scope.contains(glob.value) { scope.append(glob.value) }
      pending += current.needs.map(\.task)
    }
    return scope.sorted()
  }

  /// What generated gate tasks must show, since users cannot write `success:` for them.
  static func defaultCriteria(_ task: ExpandedTask) -> [String] {
    switch task.kind {
    case .review:
      ["Every finding names the file and line and says why it matters", "The verdict (approve or changes needed) is stated in the Summary"]
    case .validation(let validated):
      ["The checks run against `\(validated)` are listed with their output", "`failed` is decided from that evidence"]
    case .fix(let failing, _):
      ["The cause of the failure `\(failing)` reported is fixed, not hidden", "The failing check passes when run locally, or the result says why it could not run"]
    default:
      []
    }
  }

  private static func kindNote(_ kind: ExpandedTask.Kind) -> String {
    switch kind {
    case .work: ""
    case .fanOutItem(let parent, let item): " · fan-out item `\(item)` of `\(parent)`"
    case .review(let reviewed): " · review of " + reviewed.map { "`\($0)`" }.joined(separator: ", ")
    case .validation(let validated): " · validation gate of `\(validated)`"
    case .fix(let failing, let rounds): " · fix loop for `\(failing)` (at most \(rounds) round\(rounds == 1 ? "" : "s"))"
    }
  }

  private static func inputs(_ task: ExpandedTask, plan: WorkflowPlan, graph: TaskGraph, lookup: Lookup) -> String {
    var out = "## Inputs\n\n"
    if task.consumes.isEmpty, task.needs.isEmpty { return out + "The user's request, given with this task.\n\n" }
    out += "- The user's request, given with this task.\n"
    for artifact in task.consumes {
      if let producer = lookup.producer[artifact.value].map({ graph.tasks[$0].id }),
        let planned = plan.position(of: producer).map({ plan.tasks[$0] })
      {
        out += "- Artifact `\(artifact.value)` from \(planned.agentID) (`\(producer)`): the `### \(artifact.value)` section of `\(resultPath(planned))`\n"
      } else {
        out += "- Artifact `\(artifact.value)`\n"
      }
    }
    if case .review(let reviewed) = task.kind {
      for id in reviewed {
        guard let author = graph.task(id), let planned = plan.task(id) else { continue }
        let artifacts = author.produces.map { "`\($0.value)`" }
        let scope = author.writes.map { "`\($0.value)`" }
        out += "- The work to review: \(planned.agentID) (`\(id)`), result `\(resultPath(planned))`"
        if !artifacts.isEmpty { out += ", artifacts " + artifacts.joined(separator: ", ") }
        if !scope.isEmpty { out += ", files matching " + scope.joined(separator: ", ") }
        out += "\n"
      }
    }
    if !task.needs.isEmpty {
      out += "- The result files of the tasks under Dependencies: read them before you start.\n"
    }
    return out + "\n"
  }

  private static func condition(_ task: ExpandedTask, plan: WorkflowPlan) -> String {
    guard let condition = task.condition else { return "" }
    let decider = plan.task(condition.task)
    let who = decider.map { "\($0.agentID) (`\(condition.task)`)" } ?? "`\(condition.task)`"
    let value = condition.negated ? "false" : "true"
    return "## Runs only if\n\n`\(condition.text)` is \(value), as decided by \(who). Otherwise this task is marked skipped without running, and a skipped task satisfies its dependents.\n\n"
  }

  private static func failurePolicy(_ task: ExpandedTask, graph: TaskGraph, plan: WorkflowPlan, lookup: Lookup) -> String {
    var out = "## Failure policy\n\n"
    out += task.retries == 0
      ? "- No retries: a failure is reported to the coordinator at once.\n"
      : "- Retries: the coordinator re-runs this task up to \(task.retries) more time\(task.retries == 1 ? "" : "s") after a failure.\n"
    for fix in (lookup.fixes[task.id] ?? []).map({ graph.tasks[$0] }) {
      if case .fix(let failing, let rounds) = fix.kind, failing == task.id, let planned = plan.task(fix.id) {
        out += "- Fix loop: when this task reports `failed: true`, \(planned.agentID) (`\(fix.id)`, agent `\(fix.agent)`) fixes the cause and this task runs again, at most \(rounds) round\(rounds == 1 ? "" : "s").\n"
      }
    }
    if case .fix(let failing, let rounds) = task.kind {
      out += "- You run only because `\(failing)` failed. Fix the cause; the coordinator then re-runs `\(failing)`. Round limit: \(rounds).\n"
    }
    out += "- Report failure honestly in your result (`Status: failed` and why); never claim success you did not verify.\n\n"
    return out
  }

  /// `scope` is the task's effective write scope (a fixer's is inherited), so the retry line
  /// never says "changes no repository files" of a task that may change some.
  private static func atomicity(_ task: ExpandedTask, scope: [String], lookup: Lookup) -> String {
    let inputsKnown = task.consumes.allSatisfy { lookup.producer[$0.value] != nil }
    let verifiable = !task.success.isEmpty || !task.produces.isEmpty || !task.decides.isEmpty || !defaultCriteria(task).isEmpty
    let retriable = scope.allSatisfy { !$0.hasPrefix("**") }
    func box(_ ok: Bool) -> String { ok ? "[x]" : "[ ]" }
    return """
      ## Atomicity check

      - \(box(true)) Single responsibility: one agent, one description
      - \(box(inputsKnown)) Independently executable: every input is named above with its source
      - \(box(verifiable)) Verifiable output: \(verifiable ? "success criteria, artifacts or decisions are listed" : "only the result file")
      - \(box(retriable)) Safe to retry: \(scope.isEmpty ? "changes no repository files" : "changes stay inside the write scope")


      """
  }

  private static func resultFormat(_ planned: PlannedTask, task: ExpandedTask) -> String {
    // Each artifact gets its own section, named as its consumers look for it.
    let artifacts = task.produces.map { "### \($0.value)\nIts content.\n" }.joined()
    return """
      ## Result format

      End with your result as your final message, in this shape; it is recorded as `\(resultPath(planned))`:

      ```
      # \(planned.agentID) result: \(task.id)
      Status: completed | failed
      ## Summary
      What you did, in a few lines.
      ## Outputs
      \(artifacts)Files changed, with paths and what changed.
      ## Issues
      Anything the coordinator or later tasks must know.
      ```

      """
  }
}
