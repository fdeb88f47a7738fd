import Foundation
import Testing

/// The run-state folder is never used through a link that leaves the project: with
/// `.orchestrator` (or a folder inside it) a symlink to a folder outside, `orchgen next`, `done`,
/// `status` and `audit` refuse with a clear message, exit 1, and the outside folder stays as it was.
@Suite struct RunStateBoundaryTests {
  static let files: [String: String] = [
    "config/agents.yaml": """
      agents:
        coordinator: { description: Runs the workflow, mode: primary }
        coder: { description: Writes code }

      """,
    "content/instructions/coordinator.md": "# Coordinator\n",
    "content/instructions/coder.md": "# Coder\n",
    "config/workflows/feature.yaml": "description: A feature\ntasks:\n  code: { agent: coder }\n",
    "result.md": "Status: completed\n",
  ]

  @Test(arguments: [".orchestrator", ".orchestrator/results"])
  func aStateFolderLinkedOutsideIsRefused(_ link: String) throws {
    let project = try TemporaryProject(Self.files)
    let outside = try TemporaryProject(["keep.txt": "untouched\n"])
    defer {
      project.remove()
      outside.remove()
    }
    let root = project.root.path
    if link != ".orchestrator" {
      // A run that started inside the project, then a folder of its state replaced by a link.
      #expect(try OrchgenProcess.run(["next", "feature", "--root", root]).status == 0)
      try? FileManager.default.removeItem(at: project.root.appendingPathComponent(link))
    }
    try FileManager.default.createSymbolicLink(
      at: project.root.appendingPathComponent(link), withDestinationURL: outside.root)
    let before = try outside.snapshot()
    let calls = [
      ["next", "feature", "--root", root], ["done", "feature", "code", "--result", project.root.appendingPathComponent("result.md").path, "--root", root],
      ["status", "--root", root], ["audit", "feature", "--base", "HEAD", "--root", root],
    ]
    for arguments in calls where link == ".orchestrator" || arguments[0] == "done" {
      let run = try OrchgenProcess.run(arguments)
      #expect(run.status == 1, "\(arguments[0]): \(run)")
      #expect(run.stderr.contains("never follows a link out of it"), "\(arguments[0]): \(run)")
    }
    #expect(try outside.snapshot() == before, "the folder outside the project changed")
  }
}
