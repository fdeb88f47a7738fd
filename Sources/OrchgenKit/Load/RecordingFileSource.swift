/// A `ProjectFileSource` that notes every question the loader asks and a digest of each answer.
///
/// The loader is a pure function of those answers, and every later stage a pure function of the
/// loader's result, so the list is a complete record of what a build depended on: asked again
/// with the same answers (and the same orchgen), the build would produce the same files and
/// findings. `BuildRecord` keeps the list to let an up-to-date build stop before loading.
final class RecordingFileSource<Base: ProjectFileSource>: ProjectFileSource {
  private let base: Base
  private(set) var queries: [InputQuery] = []

  init(_ base: Base) { self.base = base }

  var rootLabel: String { base.rootLabel }

  func kind(of path: String) -> ProjectEntryKind? {
    let kind = base.kind(of: path)
    queries.append(InputQuery(kind: .kind, path: path, answer: InputQuery.answer(kind)))
    return kind
  }

  func names(in directory: String) -> [String]? {
    let names = base.names(in: directory)
    queries.append(InputQuery(kind: .names, path: directory, answer: InputQuery.answer(names, in: directory, of: base)))
    return names
  }

  func read(_ path: String, limit: Int) -> FileReadResult {
    let result = base.read(path, limit: limit)
    queries.append(InputQuery(kind: .read(limit: limit), path: path, answer: InputQuery.answer(result)))
    return result
  }
}

/// One question the loader asked of the project's files, and a digest of the answer.
public struct InputQuery: Equatable, Sendable {
  enum Kind: Equatable, Sendable {
    case kind
    case names
    case read(limit: Int)
  }

  var kind: Kind
  /// Relative to the project root (`""` is the root).
  var path: String
  /// A short text that changes whenever the answer does (a SHA-256 for file contents).
  var answer: String

  /// Asks the question again of `source`; whether the answer is still the same.
  func holds(in source: some ProjectFileSource) -> Bool {
    switch kind {
    case .kind: Self.answer(source.kind(of: path)) == answer
    case .names: Self.answer(source.names(in: path), in: path, of: source) == answer
    case .read(let limit): Self.answer(source.read(path, limit: limit)) == answer
    }
  }

  static func answer(_ kind: ProjectEntryKind?) -> String {
    guard let kind else { return "none" }
    return switch kind {
    case .file: "file"
    case .directory: "directory"
    case .linkToFile: "link-file"
    case .linkToDirectory: "link-directory"
    case .special: "special"
    case .dangling: "dangling"
    case .outsideProject: "outside"
    }
  }

  static func answer(_ names: [String]?, in directory: String, of source: some ProjectFileSource) -> String {
    // Listings come in no particular order; the sorted names, each ended by a NUL (which no
    // file name holds), hashed. The top-level output folder is never read (the project walk
    // skips it) but appears with the first build: left out while it is a folder, the second
    // build can already be up to date.
    guard let names else { return "none" }
    var bytes: [UInt8] = []
    for name in names.sorted()
    where !(directory.isEmpty && name == ProjectLoader.outputFolder && source.kind(of: name) == .directory) {
      bytes += name.utf8
      bytes.append(0)
    }
    return SHA256.hex(bytes)
  }

  static func answer(_ result: FileReadResult) -> String {
    switch result {
    case .bytes(let bytes): "bytes:" + SHA256.hex(bytes)
    case .tooLarge(let size): "too-large:\(size)"
    case .failed(let reason): "failed:" + reason
    case .outsideProject: "outside"
    }
  }
}

/// What a load asked of the disk, in order; empty for projects held in memory.
public struct InputRecord: Equatable, Sendable {
  var queries: [InputQuery] = []

  /// Whether the load recorded anything (a project read from disk always lists a folder).
  public var isEmpty: Bool { queries.isEmpty }
}
