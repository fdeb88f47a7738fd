#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The folders of one output directory, each opened once for a build: files are created,
/// renamed and deleted relative to their folder's descriptor, so a build of 10,000 files walks
/// and proves a handful of folders instead of every file's path (twice).
///
/// Each folder is opened from its parent's descriptor with `O_NOFOLLOW`, so the kernel never
/// follows a symlink on the way: a symlink swapped in for a folder after it was opened
/// redirects nothing. A folder that is a symlink is used only when it resolves inside the
/// output directory; one leading outside refuses the file (`WriteError.unsafePath`). Missing
/// folders are created with `mkdirat`, which follows nothing either.
final class OutputTree {
  /// The directory's path as given, for messages.
  let path: String
  /// Open folders by path relative to the directory; "" is the directory itself.
  private var descriptors: [String: Int32]
  /// Folders found missing while nothing was being created.
  private var missing: Set<String> = []
  private var resolvedRoot: String?

  /// Opens the directory at `path` (which may itself be a symlink, as `output` may be).
  init(_ path: String) throws(OutputFiles.Failure) {
    let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard descriptor >= 0 else { throw OutputFiles.failure(path) }
    self.path = path
    descriptors = ["": descriptor]
  }

  /// The folder `name` in `parent`'s, which orchgen itself made (the staging folder).
  init(in parent: OutputTree, _ name: String) throws(OutputFiles.Failure) {
    path = parent.path + "/" + name
    let descriptor = openat(parent.root, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
    guard descriptor >= 0 else { throw OutputFiles.failure(path) }
    descriptors = ["": descriptor]
  }

  deinit {
    for descriptor in descriptors.values { close(descriptor) }
  }

  /// The directory's own descriptor.
  var root: Int32 { descriptors[""]! }

  /// The folder part of a relative path ("" when it has none).
  static func folder(of path: String) -> Substring {
    guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "" }
    return path[..<slash]
  }

  /// The last component of a relative path.
  static func name(of path: String) -> String {
    guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return path }
    return String(path[path.utf8.index(after: slash)...])
  }

  /// The descriptor of the folder holding `file` (a relative path); nil when that folder does
  /// not exist and `creating` is false. With `creating`, missing folders are made.
  func folder(containing file: String, creating: Bool) throws(OutputWriter.WriteError) -> Int32? {
    let folder = Self.folder(of: file)
    if let descriptor = descriptors[String(folder)] { return descriptor }
    if !creating, missing.contains(String(folder)) { return nil }
    if creating { missing.removeAll() }
    // Walk down from the directory, opening (or making) each folder not open yet.
    var current = root
    var start = folder.startIndex
    while start < folder.endIndex {
      let end = folder[start...].utf8.firstIndex(of: UInt8(ascii: "/")) ?? folder.endIndex
      defer { start = end < folder.endIndex ? folder.utf8.index(after: end) : end }
      let relative = String(folder[..<end])
      if let descriptor = descriptors[relative] {
        current = descriptor
        continue
      }
      let name = String(folder[start..<end])
      guard let descriptor = try openFolder(name, in: current, relative: relative, creating: creating, for: file) else {
        missing.insert(String(folder))
        return nil
      }
      descriptors[relative] = descriptor
      current = descriptor
    }
    return current
  }

  /// Deletes `folder` (relative) if it is empty, then each parent left empty, up to (not
  /// including) the directory itself. Folders already gone are skipped.
  func removeEmptyFolders(startingAt folder: String) {
    var folder = folder
    while !folder.isEmpty {
      let parent = String(Self.folder(of: folder))
      if let descriptor = try? self.folder(containing: folder, creating: false) {
        guard unlinkat(descriptor, Self.name(of: folder), AT_REMOVEDIR) == 0 || errno == ENOENT else { return }
        if let removed = descriptors.removeValue(forKey: folder) { close(removed) }
      }
      folder = parent
    }
  }

  private func openFolder(
    _ name: String, in parent: Int32, relative: String, creating: Bool, for file: String
  ) throws(OutputWriter.WriteError) -> Int32? {
    var descriptor = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
    if descriptor < 0, errno == ENOENT {
      guard creating else { return nil }
      guard mkdirat(parent, name, 0o777) == 0 || errno == EEXIST else { throw io(relative) }
      descriptor = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
    }
    if descriptor >= 0 { return descriptor }
    let code = errno
    guard code == ENOTDIR || code == ELOOP, OutputFiles.kind(in: parent, name) == .symlink else {
      throw io(relative, code: code)
    }
    return try openSymlinked(relative, for: file)
  }

  /// A folder that is a symlink: opened where it resolves, if that is inside the directory.
  private func openSymlinked(_ relative: String, for file: String) throws(OutputWriter.WriteError) -> Int32 {
    guard let root = resolvedRoot ?? Self.resolve(path), let resolved = Self.resolve(path + "/" + relative),
      resolved == root || resolved.hasPrefix(root + "/")
    else { throw .unsafePath(file) }
    resolvedRoot = root
    let descriptor = open(resolved, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
    guard descriptor >= 0 else { throw io(relative) }
    return descriptor
  }

  /// `path` with every symlink resolved; nil if it cannot be (a dangling link, a loop).
  private static func resolve(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(validatingCString: resolved)
  }

  private func io(_ relative: String, code: Int32 = errno) -> OutputWriter.WriteError {
    let failure = OutputFiles.failure(path + "/" + relative, code: code)
    return .io(failure.path, failure.reason)
  }
}
