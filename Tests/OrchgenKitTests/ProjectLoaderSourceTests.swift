import Foundation
import Testing

@testable import OrchgenKit

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `ProjectLoader` reads through a `ProjectFileSource`: the in-memory source (the fuzzer's way
/// in) must load exactly what the disk source loads, and the disk source must refuse files
/// that would hang or exhaust it.
@Suite struct ProjectLoaderSourceTests {
  static let fixture = Fixtures.directory.appendingPathComponent("build/feature.txt")

  @Test func memoryAndDiskLoadTheSameProject() throws {
    let project = FixtureProject(parsing: try String(contentsOf: Self.fixture, encoding: .utf8))
    let root = try project.materialize()
    defer { try? FileManager.default.removeItem(at: root) }
    var files: [String: [UInt8]] = [:]
    for (path, text) in project.files { files[path] = Array(text.utf8) }

    let fromDisk = Compiler.check(root: root)
    let (memoryProject, memoryDiagnostics) = ProjectLoader.load(files: files)
    let fromMemory = Compiler.analyze(memoryProject, diagnostics: memoryDiagnostics)
    #expect(fromDisk.diagnostics == fromMemory.diagnostics)
    #expect(fromDisk.project.sources == fromMemory.project.sources)
    #expect(fromDisk.project.knownPaths.subtracting(["output"]) == fromMemory.project.knownPaths)
    #expect(Compiler.generate(fromDisk).files == Compiler.generate(fromMemory).files)
  }

  @Test func memorySourceDropsUnsafePaths() {
    let source = MemoryFileSource(["config/agents.yaml": [], "../escape.md": [], "/abs.md": [], "a//b": []])
    #expect(source.files.keys.sorted() == ["config/agents.yaml"])
    #expect(source.kind(of: "config") == .directory)
    #expect(source.names(in: "")?.sorted() == ["config"])
  }

  @Test func diskSourceRefusesFIFOsDevicesAndOversizedFiles() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("orchgen-source-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: root) }
    #expect(mkfifo(root.appendingPathComponent("pipe.yaml").path, 0o644) == 0)
    try FileManager.default.createSymbolicLink(
      atPath: root.appendingPathComponent("zero.md").path, withDestinationPath: "/dev/zero")
    try FileManager.default.createSymbolicLink(
      atPath: root.appendingPathComponent("loop.md").path, withDestinationPath: "loop.md")
    try Data(repeating: UInt8(ascii: "a"), count: 100).write(to: root.appendingPathComponent("big.md"))
    let source = DiskFileSource(root: root)

    #expect(source.kind(of: "pipe.yaml") == .special)
    #expect(source.read("pipe.yaml", limit: 10) == .failed("not a regular file"))
    #expect(source.kind(of: "zero.md") == .outsideProject, "a link to /dev/zero leaves the project")
    #expect(source.read("zero.md", limit: 10) == .outsideProject)
    #expect(source.kind(of: "loop.md") == .dangling)
    #expect(source.read("big.md", limit: 10) == .tooLarge(100))
    #expect(source.read("big.md", limit: 100) == .bytes(Array(repeating: UInt8(ascii: "a"), count: 100)))
    #expect(source.read("missing.md", limit: 10) == .failed("no such file or directory"))
  }

  @Test func diskSourceRefusesLinksLeavingTheRootAndFollowsLinksInsideIt() throws {
    let base = FileManager.default.temporaryDirectory.appendingPathComponent("orchgen-source-\(UUID().uuidString)")
      .resolvingSymlinksInPath()
    defer { try? FileManager.default.removeItem(at: base) }
    let root = base.appendingPathComponent("project")
    let outside = base.appendingPathComponent("outside")
    for folder in [root.appendingPathComponent("docs"), outside] {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }
    try Data("secret\n".utf8).write(to: outside.appendingPathComponent("secret.md"))
    try Data("inside\n".utf8).write(to: root.appendingPathComponent("docs/inside.md"))
    func link(_ path: String, _ destination: String) throws {
      try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent(path).path, withDestinationPath: destination)
    }
    try link("leak.md", outside.appendingPathComponent("secret.md").path)
    try link("relative-leak.md", "../outside/secret.md")
    try link("hop.md", "leak.md")
    try link("out", outside.path)
    try link("ok.md", "docs/inside.md")
    try link("shared", "docs")
    try FileManager.default.createSymbolicLink(atPath: base.appendingPathComponent("alias").path, withDestinationPath: root.path)

    // Given as itself or through a link to it, the root is the same boundary.
    for given in [root, base.appendingPathComponent("alias")] {
      let source = DiskFileSource(root: given)
      for path in ["leak.md", "relative-leak.md", "hop.md", "out", "out/secret.md"] {
        #expect(source.kind(of: path) == .outsideProject, "\(path)")
        #expect(source.read(path, limit: 100) == .outsideProject, "\(path)")
      }
      #expect(source.names(in: "out") == nil, "a folder outside is not listed")
      #expect(source.kind(of: "ok.md") == .linkToFile)
      #expect(source.read("ok.md", limit: 100) == .bytes(Array("inside\n".utf8)))
      #expect(source.kind(of: "shared") == .linkToDirectory)
      #expect(source.read("shared/inside.md", limit: 100) == .bytes(Array("inside\n".utf8)))
      #expect(source.names(in: "shared") == ["inside.md"])
    }

    // A build record replays the questions on a fresh source and gets the same answers.
    let recording = RecordingFileSource(DiskFileSource(root: root))
    for path in ["leak.md", "out/secret.md", "ok.md"] {
      _ = recording.kind(of: path)
      _ = recording.read(path, limit: 100)
    }
    _ = recording.names(in: "out")
    #expect(recording.queries.filter { $0.answer == "outside" }.count == 4)
    #expect(recording.queries.allSatisfy { $0.holds(in: DiskFileSource(root: root)) })
  }

  @Test func sizesAreShownInMebibytesWithoutTheLocale() {
    #expect(FileReader.mebibytes(50_000_000) == "47.7")
    #expect(FileReader.mebibytes(8 * 1024 * 1024 + 1) == "8.0")
    #expect(FileReader.mebibytes(9 * 1024 * 1024) == "9.0")
  }
}
