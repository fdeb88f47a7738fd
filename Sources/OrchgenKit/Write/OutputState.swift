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

/// What is on disk under the output directory, read once: the previous manifest and the
/// current content of every path the new build or the old manifest names.
public struct OutputState: Sendable {
  public let directory: URL
  /// Path → hash from the previous build's manifest (empty if there was none).
  public let manifest: [String: String]
  /// Whether a manifest file existed.
  public let hasManifest: Bool
  /// Current bytes of each inspected path that exists as a regular file.
  public let contents: [String: [UInt8]]
  /// Inspected paths that exist but are not regular files (directories, sockets…).
  public let blocked: Set<String>
  /// Set when the output directory itself cannot be used (it is a file, say).
  public let unusableReason: String?
  /// What an interrupted build left (see `OutputRecovery.leftovers`), relative to `directory`.
  public var leftovers: [String] = []
  /// Whether another orchgen build holds the output directory's lock right now, so the
  /// leftovers are its work in progress rather than an interrupted build.
  public var isBeingWritten = false

  /// The state of an output directory that does not exist yet.
  public static func empty(_ directory: URL) -> OutputState {
    OutputState(
      directory: directory, manifest: [:], hasManifest: false, contents: [:], blocked: [], unusableReason: nil)
  }

  /// Reads the state relevant to writing `files` into `directory`.
  public static func read(_ directory: URL, for files: [GeneratedFile]) -> OutputState {
    // The directory itself may be a symlink to one (`stat` follows it).
    var info = stat()
    guard stat(directory.path, &info) == 0 else {
      // Nothing to read, nothing left behind: every generated file is new.
      return .empty(directory)
    }
    guard info.st_mode & S_IFMT == S_IFDIR else {
      return OutputState(
        directory: directory, manifest: [:], hasManifest: false, contents: [:], blocked: [],
        unusableReason: "'\(directory.path)' is a file, not a directory")
    }
    let manifestPath = directory.path + "/" + ManifestGenerator.path
    let manifestText =
      OutputFiles.kind(manifestPath) == .file
      ? readFile(manifestPath).flatMap { String(validating: $0, as: UTF8.self) } : nil
    let manifest = manifestText.flatMap(ManifestGenerator.parse) ?? [:]
    var contents: [String: [UInt8]] = [:]
    var blocked = Set<String>()
    let paths = Array(
      Set(files.map(\.path)).union(manifest.keys).union([ManifestGenerator.path])
        .filter { PathSafety.isSafeRelative($0) && !$0.hasPrefix(OutputWriter.stagingName + "/") })
    // With system calls on all cores: Foundation's attributes and Data per file were most of a
    // 10,000-file no-op build's reading. Same verdicts: no file, a regular file read whole
    // (one that cannot be read counts as blocked), or anything else (blocked).
    let base = directory.path
    let found = Parallel.map(paths.count) { index -> (String, [UInt8]?)? in
      let path = paths[index]
      let full = base + "/" + path
      guard let kind = OutputFiles.kind(full) else { return nil }
      return (path, kind == .file ? readFile(full) : nil)
    }
    for entry in found {
      guard let (path, bytes) = entry else { continue }
      if let bytes { contents[path] = bytes } else { blocked.insert(path) }
    }
    let leftovers = OutputRecovery.leftovers(in: directory)
    return OutputState(
      directory: directory, manifest: manifest, hasManifest: manifestText != nil, contents: contents,
      blocked: blocked, unusableReason: nil, leftovers: leftovers,
      isBeingWritten: !leftovers.isEmpty && OutputLock.isHeld(directory))
  }

  /// Whether the previous build generated `path`.
  public func owns(_ path: String) -> Bool { manifest[path] != nil }

  /// The bytes of the regular file at `path` (not following a final symlink); nil if it
  /// cannot be read.
  static func readFile(_ path: String) -> [UInt8]? {
    let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var info = stat()
    guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
    // Read straight into the array, then whatever the file grew by since `fstat`.
    var failed = false
    let size = max(Int(info.st_size), 0)
    var bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
      var offset = 0
      while offset < size {
        let count = systemRead(descriptor, buffer.baseAddress! + offset, size - offset)
        if count < 0, errno == EINTR { continue }
        if count < 0 { failed = true }
        if count <= 0 { break }
        offset += count
      }
      initialized = offset
    }
    // Nearly always the first extra read finds the end; only a file that grew needs a buffer.
    var chunk = [UInt8](repeating: 0, count: 16)
    while !failed {
      let count = chunk.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress!, $0.count) }
      if count < 0, errno == EINTR { continue }
      if count < 0 { failed = true }
      if count <= 0 { break }
      bytes.append(contentsOf: chunk[0..<count])
      if chunk.count < 65_536 { chunk = [UInt8](repeating: 0, count: 65_536) }
    }
    return failed ? nil : bytes
  }

  /// Whether `bytes` are the UTF-8 of `text`, without copying the text into an array.
  static func same(_ bytes: [UInt8], _ text: String) -> Bool {
    var text = text
    return text.withUTF8 { utf8 in
      utf8.count == bytes.count
        && (utf8.isEmpty || bytes.withUnsafeBufferPointer { memcmp($0.baseAddress!, utf8.baseAddress!, utf8.count) == 0 })
    }
  }
}

#if canImport(Glibc)
  private let systemRead = Glibc.read
#elseif canImport(Musl)
  private let systemRead = Musl.read
#else
  private let systemRead = Darwin.read
#endif
