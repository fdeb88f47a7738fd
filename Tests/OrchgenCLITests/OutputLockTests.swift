import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The exclusive lock `orchgen build` holds on the output directory (`OutputLock`).
@Suite struct OutputLockTests {
  /// Two builds at once take turns (an exclusive lock on the output directory), so neither
  /// takes the other's staging for an interrupted build; the result is a complete build.
  @Test func concurrentBuildsTakeTurns() throws {
    let binary = try #require(OrchgenProcess.executable, "no orchgen binary next to the test bundle")
    let work = try KillProject.temporaryDirectory("orchgen-lock")
    defer { try? FileManager.default.removeItem(at: work) }
    let fresh = work.appendingPathComponent("fresh")
    try KillProject.write(variant: 1, to: fresh)
    #expect(try OrchgenProcess.run(["build", "--root", fresh.path]).status == 0)
    let expected = try KillProject.tree(fresh.appendingPathComponent("output"))

    let project = work.appendingPathComponent("project")
    try KillProject.write(variant: 0, to: project)
    #expect(try OrchgenProcess.run(["build", "--root", project.path]).status == 0)
    try KillProject.write(variant: 1, to: project)
    let builds = try (0..<2).map { _ in
      let process = Process()
      process.executableURL = binary
      process.arguments = ["build", "--root", project.path]
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      try process.run()
      return process
    }
    for build in builds {
      build.waitUntilExit()
      #expect(build.terminationStatus == 0)
    }
    #expect(try KillProject.tree(project.appendingPathComponent("output")) == expected)
  }

  @Test func aBuildWaitsWhileTheOutputDirectoryIsLocked() throws {
    let binary = try #require(OrchgenProcess.executable, "no orchgen binary next to the test bundle")
    let work = try KillProject.temporaryDirectory("orchgen-wait")
    defer { try? FileManager.default.removeItem(at: work) }
    try KillProject.write(variant: 0, to: work)
    let output = work.appendingPathComponent("output")
    try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
    let descriptor = open(output.path, O_RDONLY)
    #expect(flock(descriptor, LOCK_EX) == 0)
    let log = work.appendingPathComponent("stderr.log")
    _ = FileManager.default.createFile(atPath: log.path, contents: nil)
    let handle = try FileHandle(forWritingTo: log)
    let process = Process()
    process.executableURL = binary
    process.arguments = ["build", "--root", work.path]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = handle
    try process.run()
    Thread.sleep(forTimeInterval: 0.5)
    #expect(process.isRunning, "the build should wait for the lock")
    #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent(".orchgen-manifest.json").path))
    close(descriptor)
    process.waitUntilExit()
    try handle.close()
    #expect(process.terminationStatus == 0)
    let stderr = try String(contentsOf: log, encoding: .utf8)
    #expect(stderr.hasPrefix("output/: waiting for another orchgen build to finish\n"), "\(stderr)")
    #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent(".orchgen-manifest.json").path))
  }

  @Test func checkSaysABuildIsWritingRatherThanInterrupted() throws {
    let work = try KillProject.temporaryDirectory("orchgen-check-lock")
    defer { try? FileManager.default.removeItem(at: work) }
    try KillProject.write(variant: 0, to: work)
    let staging = work.appendingPathComponent("output/.orchgen-staging/files")
    try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
    let descriptor = open(work.appendingPathComponent("output").path, O_RDONLY)
    defer { close(descriptor) }
    #expect(flock(descriptor, LOCK_EX) == 0)
    let held = try OrchgenProcess.check(work)
    #expect(held.status == 1, "\(held)")
    #expect(held.stderr.hasPrefix("orchgen: error: 'output/' is being written by another orchgen build right now [output-stale]"), "\(held)")
    flock(descriptor, LOCK_UN)
    let released = try OrchgenProcess.check(work)
    #expect(released.stderr.hasPrefix("orchgen: error: 'output/' holds an interrupted build"), "\(released)")
  }
}
