#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The few file operations the writer and recovery need, as direct system calls: each one
/// either happens completely or not at all (create-exclusive, rename, unlink, mkdir), and none
/// follows a symlink at its last component. The `in:` forms work relative to a folder opened by
/// `OutputTree`, so the kernel walks no path and no symlink above the file is followed.
enum OutputFiles {
  /// An operation failed; `reason` is the lowercase system message.
  struct Failure: Error, CustomStringConvertible {
    var path: String
    var reason: String
    var description: String { "cannot write '\(path)': \(reason)" }
  }

  enum Kind { case file, directory, symlink, other }

  /// What is at `path`, without following a final symlink; nil when nothing is.
  static func kind(_ path: String) -> Kind? { kind(in: AT_FDCWD, path) }

  /// What is at `name` in the folder `folder`, without following a symlink; nil when nothing is.
  static func kind(in folder: Int32, _ name: String) -> Kind? {
    var info = stat()
    guard fstatat(folder, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { return nil }
    switch info.st_mode & S_IFMT {
    case S_IFREG: return .file
    case S_IFDIR: return .directory
    case S_IFLNK: return .symlink
    default: return .other
    }
  }

  /// Creates a new file holding `bytes`; fails if anything exists at `path`.
  static func create(_ path: String, bytes: some Collection<UInt8>) throws(Failure) {
    if let failure = Array(bytes).withUnsafeBytes({ create(in: AT_FDCWD, path, $0, path: path) }) { throw failure }
  }

  /// Creates the file `name` in `folder` holding `contents`'s UTF-8 (written where it lies,
  /// no copy); fails if anything exists there. `path` names it in an error.
  static func create(in folder: Int32, _ name: String, contents: String, path: @autoclosure () -> String) throws(Failure) {
    var text = contents
    if let failure = text.withUTF8({ create(in: folder, name, UnsafeRawBufferPointer($0), path: path()) }) { throw failure }
  }

  /// The failure, if any.
  private static func create(
    in folder: Int32, _ name: String, _ bytes: UnsafeRawBufferPointer, path: @autoclosure () -> String
  ) -> Failure? {
    let descriptor = openat(folder, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o666)
    guard descriptor >= 0 else { return failing(path) }
    var written = 0
    while written < bytes.count {
      let count = write(descriptor, bytes.baseAddress! + written, bytes.count - written)
      if count < 0, errno == EINTR { continue }
      if count < 0 {
        let error = failing(path)
        close(descriptor)
        return error
      }
      written += count
    }
    return close(descriptor) == 0 ? nil : failing(path)
  }

  /// Replaces whatever file is at `destination` by `source`, atomically.
  static func rename(_ source: String, to destination: String) throws(Failure) {
    guard systemRename(source, destination) == 0 else { throw failure(destination) }
  }

  /// `rename` between two open folders.
  static func rename(
    in source: Int32, _ sourceName: String, to destination: Int32, _ destinationName: String,
    path: @autoclosure () -> String
  ) throws(Failure) {
    guard renameat(source, sourceName, destination, destinationName) == 0 else { throw failing(path) }
  }

  /// Deletes the file (or symlink) at `path`; a missing file is not an error.
  static func unlink(_ path: String) throws(Failure) {
    try unlink(in: AT_FDCWD, path, path: path)
  }

  /// Deletes the file (or symlink) `name` in `folder`; a missing file is not an error.
  static func unlink(in folder: Int32, _ name: String, path: @autoclosure () -> String) throws(Failure) {
    guard unlinkat(folder, name, 0) == 0 || errno == ENOENT else { throw failing(path) }
  }

  /// Creates the folder `name` in `folder`; fails if anything is there.
  static func makeFolder(in folder: Int32, _ name: String, path: @autoclosure () -> String) throws(Failure) {
    guard mkdirat(folder, name, 0o777) == 0 else { throw failing(path) }
  }

  /// Creates `path` and its missing parents.
  static func makeDirectories(_ path: String) throws(Failure) {
    if kind(path) == .directory { return }
    let parent = String(OutputTree.folder(of: path))
    if !parent.isEmpty, parent != path { try makeDirectories(parent) }
    guard mkdir(path, 0o777) == 0 || (errno == EEXIST && kind(path) == .directory) else { throw failure(path) }
  }

  /// Deletes a directory tree without following symlinks inside it.
  static func removeTree(_ path: String) throws(Failure) {
    try removeTree(in: AT_FDCWD, path, path: path)
  }

  /// Deletes `name` in `folder`, and everything in it if it is a folder, following no symlink.
  static func removeTree(in folder: Int32, _ name: String, path: String) throws(Failure) {
    guard unlinkat(folder, name, 0) != 0 else { return }
    let code = errno
    if code == ENOENT { return }
    guard code == EISDIR || code == EPERM, kind(in: folder, name) == .directory else { throw failure(path, code: code) }
    let descriptor = openat(folder, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
    guard descriptor >= 0 else { throw failure(path) }
    defer { close(descriptor) }
    for entry in entries(in: descriptor) ?? [] {
      try removeTree(in: descriptor, entry.name, path: path + "/" + entry.name)
    }
    guard unlinkat(folder, name, AT_REMOVEDIR) == 0 || errno == ENOENT else { throw failure(path) }
  }

  /// The entries of an open folder (without `.` and `..`) and what each is, from the folder
  /// listing itself where the filesystem says; nil if it cannot be listed.
  static func entries(in folder: Int32) -> [(name: String, kind: Kind?)]? {
    // A description of its own: reading through `folder` itself would move its offset.
    let descriptor = openat(folder, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    guard let stream = fdopendir(descriptor) else {
      close(descriptor)
      return nil
    }
    defer { closedir(stream) }
    var found: [(name: String, kind: Kind?)] = []
    while let entry = readdir(stream) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
      }
      guard name != ".", name != ".." else { continue }
      let kind: Kind? =
        switch Int32(entry.pointee.d_type) {
        case Int32(DT_REG): .file
        case Int32(DT_DIR): .directory
        case Int32(DT_LNK): .symlink
        case Int32(DT_UNKNOWN): OutputFiles.kind(in: descriptor, name)
        default: .other
        }
      found.append((name, kind))
    }
    return found
  }

  /// The failure of the last system call, for the path `path` names (built only now).
  static func failing(_ path: () -> String) -> Failure {
    let code = errno
    return failure(path(), code: code)
  }

  /// The failure of the last system call, for `path`.
  static func failure(_ path: String, code: Int32 = errno) -> Failure {
    let reason = String(validatingCString: strerror(code))?.lowercased() ?? "error \(code)"
    return Failure(path: path, reason: reason)
  }
}

#if canImport(Glibc)
  private let systemRename = Glibc.rename
#elseif canImport(Musl)
  private let systemRename = Musl.rename
#else
  private let systemRename = Darwin.rename
#endif
