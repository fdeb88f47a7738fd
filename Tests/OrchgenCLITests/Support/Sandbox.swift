import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A project root plus an empty working directory, `HOME` and `TMPDIR` for one orchgen run, so
/// a test can prove what the run wrote: nothing outside `output/`, and nothing at all when it
/// failed. Runs can be made as the unprivileged user `nobody` (through `setpriv`) when the
/// tests run as root, where permission bits do not stop reads or writes.
struct Sandbox {
  let base: URL
  let root: URL
  let workingDirectory: URL
  let home: URL
  let temporary: URL

  init() throws {
    base = FileManager.default.temporaryDirectory.appendingPathComponent("orchgen-sandbox-\(UUID().uuidString)")
      .resolvingSymlinksInPath()
    root = base.appendingPathComponent("project")
    workingDirectory = base.appendingPathComponent("cwd")
    home = base.appendingPathComponent("home")
    temporary = base.appendingPathComponent("tmp")
    for url in [root, workingDirectory, home, temporary] {
      try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    // Readable (not writable) by others, for runs as `nobody`.
    chmod(base.path, 0o755)
  }

  func remove() {
    // Undo chmods a case made, so every file can be deleted.
    if let paths = try? FileManager.default.subpathsOfDirectory(atPath: base.path) {
      for path in paths { chmod(base.appendingPathComponent(path).path, 0o755) }
    }
    try? FileManager.default.removeItem(at: base)
  }

  func url(_ path: String) -> URL { root.appendingPathComponent(path) }

  func write(_ path: String, _ bytes: [UInt8]) throws {
    try FileManager.default.createDirectory(at: url(path).deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(bytes).write(to: url(path))
  }

  func write(_ path: String, _ text: String) throws { try write(path, Array(text.utf8)) }

  static var isRoot: Bool { geteuid() == 0 }
  static let setpriv = ["/usr/bin/setpriv", "/bin/setpriv"].first { FileManager.default.isExecutableFile(atPath: $0) }

  /// Runs orchgen with `arguments` from the empty working directory; killed after `timeout`.
  func run(_ arguments: [String], asNobody: Bool = false, timeout: TimeInterval = 120) throws -> OrchgenProcess.Result {
    let binary = try #require(OrchgenProcess.executable, "no orchgen binary next to the test bundle")
    let process = Process()
    if asNobody {
      process.executableURL = URL(fileURLWithPath: try #require(Self.setpriv, "setpriv is needed to run as nobody"))
      process.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", "--", binary.path] + arguments
    } else {
      process.executableURL = binary
      process.arguments = arguments
    }
    process.currentDirectoryURL = workingDirectory
    var environment = ProcessInfo.processInfo.environment
    environment["NO_COLOR"] = "1"
    environment["HOME"] = home.path
    environment["TMPDIR"] = temporary.path
    process.environment = environment
    let logs = FileManager.default.temporaryDirectory.appendingPathComponent("orchgen-sandbox-log-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: logs) }
    let out = logs.appendingPathComponent("stdout")
    let err = logs.appendingPathComponent("stderr")
    _ = FileManager.default.createFile(atPath: out.path, contents: nil)
    _ = FileManager.default.createFile(atPath: err.path, contents: nil)
    let outHandle = try FileHandle(forWritingTo: out)
    let errHandle = try FileHandle(forWritingTo: err)
    defer {
      try? outHandle.close()
      try? errHandle.close()
    }
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = outHandle
    process.standardError = errHandle
    try process.run()
    let deadline = Date().addingTimeInterval(timeout)
    while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
    let stderr = String(decoding: try Data(contentsOf: err), as: UTF8.self)
    return OrchgenProcess.Result(
      status: process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus,
      stdout: String(decoding: try Data(contentsOf: out), as: UTF8.self),
      stderr: stderr)
  }

  /// Every entry under `directory` (default: the project root) with its kind, bytes and
  /// modification time; `skipping` leaves out a top-level folder.
  func snapshot(_ directory: URL? = nil, skipping: String? = nil) throws -> [String: Entry] {
    let directory = directory ?? root
    var result: [String: Entry] = [:]
    var pending = [""]
    while let current = pending.popLast() {
      let path = current.isEmpty ? directory.path : directory.path + "/" + current
      for name in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] {
        let relative = current.isEmpty ? name : current + "/" + name
        if current.isEmpty, name == skipping { continue }
        var info = stat()
        guard lstat(directory.path + "/" + relative, &info) == 0 else { continue }
        let kind = info.st_mode & S_IFMT
        var entry = Entry(kind: UInt32(kind), size: Int64(info.st_size), modified: Self.modified(info), bytes: nil)
        if kind == S_IFREG, info.st_size < 1_000_000 {
          entry.bytes = try? Data(contentsOf: URL(fileURLWithPath: directory.path + "/" + relative))
        }
        if kind == S_IFDIR { pending.append(relative) }
        result[relative] = entry
      }
    }
    return result
  }

  private static func modified(_ info: stat) -> Int64 {
    #if os(Linux)
      Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
    #else
      Int64(info.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(info.st_mtimespec.tv_nsec)
    #endif
  }

  struct Entry: Equatable {
    var kind: UInt32
    var size: Int64
    var modified: Int64
    var bytes: Data?
  }
}
