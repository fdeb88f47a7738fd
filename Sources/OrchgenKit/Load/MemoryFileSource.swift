/// A project held in memory: relative path → bytes. Directories are implied by the paths.
struct MemoryFileSource: ProjectFileSource {
  let files: [String: [UInt8]]
  private let directories: [String: Set<String>]

  /// Paths that are not safe relative paths (absolute, `..`, empty components) are dropped.
  init(_ files: [String: [UInt8]]) {
    var kept: [String: [UInt8]] = [:]
    var directories: [String: Set<String>] = ["": []]
    for (path, bytes) in files where PathSafety.isSafeRelative(path) {
      kept[path] = bytes
      var parent = ""
      for part in path.split(separator: "/") {
        directories[parent, default: []].insert(String(part))
        parent = parent.isEmpty ? String(part) : parent + "/" + part
      }
    }
    // A path that is both a file and a folder (a/b and a/b/c) stays a file.
    for path in kept.keys { directories[path] = nil }
    self.files = kept
    self.directories = directories
  }

  var rootLabel: String { "<memory>" }

  func kind(of path: String) -> ProjectEntryKind? {
    if files[path] != nil { return .file }
    return directories[path] != nil ? .directory : nil
  }

  func names(in directory: String) -> [String]? {
    directories[directory].map(Array.init)
  }

  func read(_ path: String, limit: Int) -> FileReadResult {
    guard let bytes = files[path] else {
      return directories[path] != nil ? .failed("is a directory") : .failed("no such file or directory")
    }
    return bytes.count > limit ? .tooLarge(bytes.count) : .bytes(bytes)
  }
}
