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

  var rootLabel: String { root.path }

  private func fullPath(_ path: String) -> String {
    path.isEmpty ? root.path : root.appendingPathComponent(path).path
  }

  func kind(of path: String) -> ProjectEntryKind? {
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
    try? FileManager.default.contentsOfDirectory(atPath: fullPath(directory))
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
