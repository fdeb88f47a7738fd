@testable import OrchgenKit

/// Small workflows for the run-state engine's tests, written as YAML into an in-memory project
/// and compiled the way `orchgen build` compiles them, so the engine sees exactly the expanded
/// graph (fix loops, conditions, retries) and plan a real run would.
enum RandomWorkflows {
  /// One task as the generator wrote it (before expansion).
  struct TaskSpec: Sendable {
    var id: String
    var needs: [String] = []
    var decides: [String] = []
    /// `when:` (negated false) or `unless:` (negated true).
    var condition: (task: String, flag: String, negated: Bool)?
    var retries = 0
    /// `fix: { agent: fixer, max_rounds: N }`.
    var fixRounds: Int?

    /// What the task decides after expansion: a fix loop adds `failed`.
    var flags: [String] { fixRounds != nil && !decides.contains("failed") ? decides + ["failed"] : decides }
  }

  /// A random workflow of 1 to 9 tasks: needs only on earlier tasks, conditions only on
  /// earlier deciding tasks (which the conditional task then needs), retries 0 to 2, fix loops
  /// of 1 to 3 rounds, `max_concurrent` 1 to 4.
  static func make(seed: UInt64) -> (maxConcurrent: Int, tasks: [TaskSpec]) {
    var random = PlanTestRandom(seed: seed)
    func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &random) < percent }
    let count = Int.random(in: 1...9, using: &random)
    let maxConcurrent = Int.random(in: 1...4, using: &random)
    let pool = ["go", "big", "ok"]
    var tasks: [TaskSpec] = []
    for index in 0..<count {
      var task = TaskSpec(id: "t\(index)")
      for earlier in tasks.shuffled(using: &random) where task.needs.count < 3 && chance(30) {
        task.needs.append(earlier.id)
      }
      if chance(45) {
        task.decides = Array(pool.shuffled(using: &random).prefix(Int.random(in: 1...2, using: &random)))
      }
      if chance(25) { task.fixRounds = Int.random(in: 1...3, using: &random) }
      let deciders = tasks.filter { !$0.flags.isEmpty }
      if chance(40), let decider = deciders.randomElement(using: &random) {
        let flag = decider.flags.randomElement(using: &random)!
        task.condition = (decider.id, flag, chance(50))
        if !task.needs.contains(decider.id) { task.needs.append(decider.id) }
      }
      if chance(40) { task.retries = Int.random(in: 1...2, using: &random) }
      tasks.append(task)
    }
    return (maxConcurrent, tasks)
  }

  static func yaml(maxConcurrent: Int, tasks: [TaskSpec]) -> String {
    var lines = ["description: A generated workflow for the run engine", "coordinator: coordinator",
                 "max_concurrent: \(maxConcurrent)", "tasks:"]
    for task in tasks {
      lines.append("  \(task.id):")
      lines.append("    agent: worker")
      lines.append("    description: Step \(task.id)")
      if !task.needs.isEmpty { lines.append("    needs: [\(task.needs.joined(separator: ", "))]") }
      if !task.decides.isEmpty { lines.append("    decides: [\(task.decides.joined(separator: ", "))]") }
      if let condition = task.condition {
        lines.append("    \(condition.negated ? "unless" : "when"): \(condition.task).\(condition.flag)")
      }
      if task.retries > 0 { lines.append("    retries: \(task.retries)") }
      if let rounds = task.fixRounds { lines.append("    fix: { agent: fixer, max_rounds: \(rounds) }") }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// The project around one workflow file named `name`.
  static func project(workflow yaml: String, name: String) -> [String: [UInt8]] {
    let agents = """
      agents:
        coordinator:
          description: Drives the workflow
          mode: primary
        worker:
          description: Does one step of the work
        fixer:
          description: Fixes what made a step fail

      """
    var files: [String: String] = [
      "config/agents.yaml": agents,
      "content/instructions/coordinator.md": "# Coordinator\n",
      "content/instructions/worker.md": "# Worker\n",
      "content/instructions/fixer.md": "# Fixer\n",
      "config/workflows/\(name).yaml": yaml,
    ]
    files["config/orchgen.yaml"] = "defaults:\n  estimate: 30m\n"
    return files.mapValues { Array($0.utf8) }
  }

  /// Compiles `yaml` as workflow `name` and returns its run plan, or the error findings.
  static func plan(workflow yaml: String, name: String = "wf") -> Result<RunPlan, CompileFailure> {
    let (project, loaded) = ProjectLoader.load(files: project(workflow: yaml, name: name))
    let compilation = Compiler.analyze(project, diagnostics: loaded)
    let errors = compilation.diagnostics.filter { $0.severity == .error }
    guard errors.isEmpty, let graph = compilation.graph(named: name) else {
      return .failure(CompileFailure(messages: errors.map(\.message)))
    }
    return .success(RunPlan(graph: graph, plan: Planner.plan(graph)))
  }

  struct CompileFailure: Error, CustomStringConvertible {
    var messages: [String]
    var description: String { messages.joined(separator: "\n") }
  }
}
