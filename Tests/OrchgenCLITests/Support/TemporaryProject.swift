import Foundation

/// A project written under a fresh temporary directory, removed by `remove()`.
struct TemporaryProject {
  let root: URL

  /// Writes `files` (relative path → text) under a new directory.
  init(_ files: [String: String]) throws {
    root = FileManager.default.temporaryDirectory
      .appendingPathComponent("orchgen-cli-\(UUID().uuidString)", isDirectory: true)
      .resolvingSymlinksInPath()
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    for (path, text) in files { try write(path, text) }
  }

  func remove() { try? FileManager.default.removeItem(at: root) }

  func write(_ path: String, _ text: String) throws {
    let url = root.appendingPathComponent(path)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
  }

  /// Every file and directory under the root with its bytes (nil for a directory) and its
  /// modification time, so a comparison catches created, deleted, rewritten or touched entries.
  func snapshot() throws -> [String: Entry] {
    var result: [String: Entry] = [:]
    let manager = FileManager.default
    for path in try manager.subpathsOfDirectory(atPath: root.path) {
      let url = root.appendingPathComponent(path)
      let attributes = try manager.attributesOfItem(atPath: url.path)
      let isDirectory = attributes[.type] as? FileAttributeType == .typeDirectory
      result[path] = Entry(
        contents: isDirectory ? nil : try Data(contentsOf: url),
        modified: attributes[.modificationDate] as? Date)
    }
    return result
  }

  struct Entry: Equatable {
    var contents: Data?
    var modified: Date?
  }
}
