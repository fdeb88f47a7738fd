import FoundationEssentials

/// The back end's only filesystem access for writing: applies a `WritePlan` so that an
/// interruption at any moment (SIGKILL, power to the process cut, CI cancelled) leaves the
/// output directory recoverable to either the previous build or this one.
///
/// 1. Every path is proven to stay inside the output directory, symlinks resolved; one bad
///    path stops the build before anything is written.
/// 2. Every new or changed file is written under `<output>/.orchgen-staging/files/`.
/// 3. The journal (`OutputJournal`) is written beside them and renamed into place: the commit
///    point. Before it, recovery deletes the staging (the output is the previous build).
/// 4. Staged files are renamed into place, removed files deleted, the manifest last; then the
///    journal and the staging are deleted. After the commit point, recovery (`OutputRecovery`,
///    run first by the next build) replays the journal, which is idempotent.
///
/// Unchanged files are never touched. The guarantee covers interrupted processes; it does not
/// call `fsync`, so after a power loss it is as good as the filesystem's ordering of renames.
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
    do {
      try OutputFiles.makeDirectories(directory.path)
    } catch {
      throw WriteError.io(error.path, error.reason)
    }
    let root = directory.resolvingSymlinksInPath().path
    let staging = directory.appendingPathComponent(stagingName).path
    guard OutputFiles.kind(staging) == nil else {
      throw WriteError.io(staging, "an interrupted build is in the way; run 'orchgen build' again to recover it")
    }
    // Prove every path before writing anything.
    for path in plan.writes.map(\.path) + plan.removals { _ = try safeURL(path, in: directory, root: root) }
    let journal = OutputJournal(plan: plan)
    do {
      try OutputFiles.makeDirectories(staging + "/files")
      for file in plan.writes {
        let staged = staging + "/files/" + file.path
        try OutputFiles.makeDirectories(OutputFiles.parent(of: staged))
        try OutputFiles.create(staged, bytes: file.contents.utf8)
      }
      try OutputFiles.create(staging + "/journal.tmp", bytes: journal.rendered().utf8)
      try OutputFiles.rename(staging + "/journal.tmp", to: staging + "/journal")
    } catch {
      // Not committed: the output is still the previous build's.
      try? OutputFiles.removeTree(staging)
      throw WriteError.io(error.path, error.reason)
    }
    try commit(journal, in: directory, root: root)
  }

  /// Applies a committed journal: moves each staged file into place (one already moved is
  /// skipped), deletes removed files, then deletes the journal and the staging.
  static func commit(_ journal: OutputJournal, in directory: URL, root: String) throws {
    let staging = directory.appendingPathComponent(stagingName).path
    do {
      for entry in journal.entries {
        let target = try safeURL(entry.path, in: directory, root: root).path
        switch entry {
        case .write(let path):
          let staged = staging + "/files/" + path
          guard OutputFiles.kind(staged) == .file else { continue }
          try OutputFiles.makeDirectories(OutputFiles.parent(of: target))
          try OutputFiles.rename(staged, to: target)
        case .remove:
          guard let kind = OutputFiles.kind(target), kind != .directory else { continue }
          try OutputFiles.unlink(target)
          OutputFiles.pruneEmptyDirectories(from: OutputFiles.parent(of: target), below: directory.path)
        }
      }
      try OutputFiles.unlink(staging + "/journal")
      try OutputFiles.removeTree(staging)
    } catch let error as OutputFiles.Failure {
      throw WriteError.io(error.path, error.reason + "; the next 'orchgen build' finishes this build")
    }
  }

  /// Resolves `path` under the output directory and proves the result stays inside it, even
  /// when a component on disk is a symlink. The staging folder is not a valid target.
  static func safeURL(_ path: String, in directory: URL, root: String) throws -> URL {
    guard PathSafety.isSafeRelative(path), !path.split(separator: "/").contains("."),
      path.split(separator: "/").first.map(String.init) != stagingName
    else { throw WriteError.unsafePath(path) }
    let url = directory.appendingPathComponent(path)
    var parent = url.deletingLastPathComponent()
    while OutputFiles.kind(parent.path) == nil, parent.path.count > directory.path.count {
      parent = parent.deletingLastPathComponent()
    }
    let resolved = parent.resolvingSymlinksInPath().path
    guard resolved == root || resolved.hasPrefix(root + "/") else { throw WriteError.unsafePath(path) }
    if OutputFiles.kind(url.path) == .symlink { throw WriteError.unsafePath(path) }
    return url
  }
}
