import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

struct FakeMessagesAPIError: Error, CustomStringConvertible {
  var description: String
}

/// `scripts/fake-messages-api.py` running on 127.0.0.1 with a rules document (see the script's
/// header for the rules and the log format), in a temporary directory of its own. It exits by
/// itself after `maxSeconds`, should a test die without calling `stop()`.
final class FakeMessagesAPI {
  let directory: URL
  let baseURL: URL
  let port: Int
  private let process: Process
  private var stoppedRequests: [[String: Any]]?
  private var runs = 0

  private let logFile: URL

  /// Starts the server with `rules`, a JSON document (`{"rules": [...], "default": [...]}`).
  init(rules: String = #"{"rules": []}"#, maxSeconds: Int = 600, startTimeout: TimeInterval = 20) throws {
    directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("orchgen-claude-\(UUID().uuidString)", isDirectory: true)
      .resolvingSymlinksInPath()
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    logFile = directory.appendingPathComponent("requests.jsonl")
    let rulesFile = directory.appendingPathComponent("rules.json")
    let portFile = directory.appendingPathComponent("port")
    let errorFile = directory.appendingPathComponent("server.stderr")
    try Data(rules.utf8).write(to: rulesFile)
    _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
    let errorHandle = try FileHandle(forWritingTo: errorFile)
    defer { try? errorHandle.close() }

    process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
      "python3", ClaudeCLI.fakeServerScript.path, "--rules", rulesFile.path, "--log", logFile.path,
      "--port-file", portFile.path, "--max-seconds", String(maxSeconds),
    ]
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = FileHandle.nullDevice
    process.standardError = errorHandle
    do {
      try ClaudeCLI.runWithDefaultSignalMask(process)
    } catch {
      try? FileManager.default.removeItem(at: directory)
      throw error
    }

    let deadline = Date().addingTimeInterval(startTimeout)
    var port: Int?
    while port == nil, process.isRunning, Date() < deadline {
      port = (try? String(contentsOf: portFile, encoding: .utf8))
        .flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
      if port == nil { Thread.sleep(forTimeInterval: 0.02) }
    }
    guard let port, let url = URL(string: "http://127.0.0.1:\(port)") else {
      if process.isRunning { kill(process.processIdentifier, SIGKILL) }
      process.waitUntilExit()
      let stderr = (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
      try? FileManager.default.removeItem(at: directory)
      throw FakeMessagesAPIError(description: "the fake Messages API did not start:\n\(stderr)")
    }
    self.port = port
    baseURL = url
  }

  deinit { stop() }

  /// Every request so far, oldest first, as the server logged it: `method`, `path`, `headers`,
  /// `body` (the parsed JSON body, or NSNull), `rule` (the index of the rule that answered,
  /// NSNull for the default reply), `reply`, ... After `stop()`, the requests up to then.
  func requests() -> [[String: Any]] {
    if let stoppedRequests { return stoppedRequests }
    guard let data = try? Data(contentsOf: logFile) else { return [] }
    return data.split(separator: UInt8(ascii: "\n")).compactMap {
      (try? JSONSerialization.jsonObject(with: Data($0))) as? [String: Any]
    }
  }

  /// The bodies of the `POST /v1/messages` requests (any query string), oldest first.
  func messageRequests() -> [[String: Any]] {
    requests().filter {
      $0["method"] as? String == "POST"
        && ($0["path"] as? String).map { $0 == "/v1/messages" || $0.hasPrefix("/v1/messages?") } == true
    }.compactMap { $0["body"] as? [String: Any] }
  }

  /// A request body's system prompt as one string (the texts of its blocks joined by newlines).
  static func systemText(_ body: [String: Any]) -> String {
    if let text = body["system"] as? String { return text }
    let blocks = body["system"] as? [[String: Any]] ?? []
    return blocks.compactMap { $0["text"] as? String }.joined(separator: "\n")
  }

  /// The server's own error output (tracebacks of requests it failed on).
  func serverErrors() -> String {
    (try? String(contentsOf: directory.appendingPathComponent("server.stderr"), encoding: .utf8)) ?? ""
  }

  /// Stops the server and removes its directory (and the HOMEs of its runs); idempotent.
  func stop() {
    guard stoppedRequests == nil else { return }
    stoppedRequests = requests()
    if process.isRunning {
      process.terminate()
      let deadline = Date().addingTimeInterval(5)
      while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
      if process.isRunning { kill(process.processIdentifier, SIGKILL) }
      process.waitUntilExit()
    }
    try? FileManager.default.removeItem(at: directory)
  }

  /// The environment a `claude` run against this server gets: PATH and the locale variables
  /// of the test's environment and nothing else of it (no developer setting, credential or
  /// `IS_SANDBOX` leaks in), `HOME` and `TMPDIR` as given, and the variables that point the CLI
  /// here and keep it off the network. For processes that start `claude` themselves (make).
  func claudeEnvironment(home: URL, temporary: URL? = nil) -> [String: String] {
    var result: [String: String] = [:]
    let inherited = ProcessInfo.processInfo.environment
    for name in ["PATH", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "USER", "LOGNAME"] { result[name] = inherited[name] }
    result["PATH"] = result["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
    result["HOME"] = home.path
    if let temporary { result["TMPDIR"] = temporary.path }
    result["SHELL"] = "/bin/bash"
    result["ANTHROPIC_BASE_URL"] = baseURL.absoluteString
    result["ANTHROPIC_API_KEY"] = "dummy"
    result["CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC"] = "1"
    result["DISABLE_TELEMETRY"] = "1"
    result["DISABLE_AUTOUPDATER"] = "1"
    return result
  }

  /// Runs the CLI with `arguments` in `cwd` against this server, with a fresh `HOME` and
  /// `TMPDIR` and only a few variables of the test's environment (PATH, locale), so no
  /// developer setting or credential reaches it; `environment` is merged in last. stdin is
  /// `/dev/null` or the file `stdin`. Output goes to files, so a chatty run cannot block; the
  /// CLI (and its process group) is killed after `timeout` seconds.
  func runClaude(
    arguments: [String], cwd: URL, stdin: URL? = nil, environment: [String: String] = [:],
    timeout: TimeInterval = 120
  ) throws -> ClaudeRun {
    let executable = try #require(ClaudeCLI.executable, Comment(rawValue: ClaudeCLI.missingMessage))
    runs += 1
    let scratch = directory.appendingPathComponent("run-\(runs)", isDirectory: true)
    let home = scratch.appendingPathComponent("home", isDirectory: true)
    let temporary = scratch.appendingPathComponent("tmp", isDirectory: true)
    for url in [home, temporary] { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }

    var merged = claudeEnvironment(home: home, temporary: temporary)
    merged.merge(environment) { _, new in new }

    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = cwd
    process.environment = merged
    let out = scratch.appendingPathComponent("stdout")
    let err = scratch.appendingPathComponent("stderr")
    _ = FileManager.default.createFile(atPath: out.path, contents: nil)
    _ = FileManager.default.createFile(atPath: err.path, contents: nil)
    let outHandle = try FileHandle(forWritingTo: out)
    let errHandle = try FileHandle(forWritingTo: err)
    let inHandle = try stdin.map { try FileHandle(forReadingFrom: $0) }
    defer {
      try? outHandle.close()
      try? errHandle.close()
      try? inHandle?.close()
    }
    process.standardInput = inHandle ?? FileHandle.nullDevice
    process.standardOutput = outHandle
    process.standardError = errHandle

    let start = Date()
    try ClaudeCLI.runWithDefaultSignalMask(process)
    let pid = process.processIdentifier
    let deadline = start.addingTimeInterval(timeout)
    while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
    let timedOut = process.isRunning
    if timedOut {
      // The CLI's own group when Process made one, so the shells it started die with it.
      kill(getpgid(pid) == pid ? -pid : pid, SIGKILL)
    }
    process.waitUntilExit()
    let duration = Date().timeIntervalSince(start)
    return ClaudeRun(
      status: process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus,
      stdout: String(decoding: try Data(contentsOf: out), as: UTF8.self),
      stderr: String(decoding: try Data(contentsOf: err), as: UTF8.self),
      timedOut: timedOut, duration: duration, home: home)
  }
}
