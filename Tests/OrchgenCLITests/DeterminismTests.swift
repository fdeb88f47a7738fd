import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Builds of the same project are byte-identical however the copy was made and wherever and
/// however orchgen runs: files created in different orders (forward, reversed, shuffled) with
/// different modification times, absolute and relative `--root`, different working
/// directories, locales (including Turkish, whose dotted/dotless i breaks naive case
/// mapping), time zones and umasks.
@Suite struct DeterminismTests {
  static let fixtures = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("OrchgenKitTests/Fixtures/build")

  /// How one copy is made and built.
  struct Variant: Sendable {
    var order: @Sendable (inout [(String, String)]) -> Void
    var environment: [String: String]
    /// The working directory, relative to the sandbox base, and the `--root` to pass from it.
    var workingDirectory: String
    var root: String
    var mtime: time_t?
    var umask = "022"
  }

  static let variants: [Variant] = [
    Variant(
      order: { _ in }, environment: ["LANG": "C", "LC_ALL": "C", "TZ": "UTC"],
      workingDirectory: "cwd", root: "<absolute>", mtime: nil),
    Variant(
      order: { $0.reverse() }, environment: ["LANG": "de_DE.UTF-8", "LC_ALL": "de_DE.UTF-8", "TZ": "Pacific/Chatham"],
      workingDirectory: "project", root: ".", mtime: 86_400),
    Variant(
      order: { files in
        var generator = SeededGenerator(seed: 6)
        files.shuffle(using: &generator)
      },
      environment: ["LANG": "tr_TR.UTF-8", "LC_ALL": "tr_TR.UTF-8", "TZ": "America/St_Johns"],
      workingDirectory: "cwd/deeper/still", root: "../../../project", mtime: 2_000_000_000, umask: "077"),
  ]

  @Test(arguments: ["feature", "targets"])
  func buildsOfCopiesAreByteIdentical(_ fixture: String) throws {
    let text = try String(contentsOf: Self.fixtures.appendingPathComponent("\(fixture).txt"), encoding: .utf8)
    var trees: [[String: Data?]] = []
    for (index, variant) in Self.variants.enumerated() {
      let sandbox = try Sandbox()
      defer { sandbox.remove() }
      var files = OneFileProject.parse(text)
      variant.order(&files)
      for (path, body) in files {
        try sandbox.write(path, body)
        if let mtime = variant.mtime {
          var times = [timespec(tv_sec: mtime, tv_nsec: 0), timespec(tv_sec: mtime, tv_nsec: 0)]
          utimensat(AT_FDCWD, sandbox.url(path).path, &times, 0)
        }
      }
      let directory = sandbox.base.appendingPathComponent(variant.workingDirectory)
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
      let root = variant.root == "<absolute>" ? sandbox.root.path : variant.root
      let result = try Self.build(root: root, in: directory, environment: variant.environment, umask: variant.umask)
      #expect(result.status == 0, "variant \(index): \(result)")
      trees.append(try KillProject.tree(sandbox.url("output")))
    }
    #expect(trees[0].count > 10)
    for index in 1..<trees.count {
      #expect(trees[index].keys.sorted() == trees[0].keys.sorted(), "variant \(index) wrote other files")
      for (path, bytes) in trees[0] where trees[index][path] != bytes {
        Issue.record("\(fixture): '\(path)' differs between variant 0 and variant \(index)")
      }
    }
  }
}

extension DeterminismTests {
  /// `orchgen build` through `sh`, so the child alone gets `umask` (the test process's mask is
  /// shared by every test running in parallel).
  static func build(root: String, in directory: URL, environment: [String: String], umask: String) throws
    -> OrchgenProcess.Result
  {
    let binary = try #require(OrchgenProcess.executable, "no orchgen binary next to the test bundle")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", "umask \(umask) && exec \"$0\" \"$@\"", binary.path, "build", "--root", root]
    process.currentDirectoryURL = directory
    process.environment = ProcessInfo.processInfo.environment.merging(environment.merging(["NO_COLOR": "1"]) { $1 }) { $1 }
    let errors = Pipe()
    process.standardOutput = FileHandle.nullDevice
    process.standardError = errors
    try process.run()
    let stderr = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return OrchgenProcess.Result(status: process.terminationStatus, stdout: "", stderr: String(decoding: stderr, as: UTF8.self))
  }
}

/// A small deterministic random number generator (SplitMix64), so a shuffle is repeatable.
struct SeededGenerator: RandomNumberGenerator {
  var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
