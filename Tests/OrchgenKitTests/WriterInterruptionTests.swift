import Foundation
import Testing

@testable import OrchgenKit

/// Every point at which the writer itself can stop: `OutputWriter.Interruption` stops it
/// before its n-th change to the disk as a SIGKILL would (nothing cleaned up), for every n
/// until the build completes; recovery must then leave exactly the previous build or the new
/// one. Both ways of writing are covered: staged (a previous build to keep) and in place (a
/// first build into an empty directory). `InterruptTests` does the same with real SIGKILLs.
@Suite struct WriterInterruptionTests {
  static let old = OutputWriterTests.old
  static let new = OutputWriterTests.new

  @Test func everyStopOfAStagedBuildRecoversToTheOldOrTheNewBuild() throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    let directory = scratch.url("output")
    var outcomes: Set<String> = []
    for stop in 0... {
      try scratch.reset(directory, to: Self.old)
      let plan = WritePlan.make(Self.new, state: OutputState.read(directory, for: Self.new), outputLabel: "output", force: false)
      let finished = try apply(plan, to: directory, stoppingAfter: stop)
      let outcome = try OutputRecovery.recover(directory)
      let tree = try scratch.files(directory)
      switch outcome {
      case .rolledForward: #expect(tree == OutputWriterTests.tree(Self.new), "stopped after \(stop) changes")
      // Before the commit point; or after it, with the journal already deleted (only the staging left).
      case .rolledBack: #expect([Self.old, Self.new].map(OutputWriterTests.tree).contains(tree), "after \(stop) changes")
      case .clean: #expect(tree == OutputWriterTests.tree(finished || stop > 0 ? Self.new : Self.old), "after \(stop)")
      default: Issue.record("stopped after \(stop) changes: \(outcome)")
      }
      outcomes.insert("\(outcome)")
      #expect(try OutputRecovery.recover(directory) == .clean, "recovery is idempotent")
      if finished { break }
    }
    #expect(outcomes.contains("rolledBack") && outcomes.contains { $0.hasPrefix("rolledForward") })
  }

  @Test func everyStopOfAFirstBuildLeavesTheDirectoryEmptyOrComplete() throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    let directory = scratch.url("output")
    var outcomes: Set<String> = []
    for stop in 0... {
      try? FileManager.default.removeItem(at: directory)
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
      let plan = WritePlan.make(Self.new, state: OutputState.read(directory, for: Self.new), outputLabel: "output", force: false)
      let finished = try apply(plan, to: directory, stoppingAfter: stop)
      let outcome = try OutputRecovery.recover(directory)
      let tree = try scratch.files(directory)
      switch outcome {
      case .rolledForward: #expect(tree == OutputWriterTests.tree(Self.new), "stopped after \(stop) changes")
      case .rolledBackFirstBuild: #expect(tree == [:], "stopped after \(stop) changes")
      case .rolledBack: #expect([[:], OutputWriterTests.tree(Self.new)].contains(tree), "after \(stop) changes")
      case .clean: #expect(tree == (finished || stop > 0 ? OutputWriterTests.tree(Self.new) : [:]), "after \(stop)")
      default: Issue.record("stopped after \(stop) changes: \(outcome)")
      }
      outcomes.insert("\(outcome)")
      #expect(try OutputRecovery.recover(directory) == .clean, "recovery is idempotent")
      if finished { break }
    }
    #expect(outcomes.contains("rolledBackFirstBuild(\(Self.new.count - 1))"), "\(outcomes)")
    #expect(outcomes.contains { $0.hasPrefix("rolledForward") }, "\(outcomes)")
  }

  @Test func aFirstBuildIsRolledBackWithoutFollowingASymlinkPlantedAfterTheKill() throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    let directory = scratch.url("output")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let plan = WritePlan.make(Self.new, state: OutputState.read(directory, for: Self.new), outputLabel: "output", force: false)
    // Staging, journal, journal in place, a.md, dir/sub/c.md.
    #expect(try !apply(plan, to: directory, stoppingAfter: 5))
    #expect(try scratch.files(directory.appendingPathComponent("dir")) == ["sub/c.md": "c\n"])
    try FileManager.default.removeItem(at: directory.appendingPathComponent("dir"))
    try scratch.write("outside/sub/c.md", "keep\n")
    try FileManager.default.createSymbolicLink(at: directory.appendingPathComponent("dir"), withDestinationURL: scratch.url("outside"))

    #expect(try OutputRecovery.recover(directory) == .rolledBackFirstBuild(1))
    #expect(try String(contentsOf: scratch.url("outside/sub/c.md"), encoding: .utf8) == "keep\n")
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["dir"], "a.md deleted, the symlink kept")
  }

  /// A first build that cannot create a file undoes itself, deleting only what it created:
  /// here a file appears at one of its paths after the directory was found empty.
  @Test func aFailedFirstBuildDeletesOnlyTheFilesItCreated() throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    let directory = scratch.url("output")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let plan = WritePlan.make(Self.new, state: OutputState.read(directory, for: Self.new), outputLabel: "output", force: false)
    try scratch.write("output/new/d.md", "someone else's\n")
    #expect(throws: OutputWriter.WriteError.self) {
      try FirstBuild.write(plan, into: OutputTree(directory.path), interruption: .init())
    }
    #expect(try scratch.files(directory) == ["new/d.md": "someone else's\n"])
  }

  @Test func aSymlinkedFolderResolvingInsideIsWrittenThrough() throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    let directory = scratch.url("output")
    try scratch.write("output/real/notes.txt", "mine\n")
    try FileManager.default.createSymbolicLink(atPath: directory.appendingPathComponent("dir").path, withDestinationPath: "real")
    let plan = WritePlan.make(Self.old, state: OutputState.read(directory, for: Self.old), outputLabel: "output", force: false)
    #expect(plan.conflicts.isEmpty)
    try OutputWriter.apply(plan, to: directory)
    #expect(try scratch.files(directory.appendingPathComponent("real")) == ["notes.txt": "mine\n", "b.md": "b\n", "sub/c.md": "c\n"])
  }

  /// Applies `plan`, stopped before its change number `stop` + 1; true if it finished.
  private func apply(_ plan: WritePlan, to directory: URL, stoppingAfter stop: Int) throws -> Bool {
    do {
      try OutputWriter.apply(plan, to: directory.path, interruption: .init(after: stop))
      return true
    } catch is OutputWriter.Interruption.Stop {
      return false
    }
  }
}
