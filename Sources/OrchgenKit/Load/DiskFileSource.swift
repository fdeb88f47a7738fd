import FoundationEssentials

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
struct DiskFileSource: ProjectFileSource {
  let root: URL
  private let rootPath: String
  /// Kinds learnt from directory listings (`d_type`), so a walk needs no `lstat` per entry.
  private let listedKinds = ListedKinds()

  init(root: URL) {
    self.root = root
    rootPath = root.path
  }

  private final class ListedKinds {
    var kinds: [String: ProjectEntryKind] = [:]
  }

  var rootLabel: String { rootPath }

  // Plain concatenation: the loader's paths (and a build record's, checked when it is read)
  // are safe relative paths, and URL's
  // appendingPathComponent (percent-encoding each time) was a tenth of an up-to-date build.
  private func fullPath(_ path: String) -> String {
    path.isEmpty ? rootPath : rootPath.hasSuffix("/") ? rootPath + path : rootPath + "/" + path
  }

  func kind(of path: String) -> ProjectEntryKind? {
    if let kind = listedKinds.kinds.removeValue(forKey: path) { return kind }
    let full = fullPath(path)
    var info = stat()
    guard lstat(full, &info) == 0 else { return nil }
    switch info.st_mode & S_IFMT {
    case S_IFREG: return .file
    case S_IFDIR: return .directory
    case S_IFLNK:
      var target = stat()
      guard stat(full, &target) == 0 else { return .dangling }
      switch target.st_mode & S_IFMT {
      case S_IFREG: return .linkToFile
      case S_IFDIR: return .linkToDirectory
      default: return .special
      }
    default: return .special
    }
  }

  func names(in directory: String) -> [String]? {
    guard let stream = opendir(fullPath(directory)) else { return nil }
    defer { closedir(stream) }
    var names: [String] = []
    while let entry = readdir(stream) {
      let name = withUnsafePointer(to: &entry.pointee.d_name) {
        String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self))
      }
      if name == "." || name == ".." { continue }
      names.append(name)
      // Only the unambiguous types: a symlink needs `stat` to tell where it leads, and some
      // filesystems report no type at all. Only ASCII paths: a name that is not valid UTF-8
      // comes back altered (and must fail its `lstat` as before), and Swift's String equality
      // would let the NFC and NFD spellings of one name share an entry.
      let relative = directory.isEmpty ? name : directory + "/" + name
      guard relative.utf8.allSatisfy({ $0 < 0x80 }) else { continue }
      switch Int32(entry.pointee.d_type) {
      case Int32(DT_REG): listedKinds.kinds[relative] = .file
      case Int32(DT_DIR): listedKinds.kinds[relative] = .directory
      default: break
      }
    }
    return names
  }

  func read(_ path: String, limit: Int) -> FileReadResult {
    let descriptor = open(fullPath(path), O_RDONLY | O_NONBLOCK | O_CLOEXEC)
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
