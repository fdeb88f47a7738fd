import Foundation
import Testing

@testable import OrchgenKit

/// Byte-exact renderings of hand-built plans, kept under `Fixtures/plans/`.
///
/// `ORCHGEN_RECORD=1 swift test --filter PlanGolden` rewrites the files; a recording run fails
/// so that it can never pass unnoticed in CI.
@Suite("Plan golden files")
struct PlanGoldenTests {
  static let fixtures = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/plans", isDirectory: true)

  static func assertGolden(_ actual: String, _ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
    let url = fixtures.appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["ORCHGEN_RECORD"] == "1" {
      try FileManager.default.createDirectory(at: fixtures, withIntermediateDirectories: true)
      try Data(actual.utf8).write(to: url)
      Issue.record("recorded \(name); run again without ORCHGEN_RECORD", sourceLocation: sourceLocation)
      return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
      Issue.record("missing golden \(name); record it with ORCHGEN_RECORD=1", sourceLocation: sourceLocation)
      return
    }
    #expect(actual == expected, "\(name) differs from the golden file", sourceLocation: sourceLocation)
  }

  static let graphs: [(String, TaskGraph)] = [
    ("seed-000", PlanTestGraphs.seed000()), ("review-fix", PlanTestGraphs.conditionalFix()),
  ]

  @Test("every rendering matches its golden file", arguments: ["seed-000", "review-fix"])
  func renderings(name: String) throws {
    let graph = try #require(Self.graphs.first { $0.0 == name }?.1)
    let plan = Planner.plan(graph)
    try Self.assertGolden(PlanTextRenderer.render(plan), "\(name).plan.txt")
    try Self.assertGolden(PlanJSONRenderer.render(plan), "\(name).plan.json")
    try Self.assertGolden(MermaidRenderer.render(plan), "\(name).mmd")
    try Self.assertGolden(DOTRenderer.render(plan), "\(name).dot")
    try Self.assertGolden(GanttRenderer.render(plan), "\(name).gantt.mmd")
  }

  @Test("the seed-000 flow finishes in 9 hours instead of 15")
  func seed000Totals() {
    let plan = Planner.plan(PlanTestGraphs.seed000())
    #expect(plan.makespanSeconds == 9 * 3600)
    #expect(plan.sequentialSeconds == 15 * 3600)
    #expect(plan.criticalPathSeconds == 9 * 3600)
    #expect(plan.lowerBoundSeconds == 9 * 3600)
    #expect(plan.limitedBy == .criticalPath)
    #expect(plan.levels.count == 8)
    #expect(plan.levels[4] == ["coder-1", "coder-2", "coder-3"])
    #expect(plan.tasks.map(\.agentID).prefix(3) == ["Agent-01", "Agent-02", "Agent-03"])
    #expect(
      plan.criticalPath == ["discovery", "schema", "migrations", "types", "coder-1", "review", "test-1", "integrity"])
    let text = PlanTextRenderer.render(plan)
    #expect(text.contains("Total: 9h (vs 15h sequential, lower bound 9h)\n"))
    #expect(text.contains("Critical path (9h): discovery → schema → migrations → types → coder-1 → review → test-1 → integrity\n"))
    #expect(text.contains("Parallel Execution Batch #5"))
    #expect(text.contains("│ Agent-05 [coder-1: Implement service A]\n"))
  }

  @Test("plan JSON parses and carries the issue's fields", arguments: ["seed-000", "review-fix"])
  func jsonParses(name: String) throws {
    let graph = try #require(Self.graphs.first { $0.0 == name }?.1)
    let plan = Planner.plan(graph)
    let data = Data(PlanJSONRenderer.render(plan).utf8)
    let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    for key in [
      "workflow", "max_concurrent", "tasks", "critical_path", "critical_path_minutes", "sequential_minutes",
      "lower_bound_minutes", "makespan_minutes", "limited_by", "levels",
    ] {
      #expect(root[key] != nil, "missing \(key)")
    }
    let tasks = try #require(root["tasks"] as? [[String: Any]])
    #expect(tasks.count == plan.tasks.count)
    for key in [
      "id", "agent_id", "agent", "needs", "estimate_minutes", "level", "earliest_start", "earliest_finish",
      "latest_start", "latest_finish", "slack", "priority", "start", "slot", "conditional", "task_file",
    ] {
      #expect(tasks.allSatisfy { $0[key] != nil }, "task key \(key)")
    }
    #expect((root["makespan_minutes"] as? NSNumber)?.doubleValue == plan.makespanMinutes)
  }

  @Test("rendering is deterministic")
  func deterministic() {
    for (_, graph) in Self.graphs {
      let first = Planner.plan(graph)
      let second = Planner.plan(graph)
      #expect(first == second)
      #expect(PlanJSONRenderer.render(first) == PlanJSONRenderer.render(second))
      #expect(PlanTextRenderer.render(first) == PlanTextRenderer.render(second))
      #expect(GanttRenderer.render(first) == GanttRenderer.render(second))
    }
  }
}
