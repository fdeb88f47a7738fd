import Testing

@testable import OrchgenKit

/// The planner against brute-force definitions on many random DAGs.
@Suite("Planner properties")
struct PlannerPropertyTests {
  /// A random DAG whose declaration order is unrelated to its topological order, so that needs
  /// often point at tasks declared later.
  static func randomGraph(_ random: inout PlanTestRandom) -> TaskGraph {
    let count = Int.random(in: 1...70, using: &random)
    let rank = Array(0..<count).shuffled(using: &random)
    let density = Double.random(in: 0...0.35, using: &random)
    var specs: [PlanTestGraphs.Spec] = []
    for index in 0..<count {
      var needs: [String] = []
      for other in 0..<count where rank[other] < rank[index] && Double.random(in: 0..<1, using: &random) < density {
        needs.append("t\(other)")
      }
      let estimate: Int
      switch Int.random(in: 0..<10, using: &random) {
      case 0: estimate = 0
      case 1: estimate = Int.random(in: 1...600, using: &random)
      default: estimate = Int.random(in: 1...16, using: &random) * 30 * 60
      }
      specs.append(.init(id: "t\(index)", estimate: estimate, needs: needs))
    }
    let cap = Int.random(in: 0..<8, using: &random) == 0 ? 100 : Int.random(in: 1...6, using: &random)
    return PlanTestGraphs.graph("random", maxConcurrent: cap, specs)
  }

  @Test("random DAGs satisfy the schedule, CPM, level and numbering properties", arguments: 0..<8)
  func randomGraphs(batch: Int) throws {
    var random = PlanTestRandom(seed: 0x5EED_0000 + UInt64(batch))
    for _ in 0..<60 {
      let graph = Self.randomGraph(&random)
      try PlanInvariants.check(Planner.plan(graph), graph)
    }
  }

  @Test("chains, fans and cap 1 behave as expected")
  func shapes() throws {
    let chain = PlanTestGraphs.graph(
      "chain", maxConcurrent: 4, (0..<5).map { .init(id: "c\($0)", estimate: 600, needs: $0 == 0 ? [] : ["c\($0 - 1)"]) })
    let chainPlan = Planner.plan(chain)
    #expect(chainPlan.makespanSeconds == 3000)
    #expect(chainPlan.criticalPath == ["c0", "c1", "c2", "c3", "c4"])
    #expect(chainPlan.limitedBy == .criticalPath)
    try PlanInvariants.check(chainPlan, chain)

    let wide = PlanTestGraphs.graph(
      "wide", maxConcurrent: 1, (0..<4).map { .init(id: "w\($0)", estimate: 600 * ($0 + 1)) })
    let widePlan = Planner.plan(wide)
    #expect(widePlan.makespanSeconds == widePlan.sequentialSeconds)
    #expect(widePlan.limitedBy == .concurrency)
    // Longest tail first: w3 (40m), then w2, w1, w0.
    #expect(widePlan.tasks.sorted { $0.startSeconds < $1.startSeconds }.map(\.id) == ["w3", "w2", "w1", "w0"])
    try PlanInvariants.check(widePlan, wide)
  }

  @Test("ties between longest paths go to the task declared first")
  func criticalPathTies() {
    let graph = PlanTestGraphs.graph(
      "ties", maxConcurrent: 2,
      [
        .init(id: "b", estimate: 600), .init(id: "a", estimate: 600),
        .init(id: "y", estimate: 600, needs: ["a", "b"]), .init(id: "x", estimate: 600, needs: ["a", "b"]),
      ])
    let plan = Planner.plan(graph)
    #expect(plan.criticalPath == ["b", "y"])
    #expect(plan.tasks.map(\.id) == ["b", "a", "y", "x"])
    #expect(plan.tasks.allSatisfy { $0.priority == .p0 })
  }

  @Test("priority: P0 zero slack, P1 with dependents, P2 otherwise, workflow overrides")
  func priorities() {
    let plan = Planner.plan(PlanTestGraphs.conditionalFix())
    let priorities = Dictionary(uniqueKeysWithValues: plan.tasks.map { ($0.id, $0.priority) })
    // The conditional fix is planned as if it runs, so it, not the report, ends the critical path.
    #expect(priorities == ["read": .p0, "style": .p1, "security": .p0, "perf": .p3, "report": .p2, "security-fix": .p0])
    #expect(plan.task("perf")?.priorityOverridden == true)
    #expect(plan.task("security-fix")?.condition == "when security.failed")
  }

  @Test("agent ids widen past 99 tasks")
  func agentIDWidth() {
    let small = Planner.plan(PlanTestGraphs.graph("s", maxConcurrent: 1, (0..<99).map { .init(id: "t\($0)", estimate: 1) }))
    #expect(small.tasks.last?.agentID == "Agent-99")
    let large = Planner.plan(PlanTestGraphs.graph("l", maxConcurrent: 1, (0..<100).map { .init(id: "t\($0)", estimate: 1) }))
    #expect(large.tasks.first?.agentID == "Agent-001")
    #expect(large.tasks.last?.taskFile == "agent-100.md")
  }

  @Test("an empty workflow plans to nothing")
  func empty() {
    let plan = Planner.plan(PlanTestGraphs.graph("empty", maxConcurrent: 3, []))
    #expect(plan.tasks.isEmpty && plan.criticalPath.isEmpty && plan.makespanSeconds == 0 && plan.levels.isEmpty)
  }
}
