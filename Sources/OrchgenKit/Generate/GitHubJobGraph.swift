/// The jobs of a workflow's GitHub Actions file: one per task, a fix loop unrolled to
/// `max_rounds` (check → fix → check again …), each with the `needs:` and `if:` that make the
/// jobs Actions runs the tasks the run-state engine (`RunEngine`) would run.
///
/// - A job's `needs:` are the jobs of its task's dependencies (every job of a fix loop stands for
///   the loop), plus the deciding task's jobs when a condition is decided by an indirect
///   ancestor: `needs.<job>.outputs` reads only direct needs. That adds no order the plan lacks.
/// - `if:` starts with `!cancelled() && !failure()`: a skipped dependency counts as done, a
///   failed one stops every job downstream of it (Actions' default `success()` would also stop
///   the dependents of a skipped job).
/// - A condition holds when a job of the deciding task published the flag with the wanted
///   value; a skipped decider publishes nothing, so its conditional dependents are skipped too,
///   as the engine skips them.
/// - A fix loop's check publishes its decisions only when the loop ends there (it does not
///   report `failed: true`); otherwise it publishes `_fix: true` and the next fix round runs.
///   The last check still reporting `failed: true` fails, which fails the run.
public struct GitHubJobGraph: Sendable {
  /// What a job does for its task.
  public enum Role: Sendable, Equatable {
    /// The task's only run.
    case task
    /// Run `round` of a task a fix loop checks; `last` when no fix round follows.
    case check(round: Int, last: Bool)
    /// Fix round `round`.
    case fix(round: Int)
  }

  public struct Job: Sendable {
    public var id: String
    public var task: RunPlan.Task
    public var role: Role
    /// Job ids, in job order.
    public var needs: [String]
    /// The expression of `if:` (without `${{ }}`), nil when the job has no needs.
    public var condition: String?
    /// The job outputs: the task's decision flags, and `_fix`/`_failures` for a checked task
    /// (flags start with a letter, so these never collide with one).
    public var outputs: [String]
    /// The job whose `_failures` output is the task's retries already used (a re-check).
    public var usedFrom: String?
    /// Every job upstream of this one, in job order: the changes it applies.
    public var upstream: [String]
  }

  /// The id of the job that collects the results and the changes.
  public static let finalJob = "orchgen_final"
  /// GitHub's limit: a job id must be shorter than 100 characters.
  public static let maxJobID = 99

  public var jobs: [Job]
  /// Job ids per task id, in run order.
  public var jobsOf: [String: [String]]

  /// The job id of run `round` (1-based) of task `id`: the id itself, then `<id>-<round>`.
  public static func jobID(_ id: String, round: Int) -> String {
    round == 1 ? id : "\(id)-\(round)"
  }

  public init(plan: RunPlan) {
    var jobsOf: [String: [String]] = [:]
    var loopOf: [String: [String]] = [:]
    for task in plan.tasks {
      guard let (checked, rounds) = task.fixes else { continue }
      jobsOf[checked] = (1...rounds + 1).map { Self.jobID(checked, round: $0) }
      jobsOf[task.id] = (1...rounds).map { Self.jobID(task.id, round: $0) }
      var loop: [String] = []
      for round in 1...rounds + 1 {
        loop.append(Self.jobID(checked, round: round))
        if round <= rounds { loop.append(Self.jobID(task.id, round: round)) }
      }
      loopOf[checked] = loop
      loopOf[task.id] = loop
    }
    for task in plan.tasks where jobsOf[task.id] == nil { jobsOf[task.id] = [task.id] }
    self.jobsOf = jobsOf

    func jobsNeeded(by task: RunPlan.Task, except loop: [String] = []) -> [String] {
      var needs: [String] = []
      for need in task.needs {
        for job in loopOf[need] ?? jobsOf[need] ?? [] where !loop.contains(job) && !needs.contains(job) { needs.append(job) }
      }
      if let decider = task.condition?.task {
        for job in jobsOf[decider] ?? [] where !loop.contains(job) && !needs.contains(job) { needs.append(job) }
      }
      return needs
    }
    func conditionText(_ task: RunPlan.Task) -> String? {
      guard let condition = task.condition, let deciders = jobsOf[condition.task] else { return nil }
      let value = condition.negated ? "false" : "true"
      let terms = deciders.map { "needs.\($0).outputs.\(condition.flag) == '\(value)'" }
      return terms.count == 1 ? terms[0] : "(" + terms.joined(separator: " || ") + ")"
    }

    var jobs: [Job] = []
    var emitted = Set<String>()
    for task in plan.tasks where !emitted.contains(task.id) {
      let fixTask = plan.fixTask(of: task.id)
      guard let fix = fixTask, let rounds = fix.fixes?.maxRounds else {
        emitted.insert(task.id)
        jobs.append(
          Job(id: task.id, task: task, role: .task, needs: jobsNeeded(by: task), condition: conditionText(task),
            outputs: task.decides, usedFrom: nil, upstream: []))
        continue
      }
      emitted.formUnion([task.id, fix.id])
      let loop = loopOf[task.id] ?? []
      let checkNeeds = jobsNeeded(by: task, except: loop)
      let fixNeeds = jobsNeeded(by: fix, except: loop).filter { !checkNeeds.contains($0) }
      for round in 1...rounds + 1 {
        let check = Self.jobID(task.id, round: round)
        var needs = checkNeeds
        var condition = conditionText(task)
        var usedFrom: String?
        if round > 1 {
          let previousFix = Self.jobID(fix.id, round: round - 1)
          usedFrom = Self.jobID(task.id, round: round - 1)
          // The earlier rounds already waited for the task's dependencies.
          needs = [previousFix, usedFrom!]
          condition = "needs.\(previousFix).result == 'success'"
        }
        jobs.append(
          Job(id: check, task: task, role: .check(round: round, last: round == rounds + 1), needs: needs,
            condition: condition, outputs: task.decides + ["_fix", "_failures"], usedFrom: usedFrom, upstream: []))
        guard round <= rounds else { break }
        jobs.append(
          Job(id: Self.jobID(fix.id, round: round), task: fix, role: .fix(round: round), needs: [check] + fixNeeds,
            condition: "needs.\(check).outputs._fix == 'true'", outputs: fix.decides, usedFrom: nil, upstream: []))
      }
    }
    // Every job's upstream (its needs, transitively), in job order; the jobs are already in an
    // order where needs come first, since the plan's order is topological.
    var upstreamOf: [String: Set<String>] = [:]
    for index in jobs.indices {
      var upstream = Set<String>()
      for need in jobs[index].needs {
        upstream.insert(need)
        upstream.formUnion(upstreamOf[need] ?? [])
      }
      upstreamOf[jobs[index].id] = upstream
      jobs[index].upstream = jobs[..<index].map(\.id).filter { upstream.contains($0) }
      if !jobs[index].needs.isEmpty {
        jobs[index].condition = "!cancelled() && !failure()" + (jobs[index].condition.map { " && " + $0 } ?? "")
      }
    }
    self.jobs = jobs
  }
}
