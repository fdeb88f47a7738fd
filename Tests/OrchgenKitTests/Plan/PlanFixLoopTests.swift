import Foundation
import Testing

@testable import OrchgenKit

/// A fix loop re-runs its check after every fix, up to `max_rounds` rounds: the plan counts the
/// worst case, says so, and draws the way back (issue 14).
@Suite("Plan: fix loops")
struct PlanFixLoopTests {
  /// build (1h) → check (30m) → check-fix (45m, 3 rounds) → ship (10m), one slot.
  static func loop() -> TaskGraph {
    PlanTestGraphs.graph(
      "loop", maxConcurrent: 1,
      [
        .init(id: "build", estimate: 3600, agent: "coder"),
        .init(id: "check", estimate: 30 * 60, needs: ["build"], agent: "checker"),
        .init(id: "check-fix", estimate: 45 * 60, needs: ["check"], agent: "fixer", when: "check.failed",
          fixes: ("check", 3)),
        .init(id: "ship", estimate: 10 * 60, needs: ["check-fix"], agent: "coder"),
      ])
  }

  @Test("totals, the critical path and the schedule include every round's fix and re-check")
  func worstCaseTotals() throws {
    let plan = Planner.plan(Self.loop())
    let fixer = try #require(plan.task("check-fix"))
    // 3 rounds × (45m fix + 30m re-check) = 3h45m.
    #expect(fixer.estimateSeconds == 45 * 60)
    #expect(fixer.plannedSeconds == 3 * 75 * 60)
    #expect(fixer.fixLoop == PlannedTask.FixLoop(rechecks: "check", maxRounds: 3, recheckSeconds: 30 * 60))
    #expect(try #require(plan.task("ship")).startSeconds == fixer.finishSeconds)
    let total = 3600 + 30 * 60 + 3 * 75 * 60 + 10 * 60
    #expect(plan.criticalPathSeconds == total)
    #expect(plan.makespanSeconds == total)
    #expect(plan.sequentialSeconds == total)
    #expect(plan.criticalPath == ["build", "check", "check-fix", "ship"])
    try PlanInvariants.check(plan, Self.loop())
  }

  @Test("the plan text and JSON say the loop is planned at its worst case")
  func saysSo() throws {
    let plan = Planner.plan(Self.loop())
    let text = PlanTextRenderer.render(plan)
    #expect(text.contains("  Agent-03  check-fix ?  fixer    45m (loop 3h45m)"))
    #expect(
      text.contains(
        "Fix loop: check-fix → check planned at its worst case, every round failing again: 3 × (45m fix + 30m re-check of check) = 3h45m.\n"))
    #expect(text.contains("Total: 5h25m"))

    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(PlanJSONRenderer.render(plan).utf8)) as? [String: Any])
    let loops = try #require(json["fix_loops"] as? [[String: Any]])
    #expect(loops.count == 1)
    #expect(loops.first?["fixer"] as? String == "check-fix")
    #expect(loops.first?["rechecks"] as? String == "check")
    #expect(loops.first?["max_rounds"] as? Int == 3)
    #expect(loops.first?["planned_minutes"] as? Int == 225)
    #expect(loops.first?["planned_as"] as? String == WorkflowPlan.fixLoopPolicy)
    let tasks = try #require(json["tasks"] as? [[String: Any]])
    let fixer = try #require(tasks.first { $0["id"] as? String == "check-fix" })
    #expect(fixer["estimate_minutes"] as? Int == 45)
    #expect(fixer["planned_minutes"] as? Int == 225)
  }

  @Test("mermaid and dot draw the way back from the fixer to its check, dashed and labelled")
  func drawsTheLoop() {
    let plan = Planner.plan(Self.loop())
    let mermaid = MermaidRenderer.render(plan)
    #expect(mermaid.contains("  t3 -.->|\"re-check, max_rounds 3\"| t2\n"))
    #expect(mermaid.contains("planned worst case: 3 × (fix + re-check) = 3h45m"))
    // The back edge comes after the DAG's links, so linkStyle numbers still name those.
    let lines = mermaid.split(separator: "\n")
    let back = lines.firstIndex { $0.contains("-.->|") }!
    #expect(lines.lastIndex { $0.contains(" --> ") || $0.hasSuffix("-.-> t3") }! < back)

    let dot = DOTRenderer.render(plan)
    #expect(dot.contains("  \"check-fix\" -> \"check\" [style=dashed, label=\"re-check, max_rounds 3\", constraint=false];\n"))

    let gantt = GanttRenderer.render(plan)
    // 1h30m in, for 3h45m.
    #expect(gantt.contains("    check-fix + re-check of check ×3 · Agent-03 :crit, t3, 2000-01-01 01:30:00, 2000-01-01 05:15:00\n"))
  }

  @Test("a workflow without a fix loop is planned and drawn as before")
  func noLoop() {
    let plan = Planner.plan(PlanTestGraphs.seed000())
    #expect(plan.fixers.isEmpty)
    #expect(plan.tasks.allSatisfy { $0.plannedSeconds == $0.estimateSeconds })
    #expect(!MermaidRenderer.render(plan).contains("max_rounds"))
    #expect(!DOTRenderer.render(plan).contains("constraint=false"))
    #expect(!PlanTextRenderer.render(plan).contains("Fix loop"))
  }
}
