import Foundation

/// The back end's only filesystem access: applies a `WritePlan` with each file written to a
/// temporary sibling and renamed into place, never following a symlink out of the output
/// directory, and the manifest written last.
public enum OutputWriter {
  static let temporarySuffix = ".orchgen-tmp"

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

  /// Applies `plan` under `directory`.
  public static func apply(_ plan: WritePlan, to directory: URL) throws {
    let manager = FileManager.default
    do {
      try manager.createDirectory(at: directory, withIntermediateDirectories: true)
    } catch {
      throw WriteError.io(directory.path, (error as NSError).localizedDescription)
    }
    let root = directory.resolvingSymlinksInPath().path
    removeLeftovers(in: directory)
    for file in plan.writes {
      let url = try safeURL(file.path, in: directory, root: root)
      let temporary = url.deletingLastPathComponent().appendingPathComponent("." + url.lastPathComponent + temporarySuffix)
      do {
        try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(file.contents.utf8).write(to: temporary)
        if rename(temporary.path, url.path) != 0 {
          throw WriteError.io(file.path, String(cString: strerror(errno)))
        }
      } catch let error as WriteError {
        try? manager.removeItem(at: temporary)
        throw error
      } catch {
        try? manager.removeItem(at: temporary)
        throw WriteError.io(file.path, (error as NSError).localizedDescription)
      }
    }
    for path in plan.removals {
      let url = try safeURL(path, in: directory, root: root)
      try? manager.removeItem(at: url)
      pruneEmptyParents(of: url, below: directory)
    }
  }

  /// Resolves `path` under the output directory and proves the result stays inside it, even
  /// when a component on disk is a symlink.
  static func safeURL(_ path: String, in directory: URL, root: String) throws -> URL {
    guard PathSafety.isSafeRelative(path) else { throw WriteError.unsafePath(path) }
    let url = directory.appendingPathComponent(path)
    var parent = url.deletingLastPathComponent()
    while !FileManager.default.fileExists(atPath: parent.path), parent.path.count > directory.path.count {
      parent = parent.deletingLastPathComponent()
    }
    let resolved = parent.resolvingSymlinksInPath().path
    guard resolved == root || resolved.hasPrefix(root + "/") else { throw WriteError.unsafePath(path) }
    if let attributes = try? FileManager.default.attributesOfItem(atPath: url.path),
      attributes[.type] as? FileAttributeType == .typeSymbolicLink
    {
      throw WriteError.unsafePath(path)
    }
    return url
  }

  /// Temporary files an interrupted build left behind.
  private static func removeLeftovers(in directory: URL) {
    guard let enumerator = FileManager.default.enumerator(atPath: directory.path) else { return }
    while let path = enumerator.nextObject() as? String {
      if path.hasSuffix(temporarySuffix) {
        try? FileManager.default.removeItem(at: directory.appendingPathComponent(path))
      }
    }
  }

  private static func pruneEmptyParents(of url: URL, below directory: URL) {
    var parent = url.deletingLastPathComponent().standardizedFileURL
    let stop = directory.standardizedFileURL.path
    while parent.path.count > stop.count,
      let entries = try? FileManager.default.contentsOfDirectory(atPath: parent.path), entries.isEmpty
    {
      try? FileManager.default.removeItem(at: parent)
      parent = parent.deletingLastPathComponent()
    }
  }
}
