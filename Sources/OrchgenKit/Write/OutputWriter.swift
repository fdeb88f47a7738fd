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

/// The back end's only filesystem access for writing: applies a `WritePlan` so that an
/// interruption at any moment (SIGKILL, power to the process cut, CI cancelled) leaves the
/// output directory recoverable to either the previous build or this one.
///
/// 1. Every path is proven to stay inside the output directory (`prove`); one bad path stops
///    the build before anything is written. All files are then created, renamed and deleted
///    relative to folders opened once without following symlinks (`OutputTree`).
/// 2. Every new or changed file is written under `<output>/.orchgen-staging/files/`.
/// 3. The journal (`OutputJournal`) is written beside them and renamed into place: the commit
///    point. Before it, recovery deletes the staging (the output is the previous build).
/// 4. Staged files are renamed into place, removed files deleted, the manifest last; then the
///    journal and the staging are deleted. After the commit point, recovery (`OutputRecovery`,
///    run first by the next build) replays the journal, which is idempotent.
///
/// A build into an empty directory has no previous build to keep, so it writes in place
/// instead (`FirstBuild`). Unchanged files are never touched. The guarantee covers interrupted
/// processes; it does not call `fsync`, so after a power loss it is as good as the
/// filesystem's ordering of renames.
public enum OutputWriter {
  /// The staging folder inside the output directory.
  public static let stagingName = ".orchgen-staging"
  /// The suffix of temporary files earlier orchgen versions wrote beside their targets.
  static let legacyTemporarySuffix = ".orchgen-tmp"

  public enum WriteError: Error, CustomStringConvertible {
    case unsafePath(String)
    case io(String, String)

    public var description: String {
      switch self {
      case .unsafePath(let path): "refusing to write '\(path)': it would leave the output directory"
      case .io(let path, let reason): "cannot write '\(path)': \(reason)"
      }
    }
  }

  /// Applies `plan` under `directory`. The directory must hold no interrupted build (the
  /// build command runs `OutputRecovery.recover` first).
  public static func apply(_ plan: WritePlan, to directory: URL) throws {
    try apply(plan, to: directory.path, interruption: Interruption())
  }

  /// `apply`, stopping as a SIGKILL would where `interruption` says (for tests).
  static func apply(_ plan: WritePlan, to directory: String, interruption: Interruption) throws {
    let tree: OutputTree
    do {
      try OutputFiles.makeDirectories(directory)
      tree = try OutputTree(directory)
    } catch {
      throw WriteError.io(error.path, error.reason)
    }
    guard OutputFiles.kind(in: tree.root, stagingName) == nil else {
      throw WriteError.io(
        tree.path + "/" + stagingName, "an interrupted build is in the way; run 'orchgen build' again to recover it")
    }
    let isEmpty = plan.removals.isEmpty && OutputFiles.entries(in: tree.root)?.isEmpty == true
    // Prove every path before writing anything; in an empty directory no target exists yet.
    for file in plan.writes { try prove(file.path, in: tree, isEmpty: isEmpty) }
    for path in plan.removals { try prove(path, in: tree) }
    if isEmpty { return try FirstBuild.write(plan, into: tree, interruption: interruption) }
    let journal = OutputJournal(plan: plan)
    do {
      try interruption.change()
      try OutputFiles.makeFolder(in: tree.root, stagingName, path: tree.path + "/" + stagingName)
      let staging = try OutputTree(in: tree, stagingName)
      try OutputFiles.makeFolder(in: staging.root, "files", path: staging.path + "/files")
      let files = try OutputTree(in: staging, "files")
      for file in plan.writes {
        let folder = try files.folder(containing: file.path, creating: true)!
        try interruption.change()
        try OutputFiles.create(
          in: folder, OutputTree.name(of: file.path), contents: file.contents, path: files.path + "/" + file.path)
      }
      try interruption.change()
      try OutputFiles.create(in: staging.root, "journal.tmp", contents: journal.rendered(), path: staging.path + "/journal.tmp")
      try interruption.change()
      try OutputFiles.rename(in: staging.root, "journal.tmp", to: staging.root, "journal", path: staging.path + "/journal")
    } catch let stop as Interruption.Stop {
      throw stop
    } catch {
      // Not committed: the output is still the previous build's.
      try? OutputFiles.removeTree(in: tree.root, stagingName, path: tree.path + "/" + stagingName)
      throw WriteError(error)
    }
    try commit(journal, in: tree, interruption: interruption)
  }

  /// Applies a committed journal: moves each staged file into place (one already moved is
  /// skipped), deletes removed files, then deletes the journal and the staging.
  static func commit(_ journal: OutputJournal, in tree: OutputTree, interruption: Interruption = Interruption()) throws {
    do {
      let staging = try OutputTree(in: tree, stagingName)
      // Without its folder of files, every staged file has been moved.
      let files = OutputFiles.kind(in: staging.root, "files") == nil ? nil : try OutputTree(in: staging, "files")
      for entry in journal.entries {
        guard isWritable(entry.path) else { throw WriteError.unsafePath(entry.path) }
        let name = OutputTree.name(of: entry.path)
        let target = { tree.path + "/" + entry.path }
        switch entry {
        case .write(let path):
          guard let from = try files?.folder(containing: path, creating: false) else { continue }
          let to = try tree.folder(containing: path, creating: true)!
          if OutputFiles.kind(in: to, name) == .symlink { throw WriteError.unsafePath(path) }
          try interruption.change()
          // The staged file is gone once it has been moved: that change is done.
          guard renameat(from, name, to, name) == 0 || errno == ENOENT else { throw OutputFiles.failing(target) }
        case .remove(let path):
          guard let folder = try tree.folder(containing: path, creating: false) else { continue }
          switch OutputFiles.kind(in: folder, name) {
          case nil, .directory: continue
          case .symlink: throw WriteError.unsafePath(path)
          case .file, .other: break
          }
          try interruption.change()
          try OutputFiles.unlink(in: folder, name, path: target())
          tree.removeEmptyFolders(startingAt: String(OutputTree.folder(of: path)))
        }
      }
      try interruption.change()
      try OutputFiles.unlink(in: staging.root, "journal", path: staging.path + "/journal")
      try interruption.change()
      try OutputFiles.removeTree(in: tree.root, stagingName, path: staging.path)
    } catch let error as OutputFiles.Failure {
      throw WriteError.io(error.path, error.reason + "; the next 'orchgen build' finishes this build")
    }
  }

  /// Proves that orchgen may write `path` in the tree: a safe relative path outside the staging
  /// folder, no folder on the way that is a symlink leading outside, and not a symlink itself.
  /// Missing folders prove nothing wrong: they are made without following anything. In an
  /// empty directory (`isEmpty`) nothing is on the way yet, so only the path is checked.
  static func prove(_ path: String, in tree: OutputTree, isEmpty: Bool = false) throws(WriteError) {
    guard isWritable(path) else { throw .unsafePath(path) }
    guard !isEmpty, let folder = try tree.folder(containing: path, creating: false) else { return }
    if OutputFiles.kind(in: folder, OutputTree.name(of: path)) == .symlink { throw .unsafePath(path) }
  }

  /// A safe relative path (`PathSafety.isSafeRelative`) with no `.` component, outside the
  /// staging folder.
  static func isWritable(_ path: String) -> Bool {
    guard PathSafety.isSafeRelative(path) else { return false }
    // One pass over the bytes: it runs for every file of a build.
    var length = 0
    var last: UInt8 = 0
    var isFirst = true
    var isStaging = true
    for byte in path.utf8 {
      if byte == UInt8(ascii: "/") {
        if length == 1 && last == UInt8(ascii: ".") || isFirst && isStaging && length == stagingBytes.count { return false }
        isFirst = false
        length = 0
        continue
      }
      if isFirst { isStaging = isStaging && length < stagingBytes.count && stagingBytes[length] == byte }
      last = byte
      length += 1
    }
    return !(length == 1 && last == UInt8(ascii: ".") || isFirst && isStaging && length == stagingBytes.count)
  }

  private static let stagingBytes = Array(stagingName.utf8)
}

extension OutputWriter {
  /// Where a test stops the writer as a SIGKILL would, with no clean-up: before the change to
  /// the disk after the first `changes` ones. The default never stops.
  final class Interruption {
    struct Stop: Error {}

    private var remaining: Int

    init(after changes: Int = .max) { remaining = changes }

    func change() throws(Stop) {
      guard remaining > 0 else { throw Stop() }
      remaining -= 1
    }

    /// How many of `count` changes made together (on several threads) may happen; the
    /// caller stops after making them if that is fewer.
    func changes(upTo count: Int) -> Int {
      let allowed = min(count, remaining)
      remaining -= allowed
      return allowed
    }
  }
}

extension OutputWriter.WriteError {
  /// A writer error for any error the writer's steps throw.
  init(_ error: any Error) {
    switch error {
    case let error as OutputWriter.WriteError: self = error
    case let error as OutputFiles.Failure: self = .io(error.path, error.reason)
    default: self = .io("", "\(error)")
    }
  }
}
