import Foundation
import Testing

@testable import OrchgenKit

@Suite("Plan renderers")
struct PlanRendererTests {
  /// `dot` on PATH, if graphviz is installed.
  static let dotExecutable: URL? = {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
    for directory in path.split(separator: ":") {
      let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent("dot")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
    }
    return nil
  }()

  /// Awkward ids and text: quotes, backslashes, a Mermaid keyword, a cycle and an unknown need.
  static func awkward() -> TaskGraph {
    PlanTestGraphs.graph(
      "awk\"ward", maxConcurrent: 2,
      [
        .init(id: "end", estimate: 60, description: "Quote \" and back\\slash\nand a newline"),
        .init(id: "a\\b", estimate: 60, needs: ["end", "ghost"]),
        .init(id: "c", estimate: 60, needs: ["d"], when: "end.failed"),
        .init(id: "d", estimate: 60, needs: ["c"]),
      ])
  }

  @Test("DOT renders with dot -Tsvg", .enabled(if: dotExecutable != nil, "graphviz is not installed"),
    arguments: ["seed-000", "review-fix", "awkward"])
  func dotRenders(name: String) throws {
    let graph = name == "awkward" ? Self.awkward() : try #require(PlanGoldenTests.graphs.first { $0.0 == name }?.1)
    let source = DOTRenderer.render(Planner.plan(graph))
    let process = Process()
    guard let executable = Self.dotExecutable else { return }
    process.executableURL = executable
    process.arguments = ["-Tsvg"]
    let input = Pipe()
    let output = Pipe()
    let errors = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    input.fileHandleForWriting.write(Data(source.utf8))
    try input.fileHandleForWriting.close()
    // Read both pipes before waiting, so that a large SVG cannot fill a pipe and stall dot.
    let svg = output.fileHandleForReading.readDataToEndOfFile()
    let stderr = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "\(String(decoding: stderr, as: UTF8.self))")
    #expect(String(decoding: svg, as: UTF8.self).contains("<svg"))
  }

  @Test("DOT marks the critical path and dashes conditional edges")
  func dotStyles() {
    let dot = DOTRenderer.render(Planner.plan(PlanTestGraphs.conditionalFix()))
    #expect(dot.hasPrefix("digraph \"review-fix\" {\n"))
    #expect(dot.contains("  \"read\" -> \"security\" [color=red, penwidth=2.5];\n"))
    #expect(dot.contains("  \"security\" -> \"security-fix\" [color=red, penwidth=2.5, style=dashed];\n"))
    #expect(dot.contains("  \"read\" -> \"style\";\n"))
  }

  @Test("Mermaid flowchart: agent labels, critical classes, dashed conditional edges")
  func mermaid() {
    let plan = Planner.plan(PlanTestGraphs.conditionalFix())
    let chart = MermaidRenderer.render(plan)
    #expect(chart.hasPrefix("flowchart TD\n"))
    #expect(chart.contains("  t1[\"read<br/>Agent-01 · 1m30s\"]\n"))
    #expect(chart.contains("  t3 -.-> t6\n"), "security → security-fix is conditional")
    #expect(chart.contains("  class t1,t3,t6 critical\n"))
    #expect(chart.contains("  class t6 conditional\n"))
    #expect(chart.contains("  linkStyle 1,6 stroke:#c92a2a,stroke-width:3px\n"))
    let awkward = MermaidRenderer.render(Planner.plan(Self.awkward()))
    #expect(awkward.contains("  t1[\"end<br/>Agent-01"), "ids never become Mermaid node names")
  }

  @Test("Gantt: slots as sections, offsets as times on 2000-01-01, crit tags")
  func gantt() {
    let chart = GanttRenderer.render(Planner.plan(PlanTestGraphs.seed000()))
    #expect(chart.hasPrefix("gantt\n"))
    #expect(chart.contains("  dateFormat YYYY-MM-DD HH:mm:ss\n  axisFormat %H:%M\n"))
    #expect(chart.contains("  section Slot 3\n"))
    #expect(chart.contains("    discovery · Agent-01 :crit, t1, 2000-01-01 00:00:00, 2000-01-01 01:00:00\n"))
    #expect(chart.contains("    coder-2 · Agent-06 :t6, 2000-01-01 04:00:00, 2000-01-01 06:00:00\n"))
    #expect(GanttRenderer.date(86_400 * 31 + 61) == "2000-02-01 00:01:01")
    #expect(GanttRenderer.date(86_400 * 366) == "2001-01-01 00:00:00")
  }

  @Test("human durations and JSON minutes")
  func durations() {
    #expect(PlanDuration.human(9 * 3600) == "9h")
    #expect(PlanDuration.human(5400) == "1h30m")
    #expect(PlanDuration.human(45 * 60) == "45m")
    #expect(PlanDuration.human(90) == "1m30s")
    #expect(PlanDuration.human(0) == "0m")
    #expect(PlanDuration.jsonMinutes(7200) == "120")
    #expect(PlanDuration.jsonMinutes(90) == "1.5")
    #expect(PlanDuration.jsonMinutes(10) == "0.167")
    #expect(PlanDuration.jsonMinutes(0) == "0")
    #expect(PlanJSONRenderer.string("a\"b\\c\n\u{01}é") == "\"a\\\"b\\\\c\\n\\u0001é\"")
  }

  @Test("a cycle and an unknown need give an incomplete plan, not a crash")
  func incomplete() throws {
    let plan = Planner.plan(Self.awkward())
    #expect(!plan.isComplete)
    #expect(plan.tasks.map(\.id) == ["end", "a\\b", "c", "d"])
    #expect(
      plan.ignoredNeeds == [
        .init(task: "a\\b", need: "ghost", reason: .unknownTask), .init(task: "c", need: "d", reason: .cycle),
      ])
    #expect(plan.tasks.allSatisfy { $0.slot >= 1 && $0.slot <= 2 })
    let json = PlanJSONRenderer.render(plan)
    let root = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    #expect(root["complete"] as? Bool == false)
    #expect(PlanTextRenderer.render(plan).contains("Warning: the plan is incomplete"))
  }
}
