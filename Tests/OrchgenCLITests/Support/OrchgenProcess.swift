import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Runs the built `orchgen` executable as a child process, the way CI and people run it.
///
/// Every run gets `NO_COLOR=1` unless a test removes it on purpose, so reports are plain text.
/// Standard output and error go to files (not pipes), so a chatty run cannot deadlock and the
/// child never sees a terminal; `stderrIsTerminal` gives it a pseudo-terminal instead.
enum OrchgenProcess {
  /// What one run left behind.
  struct Result: CustomStringConvertible {
    var status: Int32
    var stdout: String
    var stderr: String

    var description: String { "exit \(status)\n--- stdout\n\(stdout)--- stderr\n\(stderr)" }
  }

  /// The `orchgen` executable in the build products directory. `swift test` builds it with the
  /// test bundle; on Linux the test runner (`<package>PackageTests.xctest`) is an executable in
  /// that same directory, on macOS the `.xctest` bundle sits there.
  static let executable: URL? = {
    var directories: [URL] = []
    for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
      directories.append(bundle.bundleURL.deletingLastPathComponent())
    }
    directories.append(URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent())
    if let main = Bundle.main.executableURL { directories.append(main.deletingLastPathComponent()) }
    directories.append(Bundle.main.bundleURL)
    return directories.map { $0.appendingPathComponent("orchgen") }
      .first { FileManager.default.isExecutableFile(atPath: $0.path) }
  }()

  /// Runs `orchgen arguments` in `directory` with the test's environment plus `NO_COLOR=1`,
  /// then `environment` merged in and `removing` taken out.
  static func run(
    _ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:],
    removing: Set<String> = [], stderrIsTerminal: Bool = false
  ) throws -> Result {
    let executable = try #require(executable, "no orchgen binary next to the test bundle; run 'swift build' first")
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    var merged = ProcessInfo.processInfo.environment
    merged["NO_COLOR"] = "1"
    merged.merge(environment) { _, new in new }
    for name in removing { merged.removeValue(forKey: name) }
    process.environment = merged

    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("orchgen-run-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let out = scratch.appendingPathComponent("stdout")
    let err = scratch.appendingPathComponent("stderr")
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

    var terminal: PseudoTerminal?
    if stderrIsTerminal {
      guard let pair = PseudoTerminal() else { throw PseudoTerminalUnavailable() }
      terminal = pair
      process.standardError = pair.child
    } else {
      process.standardError = errHandle
    }
    try process.run()
    // Only the child may hold the terminal's far end, so reading ends when the child exits.
    try terminal?.child.close()
    let terminalText = terminal?.readAll()
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus,
      stdout: try String(contentsOf: out, encoding: .utf8),
      stderr: try terminalText ?? String(contentsOf: err, encoding: .utf8))
  }

  /// `orchgen check --root <root>` plus `extra` arguments.
  static func check(_ root: URL, _ extra: String..., environment: [String: String] = [:]) throws -> Result {
    try run(["check", "--root", root.path] + extra, environment: environment)
  }
}

struct PseudoTerminalUnavailable: Error {}

/// A pseudo-terminal pair: the child end goes to the process, the parent end is read here.
struct PseudoTerminal {
  let parent: Int32
  let child: FileHandle

  init?() {
    // Close-on-exec, so no other process spawned meanwhile keeps the terminal open.
    let parent = PTY.open(O_RDWR | O_NOCTTY | O_CLOEXEC)
    guard parent >= 0 else { return nil }
    guard PTY.grant(parent) == 0, PTY.unlock(parent) == 0, let name = PTY.name(parent) else {
      close(parent)
      return nil
    }
    let child = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC)
    guard child >= 0 else {
      close(parent)
      return nil
    }
    self.parent = parent
    self.child = FileHandle(fileDescriptor: child, closeOnDealloc: true)
  }

  /// Everything the child wrote, until it closed its end (Linux reports that as EIO).
  func readAll() -> String {
    defer { close(parent) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
      let count = buffer.withUnsafeMutableBytes { read(parent, $0.baseAddress, $0.count) }
      if count > 0 {
        bytes.append(contentsOf: buffer[..<count])
      } else if count < 0, errno == EINTR {
        continue
      } else {
        break
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}

/// posix_openpt and friends. Glibc's module map hides them (they need _XOPEN_SOURCE), so on
/// Linux they are looked up in the C library at run time.
private enum PTY {
  #if os(Linux)
    private static func function<T>(_ name: String, _ type: T.Type) -> T? {
      dlsym(dlopen(nil, RTLD_NOW), name).map { unsafeBitCast($0, to: type) }
    }
    private typealias Call = @convention(c) (Int32) -> Int32

    static func open(_ flags: Int32) -> Int32 { function("posix_openpt", Call.self)?(flags) ?? -1 }
    static func grant(_ fd: Int32) -> Int32 { function("grantpt", Call.self)?(fd) ?? -1 }
    static func unlock(_ fd: Int32) -> Int32 { function("unlockpt", Call.self)?(fd) ?? -1 }
    static func name(_ fd: Int32) -> String? {
      let ptsname = function("ptsname", (@convention(c) (Int32) -> UnsafeMutablePointer<CChar>?).self)
      return ptsname?(fd).map { String(cString: $0) }
    }
  #else
    static func open(_ flags: Int32) -> Int32 { posix_openpt(flags) }
    static func grant(_ fd: Int32) -> Int32 { grantpt(fd) }
    static func unlock(_ fd: Int32) -> Int32 { unlockpt(fd) }
    static func name(_ fd: Int32) -> String? { ptsname(fd).map { String(cString: $0) } }
  #endif
}
