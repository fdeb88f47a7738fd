#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The project on disk under `root`. Reads are bounded: a file is opened without blocking
/// (a FIFO cannot hang the loader), must be a regular file (so `/dev/zero` behind a symlink
/// cannot exhaust memory), and is read up to one byte past the limit at most.
///
/// The root is a boundary: whatever a symlink points to, the file or folder behind it is
/// opened, listed or read only when the link resolves inside the root. The check costs nothing
/// for plain files and folders: a file is opened with `O_NOFOLLOW` (a link makes the open fail,
/// and only then is it resolved), and each folder on the way is known from the listing that
/// found it or from one `lstat`, remembered.
struct DiskFileSource: ProjectFileSource {
  let root: URL
  private let rootPath: String
  private let state = State()

  init(root: URL) {
    self.root = root
    rootPath = root.path
  }

  private final class State {
    /// Kinds learnt from directory listings (`d_type`), so a walk needs no `lstat` per entry.
    var kinds: [String: ProjectEntryKind] = [:]
    /// Folders known to resolve inside the root (true) or outside it (false). A plain folder
    /// listed in one inside is inside, so a walk needs no `lstat` per folder either.
    var folders: [String: Bool] = ["": true]
    /// The root with every link resolved, once a link needs it.
    var resolvedRoot: [UInt8]?
  }

  var rootLabel: String { rootPath }

  // Plain concatenation: the loader's paths (and a build record's, checked when it is read)
  // are safe relative paths, and URL's
  // appendingPathComponent (percent-encoding each time) was a tenth of an up-to-date build.
  private func fullPath(_ path: String) -> String {
    path.isEmpty ? rootPath : rootPath.hasSuffix("/") ? rootPath + path : rootPath + "/" + path
  }

  private static func parent(of path: String) -> String {
    path.utf8.lastIndex(of: UInt8(ascii: "/")).map { String(path[..<$0]) } ?? ""
  }

  /// Only ASCII paths are remembered: a name that is not valid UTF-8 comes back altered, and
  /// Swift's String equality would let the NFC and NFD spellings of one name (two folders on
  /// disk) share an entry.
  private static func isCacheable(_ path: String) -> Bool { path.utf8.allSatisfy { $0 < 0x80 } }

  func kind(of path: String) -> ProjectEntryKind? {
    if let kind = state.kinds.removeValue(forKey: path) { return kind }
    guard folderIsInside(Self.parent(of: path)) else { return .outsideProject }
    let full = fullPath(path)
    var info = stat()
    guard lstat(full, &info) == 0 else { return nil }
    switch info.st_mode & S_IFMT {
    case S_IFREG: return .file
    case S_IFDIR:
      remember(path, inside: true)
      return .directory
    case S_IFLNK:
      // Resolved before anything behind it is looked at: a link leaving the root is refused
      // whatever it points to.
      guard let resolved = Self.resolve(full) else { return .dangling }
      guard isInside(resolved) else {
        remember(path, inside: false)
        return .outsideProject
      }
      var target = stat()
      guard stat(full, &target) == 0 else { return .dangling }
      switch target.st_mode & S_IFMT {
      case S_IFREG: return .linkToFile
      case S_IFDIR:
        remember(path, inside: true)
        return .linkToDirectory
      default: return .special
      }
    default: return .special
    }
  }

  private func remember(_ folder: String, inside: Bool) {
    if Self.isCacheable(folder) { state.folders[folder] = inside }
  }

  /// Whether the folder at `path` resolves inside the root, links followed; a folder that
  /// cannot be resolved because nothing is there counts as inside (nothing can be read through
  /// it).
  private func folderIsInside(_ path: String) -> Bool {
    if let known = state.folders[path] { return known }
    var inside = folderIsInside(Self.parent(of: path))
    if inside {
      let full = fullPath(path)
      var info = stat()
      if lstat(full, &info) == 0, info.st_mode & S_IFMT == S_IFLNK {
        if let resolved = Self.resolve(full) {
          inside = isInside(resolved)
        } else {
          inside = errno == ENOENT || errno == ENOTDIR
        }
      }
    }
    remember(path, inside: inside)
    return inside
  }

  /// Whether a resolved absolute path is the root or under it.
  private func isInside(_ resolved: [UInt8]) -> Bool {
    let root = state.resolvedRoot ?? Self.resolve(rootPath) ?? Array(rootPath.utf8)
    state.resolvedRoot = root
    guard resolved.starts(with: root) else { return false }
    return resolved.count == root.count || root.last == UInt8(ascii: "/") || resolved[root.count] == UInt8(ascii: "/")
  }

  /// `path` with every link resolved (`realpath`), as bytes; nil with `errno` set when it
  /// cannot be (a dangling link, a loop).
  private static func resolve(_ path: String) -> [UInt8]? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return Array(UnsafeRawBufferPointer(start: resolved, count: strlen(resolved)))
  }

  func names(in directory: String) -> [String]? {
    guard folderIsInside(directory), let stream = opendir(fullPath(directory)) else { return nil }
    defer { closedir(stream) }
    var names: [String] = []
    while let entry = readdir(stream) {
      let name = withUnsafePointer(to: &entry.pointee.d_name) {
        String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self))
      }
      if name == "." || name == ".." { continue }
      names.append(name)
      // Only the unambiguous types: a symlink needs resolving to tell where it leads, and
      // some filesystems report no type at all. Only ASCII paths (`isCacheable`); a name that
      // is not valid UTF-8 must fail its `lstat` as before.
      let relative = directory.isEmpty ? name : directory + "/" + name
      guard Self.isCacheable(relative) else { continue }
      switch Int32(entry.pointee.d_type) {
      case Int32(DT_REG): state.kinds[relative] = .file
      case Int32(DT_DIR):
        state.kinds[relative] = .directory
        state.folders[relative] = true
      default: break
      }
    }
    return names
  }

  func read(_ path: String, limit: Int) -> FileReadResult {
    guard folderIsInside(Self.parent(of: path)) else { return .outsideProject }
    let full = fullPath(path)
    let flags = O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOFOLLOW
    var descriptor = open(full, flags)
    if descriptor < 0, errno == ELOOP || errno == EMLINK {
      // A link (ELOOP; EMLINK on FreeBSD): opened where it resolves, only if that is inside.
      guard let resolved = Self.resolve(full) else { return .failed(Self.reason(errno)) }
      guard isInside(resolved) else { return .outsideProject }
      descriptor = (resolved + [0]).withUnsafeBufferPointer { bytes in
        bytes.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, flags) }
      }
    }
    guard descriptor >= 0 else { return .failed(Self.reason(errno)) }
    defer { close(descriptor) }
    var info = stat()
    guard fstat(descriptor, &info) == 0 else { return .failed(Self.reason(errno)) }
    switch info.st_mode & S_IFMT {
    case S_IFREG: break
    case S_IFDIR: return .failed("is a directory")
    default: return .failed("not a regular file")
    }
    if Int(info.st_size) > limit { return .tooLarge(Int(info.st_size)) }
    // The size can change while reading; never hold more than limit + 1 bytes.
    var bytes: [UInt8] = []
    bytes.reserveCapacity(Int(info.st_size))
    var buffer = [UInt8](repeating: 0, count: 64 * 1024)
    while true {
      let count = buffer.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR { continue }
        return .failed(Self.reason(errno))
      }
      if count == 0 { break }
      bytes.append(contentsOf: buffer[..<count])
      if bytes.count > limit { return .tooLarge(bytes.count) }
    }
    return .bytes(bytes)
  }

  /// `strerror`'s text, lowercased ("permission denied").
  private static func reason(_ code: Int32) -> String {
    guard let text = String(validatingCString: strerror(code)) else { return "error \(code)" }
    return text.lowercased()
  }
}

/// `read(2)`, named apart from the `read` method above.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
  #if canImport(Glibc)
    return Glibc.read(descriptor, buffer, count)
  #elseif canImport(Musl)
    return Musl.read(descriptor, buffer, count)
  #else
    return Darwin.read(descriptor, buffer, count)
  #endif
}
