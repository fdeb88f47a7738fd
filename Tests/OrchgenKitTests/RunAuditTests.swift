import Foundation
import Testing

@testable import OrchgenKit

/// `orchgen audit`'s findings on run states no `orchgen next`/`done` would produce: a task started
/// before its need finished, failures past `retries`, fix rounds past `max_rounds`, another agent.
@Suite struct RunAuditTests {
  static let project = """
    === config/agents.yaml
    agents:
      coordinator: { description: Drives the workflow, mode: primary }
      coder: { description: Writes code }
      tester: { description: Runs the tests }
      fixer: { description: Fixes the tests }
    === content/instructions/coordinator.md
    # Coordinator
    === content/instructions/coder.md
    # Coder
    === content/instructions/tester.md
    # Tester
    === content/instructions/fixer.md
    # Fixer
    === config/workflows/feature.yaml
    description: A feature
    tasks:
      code: { agent: coder, writes: ["src/**"], retries: 1 }
      tests: { agent: tester, needs: [code], fix: { agent: fixer, max_rounds: 1 } }

    """

  @Test func runsThatBrokeTheWorkflowsRulesAreReportedExactly() throws {
    let root = try FixtureProject(parsing: Self.project).materialize()
    defer { try? FileManager.default.removeItem(at: root) }
    let compilation = Compiler.check(root: root)
    #expect(!compilation.diagnostics.hasErrors, "\(compilation.diagnostics)")
    let graph = try #require(compilation.graph(named: "feature"))
    let plan = RunPlan(graph: graph, plan: Planner.plan(graph))
    var state = RunState(plan: plan, request: "", now: "2026-01-01T10:00:00Z", baseCommit: nil)
    state.tasks["code"]!.status = .completed
    state.tasks["code"]!.attempts = 3
    state.tasks["code"]!.failures = 3
    state.tasks["code"]!.startedAt = "2026-01-01T10:00:00Z"
    state.tasks["code"]!.finishedAt = "2026-01-01T10:30:00Z"
    state.tasks["tests"]!.status = .completed
    state.tasks["tests"]!.attempts = 1
    state.tasks["tests"]!.agent = "coder"
    state.tasks["tests"]!.startedAt = "2026-01-01T10:10:00Z"
    state.tasks["tests"]!.finishedAt = "2026-01-01T10:40:00Z"
    state.tasks["tests-fix"]!.status = .completed
    state.tasks["tests-fix"]!.attempts = 2
    state.tasks["tests-fix"]!.fixRounds = 2
    state.tasks["tests-fix"]!.startedAt = "2026-01-01T10:45:00Z"
    state.tasks["tests-fix"]!.finishedAt = "2026-01-01T10:50:00Z"
    let findings = RunAudit.findings(state, plan: plan, changed: ["src/a.swift", ".orchestrator/checkpoint.json"], stateFolder: ".orchestrator")
    let report = TextReporter(useColor: false).report(findings, sources: compilation.project.sources)
    #expect(report == """
      config/workflows/feature.yaml:3:3: error: task 'code' failed 3 times; retries is 1 [audit-bounds]
        |
      3 |   code: { agent: coder, writes: ["src/**"], retries: 1 }
        |   ^~~~
        = help: drive the run with orchgen next and orchgen done, which stop at the bounds
      config/workflows/feature.yaml:4:3: error: task 'tests' ran as agent 'coder' instead of 'tester' [audit-agent]
        |
      4 |   tests: { agent: tester, needs: [code], fix: { agent: fixer, max_rounds: 1 } }
        |   ^~~~~
        = help: start each task with the agent orchgen next prints
      config/workflows/feature.yaml:4:3: error: task 'tests' started at 2026-01-01T10:10:00Z, before 'code', which it needs, finished at 2026-01-01T10:30:00Z [audit-order]
        |
      4 |   tests: { agent: tester, needs: [code], fix: { agent: fixer, max_rounds: 1 } }
        |   ^~~~~
        = help: drive the run with orchgen next and start only what it prints
      config/workflows/feature.yaml:4:47: error: task 'tests-fix' ran 2 fix rounds; max_rounds is 1 [audit-bounds]
        |
      4 |   tests: { agent: tester, needs: [code], fix: { agent: fixer, max_rounds: 1 } }
        |                                               ^
        = help: drive the run with orchgen next and orchgen done, which stop at the bounds
      4 errors

      """, "\(report)")
  }
}
