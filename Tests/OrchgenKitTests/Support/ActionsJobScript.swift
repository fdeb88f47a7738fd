import Foundation
import Testing

@testable import OrchgenKit

/// The generated `github/orchgen_job.py`, run with python3 exactly as a job runs it: its
/// `outputs` command (a result and a job's env → the step outputs and whether the job
/// succeeds) and its `parse` command (results → what it reads from them). Answers are cached,
/// since the graph tests ask the same few questions thousands of times.
final class ActionsJobScript: @unchecked Sendable {
  let directory: URL
  let script: URL
  private var cache: [String: ([String: String], Bool)] = [:]
  private let lock = NSLock()

  init() throws {
    directory = FileManager.default.temporaryDirectory.appendingPathComponent("orchgen-actions-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    script = directory.appendingPathComponent("orchgen_job.py")
    try Data(GitHubJobScript.text.utf8).write(to: script)
  }

  deinit { try? FileManager.default.removeItem(at: directory) }

  /// One instance for every test, so that its answers are shared.
  static func shared() throws -> ActionsJobScript {
    if let instance = sharedInstance.instance { return instance }
    throw ScriptError(text: "cannot write the job script: \(sharedInstance.error ?? "")")
  }

  private static let sharedInstance: (instance: ActionsJobScript?, error: String?) = {
    do { return (try ActionsJobScript(), nil) } catch { return (nil, "\(error)") }
  }()

  /// python3 is on every machine that builds orchgen's CI (it installs the linters with pip).
  static var pythonAvailable: Bool {
    (try? Self.run(["python3", "--version"], environment: [:]))?.status == 0
  }

  static func run(_ arguments: [String], environment: [String: String], in directory: URL? = nil) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    var variables = ProcessInfo.processInfo.environment
    for (key, value) in environment { variables[key] = value }
    process.environment = variables
    if let directory { process.currentDirectoryURL = directory }
    // Output to a file, not a pipe: a process another test spawns meanwhile could inherit the
    // pipe's write end and hold the read open.
    let log = FileManager.default.temporaryDirectory.appendingPathComponent("orchgen-py-\(UUID().uuidString).out")
    _ = FileManager.default.createFile(atPath: log.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: log) }
    let handle = try FileHandle(forWritingTo: log)
    process.standardOutput = handle
    process.standardError = handle
    try process.run()
    process.waitUntilExit()
    try handle.close()
    return (process.terminationStatus, try String(contentsOf: log, encoding: .utf8))
  }

  /// The step outputs (`name=value` lines) and whether the job succeeds, for a job whose agent
  /// returned `result`.
  func outputs(result: String, decides: String, loop: String, used: String) throws -> (outputs: [String: String], ok: Bool) {
    let key = [result, decides, loop, used].joined(separator: "\u{0}")
    lock.lock()
    let cached = cache[key]
    lock.unlock()
    if let cached { return cached }
    let file = directory.appendingPathComponent("result-\(UUID().uuidString).md")
    try Data(result.utf8).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    let run = try Self.run(
      ["python3", script.path, "outputs", file.path],
      environment: ["ORCHGEN_DECIDES": decides, "ORCHGEN_LOOP": loop, "ORCHGEN_USED": used])
    guard run.status == 0 else { throw ScriptError(text: "outputs failed: \(run.output)") }
    var values: [String: String] = [:]
    for line in run.output.split(separator: "\n") {
      guard let equals = line.firstIndex(of: "=") else { continue }
      values[String(line[..<equals])] = String(line[line.index(after: equals)...])
    }
    guard let ok = values.removeValue(forKey: "_ok") else { throw ScriptError(text: "no _ok line: \(run.output)") }
    let answer = (values, ok == "true")
    lock.lock()
    cache[key] = answer
    lock.unlock()
    return answer
  }

  struct ScriptError: Error, CustomStringConvertible {
    var text: String
    var description: String { text }
  }
}
