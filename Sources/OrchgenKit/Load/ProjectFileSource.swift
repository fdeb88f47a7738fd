/// Where `ProjectLoader` reads a project from: the disk under a root directory
/// (`DiskFileSource`) or files held in memory (`MemoryFileSource`, for tests and the fuzzer).
/// Both answer the same three questions, so the loader has one code path for either.
///
/// Paths are relative to the project root, with `/` separators and no `.` or `..` components.
///
/// The project root is a boundary: a path that resolves, links followed, outside it is
/// `outsideProject` to every question, and nothing behind it is opened or listed.
protocol ProjectFileSource {
  /// How messages name the project root.
  var rootLabel: String { get }

  /// What is at `path`; nil when nothing is.
  func kind(of path: String) -> ProjectEntryKind?

  /// The names in the directory at `path` (`""` is the root), in no particular order; nil when
  /// it is not a directory that can be listed (or leads outside the project).
  func names(in directory: String) -> [String]?

  /// The bytes of the file at `path`, refusing anything that is not a regular file (or a
  /// symlink to one), anything that leads outside the project without opening it, and any file
  /// larger than `limit` bytes without reading all of it.
  func read(_ path: String, limit: Int) -> FileReadResult
}

/// The kind of a project entry, as the loader's walks need it: symlinks are told apart so the
/// walks never descend into a linked directory (which could loop).
enum ProjectEntryKind: Equatable, Sendable {
  case file
  case directory
  /// A symlink to a regular file.
  case linkToFile
  /// A symlink to a directory; never descended into.
  case linkToDirectory
  /// A FIFO, socket or device, or a symlink to one: listed, but reading it is an error.
  case special
  /// A symlink whose target does not exist (or loops).
  case dangling
  /// A symlink, or a path through a linked folder, that resolves outside the project root:
  /// never read, listed or descended into, whatever it points to.
  case outsideProject

  /// Whether the loader treats the entry as a file to read (and reports it if unreadable).
  var isFileLike: Bool { self == .file || self == .linkToFile || self == .special }
}

/// The outcome of reading one file.
enum FileReadResult: Equatable, Sendable {
  case bytes([UInt8])
  /// The file holds more than the limit; the associated value is its size (or a lower bound).
  case tooLarge(Int)
  /// The file could not be read; the reason is lowercase, without a trailing period.
  case failed(String)
  /// The path resolves, links followed, outside the project root; nothing was opened.
  case outsideProject
}
