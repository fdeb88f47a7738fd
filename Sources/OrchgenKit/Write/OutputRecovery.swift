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

/// Finds and repairs what an interrupted build left in the output directory. `orchgen build`
/// runs `recover` before anything else; `orchgen check` only reports `leftovers`, because it
/// never writes.
public enum OutputRecovery {
  /// What `recover` did.
  public enum Outcome: Equatable, Sendable {
    /// There was nothing to recover.
    case clean
    /// A committed build was finished: its journal held this many changes.
    case rolledForward(Int)
    /// An uncommitted build's staging was deleted; the output is the previous build's.
    case rolledBack
    /// An uncommitted build into an empty directory was undone: this many files it had
    /// written were deleted, and the directory is empty again.
    case rolledBackFirstBuild(Int)
    /// Only temporary files of an older orchgen were deleted.
    case removedTemporaries(Int)

    /// One line for the build's progress output; nil when there was nothing to do.
    public var summary: String? {
      switch self {
      case .clean: nil
      case .rolledForward(let count):
        "finished an interrupted build (\(count) change\(count == 1 ? "" : "s") from its journal)"
      case .rolledBack: "rolled back an interrupted build that had not changed any file yet"
      case .rolledBackFirstBuild(let count):
        "rolled back an interrupted build into an empty directory (deleted the \(count) file\(count == 1 ? "" : "s") it had written)"
      case .removedTemporaries(let count):
        "removed \(count) temporary file\(count == 1 ? "" : "s") of an interrupted build"
      }
    }
  }

  /// Paths under `directory` (relative to it) that an interrupted build left: the staging
  /// folder and temporary files of older versions. Empty when the output is consistent.
  public static func leftovers(in directory: URL) -> [String] {
    guard OutputFiles.kind(directory.path) == .directory else { return [] }
    var found: [String] = []
    if OutputFiles.kind(directory.path + "/" + OutputWriter.stagingName) != nil {
      found.append(OutputWriter.stagingName)
    }
    return found + legacyTemporaries(in: directory)
  }

  /// Brings `directory` back to a consistent build: rolls a committed journal forward, or
  /// deletes an uncommitted staging, or finishes or undoes a first build (`FirstBuild`), and
  /// deletes old temporary files. Safe to repeat, and
  /// safe to interrupt: the next call continues where this one stopped.
  public static func recover(_ directory: URL) throws -> Outcome {
    guard OutputFiles.kind(directory.path) == .directory else { return .clean }
    let staging = directory.path + "/" + OutputWriter.stagingName
    var outcome = Outcome.clean
    switch OutputFiles.kind(staging) {
    case nil:
      break
    case .directory:
      let tree: OutputTree
      do {
        tree = try OutputTree(directory.path)
      } catch {
        throw OutputWriter.WriteError(error)
      }
      if let journal = journal(staging + "/journal") {
        try OutputWriter.commit(journal, in: tree)
        outcome = .rolledForward(journal.entries.count)
      } else if let journal = journal(staging + "/" + FirstBuild.journalName) {
        outcome = try FirstBuild.recover(journal, in: tree)
      } else {
        try remove(staging)
        outcome = .rolledBack
      }
    default:
      // Not a folder orchgen made (a file or symlink of that name): delete only the entry.
      try remove(staging)
      outcome = .rolledBack
    }
    let temporaries = legacyTemporaries(in: directory)
    for path in temporaries { try remove(directory.path + "/" + path) }
    if outcome == .clean, !temporaries.isEmpty { outcome = .removedTemporaries(temporaries.count) }
    return outcome
  }

  /// The complete journal at `path`; nil if there is none (or only part of one).
  private static func journal(_ path: String) -> OutputJournal? {
    guard OutputFiles.kind(path) == .file, let bytes = OutputState.readFile(path) else { return nil }
    return OutputJournal.parse(String(decoding: bytes, as: UTF8.self))
  }

  private static func remove(_ path: String) throws {
    do {
      try OutputFiles.removeTree(path)
    } catch {
      throw OutputWriter.WriteError.io(error.path, error.reason)
    }
  }

  /// `*.orchgen-tmp` files anywhere under `directory`, symlinked folders not followed.
  private static func legacyTemporaries(in directory: URL) -> [String] {
    var found: [String] = []
    var pending = [""]
    while let current = pending.popLast() {
      let path = current.isEmpty ? directory.path : directory.path + "/" + current
      // The directory itself may be a symlink (as `output` may be); folders in it are not followed.
      let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC | (current.isEmpty ? 0 : O_NOFOLLOW))
      guard descriptor >= 0 else { continue }
      defer { close(descriptor) }
      for entry in OutputFiles.entries(in: descriptor) ?? [] where !(current.isEmpty && entry.name == OutputWriter.stagingName) {
        let relative = current.isEmpty ? entry.name : current + "/" + entry.name
        switch entry.kind {
        case .directory: pending.append(relative)
        case .file where entry.name.hasSuffix(OutputWriter.legacyTemporarySuffix): found.append(relative)
        default: break
        }
      }
    }
    return found.sorted()
  }
}
