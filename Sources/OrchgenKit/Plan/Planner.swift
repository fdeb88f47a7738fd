/// Plans a workflow: agent numbering, levels, the critical path method, priorities and a
/// simulated run under `max_concurrent`.
///
/// Pure and linear in tasks + edges (the simulation adds a log factor for its heaps); no
/// recursion, so a 100,000-task chain plans like any other graph.
///
/// On a graph the validator rejects, the planner still returns a plan rather than failing:
/// needs naming no task are dropped, and tasks caught in a cycle are placed after everything
/// else in declaration order, ignoring the needs that close the cycle. Both kinds of dropped
/// edge are listed in `WorkflowPlan.ignoredNeeds` (unknown tasks in declaration order, then
/// cycle edges in plan order), and `isComplete` is false.
public enum Planner {
  /// The plan of `graph`. Conditional tasks are planned as if they run, and a fix loop at its
  /// worst case: every round fails again, so a fixer reserves `max_rounds` × (fix + re-check).
  public static func plan(_ graph: TaskGraph) -> WorkflowPlan {
    let tasks = graph.tasks
    let count = tasks.count
    var ignored: [WorkflowPlan.IgnoredNeed] = []
    // Known needs by task index: one lookup per edge; unknown needs are reported, not planned.
    var needs = PlanAdjacency(reservingRows: count, edges: count)
    for task in tasks {
      for need in task.needs {
        if let source = graph.index(of: need.task) {
          needs.append(source)
        } else {
          ignored.append(.init(task: task.id, need: need.task, reason: .unknownTask))
        }
      }
      needs.endRow()
    }
    let dependents = needs.transposed()
    let order = TopologicalOrder(predecessors: needs, successors: dependents, orderKeys: tasks.map(\.order))

    // The DAG the plan honours, in positions: only edges pointing forward in the order.
    var before = PlanAdjacency(reservingRows: count, edges: needs.targets.count)
    for (position, index) in order.sequence.enumerated() {
      for source in needs[index] {
        let sourcePosition = order.position[source]
        if sourcePosition < position {
          before.append(sourcePosition)
        } else {
          ignored.append(.init(task: tasks[index].id, need: tasks[source].id, reason: .cycle))
        }
      }
      before.endRow()
    }
    let after = before.transposed()

    let loops = tasks.map { fixLoop(of: $0, in: graph) }
    let durations = order.sequence.map { index in
      let own = max(tasks[index].estimate, 0)
      guard let loop = loops[index] else { return own }
      return loop.maxRounds * (own + loop.recheckSeconds)
    }
    let orderKeys = order.sequence.map { tasks[$0].order }
    let analysis = CriticalPathAnalysis(
      predecessors: before, successors: after, durations: durations, orderKeys: orderKeys)
    let schedule = ListScheduler(
      predecessors: before, successors: after, durations: durations, tails: analysis.tail, orderKeys: orderKeys,
      capacity: graph.maxConcurrent)

    let width = max(2, String(count).count)
    let onPath = Set(analysis.path)
    var planned: [PlannedTask] = []
    planned.reserveCapacity(count)
    for (position, index) in order.sequence.enumerated() {
      let task = tasks[index]
      let number = String(position + 1)
      let padded = String(repeating: "0", count: max(width - number.count, 0)) + number
      let slack = analysis.latestStart[position] - analysis.earliestStart[position]
      let override = task.priority.flatMap { PlanPriority(rawValue: $0) }
      let computed: PlanPriority = slack == 0 ? .p0 : (after.degree(position) == 0 ? .p2 : .p1)
      planned.append(
        PlannedTask(
          id: task.id, order: task.order, agentNumber: position + 1, agentID: "Agent-\(padded)",
          taskFile: "agent-\(padded).md", agent: task.agent, description: task.description,
          needs: task.needs.map(\.task), dependents: dependents[index].map { tasks[$0].id },
          level: analysis.level[position], estimateSeconds: max(task.estimate, 0), plannedSeconds: durations[position],
          fixLoop: loops[index],
          earliestStartSeconds: analysis.earliestStart[position], earliestFinishSeconds: analysis.earliestFinish[position],
          latestStartSeconds: analysis.latestStart[position], latestFinishSeconds: analysis.latestFinish[position],
          slackSeconds: slack, tailSeconds: analysis.tail[position], priority: override ?? computed,
          priorityOverridden: override != nil, startSeconds: schedule.start[position],
          finishSeconds: schedule.start[position] + durations[position], slot: schedule.slot[position],
          onCriticalPath: onPath.contains(position), condition: task.condition.map(conditionText)))
    }

    var levels: [[String]] = []
    for task in planned {
      while levels.count < task.level { levels.append([]) }
      levels[task.level - 1].append(task.id)
    }
    let sequential = durations.reduce(0, +)
    let slots = max(graph.maxConcurrent, 1)
    let workBound = (sequential + slots - 1) / slots
    return WorkflowPlan(
      workflow: graph.name, maxConcurrent: graph.maxConcurrent, tasks: planned, levels: levels,
      criticalPath: analysis.path.map { planned[$0].id }, criticalPathSeconds: analysis.length,
      sequentialSeconds: sequential, lowerBoundSeconds: max(analysis.length, workBound),
      makespanSeconds: schedule.makespan,
      limitedBy: analysis.length >= workBound ? .criticalPath : .concurrency, ignoredNeeds: ignored)
  }

  /// A fixer's loop: the check it hands back to and its round limit; the worst case, every
  /// round failing again, is what the plan reserves.
  private static func fixLoop(of task: ExpandedTask, in graph: TaskGraph) -> PlannedTask.FixLoop? {
    guard case .fix(let failing, let rounds) = task.kind else { return nil }
    let recheck = graph.index(of: failing).map { max(graph.tasks[$0].estimate, 0) } ?? 0
    return PlannedTask.FixLoop(rechecks: failing, maxRounds: max(rounds, 1), recheckSeconds: recheck)
  }

  private static func conditionText(_ condition: Condition) -> String {
    "\(condition.negated ? "unless" : "when") \(condition.text)"
  }
}
