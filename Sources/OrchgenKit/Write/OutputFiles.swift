import FoundationEssentials

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The few file operations the writer and recovery need, as direct system calls: each one
/// either happens completely or not at all (create-exclusive, rename, unlink, mkdir), and none
/// follows a symlink at its last component.
enum OutputFiles {
  /// An operation failed; `reason` is the lowercase system message.
  struct Failure: Error, CustomStringConvertible {
    var path: String
    var reason: String
    var description: String { "cannot write '\(path)': \(reason)" }
  }

  enum Kind { case file, directory, symlink, other }

  /// What is at `path`, without following a final symlink; nil when nothing is.
  static func kind(_ path: String) -> Kind? {
    var info = stat()
    guard lstat(path, &info) == 0 else { return nil }
    switch info.st_mode & S_IFMT {
    case S_IFREG: return .file
    case S_IFDIR: return .directory
    case S_IFLNK: return .symlink
    default: return .other
    }
  }

  /// Creates a new file holding `bytes`; fails if anything exists at `path`.
  static func create(_ path: String, bytes: some Collection<UInt8>) throws(Failure) {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o666)
    guard descriptor >= 0 else { throw failure(path) }
    var written = 0
    // The bytes where they lie when they are contiguous (a String's UTF-8 is): no copy.
    let array: [UInt8]? = bytes.withContiguousStorageIfAvailable { _ in true } == nil ? Array(bytes) : nil
    func remaining(_ body: (UnsafeRawBufferPointer) -> Int) -> Int {
      if let array { return array.withUnsafeBytes { body($0) } }
      return bytes.withContiguousStorageIfAvailable { body(UnsafeRawBufferPointer($0)) }!
    }
    let total = array?.count ?? bytes.count
    while written < total {
      let count = remaining { write(descriptor, $0.baseAddress! + written, $0.count - written) }
      if count < 0 {
        if errno == EINTR { continue }
        let error = failure(path)
        close(descriptor)
        throw error
      }
      written += count
    }
    guard close(descriptor) == 0 else { throw failure(path) }
  }

  /// Replaces whatever file is at `destination` by `source`, atomically.
  static func rename(_ source: String, to destination: String) throws(Failure) {
    guard systemRename(source, destination) == 0 else { throw failure(destination) }
  }

  /// Deletes the file (or symlink) at `path`; a missing file is not an error.
  static func unlink(_ path: String) throws(Failure) {
    guard systemUnlink(path) == 0 || errno == ENOENT else { throw failure(path) }
  }

  /// The folder holding `path`: `/a/b` for `/a/b/c`, `/` for `/a`, `""` for `a` (as
  /// `NSString.deletingLastPathComponent`, which FoundationEssentials lacks).
  static func parent(of path: String) -> String {
    var trimmed = Substring(path)
    while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
    guard let slash = trimmed.lastIndex(of: "/") else { return "" }
    if slash == trimmed.startIndex { return "/" }
    var head = trimmed[..<slash]
    while head.count > 1, head.hasSuffix("/") { head = head.dropLast() }
    return String(head)
  }

  /// Creates `path` and its missing parents.
  static func makeDirectories(_ path: String) throws(Failure) {
    if kind(path) == .directory { return }
    let parent = OutputFiles.parent(of: path)
    if !parent.isEmpty, parent != path { try makeDirectories(parent) }
    guard mkdir(path, 0o777) == 0 || (errno == EEXIST && kind(path) == .directory) else { throw failure(path) }
  }

  /// Deletes a directory tree without following symlinks inside it.
  static func removeTree(_ path: String) throws(Failure) {
    guard let kind = kind(path) else { return }
    if kind == .directory {
      let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
      for name in names { try removeTree(path + "/" + name) }
      guard rmdir(path) == 0 || errno == ENOENT else { throw failure(path) }
    } else {
      try unlink(path)
    }
  }

  /// Removes empty directories from `directory` up to, not including, `stop`.
  static func pruneEmptyDirectories(from directory: String, below stop: String) {
    var current = directory
    while current.count > stop.count, current.hasPrefix(stop + "/"), rmdir(current) == 0 {
      current = OutputFiles.parent(of: current)
    }
  }

  private static func failure(_ path: String) -> Failure {
    let code = errno
    let reason = String(validatingCString: strerror(code))?.lowercased() ?? "error \(code)"
    return Failure(path: path, reason: reason)
  }
}

#if canImport(Glibc)
  private let systemRename = Glibc.rename
  private let systemUnlink = Glibc.unlink
#elseif canImport(Musl)
  private let systemRename = Musl.rename
  private let systemUnlink = Musl.unlink
#else
  private let systemRename = Darwin.rename
  private let systemUnlink = Darwin.unlink
#endif
