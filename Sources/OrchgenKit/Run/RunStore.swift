#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The run state on disk, the engine's edge: `.orchestrator/checkpoint.json` (the state), the
/// status table of `.orchestrator/master_plan.md`, the append-only `task-status.md`, the result
/// files and `final_output.md`. Every change happens under an exclusive lock on the state
/// folder, and each file is replaced whole (temp file, then rename), so parallel callers lose
/// no update and a process killed at any moment leaves state the next call can continue from.
public struct RunStore {
  public struct Failure: Error, CustomStringConvertible {
    public var description: String
  }

  /// The state folder (`.orchestrator` under the project root unless told otherwise).
  public var directory: URL
  /// `output/workflows/<workflow>/master_plan.md`, the template of the run's copy.
  public var masterPlanTemplate: URL?
  /// What every state file must resolve inside, links followed: the project root, or the state
  /// folder itself when the user named one outside the project.
  public var boundary: URL
  /// The project root.
  public var root: URL

  public init(directory: URL, masterPlanTemplate: URL?, root: URL? = nil) {
    self.directory = directory.standardizedFileURL
    self.masterPlanTemplate = masterPlanTemplate
    let project = (root ?? directory.deletingLastPathComponent()).standardizedFileURL
    self.root = project
    boundary = Self.isLexicallyInside(self.directory.path, project.path) ? project : self.directory
  }

  static func isLexicallyInside(_ path: String, _ folder: String) -> Bool {
    path == folder || path.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/")
  }

  /// Refuses `url` when it resolves, links followed, outside `boundary`: run state is never
  /// read or written through a link that leaves the project. Checked on the deepest part of the
  /// path that exists, before anything is created.
  public func requireInside(_ url: URL) throws { try requireInside(url, boundary: boundary) }

  /// `requireInside` against another boundary (the project root, for inputs).
  public func requireInside(_ url: URL, boundary: URL) throws {
    func resolved(_ path: String) -> String? {
      guard let real = realpath(path, nil) else { return nil }
      defer { free(real) }
      return String(cString: real)
    }
    // A state folder named outside the project that does not exist yet: nothing under it can
    // be a link, and the folder is the user's own choice.
    guard let base = resolved(boundary.path) else {
      if Self.isLexicallyInside(url.standardizedFileURL.path, boundary.path) { return }
      throw Failure(description: "\(url.path) is outside \(boundary.path)")
    }
    var probe = url.standardizedFileURL.path
    while true {
      if let real = resolved(probe) {
        guard Self.isLexicallyInside(real, base) else {
          throw Failure(
            description: "\(url.path) leads through a link to \(real), outside \(boundary.path): orchgen keeps run state only inside the project and never follows a link out of it; remove the link")
        }
        return
      }
      let parent = String(probe[..<(probe.lastIndex(of: "/") ?? probe.startIndex)])
      if parent == probe || parent.isEmpty { return }
      probe = parent
    }
  }

  var checkpoint: URL { directory.appendingPathComponent("checkpoint.json") }

  /// Runs `body` with the state folder locked; creates the folder when `creating` (starting a
  /// run), else a missing folder means there is no run and `body` gets nothing to read. A write
  /// killed half-way leaves a temporary file behind: the lock holder removes those first.
  public func locked<T>(creating: Bool = true, _ body: () throws -> T) throws -> T {
    try requireInside(directory)
    let lock: OutputLock?
    do {
      lock = try OutputLock.acquire(directory, creating: creating)
    } catch {
      throw Failure(description: "cannot lock the run state in \(directory.path): \(error)")
    }
    defer { withExtendedLifetime(lock) {} }
    if lock != nil { removeAbandonedTemporaryFiles() }
    return try body()
  }

  /// A write stages in `.orchgen-tmp.<name>.<pid>` beside its target (older orchgen: Foundation's
  /// `.dat.nosync*`); one left over was killed before its rename, so the real file is still the
  /// previous version.
  private func removeAbandonedTemporaryFiles() {
    for folder in [directory, directory.appendingPathComponent("results")] {
      guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { continue }
      for name in names where name.hasPrefix(Self.temporaryPrefix) || name.hasPrefix(".dat.nosync") {
        try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
      }
    }
  }

  static let temporaryPrefix = ".orchgen-tmp."

  /// The current state, or nil when no run was started here.
  public func load() throws -> RunState? {
    try requireInside(checkpoint)
    guard let data = try? Data(contentsOf: checkpoint) else { return nil }
    do {
      return try RunState.checkpoint([UInt8](data))
    } catch {
      throw Failure(description: "\(checkpoint.path) is not a checkpoint orchgen can read (\(error)); move it away to start a new run")
    }
  }

  /// Writes `state` and what shows it, and appends `events` to the log.
  public func save(_ state: RunState, plan: RunPlan, events: [RunEngine.Event], now: String) throws {
    do {
      // The log first: a process killed after it and before the checkpoint leaves the task as it
      // was, so the next call repeats the change and its lines (a repeat, never a gap).
      if !events.isEmpty {
        try append("\n### [\(now)] \(state.workflow)\n" + events.map { "- \($0.text)\n" }.joined(),
          to: directory.appendingPathComponent("task-status.md"), header: "# Task status: \(plan.workflow)\n")
      }
      try write(Data(state.checkpointJSON(plan: plan).utf8), to: checkpoint)
      // The template is input: read only when it resolves inside the project.
      let template = masterPlanTemplate.flatMap { url in (try? requireInside(url, boundary: root)) != nil ? url : nil }
        .flatMap { try? Data(contentsOf: $0) }.map { String(decoding: $0, as: UTF8.self) }
      try write(Data(RunStatusTable.masterPlan(state, plan: plan, template: template).utf8),
        to: directory.appendingPathComponent("master_plan.md"))
    } catch let failure as Failure {
      throw failure
    } catch {
      throw Failure(description: "cannot write the run state in \(directory.path): \(error)")
    }
  }

  /// Writes `text` as the result file of `task`, and returns its path relative to the project.
  public func writeResult(_ text: String, task: RunPlan.Task) throws -> URL {
    let url = directory.appendingPathComponent(task.resultName)
    try write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8), to: url)
    return url
  }

  /// Writes a `Status: skipped` result for every task `after` skipped that `before` had not,
  /// so each task of a run has its result file, and records the paths in `after`.
  public func writeSkipped(before: RunState, after: inout RunState, plan: RunPlan, stateFolder: String) throws {
    for task in plan.tasks where after.task(task.id).status == .skipped && before.task(task.id).status != .skipped {
      let reason = after.task(task.id).skipReason ?? "its condition does not hold"
      _ = try writeResult("# \(task.agentID) result: \(task.id)\nStatus: skipped\n## Summary\nSkipped: \(reason).\n", task: task)
      after.tasks[task.id]!.result = "\(stateFolder)/\(task.resultName)"
    }
  }

  public func readResult(_ task: RunPlan.Task) -> String? {
    let url = directory.appendingPathComponent(task.resultName)
    guard (try? requireInside(url)) != nil else { return nil }
    return (try? Data(contentsOf: url))
      .map { String(decoding: $0, as: UTF8.self) }
  }

  /// Appends `text` to the log at `url` (created with `header`) in one `write(2)` with
  /// `O_APPEND`, so concurrent appends never interleave within an entry.
  func append(_ text: String, to url: URL, header: String) throws {
    try requireInside(url)
    let descriptor = open(url.path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
    guard descriptor >= 0 else { throw Failure(description: "cannot append to \(url.path): errno \(errno)") }
    defer { close(descriptor) }
    var info = stat()
    let bytes = Array(((fstat(descriptor, &info) == 0 && info.st_size == 0) ? header + text : text).utf8)
    let written = bytes.withUnsafeBytes { systemWrite(descriptor, $0.baseAddress, $0.count) }
    guard written == bytes.count else { throw Failure(description: "cannot append to \(url.path): errno \(errno)") }
  }

  /// Replaces the file at `url` by `data`: a new file beside it, then a rename, so a reader
  /// sees the old file or the new one, never a part. Like the output writer, it does not
  /// `fsync`: a killed process loses nothing, and the state is as durable as the file system's
  /// rename (the next call repeats a change a power loss undid, as after a kill).
  public func write(_ data: Data, to url: URL) throws {
    try requireInside(url)
    let folder = url.deletingLastPathComponent()
    let temporary = folder.appendingPathComponent(Self.temporaryPrefix + url.lastPathComponent + ".\(getpid())").path
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      try? OutputFiles.unlink(temporary)
      try OutputFiles.create(temporary, bytes: data)
      try OutputFiles.rename(temporary, to: url.path)
    } catch {
      try? OutputFiles.unlink(temporary)
      throw Failure(description: "cannot write \(url.path): \(error)")
    }
  }
}

#if canImport(Glibc)
  private let systemWrite = Glibc.write
#elseif canImport(Darwin)
  private let systemWrite = Darwin.write
#endif
