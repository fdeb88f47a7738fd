#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Which orchgen made a build: the release, the running executable's GNU build ID (the linker's
/// hash of the program, so any rebuild of orchgen, even without a version bump, is a different
/// tool) and libcmark's version (a shared library that can change under the executable).
///
/// `BuildRecord` trusts a previous build only when it was made by the same tool. Without a
/// build ID (not Linux, or an executable linked without one) there is no identity and every
/// build runs in full.
enum ToolIdentity {
  static let current: String? = {
    guard let buildID = executableBuildID() else { return nil }
    return "orchgen \(OrchgenVersion.current) build-id \(buildID) cmark \(MarkdownParser.libraryVersion)"
  }()

  /// A digest of the `NT_GNU_BUILD_ID` note of `/proc/self/exe`, read from the ELF program headers
  /// (a few hundred bytes), never the whole executable.
  static func executableBuildID(path: String = "/proc/self/exe") -> String? {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    func bytes(at offset: Int, count: Int) -> [UInt8]? {
      guard count > 0, count <= 1 << 20 else { return nil }
      var buffer = [UInt8](repeating: 0, count: count)
      let read = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, count, off_t(offset)) }
      return read == count ? buffer : nil
    }
    // ELF64, little-endian only (x86-64 and arm64 Linux).
    guard let header = bytes(at: 0, count: 64), header[0..<4] == [0x7F, 0x45, 0x4C, 0x46], header[4] == 2,
      header[5] == 1
    else { return nil }
    let programHeaders = Int(truncatingIfNeeded: Self.integer(header, at: 0x20, size: 8))
    let entrySize = Int(Self.integer(header, at: 0x36, size: 2))
    let entryCount = Int(Self.integer(header, at: 0x38, size: 2))
    guard entrySize >= 56, let table = bytes(at: programHeaders, count: entrySize * entryCount) else { return nil }
    for index in 0..<entryCount {
      let entry = index * entrySize
      guard Self.integer(table, at: entry, size: 4) == 4 else { continue }  // PT_NOTE
      let offset = Int(truncatingIfNeeded: Self.integer(table, at: entry + 8, size: 8))
      let size = Int(truncatingIfNeeded: Self.integer(table, at: entry + 0x20, size: 8))
      guard let notes = bytes(at: offset, count: size) else { continue }
      if let id = buildID(inNotes: notes) { return id }
    }
    return nil
  }

  /// The build ID among ELF notes: each is name size, descriptor size, type, then the name
  /// and the descriptor, both padded to 4 bytes.
  private static func buildID(inNotes notes: [UInt8]) -> String? {
    var position = 0
    while position + 12 <= notes.count {
      let nameSize = Int(integer(notes, at: position, size: 4))
      let descriptorSize = Int(integer(notes, at: position + 4, size: 4))
      let type = integer(notes, at: position + 8, size: 4)
      let name = position + 12
      let descriptor = name + (nameSize + 3) & ~3
      let next = descriptor + (descriptorSize + 3) & ~3
      guard next <= notes.count, descriptor + descriptorSize <= notes.count else { return nil }
      if type == 3, nameSize == 4, notes[name..<name + 4] == [0x47, 0x4E, 0x55, 0], descriptorSize > 0 {
        return SHA256.hex(notes[descriptor..<descriptor + descriptorSize])
      }
      position = next
    }
    return nil
  }

  private static func integer(_ bytes: [UInt8], at offset: Int, size: Int) -> UInt64 {
    var value: UInt64 = 0
    for index in (0..<size).reversed() { value = value << 8 | UInt64(bytes[offset + index]) }
    return value
  }
}
