import Foundation
import Testing

@testable import OrchgenKit

/// The README's "Limits" table states the limits the code enforces; this keeps them in step.
@Suite struct LimitsTests {
  static func formatted(_ value: Int) -> String {
    let digits = Array(String(value))
    var out = ""
    for (index, digit) in digits.enumerated() {
      if index > 0, (digits.count - index) % 3 == 0 { out += "," }
      out.append(digit)
    }
    return out
  }

  static let rows: [(String, String)] = [
    ("Size of one input file", "\(FileReader.maxFileSize / 1024 / 1024) MiB"),
    ("Config and content files read in all", "\(ProjectLoader.maxTotalBytes / 1024 / 1024) MiB"),
    ("Workflow files", formatted(ProjectLoader.maxWorkflows)),
    ("Markdown files under `content/`", formatted(ProjectLoader.maxMarkdownFiles)),
    ("Files and folders recorded for link checks", formatted(ProjectLoader.maxKnownPaths)),
    ("YAML nodes in one file, aliases expanded", formatted(YAMLLoader.maxNodes)),
    ("Nesting of YAML collections, aliases expanded", "\(YAMLLoader.maxDepth) levels"),
    ("Indentation", "\(formatted(NestingScanner.maxIndent)) columns"),
    ("Include depth", "\(IncludeGraph.maxDepth) levels"),
    (
      "One agent's instructions, includes resolved",
      "\(IncludeGraph.maxExpandedBytes / 1024 / 1024) MiB or \(formatted(IncludeGraph.maxExpansions)) includes"
    ),
    ("All agents' instructions, each agent counted", "\(InstructionResolver.maxTotalBytes / 1024 / 1024) MiB"),
    ("Tasks in one workflow, fan-out items and gates included", formatted(ProjectLoader.maxTasksPerWorkflow)),
    ("Dependencies in one workflow, stages and fan-in expanded", formatted(ProjectLoader.maxDependenciesPerWorkflow)),
    ("Tasks in all workflows together", formatted(ProjectLoader.maxTasksPerProject)),
    (
      "Task text after expansion (descriptions, criteria, scopes, hand-offs), all workflows",
      "\(ProjectLoader.maxTaskText / 1024 / 1024) MiB"
    ),
    ("Agent checklists repeated into task files, all workflows", "\(OutputBudget.maxRepeatedChecklistBytes / 1024 / 1024) MiB"),
    ("Retries and fix rounds of a task", "\(WorkflowDecoder.maxLoopBound)"),
  ]

  @Test func theReadmeTableMatchesTheCode() throws {
    let text = try String(contentsOf: ReadmeTests.readme, encoding: .utf8)
    for (label, value) in Self.rows {
      #expect(text.contains("| \(label) | \(value) |"), "README.md's Limits table should say '\(label)' is \(value)")
    }
  }

  @Test func estimatesBoundWhatTheExpanderCreates() {
    let text = """
      description: Sizes
      stages:
        - stage: one
          tasks:
            fan: { agent: coder, for_each: [a, b, c], reviewers: [reviewer, tester], fix: { agent: coder, max_rounds: 1 } }
            check: { agent: tester, validate: { agent: reviewer, fix: { agent: coder, max_rounds: 2 } } }
        - stage: two
          tasks:
            join: { agent: coder, needs: [fan, check] }
            other: { agent: tester, reviews: [join], needs: [join] }
      """
    var diagnostics: [Diagnostic] = []
    let file = SourceFile(path: "config/workflows/sizes.yaml", text: text)
    let node = try! #require(YAMLLoader.load(file, into: &diagnostics))
    let workflow = WorkflowDecoder.decode(node, name: "sizes", file: file.path, diagnostics: &diagnostics)
    let graph = WorkflowExpander.expand(workflow, settings: ProjectSettings(), diagnostics: &diagnostics)
    let estimate = WorkflowSize.estimate(workflow)
    #expect(estimate.tasks == graph.tasks.count)
    let edges = graph.tasks.reduce(0) { $0 + $1.needs.count }
    #expect(estimate.dependencies >= edges, "the estimate must be an upper bound: \(estimate) vs \(edges) edges")
  }
}
