import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `orchgen init --targets …`: the tools a new project builds for, validated, and the default
/// when nobody is there to ask (issue 14).
@Suite struct InitTargetsTests {
  static func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("orchgen-init-\(UUID().uuidString)", isDirectory: true).resolvingSymlinksInPath()
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  static func settings(_ root: URL) throws -> String {
    try String(contentsOf: root.appendingPathComponent("config/orchgen.yaml"), encoding: .utf8)
  }

  @Test func targetsFlagIsWrittenAndBuilt() throws {
    let directory = try Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let root = directory.appendingPathComponent("team")
    let created = try OrchgenProcess.run(["init", root.path, "--targets", "claude, agents-md,claude"])
    #expect(created.status == 0, "\(created)")
    let settings = try Self.settings(root)
    #expect(settings.contains("\ntargets: [claude, agents-md]\n"), "\(settings)")
    // Without OpenCode's files, the runners start Claude Code.
    #expect(settings.contains("\nrunner: claude\n"), "\(settings)")

    let build = try OrchgenProcess.run(["build", "--root", root.path])
    #expect(build.status == 0, "\(build)")
    let output = root.appendingPathComponent("output")
    #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("claude/agents/coder.md").path))
    #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("AGENTS.md").path))
    #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("opencode").path))
  }

  @Test(arguments: [
    ("opencode,claud", "Error: --targets: unknown target 'claud'; did you mean 'claude'? (the targets are opencode, claude, agents-md, github-actions)\n"),
    ("agents.md", "Error: --targets: unknown target 'agents.md'; did you mean 'agents-md'? (the targets are opencode, claude, agents-md, github-actions)\n"),
    ("opencode,", "Error: --targets: an empty target in 'opencode,'; the targets are opencode, claude, agents-md, github-actions\n"),
  ])
  func badTargetIsAUsageErrorThatWritesNothing(value: String, message: String) throws {
    let directory = try Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let result = try OrchgenProcess.run(["init", "--targets", value], in: directory)
    #expect(result.status == 64, "\(result)")
    #expect(result.stderr.hasPrefix(message), "\(result)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
  }

  /// The test process gives the child /dev/null as standard input: no terminal, no question.
  @Test func withoutATerminalTheDefaultIsWrittenWithoutAsking() throws {
    let directory = try Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let result = try OrchgenProcess.run(["init"], in: directory)
    #expect(result.status == 0, "\(result)")
    #expect(!result.stderr.contains("Tools to build for"), "\(result)")
    #expect(result.stderr.contains("(more targets: edit targets: in config/orchgen.yaml)\n"), "\(result)")
    let settings = try Self.settings(directory)
    #expect(settings.contains("\ntargets: [opencode]\n"), "\(settings)")
    #expect(settings.contains("\nrunner: opencode\n"), "\(settings)")
    // The comment says where more targets go and names each of them.
    #expect(settings.contains("# The tools `orchgen build` writes for. Add a target to this list to generate its files:\n"))
    for name in ["opencode", "claude", "agents-md"] { #expect(settings.contains("#   \(name) "), "\(name)") }
  }

  /// Standard input on a (pseudo-)terminal: init asks, says what is wrong with a bad answer and
  /// asks again.
  @Test func onATerminalInitAsksUntilTheAnswerIsValid() throws {
    let directory = try Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    guard let terminal = PseudoTerminal() else { throw PseudoTerminalUnavailable() }
    let process = Process()
    process.executableURL = try #require(OrchgenProcess.executable as URL?, "no orchgen binary next to the test bundle")
    process.arguments = ["init"]
    process.currentDirectoryURL = directory
    process.environment = ProcessInfo.processInfo.environment.merging(["NO_COLOR": "1"]) { _, new in new }
    let errors = directory.appendingPathComponent("stderr.txt")
    _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
    let errorHandle = try FileHandle(forWritingTo: errors)
    process.standardInput = terminal.child
    process.standardOutput = FileHandle.nullDevice
    process.standardError = errorHandle
    try process.run()
    try terminal.child.close()
    let answers = Array("claud\nclaude, agents-md\n".utf8)
    #expect(answers.withUnsafeBytes { write(terminal.parent, $0.baseAddress, $0.count) } == answers.count)
    _ = terminal.readAll()
    process.waitUntilExit()
    try errorHandle.close()
    let stderr = try String(contentsOf: errors, encoding: .utf8)
    try FileManager.default.removeItem(at: errors)

    #expect(process.terminationStatus == 0, "\(stderr)")
    let question = "Tools to build for, comma-separated (opencode, claude, agents-md, github-actions) [opencode]: "
    #expect(stderr.hasPrefix(question + "unknown target 'claud'; did you mean 'claude'? "), "\(stderr)")
    #expect(stderr.components(separatedBy: question).count == 3, "\(stderr)")
    #expect(try Self.settings(directory).contains("\ntargets: [claude, agents-md]\n"))
  }
}
