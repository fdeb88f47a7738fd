import Testing

@testable import OrchgenKit

/// Checks a plan of an acyclic graph against definitions computed the slow, obvious way.
///
/// Problems are collected as text and expected empty once, so that a broken property reports
/// every offending task without thousands of `#expect` calls slowing the happy path.
enum PlanInvariants {
  static func check(_ plan: WorkflowPlan, _ graph: TaskGraph, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
    var problems: [String] = []
    func require(_ condition: Bool, _ message: @autoclosure () -> String) {
      if !condition { problems.append(message()) }
    }
    let count = graph.tasks.count
    try #require(plan.tasks.count == count, sourceLocation: sourceLocation)
    require(plan.isComplete, "plan of an acyclic graph is incomplete")
    let byID = Dictionary(uniqueKeysWithValues: plan.tasks.map { ($0.id, $0) })
    let needs = graph.tasks.map { $0.needs.map { graph.index(of: $0.task)! } }
    // A fixer is planned at its loop's worst case: every round, the fix and then the re-check.
    let duration = graph.tasks.map { task -> Int in
      guard case .fix(let failing, let rounds) = task.kind else { return task.estimate }
      return rounds * (task.estimate + (graph.task(failing)?.estimate ?? 0))
    }

    // Agent numbering: Kahn's algorithm taking the smallest declaration order, done naively.
    var placed = Set<String>()
    for position in 0..<count {
      let next = graph.tasks.filter { !placed.contains($0.id) && $0.needs.allSatisfy { placed.contains($0.task) } }
        .min { $0.order < $1.order }
      require(plan.tasks[position].id == next?.id, "Agent-\(position + 1) is \(plan.tasks[position].id), not \(next?.id ?? "-")")
      require(plan.tasks[position].agentNumber == position + 1, "agent number of \(plan.tasks[position].id)")
      if let next { placed.insert(next.id) }
    }

    // Longest path ending before each task (head) and from its start to the end (tail), and the
    // level, by relaxing every edge until nothing changes.
    var head = [Int](repeating: 0, count: count)
    var tail = duration
    var level = [Int](repeating: 1, count: count)
    var changed = true
    while changed {
      changed = false
      for task in 0..<count {
        for source in needs[task] {
          if head[source] + duration[source] > head[task] { head[task] = head[source] + duration[source]; changed = true }
          if duration[source] + tail[task] > tail[source] { tail[source] = duration[source] + tail[task]; changed = true }
          if level[source] + 1 > level[task] { level[task] = level[source] + 1; changed = true }
        }
      }
    }
    let longest = (0..<count).map { head[$0] + duration[$0] }.max() ?? 0
    require(plan.criticalPathSeconds == longest, "critical path \(plan.criticalPathSeconds), longest path \(longest)")
    require(plan.sequentialSeconds == duration.reduce(0, +), "sequential")

    for (index, original) in graph.tasks.enumerated() {
      let task = try #require(byID[original.id], sourceLocation: sourceLocation)
      let id = task.id
      require(task.level == level[index], "level of \(id): \(task.level), expected \(level[index])")
      require(task.earliestStartSeconds == head[index], "ES of \(id)")
      require(task.earliestFinishSeconds == head[index] + duration[index], "EF of \(id)")
      require(task.tailSeconds == tail[index], "tail of \(id)")
      require(task.latestFinishSeconds - task.latestStartSeconds == duration[index], "LF − LS of \(id)")
      require(task.slackSeconds >= 0, "negative slack of \(id)")
      // Zero slack exactly on the tasks of some longest path.
      require(task.slackSeconds == longest - head[index] - tail[index], "slack of \(id)")
      let hasDependents = needs.contains { $0.contains(index) }
      let computed: PlanPriority = task.slackSeconds == 0 ? .p0 : (hasDependents ? .p1 : .p2)
      let expected = original.priority.flatMap(PlanPriority.init(rawValue:)) ?? computed
      require(task.priority == expected, "priority of \(id): \(task.priority), expected \(expected)")
      for source in needs[index] {
        require(byID[graph.tasks[source].id]!.agentNumber < task.agentNumber, "numbering puts \(id) before a need")
      }
    }

    // The reported critical path: a chain of needs, zero slack throughout, as long as the longest.
    let path = plan.criticalPath.compactMap { byID[$0] }
    require(path.count == plan.criticalPath.count, "critical path names unknown tasks")
    if count > 0 {
      require(path.first?.needs.isEmpty == true, "critical path does not start at a root")
      require(path.allSatisfy { $0.slackSeconds == 0 && $0.onCriticalPath }, "critical path task with slack")
      require(path.map(\.plannedSeconds).reduce(0, +) == longest, "critical path length")
      for (before, after) in zip(path, path.dropFirst()) {
        require(after.needs.contains(before.id), "critical path \(before.id) → \(after.id) is no need")
      }
      require(plan.tasks.filter(\.onCriticalPath).count == path.count, "onCriticalPath flags")
    }

    checkSchedule(plan, slots: max(graph.maxConcurrent, 1), longest: longest, require)
    #expect(problems.isEmpty, "\(problems.prefix(20).joined(separator: "\n"))", sourceLocation: sourceLocation)
  }

  private static func checkSchedule(
    _ plan: WorkflowPlan, slots: Int, longest: Int, _ require: (Bool, @autoclosure () -> String) -> Void
  ) {
    let tasks = plan.tasks
    let byID = Dictionary(uniqueKeysWithValues: tasks.map { ($0.id, $0) })
    let ready = tasks.map { task in task.needs.map { byID[$0]!.finishSeconds }.max() ?? 0 }
    let makespan = tasks.map(\.finishSeconds).max() ?? 0
    require(plan.makespanSeconds == makespan, "makespan")
    require(plan.lowerBoundSeconds == max(longest, (plan.sequentialSeconds + slots - 1) / slots), "lower bound")
    require(makespan >= plan.lowerBoundSeconds, "makespan below the lower bound")
    // Graham: makespan ≤ W/m + CP·(1 − 1/m), multiplied through by m.
    require(makespan * slots <= plan.sequentialSeconds + longest * (slots - 1), "makespan above Graham's bound")

    func running(at time: Int) -> Int { tasks.reduce(0) { $0 + ($1.startSeconds <= time && time < $1.finishSeconds ? 1 : 0) } }
    let finishes = Set(tasks.map(\.finishSeconds)).sorted()
    for (position, task) in tasks.enumerated() {
      let id = task.id
      require(task.finishSeconds == task.startSeconds + task.plannedSeconds, "finish of \(id)")
      require(task.startSeconds >= ready[position], "\(id) starts before its needs finish")
      require((1...slots).contains(task.slot), "slot \(task.slot) of \(id)")
      require(running(at: task.startSeconds) <= slots, "more than \(slots) running at \(task.startSeconds)")
      // No slot idles while the task waits: at every event while it is ready, all slots are busy.
      let waits = [ready[position]] + finishes.filter { $0 > ready[position] && $0 < task.startSeconds }
      for moment in waits where moment < task.startSeconds {
        require(running(at: moment) == slots, "\(id) waits at \(moment) with a free slot")
      }
      for (other, rival) in tasks.enumerated() {
        // Ready strictly before this task started but started later: it must rank lower.
        if ready[other] < task.startSeconds && rival.startSeconds > task.startSeconds {
          let ahead = task.tailSeconds != rival.tailSeconds ? task.tailSeconds > rival.tailSeconds : task.order < rival.order
          require(ahead, "\(rival.id) should have started before \(id)")
        }
        if rival.slot == task.slot && other != position && rival.plannedSeconds > 0 && task.plannedSeconds > 0 {
          require(rival.finishSeconds <= task.startSeconds || task.finishSeconds <= rival.startSeconds, "\(id) and \(rival.id) share a slot")
        }
      }
    }
  }
}
