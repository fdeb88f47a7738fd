import Foundation
import Testing

@testable import OrchgenKit

/// In-memory task graphs for planner tests, built without YAML so that the planner is tested
/// on exactly the DAG it is given.
enum PlanTestGraphs {
  /// One task: `estimate` in seconds, `when` as `task.flag` (prefix `!` for `unless`).
  struct Spec {
    var id: String
    var estimate: Int
    var needs: [String] = []
    var agent = "worker"
    var description: String?
    var when: String?
    var priority: String?
    /// For a fixer: the task it fixes and `max_rounds`.
    var fixes: (task: String, rounds: Int)?
  }

  static func hours(_ value: Int) -> Int { value * 3600 }

  /// A graph whose declaration order is the order of `specs`.
  static func graph(_ name: String, maxConcurrent: Int, _ specs: [Spec]) -> TaskGraph {
    let file = "config/workflows/\(name).yaml"
    let here = OrchgenKit.SourceLocation.file(file)
    let tasks = specs.enumerated().map { order, spec in
      ExpandedTask(
        id: spec.id, agent: spec.agent, agentLocation: here, description: spec.description ?? "Do \(spec.id)",
        kind: spec.fixes.map { .fix(failing: $0.task, maxRounds: $0.rounds) } ?? .work, needs: spec.needs.map { .init(task: $0, location: here, explicit: true) },
        produces: [], consumes: [], decides: [], condition: spec.when.map { condition($0, at: here) }, writes: [],
        retries: 0, estimate: spec.estimate, priority: spec.priority, success: [], location: here, order: order,
        stage: nil)
    }
    return TaskGraph(
      workflow: WorkflowDefinition(name: name, file: file), tasks: tasks, maxConcurrent: maxConcurrent,
      coordinator: nil)
  }

  private static func condition(_ text: String, at location: OrchgenKit.SourceLocation) -> Condition {
    let negated = text.hasPrefix("!")
    let parts = text.drop { $0 == "!" }.split(separator: ".", maxSplits: 1).map(String.init)
    return Condition(task: parts[0], flag: parts.count > 1 ? parts[1] : "failed", negated: negated, location: location)
  }

  /// The seed-000 flow: discovery → schema → migrations → types → three coders → review →
  /// three tests → integrity, under max_concurrent 3.
  ///
  /// The seed's timeline runs migrations as their own hour (T1 schema, T2 migrations and types),
  /// which is what makes its totals 9 hours parallel and 15 sequential.
  static func seed000() -> TaskGraph {
    let h = hours
    return graph(
      "seed-000", maxConcurrent: 3,
      [
        Spec(id: "discovery", estimate: h(1), agent: "discovery", description: "Analyze the task and write discovery.json"),
        Spec(id: "schema", estimate: h(1), needs: ["discovery"], agent: "schema-agent", description: "Create the migrations"),
        Spec(id: "migrations", estimate: h(1), needs: ["schema"], agent: "schema-agent", description: "Run the migrations"),
        Spec(id: "types", estimate: h(1), needs: ["migrations"], agent: "types-agent", description: "Create the types"),
        Spec(id: "coder-1", estimate: h(2), needs: ["types"], agent: "coder", description: "Implement service A"),
        Spec(id: "coder-2", estimate: h(2), needs: ["types"], agent: "coder", description: "Implement service B"),
        Spec(id: "coder-3", estimate: h(2), needs: ["types"], agent: "coder", description: "Implement service C"),
        Spec(id: "review", estimate: h(1), needs: ["coder-1", "coder-2", "coder-3"], agent: "code-reviewer",
          description: "Review all code"),
        Spec(id: "test-1", estimate: h(1), needs: ["review"], agent: "qa", description: "Integration tests for A"),
        Spec(id: "test-2", estimate: h(1), needs: ["review"], agent: "qa", description: "Integration tests for B"),
        Spec(id: "test-3", estimate: h(1), needs: ["review"], agent: "qa", description: "Integration tests for C"),
        Spec(id: "integrity", estimate: h(1), needs: ["test-1", "test-2", "test-3"], agent: "tegrity",
          description: "Run tegrity and complete"),
      ])
  }

  /// A small review flow with a fix loop of two rounds, a priority override, fractional estimates and
  /// a task declared before the task it needs.
  static func conditionalFix() -> TaskGraph {
    graph(
      "review-fix", maxConcurrent: 2,
      [
        Spec(id: "report", estimate: 20 * 60, needs: ["style", "security", "perf"], agent: "writer",
          description: "Generate the report"),
        Spec(id: "read", estimate: 90, agent: "reader", description: "Read the code"),
        Spec(id: "style", estimate: 45 * 60, needs: ["read"], agent: "linter", description: "Check \"style\""),
        Spec(id: "security", estimate: 75 * 60, needs: ["read"], agent: "scanner", description: "Security scan"),
        Spec(id: "perf", estimate: 30 * 60, needs: ["read"], agent: "profiler", description: "Performance analysis",
          priority: "P3"),
        Spec(id: "security-fix", estimate: 30 * 60, needs: ["security"], agent: "fixer",
          description: "Fix what the scan found", when: "security.failed", fixes: ("security", 2)),
      ])
  }
}

/// SplitMix64: a tiny seeded generator so that random graphs are the same on every run.
struct PlanTestRandom: RandomNumberGenerator {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
