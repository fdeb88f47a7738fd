@testable import OrchgenKit

/// The YAML of a project shaped like `bench/gen_project.py`'s (the benchmark of issue 7), at a
/// size a unit test can afford: the same keys, flow lists, quoted globs, flow-mapping
/// permissions, comments and blank lines, written the same way.
enum BenchmarkShapedProject {
  static let roles = ["planner", "backend-coder", "frontend-coder", "schema-agent", "test-writer", "reviewer"]

  static func files(tasks count: Int, seed: UInt64) -> [SourceFile] {
    var random = PlanTestRandom(seed: seed)
    return [
      SourceFile(path: "config/orchgen.yaml", text: settings),
      SourceFile(path: "config/agents.yaml", text: agents),
      SourceFile(path: "config/workflows/wf-001.yaml", text: workflow(count, &random)),
    ]
  }

  static let settings = """
    # orchgen project settings (synthetic benchmark project)
    models:
      deep: anthropic/claude-opus-4-5
      balanced: anthropic/claude-sonnet-4-5
      fast: anthropic/claude-haiku-4-5
    defaults: { model: balanced, estimate: 30m, max_concurrent: 8 }

    """

  static var agents: String {
    var lines = ["# orchgen agent library (synthetic benchmark project)", "", "agents:", ""]
    lines += [
      "  coordinator:",
      "    description: Dispatches the workflow's tasks in parallel and tracks the run in .orchestrator/",
      "    mode: primary", "    model: deep", "    temperature: 0.2", "    permission:",
      "      edit: { \"*\": deny, \".orchestrator/*\": allow }",
      "      bash: { \"*\": deny, \"git status*\": allow, \"git diff*\": allow }", "      task: allow", "",
    ]
    for (number, role) in roles.enumerated() {
      lines += [
        "  \(role):", "    description: Does the \(role) part of a change, inside its write scope",
        "    model: \(["deep", "balanced", "fast"][number % 3])", "    temperature: 0.\(number % 4 + 1)",
        "    color: \"#4f9dd\(number)\"", "    permission:", "      edit: { \"*\": allow, \".git/*\": deny }",
        "      bash: { \"*\": ask, \"git diff*\": allow, \"git status*\": allow, \"make test*\": allow }",
        "      task: deny", "",
      ]
    }
    return lines.joined(separator: "\n") + "\n"
  }

  static func workflow(_ count: Int, _ random: inout PlanTestRandom) -> String {
    var lines = [
      "# Workflow wf-001 (synthetic benchmark project)", "description: Synthetic workflow wf-001 with \(count) tasks",
      "coordinator: coordinator", "max_concurrent: 8", "merge: concatenate", "", "tasks:",
    ]
    let estimates = ["15m", "30m", "45m", "1h", "2h"]
    for index in 0..<count {
      let id = "t" + String(100_000 + index).dropFirst()
      lines.append("  \(id):")
      lines.append("    agent: \(roles[Int.random(in: 0..<roles.count, using: &random)])")
      lines.append("    description: Carry out step \(id) of wf-001 and report what changed")
      if index > 0 {
        let needs = Set((0..<3).map { _ in Int.random(in: max(0, index - 4)..<index, using: &random) }).sorted()
        lines.append("    needs: [" + needs.map { "t" + String(100_000 + $0).dropFirst() }.joined(separator: ", ") + "]")
      }
      if index % 5 == 1 { lines.append("    produces: [\(id)-notes.md]") }
      var writes: [String] = []
      if Int.random(in: 0..<10, using: &random) < 3 {
        writes = ["services/svc-\(index % 10)/\(id)/**"] + (index % 2 == 0 ? ["docs/\(id)/*.md"] : [])
        lines.append("    writes: [" + writes.map { "\"\($0)\"" }.joined(separator: ", ") + "]")
      }
      lines.append("    estimate: \(estimates[Int.random(in: 0..<estimates.count, using: &random)])")
      if let first = writes.first {
        lines += ["    success:", "      - The change under \(first) is covered by tests"]
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
