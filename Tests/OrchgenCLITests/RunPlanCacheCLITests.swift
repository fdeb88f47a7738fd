import Foundation
import Testing

/// The run commands' plan cache on the real binary: `next` stores the checked plan under
/// `output/.orchgen-run-plans/`, later calls use it while `config/` and `content/` (and every
/// file the load read) are unchanged, and check the project in full again as soon as one of
/// them changes. `check` and `build` see the cache as orchgen's local state, not as drift.
@Suite struct RunPlanCacheCLITests {
  static let files: [String: String] = [
    "config/agents.yaml": """
      agents:
        coordinator: { description: Runs the workflow, mode: primary }
        worker: { description: Does one piece }

      """,
    "content/instructions/coordinator.md": "# Coordinator\n",
    "content/instructions/worker.md": "# Worker\n\nRead [the guide](../../docs/guide.md) first.\n",
    "docs/guide.md": "# Guide\n",
    "config/workflows/pair.yaml": "description: Two steps\ntasks:\n  a: { agent: worker }\n  b: { agent: worker, needs: [a] }\n",
  ]

  @Test func theCacheIsUsedOnlyWhileItsInputsHold() throws {
    let project = try TemporaryProject(Self.files)
    defer { project.remove() }
    func orchgen(_ arguments: [String]) throws -> OrchgenProcess.Result {
      try OrchgenProcess.run(arguments + ["--root", project.root.path])
    }
    try #require(try orchgen(["build"]).status == 0)
    let cache = project.root.appendingPathComponent("output/.orchgen-run-plans/pair")
    #expect(!FileManager.default.fileExists(atPath: cache.path))

    let first = try orchgen(["next", "pair", "--format", "lines"])
    #expect(first.status == 0 && first.stdout.hasPrefix("start\ta\t"), "\(first)")
    let stored = try String(contentsOf: cache, encoding: .utf8)
    #expect(stored.hasPrefix("orchgen run plan 1\n"))
    #expect(!stored.contains("docs/guide.md"), "the walk outside config/ and content/ is not part of the key")

    // The cache is local state: neither drift for `check` nor a change for `build`.
    #expect(try orchgen(["check"]).status == 0)
    let rebuild = try orchgen(["build"])
    #expect(rebuild.status == 0 && rebuild.stderr.contains("up to date"), "\(rebuild)")
    let ignore = try String(contentsOf: project.root.appendingPathComponent("output/.gitignore"), encoding: .utf8)
    #expect(ignore.contains("/.orchgen-run-plans/\n"))

    // A file the run's agents remove outside config/ and content/ breaks a link in the
    // instructions: a full check reports it, the cached plan keeps the run going.
    try FileManager.default.removeItem(at: project.root.appendingPathComponent("docs/guide.md"))
    let check = try orchgen(["check", "--no-drift"])
    #expect(check.status == 1 && (check.stdout + check.stderr).contains("[broken-link]"), "\(check)")
    let result = project.root.appendingPathComponent("a.md")
    try Data("Status: completed\n".utf8).write(to: result)
    let done = try orchgen(["done", "pair", "a", "--result", result.path])
    #expect(done.status == 0, "\(done)")

    // An edit under content/ makes the cache stale: the full check runs and stops the call.
    try project.write("content/instructions/worker.md", "# Worker\n\nRead [the guide](../../docs/guide.md) now.\n")
    let stale = try orchgen(["next", "pair", "--format", "lines"])
    #expect(stale.status == 1 && stale.stderr.contains("[broken-link]"), "\(stale)")

    // Fixed, the call goes on and stores a new cache.
    try project.write("content/instructions/worker.md", "# Worker\n")
    let next = try orchgen(["next", "pair", "--format", "lines"])
    #expect(next.status == 0 && next.stdout.hasPrefix("start\tb\t"), "\(next)")
    #expect(try String(contentsOf: cache, encoding: .utf8) != stored)
  }

  /// Without an output folder (no build yet), the run commands work and create nothing in it.
  @Test func noOutputFolderNoCache() throws {
    let project = try TemporaryProject(Self.files)
    defer { project.remove() }
    let next = try OrchgenProcess.run(["next", "pair", "--format", "lines", "--root", project.root.path])
    #expect(next.status == 0 && next.stdout.hasPrefix("start\ta\t"), "\(next)")
    #expect(!FileManager.default.fileExists(atPath: project.root.appendingPathComponent("output").path))
  }
}
