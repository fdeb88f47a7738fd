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
    #expect(source.kind(of: "zero.md") == .special)
    #expect(source.read("zero.md", limit: 10) == .failed("not a regular file"))
    #expect(source.kind(of: "loop.md") == .dangling)
    #expect(source.read("big.md", limit: 10) == .tooLarge(100))
    #expect(source.read("big.md", limit: 100) == .bytes(Array(repeating: UInt8(ascii: "a"), count: 100)))
    #expect(source.read("missing.md", limit: 10) == .failed("no such file or directory"))
  }

  @Test func sizesAreShownInMebibytesWithoutTheLocale() {
    #expect(FileReader.mebibytes(50_000_000) == "47.7")
    #expect(FileReader.mebibytes(8 * 1024 * 1024 + 1) == "8.0")
    #expect(FileReader.mebibytes(9 * 1024 * 1024) == "9.0")
  }
}
