import Foundation
import Testing

@testable import OrchgenKit

/// The generated GitHub Actions workflows run what the run-state engine runs. For every
/// combination of decisions and of the run at which each fix loop's check stops reporting
/// `failed: true` (including never), and for each task failing on its own, the test runs the
/// engine (`RunEngine.next`/`done`) and interprets the generated YAML as Actions would: jobs in
/// file order, `needs:`, `if:` evaluated against the needs' results and outputs, each job's
/// outputs and success computed by the generated `orchgen_job.py` itself. Then:
///
/// - both pass, or both fail;
/// - on a pass, the jobs that ran are exactly the engine's task runs (a fix loop's task once
///   per round), and every `needs:` edge between them is an order the engine kept too;
/// - on a failure, every task run the engine made ran on Actions too, and no job ran below a
///   failed one. (Actions, unlike the engine, lets independent branches already under way go
///   on: it cannot stop sibling jobs without `actions: write`.)
@Suite struct GitHubActionsGraphTests {
  /// One scenario: what every run of every task returns.
  struct Scenario: CustomStringConvertible {
    /// `task.flag` → the value the task decides (a fix loop's `failed` excepted).
    var flags: [String: Bool]
    /// A fix loop's task → the run at which it first reports `failed: false` (beyond its last
    /// run: never).
    var passRun: [String: Int]
    /// Tasks whose first run fails (after all its retries).
    var fails: Set<String>

    var description: String { "flags \(flags.sorted { $0.key < $1.key }), pass at \(passRun), fails \(fails.sorted())" }

    /// The result of run `run` of `task`.
    func result(_ task: RunPlan.Task, run: Int, plan: RunPlan) -> String {
      if fails.contains(task.id), run == 1 { return "# Result\nStatus: failed\n## Summary\nIt broke.\n" }
      var text = "# Result\nStatus: completed\n## Summary\nDone.\n\n## Decisions\n"
      for flag in task.decides {
        let value = flag == "failed" && plan.fixTask(of: task.id) != nil
          ? run < (passRun[task.id] ?? 1) : flags["\(task.id).\(flag)"] ?? false
        text += "- \(flag): \(value)\n"
      }
      return text
    }
  }

  struct Run: Hashable, CustomStringConvertible {
    var task: String
    var round: Int
    var description: String { "\(task)#\(round)" }
  }

  // MARK: - The workflows

  static let repository = Compiler.check(root: RunEngineTests.repositoryRoot)
  static var repositoryWorkflows: [String] { repository.graphs.map(\.name) }

  static func workflow(_ graph: TaskGraph, _ compilation: Compilation) -> (yaml: String, plan: RunPlan) {
    let build = WorkflowBuild(graph: graph, compilation: compilation, outputLabel: "output")
    let yaml = GitHubWorkflowGenerator.workflow(build, settings: compilation.project.settings, outputLabel: "output")
    return (yaml, RunPlan(graph: graph, plan: build.plan))
  }

  @Test(arguments: repositoryWorkflows)
  func repositoryWorkflowRunsWhatTheEngineRuns(_ name: String) throws {
    let graph = try #require(Self.repository.graph(named: name))
    let (yaml, plan) = Self.workflow(graph, Self.repository)
    let checked = try Self.compareAll(yaml: yaml, plan: plan, label: name)
    #expect(checked >= 2)
  }

  /// Random workflows (conditions on conditions, conditions on a fix loop's flags, retries,
  /// several fix loops) in every combination too.
  @Test(arguments: 0..<40)
  func randomWorkflowRunsWhatTheEngineRuns(_ seed: Int) throws {
    let (cap, tasks) = RandomWorkflows.make(seed: UInt64(seed) &+ 16_016)
    let files = RandomWorkflows.project(workflow: RandomWorkflows.yaml(maxConcurrent: cap, tasks: tasks), name: "wf")
    let (project, loaded) = ProjectLoader.load(files: files)
    let compilation = Compiler.analyze(project, diagnostics: loaded)
    guard compilation.diagnostics.allSatisfy({ $0.severity != .error }), let graph = compilation.graph(named: "wf") else {
      Issue.record("seed \(seed) does not compile: \(compilation.diagnostics.map(\.message))")
      return
    }
    let (yaml, plan) = Self.workflow(graph, compilation)
    _ = try Self.compareAll(yaml: yaml, plan: plan, label: "seed \(seed)")
  }

  /// The seed 000 flow with schema not needed but types needed: `types` runs although its
  /// dependency `schema` was skipped, and the coders after it run.
  @Test func skippedDependencyStillCountsAsDone() throws {
    let graph = try #require(Self.repository.graph(named: "parallel-feature"))
    let (yaml, plan) = Self.workflow(graph, Self.repository)
    let scenario = Scenario(flags: ["discovery.schema_needed": false, "discovery.types_needed": true], passRun: [:], fails: [])
    let actions = try Self.interpret(ActionsWorkflowModel(yaml: yaml), plan: plan, scenario: scenario, script: ActionsJobScript.shared())
    #expect(!actions.ran.contains(Run(task: "schema", round: 1)))
    #expect(actions.ran.contains(Run(task: "types", round: 1)))
    #expect(actions.ran.contains(Run(task: "code-service-a", round: 1)))
    #expect(actions.finalRan && !actions.failed)
  }

  /// The job-id rules judge only projects that build for GitHub Actions: the collision fixture
  /// without the target has no finding.
  @Test func jobIDRulesNeedTheTarget() throws {
    let fixture = Fixtures.directory.appendingPathComponent("rules/actions-job-collision.txt")
    let text = try String(contentsOf: fixture, encoding: .utf8)
    for (targets, expected) in [("[opencode, github-actions]", true), ("[opencode]", false)] {
      let project = FixtureProject(parsing: text.replacingOccurrences(of: "[opencode, github-actions]", with: targets))
      let root = try project.materialize()
      defer { try? FileManager.default.removeItem(at: root) }
      let found = Compiler.check(root: root).diagnostics.contains { $0.rule == .actionsJobCollision }
      #expect(found == expected, "targets \(targets)")
    }
  }

  // MARK: - The comparison

  /// Compares every scenario of the workflow; returns how many.
  static func compareAll(yaml: String, plan: RunPlan, label: String) throws -> Int {
    let model = try ActionsWorkflowModel(yaml: yaml)
    let script = try ActionsJobScript.shared()
    let all = scenarios(plan)
    for scenario in all {
      try compare(model: model, plan: plan, scenario: scenario, script: script, label: label)
    }
    return all.count
  }

  static func compare(model: ActionsWorkflowModel, plan: RunPlan, scenario: Scenario, script: ActionsJobScript, label: String) throws {
    let engine = try runEngine(plan, scenario)
    let actions = try interpret(model, plan: plan, scenario: scenario, script: script)
    let where_ = "\(label), \(scenario)"
    #expect(engine.failed == actions.failed, "\(where_): engine failed \(engine.failed), actions \(actions.failed)")
    #expect(actions.finalRan == !actions.failed, "\(where_): the final job")
    if !engine.failed {
      #expect(Set(engine.runs) == Set(actions.ran), "\(where_): engine \(engine.runs), actions \(actions.ran)")
      #expect(engine.runs.count == actions.ran.count, "\(where_): a run twice")
      let position = Dictionary(uniqueKeysWithValues: engine.runs.enumerated().map { ($1, $0) })
      for (run, needs) in actions.edges {
        for need in needs {
          #expect(position[need]! < position[run]!, "\(where_): \(run) needs \(need) but the engine started it first")
        }
      }
    } else {
      let missing = Set(engine.runs).subtracting(actions.ran)
      #expect(missing.isEmpty, "\(where_): the engine ran \(missing) which Actions did not")
      #expect(!actions.ranBelowFailure, "\(where_): a job ran below a failed one")
    }
  }

  /// Every combination of decisions and of the pass run of each fix loop (at most 512, a
  /// fixed spread otherwise), then each task failing alone with all flags true and all false.
  static func scenarios(_ plan: RunPlan) -> [Scenario] {
    var flags: [String] = []
    var loops: [(task: String, options: Int)] = []
    for task in plan.tasks {
      let looped = plan.fixTask(of: task.id)
      for flag in task.decides where !(flag == "failed" && looped != nil) { flags.append("\(task.id).\(flag)") }
      if let rounds = looped?.fixes?.maxRounds { loops.append((task.id, rounds + 2)) }
    }
    let radices = Array(repeating: 2, count: flags.count) + loops.map(\.options)
    let total = radices.reduce(1) { $0 > 1 << 20 ? $0 : $0 * $1 }
    let limit = 512
    let step = total <= limit ? 1 : total / limit
    var result: [Scenario] = []
    for index in stride(from: 0, to: total, by: step) where result.count < limit {
      var rest = index
      var scenario = Scenario(flags: [:], passRun: [:], fails: [])
      for flag in flags {
        scenario.flags[flag] = rest % 2 == 1
        rest /= 2
      }
      for loop in loops {
        scenario.passRun[loop.task] = rest % loop.options + 1
        rest /= loop.options
      }
      result.append(scenario)
    }
    for task in plan.tasks {
      for value in [true, false] {
        result.append(Scenario(flags: Dictionary(uniqueKeysWithValues: flags.map { ($0, value) }), passRun: [:], fails: [task.id]))
      }
    }
    return result
  }

  /// The engine's run: every task run it starts, in order (a retry is not a new run).
  static func runEngine(_ plan: RunPlan, _ scenario: Scenario) throws -> (runs: [Run], failed: Bool) {
    var state = RunState(plan: plan, request: "r", now: "t", baseCommit: nil)
    var rounds: [String: Int] = [:]
    var retrying = Set<String>()
    var running: [String] = []
    var runs: [Run] = []
    for _ in 0..<100_000 {
      let (next, _) = RunEngine.next(&state, plan: plan, now: "t")
      switch next {
      case .start(let ids):
        for id in ids {
          if retrying.remove(id) == nil {
            rounds[id, default: 0] += 1
            runs.append(Run(task: id, round: rounds[id]!))
          }
          running.append(id)
        }
      case .wait:
        let id = running.removeFirst()
        let task = plan.task(id)!
        let result = RunResult(parsing: scenario.result(task, run: rounds[id]!, plan: plan))
        _ = try RunEngine.done(&state, plan: plan, task: id, result: result, resultPath: "r", now: "t")
        if state.task(id).status == .pending, !result.completed { retrying.insert(id) }
      case .finished: return (runs, false)
      case .failed: return (runs, true)
      }
    }
    throw ActionsWorkflowModel.ModelError(text: "the engine did not finish")
  }

  struct Interpretation {
    var ran: [Run] = []
    /// Each run → the runs of its direct needs that ran.
    var edges: [Run: [Run]] = [:]
    var failed = false
    var finalRan = false
    var ranBelowFailure = false
  }

  /// The workflow as Actions runs it.
  static func interpret(_ model: ActionsWorkflowModel, plan: RunPlan, scenario: Scenario, script: ActionsJobScript) throws -> Interpretation {
    var out = Interpretation()
    var result: [String: String] = [:]
    var outputs: [String: [String: String]] = [:]
    var ancestors: [String: Set<String>] = [:]
    var runOf: [String: Run] = [:]
    var rounds: [String: Int] = [:]
    for job in model.jobs {
      var upstream = Set<String>()
      for need in job.needs {
        guard result[need] != nil else { throw ActionsWorkflowModel.ModelError(text: "\(job.id) needs \(need), which comes later") }
        upstream.insert(need)
        upstream.formUnion(ancestors[need]!)
      }
      ancestors[job.id] = upstream
      let context = ActionsExpression.Context(
        results: Dictionary(uniqueKeysWithValues: job.needs.map { ($0, result[$0]!) }),
        outputs: Dictionary(uniqueKeysWithValues: job.needs.map { ($0, outputs[$0] ?? [:]) }),
        anyAncestorFailed: upstream.contains { result[$0] == "failure" },
        allAncestorsSucceeded: upstream.allSatisfy { result[$0] == "success" })
      guard try ActionsExpression.evaluate(job.condition ?? "success()", context).truthy else {
        result[job.id] = "skipped"
        continue
      }
      if upstream.contains(where: { result[$0] == "failure" }) { out.ranBelowFailure = true }
      guard let id = job.env["ORCHGEN_TASK"], let task = plan.task(id) else {
        out.finalRan = true
        result[job.id] = "success"
        continue
      }
      rounds[id, default: 0] += 1
      let run = Run(task: id, round: rounds[id]!)
      runOf[job.id] = run
      out.ran.append(run)
      out.edges[run] = job.needs.compactMap { runOf[$0] }
      var used = job.env["ORCHGEN_USED"] ?? "0"
      if used.hasPrefix("${{") {
        used = try ActionsExpression.evaluate(String(used.dropFirst(3).dropLast(2)), context).text
      }
      let (values, ok) = try script.outputs(
        result: scenario.result(task, run: run.round, plan: plan), decides: job.env["ORCHGEN_DECIDES"] ?? "",
        loop: job.env["ORCHGEN_LOOP"] ?? "none", used: used)
      outputs[job.id] = job.outputs.mapValues { values[$0] ?? "" }
      result[job.id] = ok ? "success" : "failure"
      if !ok { out.failed = true }
    }
    return out
  }
}
