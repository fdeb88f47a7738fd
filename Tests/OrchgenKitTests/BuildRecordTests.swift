import Foundation
import Testing

@testable import OrchgenKit

/// `BuildRecord` at the library level: the record round-trips through its file format, the
/// recorded questions are exactly what the loader asked, and a file edited within the record's
/// own clock tick (which its stamp cannot show) is caught by its content.
@Suite struct BuildRecordLibraryTests {
  /// A small project on disk, built once with a record; returns the record as read back.
  private func builtProject() throws -> (root: URL, output: URL, record: BuildRecord) {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("orchgen-record-\(UUID().uuidString)")
      .resolvingSymlinksInPath()
    let files = [
      "config/agents.yaml": "agents:\n  coordinator:\n    description: Runs the plan\n    mode: primary\n  coder:\n    description: Writes code\n",
      "config/workflows/ship.yaml": "description: Ship it\ntasks:\n  code:\n    agent: coder\n    description: Write it\n    success: [It compiles]\n",
      "content/instructions/coordinator.md": "# Coordinator\n\nYou run the plan.\n",
      "content/instructions/coder.md": "# Coder\n\nYou write the code.\n",
    ]
    for (path, text) in files {
      let url = root.appendingPathComponent(path)
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(text.utf8).write(to: url)
    }
    let compilation = Compiler.check(root: root, recordingInputs: true)
    #expect(compilation.diagnostics.isEmpty, "\(compilation.diagnostics)")
    let generated = Compiler.generate(compilation).files
    let output = root.appendingPathComponent("output")
    let plan = WritePlan.make(generated, state: OutputState.read(output, for: generated), outputLabel: "output", force: false)
    try OutputWriter.apply(plan, to: output)
    BuildRecord.write(inputs: compilation.inputs, files: generated, outputDirectory: output, outputLabel: "output")
    let (record, _) = try #require(BuildRecord.read(output.path + "/" + BuildRecord.fileName))
    #expect(record.outputs.count == generated.count)
    return (root, output, record)
  }

  /// A record written at the epoch: every file's change time is at or after it, so every file
  /// is racy and hashed.
  private let allRacy = FileStamp.Time(seconds: 0, nanoseconds: 0)
  /// A record written at the end of time: every stamp is older, so every stamp is trusted.
  private let noneRacy = FileStamp.Time(seconds: .max, nanoseconds: 0)

  @Test func theRecordRoundTripsAndHoldsWhatTheLoaderAsked() throws {
    let (root, output, record) = try builtProject()
    defer { try? FileManager.default.removeItem(at: root) }
    var reparsed: BuildRecord?
    let text = record.rendered()
    Array(text.utf8).withUnsafeBufferPointer { reparsed = BuildRecord.parse($0) }
    #expect(reparsed?.rendered() == text)
    let reads = record.inputs.filter { if case .read = $0.kind { true } else { false } }.map(\.path)
    #expect(reads.contains("config/agents.yaml") && reads.contains("content/instructions/coder.md"))
    #expect(record.inputs.contains { $0.kind == .names && $0.path == "" }, "the root listing (link targets)")
    // Nothing in the output directory is an input.
    #expect(!record.inputs.contains { $0.path.hasPrefix("output/") })
    let count = record.verify(root: root, outputDirectory: output, outputLabel: "output", recordedAt: allRacy)
    #expect(count == record.outputs.count, "all racy, all hashed, all the same")
    #expect(record.verify(root: root, outputDirectory: output, outputLabel: "output", recordedAt: noneRacy) == count)
    #expect(record.verify(root: root, outputDirectory: output, outputLabel: "elsewhere", recordedAt: allRacy) == nil)
  }

  @Test func anEditWithinTheRecordsClockTickIsCaughtByContent() throws {
    let (root, output, original) = try builtProject()
    defer { try? FileManager.default.removeItem(at: root) }
    let index = try #require(original.outputs.firstIndex { $0.path == "workflows/ship/coordinator.md" })
    let path = output.path + "/" + original.outputs[index].path
    let text = try String(contentsOfFile: path, encoding: .utf8)
    try Data(String(text.reversed()).utf8).write(to: URL(fileURLWithPath: path))
    // The edit happened in the same tick as the stamp: the stamp is what the file has now.
    var record = original
    record.outputs[index].stamp = try #require(FileStamp(lstatAt: path))
    #expect(record.verify(root: root, outputDirectory: output, outputLabel: "output", recordedAt: allRacy) == nil)
    // Had the record been written a tick later, the stamp would be trusted (and, as here,
    // wrongly); that is why files stamped at or after the record's time are hashed.
    #expect(record.verify(root: root, outputDirectory: output, outputLabel: "output", recordedAt: noneRacy) != nil)
    // With the real stamp, the edit shows in the stamp itself.
    #expect(original.verify(root: root, outputDirectory: output, outputLabel: "output", recordedAt: noneRacy) == nil)
  }

  @Test func aFileChangedBetweenWritingAndRecordingIsNotRecorded() throws {
    let (root, output, _) = try builtProject()
    defer { try? FileManager.default.removeItem(at: root) }
    let compilation = Compiler.check(root: root, recordingInputs: true)
    let generated = Compiler.generate(compilation).files
    let recordPath = output.path + "/" + BuildRecord.fileName
    try FileManager.default.removeItem(atPath: recordPath)
    // A formatter rewrote a generated file after the writer finished.
    try Data("# reformatted\n".utf8).write(to: output.appendingPathComponent("workflows/ship/coordinator.md"))
    BuildRecord.write(inputs: compilation.inputs, files: generated, outputDirectory: output, outputLabel: "output")
    #expect(!FileManager.default.fileExists(atPath: recordPath), "a stamp vouched for content it never saw")
  }

  @Test func anyChangedAnswerInvalidatesTheRecord() throws {
    let changes: [(String, (URL) throws -> Void)] = [
      ("an edited instruction", { root in
        try Data("# Coder\n\nYou write better code.\n".utf8).write(to: root.appendingPathComponent("content/instructions/coder.md"))
      }),
      ("a new file anywhere in the project", { root in
        try Data("notes\n".utf8).write(to: root.appendingPathComponent("NOTES.md"))
      }),
      ("a new workflow", { root in
        try Data("description: x\n".utf8).write(to: root.appendingPathComponent("config/workflows/more.yaml"))
      }),
    ]
    for (name, change) in changes {
      let (root, output, record) = try builtProject()
      defer { try? FileManager.default.removeItem(at: root) }
      #expect(record.verify(root: root, outputDirectory: output, outputLabel: "output", recordedAt: noneRacy) != nil)
      try change(root)
      #expect(
        record.verify(root: root, outputDirectory: output, outputLabel: "output", recordedAt: noneRacy) == nil,
        "\(name) went unnoticed")
    }
  }

  @Test func theBuildIDIsReadFromTheRunningExecutable() {
    let id = ToolIdentity.executableBuildID()
    #expect(id?.count == 64, "Swift on Linux links with --build-id")
    #expect(ToolIdentity.executableBuildID(path: "/dev/null") == nil)
    #expect(ToolIdentity.executableBuildID(path: "/nonexistent") == nil)
  }
}
