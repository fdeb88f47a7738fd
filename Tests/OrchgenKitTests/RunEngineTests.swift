import Foundation
import Testing

@testable import OrchgenKit

/// The run-state engine against its rules: every transition of `RunEngine.next` and
/// `RunEngine.done` is checked by `RunChecker` against an independent model of what it must do
/// (starts, retries, skips, fix loops, the end of the run), on the repository's workflows with
/// scripted results, on random workflows with random results, and on hand-written cases.
@Suite struct RunEngineTests {
  // MARK: - The repository's own workflows

  static let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  static let repository = Compiler.check(root: repositoryRoot)
  static var repositoryWorkflows: [String] { repository.graphs.map(\.name) }

  static func repositoryPlan(_ name: String) throws -> RunPlan {
    let graph = try #require(repository.graph(named: name))
    return RunPlan(graph: graph, plan: Planner.plan(graph))
  }

  @Test func repositoryHasWorkflowsToRun() {
    #expect(Self.repository.diagnostics.filter { $0.severity == .error }.isEmpty)
    #expect(Self.repositoryWorkflows.count >= 10)
  }

  /// Every task completes and decides every flag false: `when:` tasks and every fix task are
  /// skipped, the rest complete, and the run completes.
  @Test(arguments: repositoryWorkflows)
  func repositoryWorkflowAllFalse(_ name: String) throws {
    let plan = try Self.repositoryPlan(name)
    var checker = RunChecker(plan: plan, label: "\(name), all false")
    checker.drive { _, _, _ in false }
    checker.expectClean()
    #expect(checker.state.status == .completed)
    let expected = Self.expectedStatuses(plan) { _, _ in false }
    for task in plan.tasks {
      #expect(checker.state.task(task.id).status == expected[task.id], "\(name): \(task.id)")
      #expect(checker.state.task(task.id).fixRounds == 0)
      #expect(checker.state.task(task.id).attempts == (expected[task.id] == .completed ? 1 : 0))
    }
  }

  /// Every flag true, except that `failed` is true only on a task's first run: each fix loop
  /// runs exactly one round and then passes, and the run completes.
  @Test(arguments: repositoryWorkflows)
  func repositoryWorkflowAllTrueFixedOnce(_ name: String) throws {
    let plan = try Self.repositoryPlan(name)
    var checker = RunChecker(plan: plan, label: "\(name), all true, fixed once")
    checker.drive { _, flag, attempt in flag == "failed" ? attempt == 1 : true }
    checker.expectClean()
    #expect(checker.state.status == .completed)
    let expected = Self.expectedStatuses(plan) { _, _ in true }
    for task in plan.tasks {
      #expect(checker.state.task(task.id).status == expected[task.id], "\(name): \(task.id)")
      if task.fixes != nil { #expect(checker.state.task(task.id).fixRounds == 1, "\(name): \(task.id)") }
      if let fixed = task.fixes?.task { #expect(checker.state.task(fixed).attempts == 2, "\(name): \(fixed)") }
    }
  }

  /// Every flag true on every run: a workflow with a fix loop fails once the loop has used
  /// `max_rounds`; one without completes with only its `unless:` tasks skipped.
  @Test(arguments: repositoryWorkflows)
  func repositoryWorkflowAllTrue(_ name: String) throws {
    let plan = try Self.repositoryPlan(name)
    var checker = RunChecker(plan: plan, label: "\(name), all true")
    checker.drive { _, _, _ in true }
    checker.expectClean()
    let loops = plan.tasks.filter { $0.fixes != nil }
    if loops.isEmpty {
      #expect(checker.state.status == .completed)
      let expected = Self.expectedStatuses(plan) { _, _ in true }
      for task in plan.tasks { #expect(checker.state.task(task.id).status == expected[task.id], "\(name): \(task.id)") }
    } else {
      #expect(checker.state.status == .failed)
      #expect(checker.state.failure?.contains("max_rounds") == true, "\(checker.state.failure ?? "nil")")
      #expect(loops.contains { checker.state.task($0.id).fixRounds == $0.fixes!.maxRounds })
    }
  }

  /// Random results on the repository's workflows (they have fan-out, stages, reviewers,
  /// validators and fix loops that the random workflows lack).
  @Test func repositoryWorkflowsRandomResults() throws {
    var totals = RunTotals()
    for (index, name) in Self.repositoryWorkflows.enumerated() {
      let plan = try Self.repositoryPlan(name)
      for run in 0..<40 {
        let seed = UInt64(index * 1000 + run)
        RunChecker.randomRun(plan: plan, seed: seed, label: "\(name) seed \(seed)", totals: &totals)
      }
    }
    #expect(totals.completed > 0 && totals.failed > 0)
  }

  /// Final statuses when every decision is constant per flag (`value(task, flag)`): a task is
  /// skipped when its decider was skipped or decided against it.
  static func expectedStatuses(_ plan: RunPlan, value: (String, String) -> Bool) -> [String: RunState.TaskStatus] {
    var statuses: [String: RunState.TaskStatus] = [:]
    for task in plan.tasks {  // plan order is topological, and a decider is an ancestor
      var status = RunState.TaskStatus.completed
      if let condition = task.condition {
        if statuses[condition.task] == .skipped || value(condition.task, condition.flag) == condition.negated {
          status = .skipped
        }
      }
      statuses[task.id] = status
    }
    return statuses
  }

  // MARK: - Random workflows

  static let randomWorkflowCount = 600
  static let runsPerWorkflow = 4
  /// `ORCHGEN_RUN_SEED=<n> swift test --filter RunEngineTests` tries other workflows; a failure
  /// names the workflow's seed and the run's seed.
  static let baseSeed = ProcessInfo.processInfo.environment["ORCHGEN_RUN_SEED"].flatMap { UInt64($0) } ?? 0x5EED_0000

  @Test func randomWorkflowsHoldTheRules() {
    var totals = RunTotals()
    var compiled = 0
    for index in 0..<Self.randomWorkflowCount {
      let seed = Self.baseSeed &+ UInt64(index)
      let (maxConcurrent, specs) = RandomWorkflows.make(seed: seed)
      let yaml = RandomWorkflows.yaml(maxConcurrent: maxConcurrent, tasks: specs)
      let plan: RunPlan
      switch RandomWorkflows.plan(workflow: yaml) {
      case .success(let compiledPlan): plan = compiledPlan
      case .failure(let failure):
        Issue.record("workflow seed \(seed) does not compile:\n\(failure)\n\(yaml)")
        continue
      }
      compiled += 1
      #expect(plan.maxConcurrent == maxConcurrent)
      #expect(plan.tasks.count == specs.count + specs.filter { $0.fixRounds != nil }.count)
      for run in 0..<Self.runsPerWorkflow {
        let runSeed = seed &* 31 &+ UInt64(run)
        let ok = RunChecker.randomRun(plan: plan, seed: runSeed, label: "workflow seed \(seed), run seed \(runSeed)", totals: &totals)
        if !ok {
          Issue.record(Comment(rawValue: "the workflow of seed \(seed):\n\(yaml)"))
          return
        }
      }
    }
    // The generator must reach every rule: both ends, retries, skips and fix rounds.
    #expect(compiled == Self.randomWorkflowCount)
    #expect(totals.completed > 100 && totals.failed > 100)
    #expect(totals.retries > 100 && totals.skips > 100 && totals.fixRounds > 100)
    #expect(totals.maxRoundsFailures > 10 && totals.missingDecisions > 50 && totals.illegalCalls > 100)
    print(
      "RunEngineTests: \(compiled) random workflows, \(totals.runs) runs, \(totals.steps) steps "
        + "(\(totals.completed) completed, \(totals.failed) failed, \(totals.retries) retries, \(totals.skips) skips, "
        + "\(totals.fixRounds) fix rounds, \(totals.maxRoundsFailures) max_rounds failures, "
        + "\(totals.illegalCalls) illegal calls)")
  }

  // MARK: - Illegal calls

  static let illegalYAML = """
    description: Illegal calls
    max_concurrent: 1
    tasks:
      first:
        agent: worker
        decides: [go]
      second:
        agent: worker
        needs: [first]
      third:
        agent: worker
        needs: [second]
        when: first.go

    """

  @Test func illegalCallsChangeNothing() throws {
    let plan = try RandomWorkflows.plan(workflow: Self.illegalYAML).get()
    var checker = RunChecker(plan: plan, label: "illegal calls")
    let completed = "Status: completed\n\n## Decisions\n- go: false\n"

    // Before anything started: every task pending, unknown ids.
    checker.illegalDone("first", text: completed)
    checker.illegalDone("second", text: completed)
    checker.illegalDone("nope", text: completed)
    checker.illegalDone("", text: completed)
    #expect(checker.next() == .start(["first"]))
    // `second` is pending and `first` running.
    checker.illegalDone("second", text: completed)
    checker.illegalDone("first-fix", text: completed)
    checker.done("first", text: completed)
    #expect(checker.state.task("third").status == .skipped)
    // `first` is completed now, `third` skipped.
    checker.illegalDone("first", text: completed)
    checker.illegalDone("third", text: completed)
    #expect(checker.next() == .start(["second"]))
    // The run fails: `second` has no retries.
    checker.done("second", text: "Status: failed\n")
    #expect(checker.state.status == .failed)
    for id in ["first", "second", "third", "unknown"] { checker.illegalDone(id, text: completed) }
    let failed = checker.state
    if case .failed(let reason) = checker.next() { #expect(reason == failed.failure) } else { Issue.record("next after failure") }
    #expect(checker.state == failed)
    checker.expectClean()
  }

  @Test func doneAfterTheRunFailedChangesNothingEvenForARunningTask() throws {
    let yaml = """
      description: Two at once
      max_concurrent: 2
      tasks:
        left:
          agent: worker
        right:
          agent: worker

      """
    let plan = try RandomWorkflows.plan(workflow: yaml).get()
    var checker = RunChecker(plan: plan, label: "two at once")
    #expect(checker.next() == .start(["left", "right"]))
    checker.done("left", text: "no status at all")
    #expect(checker.state.status == .failed)
    #expect(checker.state.failure?.contains("left") == true)
    #expect(checker.state.task("right").status == .running)
    checker.illegalDone("right", text: "Status: completed\n")
    checker.illegalDone("left", text: "Status: completed\n")
    checker.expectClean()
  }

  // MARK: - Specific cases

  @Test func falseConditionSkipsTheTaskAndItsConditionedDependents() throws {
    let yaml = """
      description: Conditions
      max_concurrent: 4
      tasks:
        discover:
          agent: worker
          decides: [schema_needed]
        schema:
          agent: worker
          needs: [discover]
          when: discover.schema_needed
          decides: [types_needed]
        types:
          agent: worker
          needs: [schema]
          when: schema.types_needed
        docs:
          agent: worker
          needs: [types]
          unless: schema.types_needed
        plain:
          agent: worker
          needs: [schema]
        other-way:
          agent: worker
          needs: [discover]
          unless: discover.schema_needed

      """
    let plan = try RandomWorkflows.plan(workflow: yaml).get()
    var checker = RunChecker(plan: plan, label: "conditions")
    #expect(checker.next() == .start(["discover"]))
    checker.done("discover", text: "Status: completed\n\n## Decisions\n- schema_needed: false\n")
    #expect(checker.state.task("schema").status == .skipped)
    #expect(checker.state.task("schema").skipReason == "discover.schema_needed is false")
    #expect(checker.state.task("types").status == .skipped)
    #expect(checker.state.task("types").skipReason == "schema was skipped, so schema.types_needed was never decided")
    #expect(checker.state.task("docs").status == .skipped)
    #expect(checker.state.task("plain").status == .pending)
    #expect(checker.state.task("other-way").status == .pending)
    // What needs a skipped task without a condition on it runs.
    #expect(Set(try #require(checker.next().started)) == ["plain", "other-way"])
    checker.done("plain", text: "Status: completed\n")
    checker.done("other-way", text: "Status: completed\n")
    #expect(checker.next() == .finished)
    #expect(checker.state.status == .completed)
    checker.expectClean()
  }

  @Test func missingDecisionIsRetriedThenFailsTheRun() throws {
    let yaml = """
      description: Missing decision
      tasks:
        discover:
          agent: worker
          decides: [schema_needed, types_needed]
          retries: 1
        schema:
          agent: worker
          needs: [discover]
          when: discover.schema_needed

      """
    let plan = try RandomWorkflows.plan(workflow: yaml).get()
    var checker = RunChecker(plan: plan, label: "missing decision")
    #expect(checker.next() == .start(["discover"]))
    // One of two decisions: a missing decision is not false.
    checker.done("discover", text: "Status: completed\n\n## Decisions\n- schema_needed: false\n")
    #expect(checker.state.status == .running)
    #expect(checker.state.task("discover").status == .pending)
    #expect(checker.state.task("discover").failures == 1)
    #expect(checker.state.task("discover").decisions.isEmpty)
    #expect(checker.state.task("discover").error?.contains("types_needed") == true)
    #expect(checker.state.task("schema").status == .pending)
    #expect(checker.next() == .start(["discover"]))
    #expect(checker.state.task("discover").attempts == 2)
    // A decision outside `## Decisions` does not count either.
    checker.done("discover", text: "Status: completed\nschema_needed: true\ntypes_needed: true\n")
    #expect(checker.state.status == .failed)
    #expect(checker.state.task("discover").status == .failed)
    #expect(checker.state.task("discover").failures == 2)
    #expect(checker.state.failure?.contains("discover") == true)
    #expect(checker.state.failure?.contains("missing decision is not false") == true)
    #expect(checker.state.task("schema").status == .pending)
    #expect(checker.state.task("schema").attempts == 0)
    #expect(checker.next() == .failed(checker.state.failure ?? ""))
    checker.expectClean()
  }

  static let fixLoopYAML = """
    description: Fix loop
    max_concurrent: 3
    tasks:
      build:
        agent: worker
      tests:
        agent: worker
        needs: [build]
        fix: { agent: fixer, max_rounds: 2 }
      ship:
        agent: worker
        needs: [tests]

    """

  @Test func fixLoopExpandsAsSpecified() throws {
    let plan = try RandomWorkflows.plan(workflow: Self.fixLoopYAML).get()
    let fix = try #require(plan.task("tests-fix"))
    #expect(plan.fixTask(of: "tests")?.id == "tests-fix")
    #expect(fix.fixes?.task == "tests" && fix.fixes?.maxRounds == 2)
    #expect(fix.condition?.text == "tests.failed" && fix.condition?.negated == false)
    #expect(fix.needs == ["tests"])
    #expect(Set(try #require(plan.task("ship")).needs) == ["tests", "tests-fix"])
    #expect(plan.task("tests")?.decides == ["failed"])
  }

  @Test func fixLoopExhaustingMaxRoundsFailsTheRun() throws {
    let plan = try RandomWorkflows.plan(workflow: Self.fixLoopYAML).get()
    var checker = RunChecker(plan: plan, label: "fix loop exhausted")
    let failing = "Status: completed\n\n## Decisions\n- failed: true\n"
    #expect(checker.next() == .start(["build"]))
    checker.done("build", text: "Status: completed\n")
    for round in 1...2 {
      #expect(checker.next() == .start(["tests"]))
      checker.done("tests", text: failing)
      #expect(checker.state.status == .running)
      #expect(checker.state.task("tests-fix").status == .pending)
      #expect(checker.next() == .start(["tests-fix"]))
      checker.done("tests-fix", text: "Status: completed\n")
      #expect(checker.state.task("tests-fix").fixRounds == round)
      #expect(checker.state.task("tests").status == .pending)
      #expect(checker.state.task("ship").status == .pending)
    }
    #expect(checker.next() == .start(["tests"]))
    checker.done("tests", text: failing)
    #expect(checker.state.status == .failed)
    let reason = try #require(checker.state.failure)
    #expect(reason.contains("max_rounds") && reason.contains("tests"), "\(reason)")
    #expect(checker.state.task("tests-fix").fixRounds == 2)
    #expect(checker.state.task("tests").attempts == 3)
    #expect(checker.state.task("ship").attempts == 0)
    #expect(checker.next() == .failed(reason))
    checker.illegalDone("tests-fix", text: "Status: completed\n")
    checker.expectClean()
  }

  @Test func fixLoopPassingOnTheSecondRound() throws {
    let plan = try RandomWorkflows.plan(workflow: Self.fixLoopYAML).get()
    var checker = RunChecker(plan: plan, label: "fix loop passes")
    #expect(checker.next() == .start(["build"]))
    checker.done("build", text: "Status: completed\n")
    for _ in 1...2 {
      #expect(checker.next() == .start(["tests"]))
      checker.done("tests", text: "Status: completed\n\n## Decisions\n- failed: true\n")
      #expect(checker.next() == .start(["tests-fix"]))
      checker.done("tests-fix", text: "Status: completed\n")
    }
    #expect(checker.next() == .start(["tests"]))
    checker.done("tests", text: "**Status:** completed\n\n## Decisions\n- `failed`: **false**\n")
    #expect(checker.state.task("tests-fix").status == .completed)
    #expect(checker.state.task("tests-fix").fixRounds == 2)
    #expect(checker.next() == .start(["ship"]))
    checker.done("ship", text: "Status: completed\n")
    #expect(checker.next() == .finished)
    #expect(checker.state.status == .completed)
    #expect(checker.state.task("tests").attempts == 3)
    #expect(checker.state.task("tests").failures == 0)
    checker.expectClean()
  }

  @Test func fixLoopPassingFirstTimeSkipsTheFixer() throws {
    let plan = try RandomWorkflows.plan(workflow: Self.fixLoopYAML).get()
    var checker = RunChecker(plan: plan, label: "no fix needed")
    checker.drive { _, _, _ in false }
    #expect(checker.state.status == .completed)
    #expect(checker.state.task("tests-fix").status == .skipped)
    #expect(checker.state.task("tests-fix").skipReason == "tests.failed is false")
    #expect(checker.state.task("ship").status == .completed)
    checker.expectClean()
  }

  /// A task whose result says `failed: true` gets a fix round and runs again; its later
  /// result replaces the first. A task conditioned on the first (superseded) result must not be
  /// skipped on it: here `deploy` (`unless: check.failed`) is skipped by the failing first run
  /// and stays skipped although `check` passes after the fix, so the run "completes" without
  /// ever deploying.
  @Test func conditionOnAFixLoopTaskFollowsItsFinalResult() throws {
    let yaml = """
      description: Deploy once the check passes
      tasks:
        check:
          agent: worker
          decides: [failed, risky]
          fix: { agent: fixer, max_rounds: 2 }
        deploy:
          agent: worker
          needs: [check]
          unless: check.failed
        announce:
          agent: worker
          needs: [check]
          when: check.risky

      """
    let plan = try RandomWorkflows.plan(workflow: yaml).get()
    var checker = RunChecker(plan: plan, label: "superseded decision")
    #expect(checker.next() == .start(["check"]))
    checker.done("check", text: "Status: completed\n\n## Decisions\n- failed: true\n- risky: false\n")
    #expect(checker.next() == .start(["check-fix"]))
    checker.done("check-fix", text: "Status: completed\n")
    #expect(checker.next() == .start(["check"]))
    checker.done("check", text: "Status: completed\n\n## Decisions\n- failed: false\n- risky: true\n")
    while checker.state.status == .running, let started = checker.next().started {
      for id in started { checker.done(id, text: "Status: completed\n") }
    }
    #expect(checker.state.status == .completed)
    #expect(
      checker.state.task("deploy").status == .completed,
      "deploy: \(checker.state.task("deploy").status), \(checker.state.task("deploy").skipReason ?? "")")
    #expect(
      checker.state.task("announce").status == .completed,
      "announce: \(checker.state.task("announce").status), \(checker.state.task("announce").skipReason ?? "")")
  }

  /// `ready_` is a valid flag (`decides:` accepts a trailing `_`), but `RunResult` trims `_`
  /// from the key as if it were emphasis, reads `- ready_: true` as `ready`, and the task can
  /// never complete: every result "decides no value for ready_".
  @Test func flagEndingInUnderscoreIsRead() throws {
    let yaml = """
      description: Underscore flag
      tasks:
        check:
          agent: worker
          decides: [ready_]
        go:
          agent: worker
          needs: [check]
          when: check.ready_

      """
    let plan = try RandomWorkflows.plan(workflow: yaml).get()
    #expect(plan.task("check")?.decides == ["ready_"])
    let text = "Status: completed\n\n## Decisions\n- ready_: true\n"
    #expect(RunResult(parsing: text).decisions == ["ready_": true])
    var checker = RunChecker(plan: plan, label: "underscore flag")
    #expect(checker.next() == .start(["check"]))
    _ = try? RunEngine.done(&checker.state, plan: plan, task: "check", result: RunResult(parsing: text), resultPath: "r", now: "t1")
    #expect(checker.state.task("check").status == .completed, "\(checker.state.task("check").error ?? "")")
  }

  @Test func startsInPriorityOrderUpToMaxConcurrent() throws {
    let yaml = """
      description: Priorities
      max_concurrent: 2
      tasks:
        a:
          agent: worker
          priority: P2
        b:
          agent: worker
          priority: P1
        c:
          agent: worker
          priority: P0
        d:
          agent: worker
          priority: P1

      """
    let plan = try RandomWorkflows.plan(workflow: yaml).get()
    var checker = RunChecker(plan: plan, label: "priorities")
    let first = try #require(checker.next().started)
    #expect(first.first == "c" && first.count == 2)
    #expect(checker.next() == .wait(running: plan.tasks.map(\.id).filter { first.contains($0) }))
    checker.done("c", text: "Status: completed\n")
    let second = try #require(checker.next().started)
    #expect(second.count == 1 && second[0] != "a")
    checker.drive { _, _, _ in false }
    #expect(checker.state.status == .completed)
    checker.expectClean()
  }
}

extension RunEngine.Next {
  fileprivate var started: [String]? {
    if case .start(let ids) = self { return ids }
    return nil
  }
}

/// Counts over the random runs, to show the generator reaches every rule.
struct RunTotals {
  var runs = 0
  var steps = 0
  var completed = 0
  var failed = 0
  var retries = 0
  var skips = 0
  var fixRounds = 0
  var maxRoundsFailures = 0
  var missingDecisions = 0
  var illegalCalls = 0
}

/// Drives one run and checks every transition against a model of the engine's rules. Problems
/// are collected with the numbered trace of calls, so a failure shows the exact sequence.
struct RunChecker {
  let plan: RunPlan
  let label: String
  var state: RunState
  var trace: [String] = []
  var problems: [String] = []
  var step = 0
  var totals = RunTotals()

  init(plan: RunPlan, label: String) {
    self.plan = plan
    self.label = label
    state = RunState(plan: plan, request: "test", now: "t0", baseCommit: nil)
    check()
  }

  var now: String { "t\(step)" }

  mutating func problem(_ text: String) { problems.append("step \(step): \(text)") }

  /// Records every problem (with the trace) as a test issue; false when there were any.
  @discardableResult
  func expectClean(sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Bool {
    guard !problems.isEmpty else { return true }
    let text = "\(label): \(problems.count) problem(s)\n" + problems.prefix(8).joined(separator: "\n")
      + "\ntrace:\n" + trace.enumerated().map { "  \($0.offset + 1). \($0.element)" }.joined(separator: "\n")
    Issue.record(Comment(rawValue: text), sourceLocation: sourceLocation)
    return false
  }

  func running(_ state: RunState) -> [String] { plan.tasks.map(\.id).filter { state.task($0).status == .running } }

  func isReady(_ task: RunPlan.Task, _ state: RunState) -> Bool {
    state.task(task.id).status == .pending && task.needs.allSatisfy { state.isDone($0) }
  }

  func statuses(_ state: RunState) -> [String: RunState.TaskStatus] { state.tasks.mapValues(\.status) }

  // MARK: next

  @discardableResult
  mutating func next() -> RunEngine.Next {
    step += 1
    let before = state
    let (answer, events) = RunEngine.next(&state, plan: plan, now: now)
    trace.append("next -> \(answer)")
    let runningBefore = running(before)
    let ready = plan.tasks.filter { isReady($0, before) }
    switch answer {
    case .start(let ids):
      if before.status != .running { problem("next started \(ids) in a \(before.status) run") }
      let ordered = ready.sorted {
        ($0.priority, $0.plannedStart, plan.position(of: $0.id)!) < ($1.priority, $1.plannedStart, plan.position(of: $1.id)!)
      }
      let expected = Array(ordered.prefix(max(0, plan.maxConcurrent - runningBefore.count)).map(\.id))
      if ids.isEmpty || ids != expected { problem("next started \(ids); the ready tasks in priority order up to max_concurrent are \(expected)") }
      for id in ids {
        guard let task = plan.task(id) else { problem("next started unknown \(id)"); continue }
        if !isReady(task, before) {
          let undone = task.needs.filter { !before.isDone($0) }
          problem("next started \(id) (was \(before.task(id).status)) before its needs \(undone) were completed or skipped")
        }
        if state.task(id).status != .running { problem("\(id) started but is \(state.task(id).status)") }
        if state.task(id).attempts != before.task(id).attempts + 1 { problem("\(id) started without attempts += 1") }
      }
      for task in plan.tasks where !ids.contains(task.id) && state.task(task.id).status != before.task(task.id).status {
        problem("next changed \(task.id) from \(before.task(task.id).status) to \(state.task(task.id).status)")
      }
      if state.status != .running { problem("next starting tasks left the run \(state.status)") }
      if events.count != ids.count { problem("next started \(ids.count) task(s) with \(events.count) event(s)") }
    case .wait(let waiting):
      if state != before { problem("next -> wait changed the state") }
      if waiting != runningBefore || waiting.isEmpty { problem("wait(\(waiting)) but running are \(runningBefore)") }
      if !ready.isEmpty && runningBefore.count < plan.maxConcurrent {
        problem("wait with a free slot while \(ready.map(\.id)) are ready")
      }
      if before.status != .running { problem("wait in a \(before.status) run") }
    case .finished:
      if before.status == .completed {
        if state != before { problem("next on a completed run changed the state") }
      } else {
        if before.status != .running { problem("finished a \(before.status) run") }
        let undone = plan.tasks.filter { !before.isDone($0.id) }.map(\.id)
        if !undone.isEmpty { problem("finished with \(undone) neither completed nor skipped") }
        if state.status != .completed { problem("finished but the run is \(state.status)") }
        if statuses(state) != statuses(before) { problem("finishing changed task statuses") }
      }
    case .failed(let reason):
      if reason.isEmpty { problem("failed with an empty reason") }
      if before.status == .failed {
        if state != before { problem("next on a failed run changed the state") }
        if reason != before.failure { problem("next reports \(reason), the run failed with \(before.failure ?? "nil")") }
      } else {
        // Only a stuck run may fail here, and a legal sequence never gets stuck.
        problem("next failed a \(before.status) run: \(reason)")
      }
      if statuses(state) != statuses(before) { problem("next -> failed changed task statuses") }
    }
    check()
    return answer
  }

  // MARK: done

  /// A legal `done` for a running task; the outcome is checked against the model.
  mutating func done(_ id: String, text: String) {
    step += 1
    let before = state
    let result = RunResult(parsing: text)
    trace.append("done \(id) with \(text.debugDescription)")
    do {
      _ = try RunEngine.done(&state, plan: plan, task: id, result: result, resultPath: "results/\(id).md", now: now)
    } catch {
      if before.status == .running && before.tasks[id]?.status == .running {
        problem("done \(id) threw for a running task: \(error)")
      } else if state != before {
        problem("done \(id) threw and changed the state")
      }
      check()
      return
    }
    guard before.status == .running, before.tasks[id]?.status == .running, let task = plan.task(id) else {
      problem("done \(id) accepted, but the run was \(before.status) and the task \(before.tasks[id].map { "\($0.status)" } ?? "unknown")")
      check()
      return
    }
    expectDone(task, result: result, text: text, before: before)
    check()
  }

  /// The model of a legal `done`: the expected status of every task and of the run.
  mutating func expectDone(_ task: RunPlan.Task, result: RunResult, text: String, before: RunState) {
    let id = task.id
    var expected = statuses(before)
    var runFails: String?  // a substring the failure must contain
    let completed = text.contains("Status: completed") || text.contains("**Status:** completed")
    let decisions = Self.decisions(in: text)
    let missing = task.decides.filter { decisions[$0] == nil }
    if completed != result.completed { problem("RunResult read \(text.debugDescription) as completed=\(result.completed)") }
    if !completed || !missing.isEmpty {
      if completed { totals.missingDecisions += 1 }
      let failures = before.task(id).failures + 1
      if state.task(id).failures != failures { problem("\(id) failed but failures is \(state.task(id).failures), not \(failures)") }
      if state.task(id).error == nil { problem("\(id) failed without an error") }
      if state.task(id).decisions != before.task(id).decisions { problem("a failed run of \(id) changed its decisions") }
      if failures <= task.retries {
        expected[id] = .pending
        totals.retries += 1
      } else {
        expected[id] = .failed
        runFails = id
      }
    } else {
      expected[id] = .completed
      for flag in task.decides where state.task(id).decisions[flag] != decisions[flag] {
        problem("\(id) decided \(flag)=\(decisions[flag].map { "\($0)" } ?? "nothing"), recorded \(state.task(id).decisions[flag].map { "\($0)" } ?? "nothing")")
      }
      if let (failing, rounds) = task.fixes {
        expected[failing] = .pending
        totals.fixRounds += 1
        if state.task(id).fixRounds != before.task(id).fixRounds + 1 { problem("fix round of \(id) not counted") }
        if state.task(id).fixRounds > rounds { problem("\(id) ran \(state.task(id).fixRounds) fix rounds, max_rounds \(rounds)") }
      } else if state.task(id).fixRounds != before.task(id).fixRounds {
        problem("\(id) is no fix task but its fix_rounds changed")
      }
      if let fix = plan.fixTask(of: id), let rounds = fix.fixes?.maxRounds, before.task(fix.id).status == .completed,
        decisions["failed"] == true
      {
        if before.task(fix.id).fixRounds < rounds {
          expected[fix.id] = .pending
        } else {
          runFails = "max_rounds"
          totals.maxRoundsFailures += 1
        }
      }
      // Skips: pending tasks whose decider decided against them, then those conditioned on a
      // skipped task, to a fixed point. Not while the task's fix loop is open (it reports
      // failed: true): its decisions are final only once a run closes the loop.
      let loopOpen = plan.fixTask(of: id) != nil && decisions["failed"] == true
      var changed = !loopOpen
      while changed {
        changed = false
        for other in plan.tasks where expected[other.id] == .pending {
          guard let condition = other.condition else { continue }
          let skip: Bool
          if expected[condition.task] == .skipped {
            skip = true
          } else if condition.task == id, let value = decisions[condition.flag] {
            skip = value == condition.negated
          } else {
            skip = false
          }
          if skip {
            expected[other.id] = .skipped
            totals.skips += 1
            changed = true
          }
        }
      }
      for other in plan.tasks where expected[other.id] == .skipped && before.task(other.id).status != .skipped {
        if state.task(other.id).skipReason?.isEmpty ?? true { problem("\(other.id) skipped without a reason") }
      }
    }
    let actual = statuses(state)
    for other in plan.tasks where actual[other.id] != expected[other.id] {
      problem(
        "after done \(id): \(other.id) is \(actual[other.id].map { "\($0)" } ?? "none"), expected \(expected[other.id].map { "\($0)" } ?? "none") "
          + "(was \(before.task(other.id).status))")
    }
    if let runFails {
      if state.status != .failed { problem("done \(id) should fail the run (\(runFails)); the run is \(state.status)") }
      if state.failure?.contains(runFails) != true { problem("the run's failure \(state.failure ?? "nil") does not mention \(runFails)") }
    } else if state.status != .running {
      problem("done \(id) left the run \(state.status): \(state.failure ?? "")")
    }
  }

  /// The decisions written in `text` (`- flag: value` lines after `## Decisions`), as the
  /// test wrote them.
  static func decisions(in text: String) -> [String: Bool] {
    guard let range = text.range(of: "## Decisions\n") else { return [:] }
    var out: [String: Bool] = [:]
    for line in text[range.upperBound...].split(separator: "\n") {
      let plain = line.replacingOccurrences(of: "`", with: "").replacingOccurrences(of: "*", with: "")
      let parts = plain.dropFirst(2).split(separator: ":", maxSplits: 1)
      guard parts.count == 2 else { continue }
      let value = parts[1].trimmingCharacters(in: .whitespaces)
      if value == "true" || value == "false" { out[String(parts[0])] = value == "true" }
    }
    return out
  }

  /// An illegal `done`: it must throw and leave the state exactly as it was.
  mutating func illegalDone(_ id: String, text: String) {
    step += 1
    totals.illegalCalls += 1
    let before = state
    trace.append("done \(id) (illegal: run \(before.status), task \(before.tasks[id].map { "\($0.status)" } ?? "unknown"))")
    do {
      _ = try RunEngine.done(&state, plan: plan, task: id, result: RunResult(parsing: text), resultPath: "r", now: now)
      problem("illegal done \(id) was accepted")
    } catch {
      if error.description.isEmpty { problem("illegal done \(id) threw without a description") }
    }
    if state != before { problem("illegal done \(id) changed the state") }
    check()
  }

  /// `reclaim`: every running task goes back to pending with its attempts; nothing else changes,
  /// and nothing at all once the run has ended.
  mutating func reclaim() {
    step += 1
    let before = state
    _ = RunEngine.reclaim(&state, plan: plan, now: now)
    trace.append("reclaim")
    if before.status != .running {
      if state != before { problem("reclaim changed a \(before.status) run") }
    } else {
      for task in plan.tasks {
        let was = before.task(task.id), after = state.task(task.id)
        let expected: RunState.TaskStatus = was.status == .running ? .pending : was.status
        if after.status != expected { problem("reclaim left \(task.id) \(after.status), expected \(expected)") }
        if after.attempts != was.attempts || after.failures != was.failures || after.fixRounds != was.fixRounds
          || after.decisions != was.decisions
        {
          problem("reclaim changed the counts or decisions of \(task.id)")
        }
      }
      if state.status != .running { problem("reclaim left the run \(state.status)") }
    }
    check()
  }

  // MARK: invariants

  /// What holds after every step.
  mutating func check() {
    let running = running(state)
    if running.count > plan.maxConcurrent { problem("\(running.count) running, max_concurrent \(plan.maxConcurrent)") }
    if state.agentsActive.count != running.count { problem("agents_active \(state.agentsActive) for running \(running)") }
    for task in plan.tasks {
      let current = state.task(task.id)
      if current.failures > task.retries + 1 { problem("\(task.id) failed \(current.failures) times, retries \(task.retries)") }
      if current.status == .failed {
        if current.failures != task.retries + 1 { problem("\(task.id) failed the run after \(current.failures) failures, retries \(task.retries)") }
        if state.status != .failed { problem("\(task.id) failed but the run is \(state.status)") }
      }
      if let rounds = task.fixes?.maxRounds {
        if current.fixRounds > rounds { problem("\(task.id): fix_rounds \(current.fixRounds) > max_rounds \(rounds)") }
      } else if current.fixRounds != 0 {
        problem("\(task.id) is no fix task but has fix_rounds \(current.fixRounds)")
      }
      if current.status == .skipped {
        if task.condition == nil { problem("\(task.id) has no condition but was skipped") }
        if current.skipReason == nil { problem("\(task.id) skipped without a reason") }
      }
      // A conditional task that was skipped, or ran, did so on its decider's final decision
      // (a fix task runs on the failing run's `failed: true`, which the next run replaces).
      if let condition = task.condition, current.status == .skipped || task.fixes == nil && current.status != .pending {
        let decider = state.task(condition.task)
        let value = decider.status == .completed ? decider.decisions[condition.flag] : nil
        if current.status == .skipped {
          if decider.status != .skipped && value != condition.negated {
            problem("\(task.id) is skipped, but \(condition.text) is \(value.map { "\($0)" } ?? "undecided") (\(condition.task) \(decider.status))")
          }
        } else if value == nil || value == condition.negated {
          problem("\(task.id) is \(current.status), but \(condition.text) is \(value.map { "\($0)" } ?? "undecided") (\(condition.task) \(decider.status))")
        }
      }
      if current.status == .running, let undone = task.needs.first(where: { !state.isDone($0) }) {
        problem("\(task.id) is running while its need \(undone) is \(state.task(undone).status)")
      }
      if current.attempts < current.failures { problem("\(task.id): \(current.failures) failures in \(current.attempts) attempts") }
    }
    switch state.status {
    case .completed:
      let undone = plan.tasks.filter { !state.isDone($0.id) }.map(\.id)
      if !undone.isEmpty { problem("the run completed with \(undone) neither completed nor skipped") }
    case .failed:
      if state.failure?.isEmpty ?? true { problem("the run failed without a reason") }
    case .running:
      if state.failure != nil { problem("a running run has a failure") }
    }
  }

  // MARK: drivers

  /// Runs to the end with every started task completing in plan order, deciding
  /// `value(task, flag, attempt)`.
  mutating func drive(_ value: (String, String, Int) -> Bool) {
    var steps = 0
    while state.status == .running, steps < 1000 {
      steps += 1
      next()
      for id in running(state) where state.status == .running {
        let task = plan.task(id)!
        let decisions = task.decides.map { "- \($0): \(value(id, $0, state.task(id).attempts))\n" }.joined()
        done(id, text: "Status: completed\n\n## Decisions\n" + decisions)
      }
    }
    if state.status == .running { problem("the run did not end within 1000 steps") }
    next()
  }

  /// One random run of `plan`: random legal calls (and some illegal ones) with random results,
  /// until the run ends. Returns false (after recording the issue) when a rule was broken.
  @discardableResult
  static func randomRun(plan: RunPlan, seed: UInt64, label: String, totals: inout RunTotals) -> Bool {
    var random = PlanTestRandom(seed: seed)
    func roll() -> Int { Int.random(in: 0..<100, using: &random) }
    var checker = RunChecker(plan: plan, label: label)
    // A generous bound: every legal done call is one of at most this many task runs.
    let runs = plan.tasks.reduce(0) { $0 + ($1.retries + 1) * (1 + (plan.fixTask(of: $1.id)?.fixes?.maxRounds ?? 0)) }
    let bound = 20 * (runs + plan.tasks.count) + 50
    var steps = 0
    while checker.state.status == .running, steps < bound {
      steps += 1
      let running = checker.running(checker.state)
      let dice = roll()
      if dice < 3 {
        checker.reclaim()
      } else if dice < 10 {
        let idle = plan.tasks.map(\.id).filter { !running.contains($0) } + ["unknown", "\(plan.tasks.first?.id ?? "x")-fix-fix"]
        checker.illegalDone(idle.randomElement(using: &random)!, text: "Status: completed\n")
      } else if running.isEmpty || dice < 40 {
        checker.next()
      } else {
        let id = running.randomElement(using: &random)!
        checker.done(id, text: randomResult(plan.task(id)!, &random))
      }
      if !checker.problems.isEmpty { break }
    }
    if checker.state.status == .running && checker.problems.isEmpty {
      checker.problem("the run did not end within \(bound) steps")
    }
    // After the end: next changes nothing, and done is illegal for every task.
    if checker.problems.isEmpty {
      _ = checker.next()
      for task in plan.tasks where roll() < 30 || checker.state.task(task.id).status == .running {
        checker.illegalDone(task.id, text: "Status: completed\n")
      }
    }
    totals.runs += 1
    totals.steps += checker.step
    totals.completed += checker.state.status == .completed ? 1 : 0
    totals.failed += checker.state.status == .failed ? 1 : 0
    totals.retries += checker.totals.retries
    totals.skips += checker.totals.skips
    totals.fixRounds += checker.totals.fixRounds
    totals.maxRoundsFailures += checker.totals.maxRoundsFailures
    totals.missingDecisions += checker.totals.missingDecisions
    totals.illegalCalls += checker.totals.illegalCalls
    return checker.expectClean()
  }

  /// A random result for `task`: mostly completed, sometimes failed, without a status or with
  /// another one; each decision random (`failed` more often true), sometimes missing.
  static func randomResult(_ task: RunPlan.Task, _ random: inout PlanTestRandom) -> String {
    func roll() -> Int { Int.random(in: 0..<100, using: &random) }
    var text = "# Result of \(task.id)\n\n"
    let status = roll()
    if status < 15 {
      text += "Status: failed\n"
    } else if status < 18 {
      text += "Nothing to report.\n"
    } else if status < 20 {
      text += "Status: blocked\n"
    } else {
      text += roll() < 50 ? "Status: completed\n" : "**Status:** completed\n"
    }
    text += "\n## Decisions\n"
    for flag in task.decides where roll() >= 8 {
      let value = flag == "failed" ? roll() < 55 : roll() < 50
      text += roll() < 70 ? "- \(flag): \(value)\n" : "- `\(flag)`: **\(value)**\n"
    }
    if roll() < 10 { text += "- noise: true\n" }
    return text
  }
}
