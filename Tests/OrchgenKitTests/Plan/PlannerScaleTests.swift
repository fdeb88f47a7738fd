import Foundation
import Testing

@testable import OrchgenKit

/// 100,000-task shapes that break recursive or quadratic planners. No timing assertions: CI
/// machines vary; `swift test -c release` shows the time per test.
@Suite("Planner at scale")
struct PlannerScaleTests {
  static let size = 100_000

  @Test("a 100,000-task chain plans without overflowing the stack")
  func chain() {
    let specs = (0..<Self.size).map { PlanTestGraphs.Spec(id: "t\($0)", estimate: 60, needs: $0 == 0 ? [] : ["t\($0 - 1)"]) }
    let plan = Planner.plan(PlanTestGraphs.graph("chain", maxConcurrent: 4, specs))
    #expect(plan.tasks.count == Self.size)
    #expect(plan.makespanSeconds == Self.size * 60)
    #expect(plan.criticalPath.count == Self.size)
    #expect(plan.levels.count == Self.size)
    #expect(plan.tasks.last?.agentID == "Agent-100000")
    #expect(plan.tasks.first?.agentID == "Agent-000001")
    #expect(plan.tasks.allSatisfy { $0.slot == 1 })
  }

  @Test("a 100,000-task fan-out plans with the work bound")
  func fanOut() {
    let specs = [PlanTestGraphs.Spec(id: "root", estimate: 60)]
      + (1..<Self.size).map { PlanTestGraphs.Spec(id: "leaf\($0)", estimate: 60, needs: ["root"]) }
    let plan = Planner.plan(PlanTestGraphs.graph("fan", maxConcurrent: 4, specs))
    #expect(plan.tasks.count == Self.size)
    #expect(plan.levels.count == 2)
    #expect(plan.levels[1].count == Self.size - 1)
    #expect(plan.makespanSeconds == 60 + (Self.size - 1 + 3) / 4 * 60)
    #expect(plan.limitedBy == .concurrency)
    #expect(plan.task("root")?.dependents.count == Self.size - 1)
    // Renderers stay linear too.
    #expect(PlanJSONRenderer.render(plan).hasSuffix("}\n"))
  }

  @Test("a 100,000-task random-ish layered graph plans", .timeLimit(.minutes(1)))
  func layered() {
    var random = PlanTestRandom(seed: 42)
    var specs: [PlanTestGraphs.Spec] = []
    for index in 0..<Self.size {
      let needs = index < 100 ? [] : (0..<3).map { _ in "t\(Int.random(in: max(0, index - 500)..<index, using: &random))" }
      specs.append(.init(id: "t\(index)", estimate: Int.random(in: 1...120, using: &random) * 60, needs: Array(Set(needs)).sorted()))
    }
    let graph = PlanTestGraphs.graph("layered", maxConcurrent: 8, specs)
    let started = Date()
    let plan = Planner.plan(graph)
    let elapsed = Date().timeIntervalSince(started)
    print("planned \(Self.size) tasks in \(String(format: "%.3f", elapsed))s")
    #expect(plan.tasks.count == Self.size)
    #expect(plan.isComplete)
    #expect(plan.makespanSeconds >= plan.lowerBoundSeconds)
  }
}
