import Foundation
import Testing

/// `orchgen build` and its drift check, run as the built binary on the golden-test fixture
/// project (`Tests/OrchgenKitTests/Fixtures/build/feature.txt`): ownership of hand-written
/// files, removal of files no longer generated, no-op rebuilds, determinism and `check`.
@Suite struct BuildCommandTests {
  // MARK: Ownership

  @Test func handWrittenFileAtAGeneratedPathSurvivesAndBlocksTheWholeBuild() throws {
    let project = try BuildProject()
    defer { project.remove() }
    let mine = "my own coder agent\n"
    try project.write("output/opencode/agents/coder.md", mine)

    let refused = try project.orchgen("build")
    #expect(refused.status == 1, "\(refused)")
    #expect(refused.stderr.contains("output/opencode/agents/coder.md"), "\(refused)")
    #expect(refused.stderr.contains("output-not-owned"), "\(refused)")
    #expect(refused.stderr.contains("--force"), "the report should name the way out: \(refused)")
    #expect(try project.read("output/opencode/agents/coder.md") == mine)
    #expect(try project.files(under: "output") == ["opencode/agents/coder.md"], "nothing else may be written")

    let forced = try project.orchgen("build", "--force")
    #expect(forced.status == 0, "\(forced)")
    let taken = try project.read("output/opencode/agents/coder.md")
    #expect(taken != mine && taken.hasPrefix("---\ndescription: "))
    #expect(try project.read("output/.orchgen-manifest.json").contains("\"opencode/agents/coder.md\": "))
    let check = try project.orchgen("check")
    #expect(check.status == 0, "\(check)")
  }

  @Test func handWrittenFileAtAPathBuildDoesNotGenerateIsNeverTouched() throws {
    let project = try BuildProject()
    defer { project.remove() }
    let notes = "# Notes\n\nkept by hand\n"
    let agent = "---\ndescription: mine\n---\n"
    try project.write("output/NOTES.md", notes)
    try project.write("output/opencode/agents/custom.md", agent)
    try project.write("output/workflows/feature/agent_tasks/agent-99.md", notes)
    let paths = ["output/NOTES.md", "output/opencode/agents/custom.md", "output/workflows/feature/agent_tasks/agent-99.md"]
    let before = try paths.map(project.fileIdentity)

    for arguments in [["build"], ["build"], ["build", "--force"]] {
      let result = try project.orchgen(arguments)
      #expect(result.status == 0, "\(arguments): \(result)")
    }
    // A build that removes files (a task dropped) must not take hand-written files with it.
    try project.removeTestsTask()
    let shrunk = try project.orchgen("build")
    #expect(shrunk.status == 0, "\(shrunk)")

    #expect(try project.read("output/NOTES.md") == notes)
    #expect(try project.read("output/opencode/agents/custom.md") == agent)
    #expect(try project.read("output/workflows/feature/agent_tasks/agent-99.md") == notes)
    #expect(try paths.map(project.fileIdentity) == before, "hand-written files were rewritten")
    #expect(try !project.read("output/.orchgen-manifest.json").contains("NOTES.md"))
    // check ignores files it does not own.
    let check = try project.orchgen("check")
    #expect(check.status == 0, "\(check)")
  }

  // MARK: Removal, no-op, determinism

  @Test func removingATaskRemovesItsTaskFileOnTheNextBuild() throws {
    let project = try BuildProject()
    defer { project.remove() }
    let first = try project.orchgen("build")
    #expect(first.status == 0, "\(first)")
    let tasks = "output/workflows/feature/agent_tasks"
    #expect(try project.files(under: tasks) == (1...8).map { String(format: "agent-%02d.md", $0) })

    // Dropping `tests` drops its generated fix task too: agent-07 and agent-08.
    try project.removeTestsTask()
    let second = try project.orchgen("build")
    #expect(second.status == 0, "\(second)")
    #expect(second.stderr.contains("removed 2"), "\(second)")
    #expect(try project.files(under: tasks) == (1...6).map { String(format: "agent-%02d.md", $0) })
    let manifest = try project.read("output/.orchgen-manifest.json")
    #expect(!manifest.contains("agent-07.md") && !manifest.contains("agent-08.md"))
    #expect(try !project.read("output/workflows/feature/master_plan.md").contains("tests-fix"))
    let check = try project.orchgen("check")
    #expect(check.status == 0, "\(check)")
  }

  @Test func noOpRebuildWritesNothing() throws {
    let project = try BuildProject()
    defer { project.remove() }
    let first = try project.orchgen("build")
    #expect(first.status == 0, "\(first)")
    let files = try project.files(under: "output")
    #expect(files.count == 25, "\(files)")  // 22 files, the two runners and .gitignore
    let before = try files.map { try project.fileIdentity("output/\($0)") }
    Thread.sleep(forTimeInterval: 0.05)

    let second = try project.orchgen("build")
    #expect(second.status == 0, "\(second)")
    #expect(second.stderr.contains("up to date"), "\(second)")
    #expect(second.stderr.contains("nothing written"), "\(second)")
    #expect(try project.files(under: "output") == files)
    let after = try files.map { try project.fileIdentity("output/\($0)") }
    for (path, (old, new)) in zip(files, zip(before, after)) {
      #expect(old == new, "\(path) was touched by a no-op build")
    }
  }

  @Test func buildsFromDifferentlyOrderedCopiesAreByteIdentical() throws {
    // Same files, created in opposite orders, built from different working directories with
    // different locales and time zones, one with an absolute and one with a relative --root.
    let forward = try BuildProject(reversed: false)
    let backward = try BuildProject(reversed: true)
    let elsewhere = try BuildProject.temporaryDirectory("orchgen-cwd")
    defer {
      forward.remove()
      backward.remove()
      try? FileManager.default.removeItem(at: elsewhere)
    }
    let a = try forward.orchgen(
      ["build", "--root", forward.root.path], in: elsewhere,
      environment: ["LANG": "C", "LC_ALL": "C", "TZ": "UTC"])
    let b = try backward.orchgen(
      ["build", "--root", "."], in: backward.root,
      environment: ["LANG": "de_DE.UTF-8", "LC_ALL": "de_DE.UTF-8", "TZ": "Pacific/Chatham"])
    #expect(a.status == 0, "\(a)")
    #expect(b.status == 0, "\(b)")
    let left = try forward.files(under: "output")
    let right = try backward.files(under: "output")
    #expect(left == right)
    #expect(left.count == 25)
    for path in left {
      let x = try Data(contentsOf: forward.url("output/\(path)"))
      let y = try Data(contentsOf: backward.url("output/\(path)"))
      #expect(x == y, "\(path) differs between the two builds")
    }
  }

  // MARK: Drift

  @Test func checkFailsOnAStaleOutputAndPassesAfterBuild() throws {
    let project = try BuildProject()
    defer { project.remove() }
    let never = try project.orchgen("check")
    #expect(never.status == 1, "\(never)")
    #expect(never.stderr.contains("output-missing"), "\(never)")
    try project.buildAndExpectCleanCheck()

    // A generated file edited by hand.
    let taskFile = "output/workflows/feature/agent_tasks/agent-01.md"
    try project.write(taskFile, try project.read(taskFile) + "\nOne more line by hand.\n")
    try project.expectCheckFails(rule: "output-stale", naming: taskFile)
    try project.buildAndExpectCleanCheck()

    // An instruction changed without rebuilding.
    let instructions = "content/instructions/coder.md"
    try project.write(instructions, try project.read(instructions) + "\nPrefer small commits.\n")
    try project.expectCheckFails(rule: "output-stale", naming: "output/opencode/agents/coder.md")
    try project.buildAndExpectCleanCheck()
    #expect(try project.read("output/opencode/agents/coder.md").contains("Prefer small commits."))

    // A file the manifest lists that the project no longer generates.
    try project.removeTestsTask()
    try project.expectCheckFails(rule: "output-orphaned", naming: "output/workflows/feature/agent_tasks/agent-08.md")
    try project.buildAndExpectCleanCheck()

    // A generated file deleted.
    try FileManager.default.removeItem(at: project.url("output/workflows/feature/plan.json"))
    try project.expectCheckFails(rule: "output-missing", naming: "output/workflows/feature/plan.json")
    try project.buildAndExpectCleanCheck()

    // --no-drift skips the comparison.
    try FileManager.default.removeItem(at: project.url("output/workflows/feature/plan.json"))
    let skipped = try project.orchgen("check", "--no-drift")
    #expect(skipped.status == 0, "\(skipped)")
  }

  // MARK: Refusals

  @Test func buildWithAnErrorCreatesNoOutputDirectory() throws {
    let project = try BuildProject()
    defer { project.remove() }
    let workflow = "config/workflows/feature.yaml"
    try project.write(workflow, try project.read(workflow).replacingOccurrences(of: "agent: tester", with: "agent: tster"))
    let result = try project.orchgen("build")
    #expect(result.status == 1, "\(result)")
    #expect(result.stderr.contains("unknown-agent"), "\(result)")
    #expect(result.stderr.contains("nothing was written"), "\(result)")
    #expect(!FileManager.default.fileExists(atPath: project.url("output").path))
  }

  @Test func outputThatIsARegularFileIsRefusedClearly() throws {
    let project = try BuildProject()
    defer { project.remove() }
    try project.write("output", "not a directory\n")
    let result = try project.orchgen("build")
    #expect(result.status == 1, "\(result)")
    #expect(result.stderr.contains("is a file, not a directory"), "\(result)")
    #expect(result.stderr.contains("nothing was written"), "\(result)")
    #expect(try project.read("output") == "not a directory\n")
    let check = try project.orchgen("check")
    #expect(check.status == 1, "\(check)")
    #expect(check.stderr.contains("is a file, not a directory"), "\(check)")
  }
}

// MARK: - Support

/// The fixture project on disk, and the `orchgen` binary run on it (via `OrchgenProcess`).
struct BuildProject {
  static let fixture = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("OrchgenKitTests/Fixtures/build/feature.txt")

  let root: URL

  /// Writes the fixture's files under a fresh directory, in fixture order or reversed.
  init(reversed: Bool = false) throws {
    root = try Self.temporaryDirectory("orchgen-build")
    var files = try Self.parse(String(contentsOf: Self.fixture, encoding: .utf8))
    if reversed { files.reverse() }
    for (path, text) in files { try write(path, text) }
  }

  static func temporaryDirectory(_ prefix: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url.resolvingSymlinksInPath()
  }

  /// The one-file project format of `FixtureProject`: `=== path` starts each file; trailing
  /// blank lines belong to the separator.
  static func parse(_ text: String) -> [(String, String)] {
    var files: [(String, String)] = []
    var current: String?
    var lines: [Substring] = []
    func flush() {
      guard let current else { return }
      var body = lines.joined(separator: "\n") + (lines.isEmpty ? "" : "\n")
      while body.hasSuffix("\n\n") { body.removeLast() }
      files.append((current, body))
    }
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasPrefix("=== ") {
        flush()
        current = line.dropFirst(4).trimmingCharacters(in: .whitespaces)
        lines = []
      } else if current != nil {
        lines.append(line)
      }
    }
    flush()
    return files
  }

  func remove() { try? FileManager.default.removeItem(at: root) }

  func url(_ path: String) -> URL { root.appendingPathComponent(path) }

  func write(_ path: String, _ text: String) throws {
    try FileManager.default.createDirectory(at: url(path).deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url(path))
  }

  func read(_ path: String) throws -> String { try String(contentsOf: url(path), encoding: .utf8) }

  /// Regular files below `path`, relative to it, sorted; the build record (machine-local state
  /// with file stamps, see `BuildRecordTests`) is left out.
  func files(under path: String) throws -> [String] {
    let base = url(path).path
    var result: [String] = []
    for entry in try FileManager.default.subpathsOfDirectory(atPath: base) where entry != ".orchgen-build-record" {
      let attributes = try FileManager.default.attributesOfItem(atPath: base + "/" + entry)
      if attributes[.type] as? FileAttributeType == .typeRegular { result.append(entry) }
    }
    return result.sorted()
  }

  /// What a rewrite would change: inode, modification time and size.
  func fileIdentity(_ path: String) throws -> FileIdentity {
    let attributes = try FileManager.default.attributesOfItem(atPath: url(path).path)
    return FileIdentity(
      inode: (attributes[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0,
      modified: (attributes[.modificationDate] as? Date) ?? .distantPast,
      size: (attributes[.size] as? NSNumber)?.uint64Value ?? 0)
  }

  /// Drops the `tests` task (the last one, whose fix loop adds `tests-fix`) from the workflow.
  func removeTestsTask() throws {
    let path = "config/workflows/feature.yaml"
    let text = try read(path)
    let range = try #require(text.range(of: "  tests:\n"), "the fixture's workflow should end with the tests task")
    try write(path, String(text[..<range.lowerBound]))
  }

  func buildAndExpectCleanCheck(sourceLocation: SourceLocation = #_sourceLocation) throws {
    let build = try orchgen("build")
    #expect(build.status == 0, "\(build)", sourceLocation: sourceLocation)
    let check = try orchgen("check")
    #expect(check.status == 0, "\(check)", sourceLocation: sourceLocation)
  }

  func expectCheckFails(rule: String, naming path: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let check = try orchgen("check")
    #expect(check.status == 1, "\(check)", sourceLocation: sourceLocation)
    #expect(check.stderr.contains("[\(rule)]"), "\(check)", sourceLocation: sourceLocation)
    #expect(check.stderr.contains(path), "\(check)", sourceLocation: sourceLocation)
    #expect(check.stderr.contains("orchgen build"), "the fix should be named: \(check)", sourceLocation: sourceLocation)
  }

  func orchgen(_ arguments: String...) throws -> ProcessResult {
    try orchgen(arguments)
  }

  /// Runs the binary with `--root` this project (unless given) from the project root.
  func orchgen(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:]) throws -> ProcessResult {
    let arguments = arguments.contains("--root") ? arguments : arguments + ["--root", root.path]
    return try OrchgenProcess.run(arguments, in: directory ?? root, environment: environment)
  }
}

struct FileIdentity: Equatable {
  var inode: UInt64
  var modified: Date
  var size: UInt64
}

typealias ProcessResult = OrchgenProcess.Result
