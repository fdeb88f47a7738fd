import Foundation
import Testing

@testable import OrchgenKit

/// The writer's crash safety and path safety, exhaustively and without processes: every
/// point at which a build can stop is simulated by doing exactly the steps before it, then
/// recovery must bring the directory to the previous build (before the journal) or the new
/// one (after it). `InterruptTests` does the same with real SIGKILLs.
@Suite struct OutputWriterTests {
  /// Two builds: the second changes a file, drops one (and its folder), adds one.
  static let old = files(["a.md": "a v1\n", "dir/b.md": "b\n", "dir/sub/c.md": "c\n", "same.md": "same\n"])
  static let new = files(["a.md": "a v2\n", "dir/sub/c.md": "c\n", "new/d.md": "d\n", "same.md": "same\n"])

  static func files(_ contents: [String: String]) -> [GeneratedFile] {
    let files = contents.map { GeneratedFile(path: $0.key, contents: $0.value) }
    return files + [ManifestGenerator.manifest(for: files)]
  }

  static func tree(_ files: [GeneratedFile]) -> [String: String] {
    Dictionary(uniqueKeysWithValues: files.map { ($0.path, $0.contents) })
  }

  @Test func everyInterruptionRecoversToTheOldOrTheNewBuild() throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    let directory = scratch.url("output")
    try build(Self.old, into: directory)
    let plan = WritePlan.make(Self.new, state: OutputState.read(directory, for: Self.new), outputLabel: "output", force: false)
    let journal = OutputJournal(plan: plan)
    #expect(journal.entries.last == .write(ManifestGenerator.path), "the manifest goes last")
    #expect(journal.entries.contains(.remove("dir/b.md")))
    #expect(!plan.writes.contains { $0.path == "same.md" }, "unchanged files are not rewritten")

    // Interrupted while staging: k of the files staged, no journal → the old build.
    for staged in 0...plan.writes.count {
      try scratch.reset(directory, to: Self.old)
      let staging = directory.appendingPathComponent(OutputWriter.stagingName).path
      for file in plan.writes.prefix(staged) {
        let path = staging + "/files/" + file.path
        try OutputFiles.makeDirectories(String(OutputTree.folder(of: path)))
        try OutputFiles.create(path, bytes: file.contents.utf8)
      }
      if staged == plan.writes.count {
        try OutputFiles.create(staging + "/journal.tmp", bytes: journal.rendered().utf8.dropLast(5))
      }
      #expect(!OutputRecovery.leftovers(in: directory).isEmpty || staged == 0)
      let outcome = try OutputRecovery.recover(directory)
      #expect(outcome == (staged == 0 && !FileManager.default.fileExists(atPath: staging) ? .clean : .rolledBack))
      #expect(try scratch.files(directory) == Self.tree(Self.old), "staged \(staged)")
    }

    // Interrupted after the commit point, with k changes applied → the new build.
    for applied in 0...journal.entries.count {
      try scratch.reset(directory, to: Self.old)
      let staging = directory.appendingPathComponent(OutputWriter.stagingName).path
      for file in plan.writes {
        let path = staging + "/files/" + file.path
        try OutputFiles.makeDirectories(String(OutputTree.folder(of: path)))
        try OutputFiles.create(path, bytes: file.contents.utf8)
      }
      try OutputFiles.create(staging + "/journal", bytes: journal.rendered().utf8)
      // The first `applied` changes, done as the writer does them.
      for entry in journal.entries.prefix(applied) {
        let target = directory.appendingPathComponent(entry.path).path
        switch entry {
        case .write(let path):
          try OutputFiles.makeDirectories(String(OutputTree.folder(of: target)))
          try OutputFiles.rename(staging + "/files/" + path, to: target)
        case .remove:
          try OutputFiles.unlink(target)
        }
      }
      #expect(try OutputRecovery.recover(directory) == .rolledForward(journal.entries.count))
      #expect(try scratch.files(directory) == Self.tree(Self.new), "applied \(applied)")
      #expect(try OutputRecovery.recover(directory) == .clean, "recovery is idempotent")
    }
  }

  @Test func applyLeavesNothingBehindAndPrunesEmptyFolders() throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    let directory = scratch.url("output")
    try build(Self.old, into: directory)
    try build(Self.new, into: directory)
    #expect(try scratch.files(directory) == Self.tree(Self.new))
    #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("dir/b.md").path))
    #expect(OutputRecovery.leftovers(in: directory).isEmpty)
    #expect(try scratch.entries(directory).allSatisfy { !$0.hasPrefix(OutputWriter.stagingName) })
  }

  @Test func legacyTemporaryFilesAreReportedThenRemoved() throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    let directory = scratch.url("output")
    try build(Self.old, into: directory)
    try scratch.write("output/dir/.b.md.orchgen-tmp", "half")
    #expect(OutputRecovery.leftovers(in: directory) == ["dir/.b.md.orchgen-tmp"])
    let state = OutputState.read(directory, for: Self.old)
    let drift = DriftDetector.detect(Self.old, state: state, outputLabel: "output").diagnostics
    #expect(drift.map(\.message) == ["'output/' holds an interrupted build ('output/dir/.b.md.orchgen-tmp')"])
    #expect(try OutputRecovery.recover(directory) == .removedTemporaries(1))
    #expect(try scratch.files(directory) == Self.tree(Self.old))
  }

  // MARK: Path safety

  @Test func aSymlinkedFolderLeadingOutsideIsNeverWrittenThrough() throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    let directory = scratch.url("output")
    let outside = scratch.url("outside")
    try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(at: directory.appendingPathComponent("dir"), withDestinationURL: outside)
    let before = try scratch.entries(scratch.root)

    let plan = WritePlan.make(Self.old, state: OutputState.read(directory, for: Self.old), outputLabel: "output", force: false)
    #expect(throws: OutputWriter.WriteError.self) { try OutputWriter.apply(plan, to: directory) }
    #expect(try scratch.entries(scratch.root) == before, "nothing may be written, inside or outside")
  }

  @Test func aSymlinkedFileIsNeverWrittenThrough() throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    let directory = scratch.url("output")
    try scratch.write("victim.txt", "keep\n")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(
      at: directory.appendingPathComponent("a.md"), withDestinationURL: scratch.url("victim.txt"))
    let state = OutputState.read(directory, for: Self.old)
    #expect(state.blocked == ["a.md"])
    let plan = WritePlan.make(Self.old, state: state, outputLabel: "output", force: true)
    #expect(plan.conflicts.count == 1, "a symlink at a generated path blocks the build, even with --force")
    #expect(throws: OutputWriter.WriteError.self) { try OutputWriter.prove("a.md", in: OutputTree(directory.path)) }
    #expect(try String(contentsOf: scratch.url("victim.txt"), encoding: .utf8) == "keep\n")
  }

  @Test(arguments: ["../x.md", "/etc/x", "a/../../x", "./a.md", "a//b", "", ".orchgen-staging/journal", "a\nb", "~/x"])
  func unsafeGeneratedPathsAreRefused(_ path: String) throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    let directory = scratch.url("output")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let tree = try OutputTree(directory.path)
    #expect(throws: OutputWriter.WriteError.self) { try OutputWriter.prove(path, in: tree) }
    #expect(throws: OutputWriter.WriteError.self) { try OutputWriter.prove(path, in: tree, isEmpty: true) }
  }

  @Test(arguments: ["feature", "targets"])
  func everyGeneratedPathStaysInsideTheOutputDirectory(_ fixture: String) throws {
    let url = Fixtures.directory.appendingPathComponent("build/\(fixture).txt")
    let root = try FixtureProject(parsing: try String(contentsOf: url, encoding: .utf8)).materialize()
    defer { try? FileManager.default.removeItem(at: root) }
    let compilation = Compiler.check(root: root)
    #expect(!compilation.diagnostics.hasErrors)
    let files = Compiler.generate(compilation).files
    #expect(files.count > 10)
    let directory = root.appendingPathComponent("output")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let tree = try OutputTree(directory.path)
    for file in files {
      #expect(PathSafety.isSafeRelative(file.path) && !file.path.split(separator: "/").contains(".."), "\(file.path)")
      try OutputWriter.prove(file.path, in: tree)
      #expect(directory.appendingPathComponent(file.path).standardizedFileURL.path.hasPrefix(directory.path + "/"))
    }
  }

  /// Generated paths are made of ids, so an id that could climb out never passes the loader.
  @Test(arguments: ["..", ".", "a/b", "../x", "a b", "Build", "b\u{0430}d", "-x", "x_y", "", String(repeating: "a", count: 65)])
  func idsThatCouldEscapeAreInvalid(_ id: String) {
    #expect(!ValueReader.isValidID(id))
  }

  @Test func aTamperedJournalIsRolledBackNotFollowed() throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    let directory = scratch.url("output")
    try build(Self.old, into: directory)
    try scratch.write("victim.txt", "keep\n")
    try scratch.write("output/.orchgen-staging/journal", "orchgen-journal 1\nremove ../victim.txt\nend 1\n")
    #expect(OutputJournal.parse("orchgen-journal 1\nremove ../victim.txt\nend 1\n") == nil)
    #expect(try OutputRecovery.recover(directory) == .rolledBack)
    #expect(try String(contentsOf: scratch.url("victim.txt"), encoding: .utf8) == "keep\n")
    #expect(try scratch.files(directory) == Self.tree(Self.old))
  }

  @Test func journalsRoundTripAndIncompleteOnesAreRejected() {
    let journal = OutputJournal(entries: [.write("a.md"), .remove("b/c.md"), .write(".orchgen-manifest.json")])
    let text = journal.rendered()
    #expect(OutputJournal.parse(text) == journal)
    #expect(OutputJournal.parse(String(text.dropLast())) == nil)
    #expect(OutputJournal.parse(String(text.dropLast(2)) + "2\n") == nil, "a count that does not match")
    #expect(OutputJournal.parse("orchgen-journal 1\nmove a.md\nend 1\n") == nil)
  }

  private func build(_ files: [GeneratedFile], into directory: URL) throws {
    #expect(try OutputRecovery.recover(directory) == .clean)
    let plan = WritePlan.make(files, state: OutputState.read(directory, for: files), outputLabel: "output", force: false)
    #expect(plan.conflicts.isEmpty)
    try OutputWriter.apply(plan, to: directory)
  }
}
