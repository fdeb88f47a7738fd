import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The real Claude Code CLI, for end-to-end tests against a scripted fake of the Messages API
/// (`FakeMessagesAPI`). `scripts/install-claude-cli.sh` installs the pinned version at
/// `.build/claude-cli/claude`; `ORCHGEN_CLAUDE_CLI` points elsewhere.
///
/// Tests that need it carry `.requiresClaudeCLI` and start with
/// `guard ClaudeCLI.require() != nil else { return }`: without the CLI they are skipped locally,
/// and fail when `CI` (or `ORCHGEN_CLAUDE_CLI`) is set, so CI cannot pass by silently skipping.
enum ClaudeCLI {
  /// The version `scripts/install-claude-cli.sh` installs (claude-agent-sdk 0.2.189).
  static let pinnedVersion = "2.1.332"

  /// The package root: this file is `<root>/Tests/OrchgenCLITests/Support/ClaudeHarness.swift`.
  static let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// `scripts/fake-messages-api.py` in this package.
  static let fakeServerScript = packageRoot.appendingPathComponent("scripts/fake-messages-api.py")

  /// Where the CLI is looked for: `ORCHGEN_CLAUDE_CLI`, else `<root>/.build/claude-cli/claude`.
  static let expectedPath: String = {
    if let path = ProcessInfo.processInfo.environment["ORCHGEN_CLAUDE_CLI"], !path.isEmpty { return path }
    return packageRoot.appendingPathComponent(".build/claude-cli/claude").path
  }()

  /// The CLI, when it is there and executable.
  static let executable: URL? = FileManager.default.isExecutableFile(atPath: expectedPath)
    ? URL(fileURLWithPath: expectedPath) : nil

  static var isAvailable: Bool { executable != nil }

  /// A missing CLI is a failure, not a skip: on CI (`CI` set), or when `ORCHGEN_CLAUDE_CLI`
  /// names a CLI explicitly.
  static var mustNotSkip: Bool {
    let environment = ProcessInfo.processInfo.environment
    return !(environment["CI"] ?? "").isEmpty || !(environment["ORCHGEN_CLAUDE_CLI"] ?? "").isEmpty
  }

  static let missingMessage =
    "no Claude Code CLI at \(expectedPath): run scripts/install-claude-cli.sh or set ORCHGEN_CLAUDE_CLI"

  /// The CLI; when it is missing, nil, and an issue recorded if it must not be skipped.
  static func require(sourceLocation: SourceLocation = #_sourceLocation) -> URL? {
    if let executable { return executable }
    if mustNotSkip { Issue.record(Comment(rawValue: missingMessage), sourceLocation: sourceLocation) }
    return nil
  }

  /// `claude --version`'s first line, e.g. `2.1.332 (Claude Code)`.
  /// Output goes to a file, not a pipe: a process another test spawns meanwhile can inherit
  /// the pipe's write end and hold the read open until it exits.
  static func version() -> String? {
    guard let executable else { return nil }
    let output = FileManager.default.temporaryDirectory.appendingPathComponent("orchgen-claude-version-\(UUID().uuidString)")
    guard FileManager.default.createFile(atPath: output.path, contents: nil),
      let handle = try? FileHandle(forWritingTo: output)
    else { return nil }
    defer {
      try? handle.close()
      try? FileManager.default.removeItem(at: output)
    }
    let process = Process()
    process.executableURL = executable
    process.arguments = ["--version"]
    process.standardOutput = handle
    process.standardError = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    guard (try? runWithDefaultSignalMask(process)) != nil else { return nil }
    process.waitUntilExit()
    let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
    return text.split(separator: "\n").first.map(String.init)
  }

  /// `process.run()` with the calling thread's signal mask emptied for the spawn. A child
  /// inherits the mask of the thread that spawns it, and Swift Testing's worker threads block
  /// SIGTERM, SIGINT, SIGHUP and most others: without this, `terminate()` would not reach the
  /// fake server and the CLI and its shells would start with those signals blocked.
  static func runWithDefaultSignalMask(_ process: Process) throws {
    var empty = sigset_t()
    var saved = sigset_t()
    sigemptyset(&empty)
    pthread_sigmask(SIG_SETMASK, &empty, &saved)
    defer { pthread_sigmask(SIG_SETMASK, &saved, nil) }
    try process.run()
  }

  /// `git init` in `directory` (Claude Code treats a git repository as the project root).
  static func gitInit(_ directory: URL) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git", "init", "--quiet", directory.path]
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    try #require(process.terminationStatus == 0, "git init \(directory.path) failed")
  }
}

extension Trait where Self == ConditionTrait {
  /// Runs the test when the Claude Code CLI is installed, or when a missing one must fail it
  /// (see `ClaudeCLI.mustNotSkip`); the test then calls `ClaudeCLI.require()`.
  static var requiresClaudeCLI: Self {
    .enabled(if: ClaudeCLI.isAvailable || ClaudeCLI.mustNotSkip, Comment(rawValue: ClaudeCLI.missingMessage))
  }
}

/// What one `claude` run left behind.
struct ClaudeRun: CustomStringConvertible {
  var status: Int32
  var stdout: String
  var stderr: String
  /// Killed after the timeout (`status` is then 128 + SIGKILL).
  var timedOut: Bool
  var duration: TimeInterval
  /// The run's `HOME` (sessions land in `home/.claude/projects/`); removed by `stop()`.
  var home: URL

  var description: String {
    "exit \(status)\(timedOut ? " (timed out)" : "") after \(String(format: "%.2f", duration)) s\n--- stdout\n\(stdout)--- stderr\n\(stderr)"
  }

  /// stdout's lines that are JSON objects (`--output-format stream-json` or `json`).
  var messages: [[String: Any]] {
    stdout.split(separator: "\n").compactMap {
      (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
    }
  }

  /// stream-json's first message: `{"type": "system", "subtype": "init", ...}`.
  var initMessage: [String: Any]? {
    messages.first { $0["type"] as? String == "system" && $0["subtype"] as? String == "init" }
  }

  /// The closing `{"type": "result", ...}` message.
  var resultMessage: [String: Any]? { messages.last { $0["type"] as? String == "result" } }
}
