import Foundation

@testable import OrchgenKit

/// A temporary directory with helpers to reset and snapshot an output tree.
struct Scratch {
  let root: URL

  init() throws {
    root = FileManager.default.temporaryDirectory.appendingPathComponent("orchgen-writer-\(UUID().uuidString)")
      .resolvingSymlinksInPath()
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
  }

  func remove() { try? FileManager.default.removeItem(at: root) }
  func url(_ path: String) -> URL { root.appendingPathComponent(path) }

  func write(_ path: String, _ text: String) throws {
    try FileManager.default.createDirectory(at: url(path).deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url(path))
  }

  /// Replaces `directory` with exactly `files`.
  func reset(_ directory: URL, to files: [GeneratedFile]) throws {
    try? FileManager.default.removeItem(at: directory)
    for file in files { try write(directory.path.dropFirst(root.path.count + 1) + "/" + file.path, file.contents) }
  }

  /// Regular files under `directory` with their text; fails on anything else but folders.
  func files(_ directory: URL) throws -> [String: String] {
    var result: [String: String] = [:]
    for path in try FileManager.default.subpathsOfDirectory(atPath: directory.path) {
      let full = directory.appendingPathComponent(path).path
      switch OutputFiles.kind(full) {
      case .file: result[path] = try String(contentsOfFile: full, encoding: .utf8)
      case .directory:
        let names = try FileManager.default.contentsOfDirectory(atPath: full)
        if names.isEmpty { result[path + "/"] = "<empty folder>" }
      default: result[path] = "<not a file>"
      }
    }
    return result
  }

  /// Every path under `directory`, sorted.
  func entries(_ directory: URL) throws -> [String] {
    try FileManager.default.subpathsOfDirectory(atPath: directory.path).sorted()
  }
}
