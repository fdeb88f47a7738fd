import Foundation
import Testing

/// The up-to-date short cut (`BuildRecord`), run as the built binary on the build fixture: a
/// build whose inputs and outputs are unchanged stops early, and every kind of change in the
/// project or in `output/` still gets a full build with the same result as without the record.
///
/// Whether a build took the short cut shows in the record file: the short cut leaves it alone,
/// while a full build that writes nothing rewrites it (new inode) and one that writes deletes
/// it first.
@Suite struct BuildRecordTests {
  static let record = "output/.orchgen-build-record"

  @Test func anUnchangedProjectIsUpToDateWithoutAFullBuild() throws {
    let project = try BuildProject()
    defer { project.remove() }
    let first = try project.orchgen("build")
    #expect(first.status == 0, "\(first)")
    let recorded = try project.fileIdentity(Self.record)
    let files = try project.files(under: "output")
    let before = try files.map { try project.fileIdentity("output/\($0)") }
    #expect(try project.read("output/.gitignore").contains("/.orchgen-build-record\n"))

    let second = try project.orchgen("build")
    #expect(second.status == 0, "\(second)")
    #expect(second.stderr == "output/ is up to date (25 files); nothing written\n", "\(second)")
    #expect(try project.fileIdentity(Self.record) == recorded, "the record was rewritten: a full build ran")
    #expect(try files.map { try project.fileIdentity("output/\($0)") } == before)
    let check = try project.orchgen("check")
    #expect(check.status == 0, "\(check)")
  }

  @Test func anEditedInputIsBuiltAndARevertedOneIsUpToDateAgain() throws {
    let project = try BuildProject()
    defer { project.remove() }
    #expect(try project.orchgen("build").status == 0)
    let path = "content/instructions/coder.md"
    let original = try project.read(path)

    try project.write(path, original.replacingOccurrences(of: "with tests", with: "with thorough tests"))
    let edited = try project.orchgen("build")
    #expect(edited.status == 0, "\(edited)")
    #expect(edited.stderr.hasPrefix("wrote "), "\(edited)")
    #expect(try project.read("output/opencode/agents/coder.md").contains("with thorough tests"))

    // The same bytes again, written anew (new mtime): the answers are the same as recorded.
    try project.write(path, original.replacingOccurrences(of: "with tests", with: "with thorough tests"))
    let recorded = try project.fileIdentity(Self.record)
    let again = try project.orchgen("build")
    #expect(again.stderr.contains("up to date"), "\(again)")
    #expect(try project.fileIdentity(Self.record) == recorded)

    try project.write(path, original)
    let reverted = try project.orchgen("build")
    #expect(reverted.stderr.hasPrefix("wrote "), "\(reverted)")
    #expect(try !project.read("output/opencode/agents/coder.md").contains("with thorough tests"))
  }

  @Test func aGeneratedFileEditedByHandOrDeletedIsWrittenAgain() throws {
    let project = try BuildProject()
    defer { project.remove() }
    #expect(try project.orchgen("build").status == 0)
    let path = "output/workflows/feature/coordinator.md"
    let generated = try project.read(path)

    // Same size, so only the stamp's times and inode can tell.
    try project.write(path, String(generated.reversed()))
    let restored = try project.orchgen("build")
    #expect(restored.stderr.hasPrefix("wrote 1 file"), "\(restored)")
    #expect(try project.read(path) == generated)

    try FileManager.default.removeItem(at: project.url(path))
    let recreated = try project.orchgen("build")
    #expect(recreated.stderr.hasPrefix("wrote 1 file"), "\(recreated)")
    #expect(try project.read(path) == generated)
  }

  @Test func findingsAreShownOnEveryBuildNotRecorded() throws {
    let project = try BuildProject()
    defer { project.remove() }
    // An instruction file no agent uses: a warning (orphan-instructions), and the build goes on.
    try project.write("content/instructions/unused.md", "# Unused\n\nNobody reads this.\n")
    for attempt in 1...2 {
      let build = try project.orchgen("build")
      #expect(build.status == 0, "\(build)")
      #expect(build.stderr.contains("[orphan-instructions]"), "build \(attempt) must report the finding: \(build)")
      #expect(!FileManager.default.fileExists(atPath: project.url(Self.record).path))
    }
  }

  @Test func aLinkTargetThatDisappearsIsReported() throws {
    let project = try BuildProject()
    defer { project.remove() }
    let path = "content/instructions/coder.md"
    try project.write(path, try project.read(path) + "\nSee [the guide](../../docs/guide.md).\n")
    try project.write("docs/guide.md", "# Guide\n")
    let clean = try project.orchgen("build")
    #expect(clean.status == 0 && !clean.stderr.contains("broken-link"), "\(clean)")
    #expect(FileManager.default.fileExists(atPath: project.url(Self.record).path))

    try FileManager.default.removeItem(at: project.url("docs/guide.md"))
    let broken = try project.orchgen("build")
    #expect(broken.stderr.contains("[broken-link]"), "\(broken)")
  }

  @Test func aDamagedOrForeignRecordMeansAFullBuild() throws {
    let project = try BuildProject()
    defer { project.remove() }
    #expect(try project.orchgen("build").status == 0)
    let text = try project.read(Self.record)
    let damaged = [
      "",
      "garbage\n",
      String(text.dropLast(10)),
      text.replacingOccurrences(of: "build-id ", with: "build-id 00"),
      text.replacingOccurrences(of: "\nfile\t", with: "\nfile\tx"),
      // Cut at a line boundary: without its closing count, or with a count that no longer fits.
      text.split(separator: "\n").dropLast().joined(separator: "\n") + "\n",
      text.split(separator: "\n").enumerated().filter { $0.offset != 5 }.map(\.element).joined(separator: "\n") + "\n",
      // A path with '..' is refused when read, although this one would replay to the same
      // answers: a record must not make a build look anywhere the loader would not.
      text.replacingOccurrences(of: "\tconfig/agents.yaml\t", with: "\tconfig/../config/agents.yaml\t"),
    ]
    for (index, record) in damaged.enumerated() {
      try project.write(Self.record, record)
      let before = try project.fileIdentity(Self.record)
      let build = try project.orchgen("build")
      #expect(build.status == 0, "record \(index): \(build)")
      #expect(build.stderr.contains("up to date"), "record \(index): \(build)")
      #expect(try project.fileIdentity(Self.record) != before, "record \(index) was trusted")
    }
  }

  @Test func machineReadableReportsAreCompleteOnTheShortCut() throws {
    let project = try BuildProject()
    defer { project.remove() }
    let full = try project.orchgen("build", "--format", "sarif")
    #expect(full.status == 0, "\(full)")
    let recorded = try project.fileIdentity(Self.record)
    let short = try project.orchgen("build", "--format", "sarif")
    #expect(short.status == 0, "\(short)")
    #expect(try project.fileIdentity(Self.record) == recorded, "the short cut did not run")
    #expect(short.stderr.contains("up to date"), "\(short)")
    #expect(short.stdout == full.stdout)
    let json = try JSONSerialization.jsonObject(with: Data(short.stdout.utf8)) as? [String: Any]
    #expect(json?["version"] as? String == "2.1.0")
  }
}
