import Foundation
import Testing

/// `build --output DIR` with DIR outside the project: generated files name the output directory
/// relative to the project root (`../out`), never by an absolute path of this machine (issue 14).
@Suite struct OutputOutsideProjectTests {
  @Test(arguments: [true, false])
  func generatedFilesHoldNoAbsolutePath(absoluteOption: Bool) throws {
    let parent = FileManager.default.temporaryDirectory
      .appendingPathComponent("orchgen-out-\(UUID().uuidString)", isDirectory: true).resolvingSymlinksInPath()
    try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: parent) }
    let root = parent.appendingPathComponent("project")
    let output = parent.appendingPathComponent("agents-out")

    let created = try OrchgenProcess.run(["init", root.path, "--targets", "opencode,claude,agents-md"])
    #expect(created.status == 0, "\(created)")
    // Relative to the directory the command runs in, as a user types it.
    let option = absoluteOption ? output.path : "../agents-out"
    let build = try OrchgenProcess.run(["build", "--output", option], in: root)
    #expect(build.status == 0, "\(build)")
    #expect(build.stderr.contains("OPENCODE_CONFIG_DIR=../agents-out/opencode opencode"), "\(build)")
    #expect(build.stderr.contains("(run these from the project root)"), "\(build)")

    let files = try #require(FileManager.default.subpaths(atPath: output.path)).filter { path in
      var isDirectory: ObjCBool = false
      let exists = FileManager.default.fileExists(atPath: output.appendingPathComponent(path).path, isDirectory: &isDirectory)
      return exists && !isDirectory.boolValue && !path.hasPrefix(".orchgen-build-record")
    }
    #expect(files.contains("workflows/feature/coordinator.md"))
    var namesOutput = 0
    for path in files {
      let text = try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8)
      #expect(!text.contains(parent.path), "\(path) holds the absolute path \(parent.path)")
      #expect(!text.contains(root.path), "\(path) holds the project's absolute path")
      if text.contains("../agents-out/") { namesOutput += 1 }
    }
    // The coordinator prompts and the runners name the task files through the relative path.
    let coordinator = try String(contentsOf: output.appendingPathComponent("workflows/feature/coordinator.md"), encoding: .utf8)
    #expect(coordinator.contains("../agents-out/workflows/feature/agent_tasks/"), "\(coordinator)")
    #expect(namesOutput >= 3)
    // The project itself was not written to.
    #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("output").path))
  }
}
