/// The run-state engine: pure transitions over a `RunState` for one `RunPlan`. `next` starts what
/// may start; `done` records a running task's result and applies retries, conditions and fix
/// loops. An illegal call throws and leaves the state as it was; `RunStore` does the file I/O.
public enum RunEngine {
  /// What `next` tells the driver.
  public enum Next: Sendable, Equatable {
    /// Start these tasks now (they are marked running).
    case start([String])
    /// Tasks are running and none can start: wait for one to finish.
    case wait(running: [String])
    case finished
    case failed(String)
  }

  /// What changed in one transition, for the log (`task-status.md`).
  public struct Event: Sendable, Equatable {
    public var text: String

    public init(text: String) { self.text = text }
  }

  public struct IllegalTransition: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String
  }

  /// Marks as running every task that may start now, in priority order (P0 first, then the
  /// planned start, then Agent-NN), never more than `max_concurrent` at once.
  public static func next(_ state: inout RunState, plan: RunPlan, now: String) -> (Next, [Event]) {
    if state.status == .failed { return (.failed(state.failure ?? "the run failed"), []) }
    if state.status == .completed { return (.finished, []) }
    var events: [Event] = []
    let running = plan.tasks.filter { state.task($0.id).status == .running }.map(\.id)
    let ready = plan.tasks.filter { task in
      state.task(task.id).status == .pending && task.needs.allSatisfy { state.isDone($0) }
    }.sorted { ($0.priority, $0.plannedStart, plan.position(of: $0.id)!) < ($1.priority, $1.plannedStart, plan.position(of: $1.id)!) }
    let slots = max(0, plan.maxConcurrent - running.count)
    let starting = ready.prefix(slots).map(\.id)
    for id in starting {
      state.tasks[id]!.status = .running
      state.tasks[id]!.attempts += 1
      state.tasks[id]!.startedAt = now
      state.tasks[id]!.finishedAt = nil
      let task = plan.task(id)!
      events.append(Event(text: "\(task.agentID) started \(id) (agent \(task.agent), attempt \(state.task(id).attempts))"))
    }
    if !starting.isEmpty {
      touch(&state, plan: plan, now: now, events: events.count)
      return (.start(Array(starting)), events)
    }
    if !running.isEmpty { return (.wait(running: running), []) }
    // Nothing runs and nothing can start: every task is done, or the plan cannot go on.
    if plan.tasks.allSatisfy({ state.isDone($0.id) }) {
      state.status = .completed
      touch(&state, plan: plan, now: now, events: 1)
      return (.finished, [Event(text: "Run completed: \(state.count(.completed)) completed, \(state.count(.skipped)) skipped")])
    }
    let stuck = plan.tasks.first { state.task($0.id).status == .pending }?.id ?? "?"
    fail(&state, "task \(stuck) can never start: a task it needs did not finish", plan: plan, now: now)
    return (.failed(state.failure!), [Event(text: "Run failed: \(state.failure!)")])
  }

  /// Puts the tasks still marked running back to pending: the driver that started them stopped
  /// (a killed runner, a coordinator's ended session), so they run again. Each keeps its attempt.
  public static func reclaim(_ state: inout RunState, plan: RunPlan, now: String) -> [Event] {
    guard state.status == .running else { return [] }
    var events: [Event] = []
    for task in plan.tasks where state.task(task.id).status == .running {
      state.tasks[task.id]!.status = .pending
      events.append(Event(text: "\(task.agentID) \(task.id) was interrupted (its driver stopped); it runs again"))
    }
    if !events.isEmpty { touch(&state, plan: plan, now: now, events: events.count) }
    return events
  }

  /// Records the result of running task `id`: completed or failed, its decisions, then what
  /// follows from them (skips, the fix loop, a retry, or the end of the run).
  public static func done(
    _ state: inout RunState, plan: RunPlan, task id: String, result: RunResult, resultPath: String, now: String
  ) throws(IllegalTransition) -> [Event] {
    guard let task = plan.task(id) else {
      throw IllegalTransition(description: "workflow '\(plan.workflow)' has no task '\(id)'")
    }
    guard state.status == .running else {
      throw IllegalTransition(description: "the run of '\(plan.workflow)' is \(state.status.rawValue); task '\(id)' cannot finish now")
    }
    guard state.task(id).status == .running else {
      throw IllegalTransition(
        description: "task '\(id)' is \(state.task(id).status.rawValue), not running: only a task that `orchgen next` started can be done")
    }
    var updated = state
    var events: [Event] = []
    updated.tasks[id]!.finishedAt = now
    updated.tasks[id]!.result = resultPath
    var problem = result.problem
    let missing = task.decides.filter { result.decisions[$0] == nil }
    if problem == nil, !missing.isEmpty {
      problem = "the result decides no value for " + missing.joined(separator: ", ") + " (a missing decision is not false)"
    }
    if let problem {
      updated.tasks[id]!.failures += 1
      updated.tasks[id]!.error = problem
      if updated.task(id).failures <= task.retries {
        updated.tasks[id]!.status = .pending
        events.append(Event(text: "\(task.agentID) failed \(id): \(problem); retry \(updated.task(id).failures) of \(task.retries)"))
      } else {
        updated.tasks[id]!.status = .failed
        let reason = "task \(id) (\(task.agentID)) failed after \(updated.task(id).attempts) attempt(s): \(problem)"
        events.append(Event(text: "\(task.agentID) failed \(id): \(problem)"))
        fail(&updated, reason, plan: plan, now: now)
        events.append(Event(text: "Run failed: \(reason)"))
      }
      touch(&updated, plan: plan, now: now, events: events.count)
      state = updated
      return events
    }
    updated.tasks[id]!.status = .completed
    updated.tasks[id]!.error = nil
    for (flag, value) in result.decisions where task.decides.contains(flag) { updated.tasks[id]!.decisions[flag] = value }
    events.append(Event(text: "\(task.agentID) completed \(id)" + decisionsText(updated.task(id).decisions)))
    if let (failing, rounds) = task.fixes {
      // A fix round is over: the failing task runs again.
      updated.tasks[id]!.fixRounds += 1
      updated.tasks[failing]!.status = .pending
      events.append(Event(text: "Fix round \(updated.task(id).fixRounds) of \(rounds) done; \(failing) runs again"))
    }
    if let fix = plan.fixTask(of: id), let rounds = fix.fixes?.maxRounds,
      updated.task(fix.id).status == .completed, result.decisions["failed"] == true
    {
      if updated.task(fix.id).fixRounds < rounds {
        updated.tasks[fix.id]!.status = .pending
        events.append(Event(text: "\(id) still reports failed: true; fix round \(updated.task(fix.id).fixRounds + 1) of \(rounds)"))
      } else {
        let reason = "\(id) still reports failed: true after \(rounds) fix round(s) (max_rounds)"
        fail(&updated, reason, plan: plan, now: now)
        events.append(Event(text: "Run failed: \(reason)"))
      }
    }
    // While its fix loop is open (it still reports failed: true), the task's decisions are not
    // final: what they decide waits for the run that ends the loop.
    let loopOpen = plan.fixTask(of: id) != nil && result.decisions["failed"] == true
    if !loopOpen { events += applyConditions(&updated, plan: plan, decidedBy: id, now: now) }
    touch(&updated, plan: plan, now: now, events: events.count)
    state = updated
    return events
  }

  /// Skips every pending task whose condition `decider` decided against it (and, in turn,
  /// tasks whose decider was skipped).
  static func applyConditions(_ state: inout RunState, plan: RunPlan, decidedBy decider: String, now: String) -> [Event] {
    var events: [Event] = []
    var deciders = [decider]
    while let current = deciders.popLast() {
      for task in plan.tasks where task.condition?.task == current && state.task(task.id).status == .pending {
        let condition = task.condition!
        let reason: String
        if state.task(current).status == .skipped {
          reason = "\(current) was skipped, so \(condition.text) was never decided"
        } else if let value = state.task(current).decisions[condition.flag] {
          if value != condition.negated { continue }
          reason = "\(condition.text) is \(value)"
        } else {
          continue
        }
        state.tasks[task.id]!.status = .skipped
        state.tasks[task.id]!.skipReason = reason
        state.tasks[task.id]!.finishedAt = now
        events.append(Event(text: "\(task.agentID) skipped \(task.id): \(reason)"))
        deciders.append(task.id)
      }
    }
    return events
  }

  static func fail(_ state: inout RunState, _ reason: String, plan: RunPlan, now: String) {
    state.status = .failed
    state.failure = reason
    touch(&state, plan: plan, now: now, events: 0)
  }

  /// The fields every transition keeps current: time, active agents, finished batches.
  static func touch(_ state: inout RunState, plan: RunPlan, now: String, events: Int) {
    state.updatedAt = now
    state.events += events
    state.agentsActive = plan.tasks.filter { state.task($0.id).status == .running }.map { "\($0.agentID): \($0.id)" }
    var levels: [Int: Bool] = [:]
    for (index, level) in plan.levels.enumerated() {
      levels[index + 1] = level.allSatisfy { state.isDone($0) }
    }
    state.phasesComplete = Dictionary(uniqueKeysWithValues: levels.map { ("batch-\($0.key)", $0.value) })
  }

  private static func decisionsText(_ decisions: [String: Bool]) -> String {
    decisions.isEmpty ? "" : "; decisions: " + decisions.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
  }
}
