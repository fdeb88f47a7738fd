import Foundation
import Testing

@testable import OrchgenKit

/// The plans of the repository's own workflows (every system in the seeds), as `orchgen plan`
/// prints them, compared with goldens under `Fixtures/plans/repo/`.
@Suite struct RepoWorkflowPlanTests {
  static let repositoryRoot = Fixtures.directory
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  static let goldens = Fixtures.directory.appendingPathComponent("plans/repo")

  static let compilation = Compiler.check(root: repositoryRoot)

  static var workflows: [String] { compilation.graphs.map(\.name) }

  @Test func repositoryChecksClean() {
    #expect(Self.compilation.diagnostics.isEmpty, "\(Self.compilation.diagnostics.map(\.message))")
    #expect(Self.workflows.count >= 10)
  }

  @Test(arguments: workflows)
  func planMatchesGolden(_ name: String) throws {
    let graph = try #require(Self.compilation.graph(named: name))
    let plan = Planner.plan(graph)
    let text = PlanTextRenderer.render(plan)
    if let failure = Fixtures.compare(text, golden: Self.goldens.appendingPathComponent("\(name).txt")) {
      Issue.record(Comment(rawValue: failure))
    }
    let json = PlanJSONRenderer.render(plan)
    if let failure = Fixtures.compare(json, golden: Self.goldens.appendingPathComponent("\(name).json")) {
      Issue.record(Comment(rawValue: failure))
    }
  }

  /// Seed 000's story: three parallel coders and testers make 15 hours of work take 9; the
  /// integrity fixer's round is planned at its worst case, with the re-check of integrity it
  /// triggers, which adds an hour to both.
  @Test func seedParallelFlowShowsParallelVersusSequential() throws {
    let graph = try #require(Self.compilation.graph(named: "parallel-feature"))
    let text = PlanTextRenderer.render(Planner.plan(graph))
    #expect(text.contains("Total: 10h (vs 16h sequential"))
    #expect(text.contains("integrity → integrity-fix\n"))
    #expect(text.contains("Fix loop: integrity-fix → integrity planned at its worst case"))
  }
}
