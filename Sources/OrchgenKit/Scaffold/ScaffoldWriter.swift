/// Writes `orchgen init`'s files into a project directory with the writer's system calls:
/// folders are created as needed and a file is only ever created, never replaced (`O_EXCL`),
/// so a file that appears between the command's check and the write is not overwritten.
public enum ScaffoldWriter {
  /// Writing stopped at `path`; `written` lists the files created before it.
  public struct Failure: Error, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var written: [String]
    public var description: String { "cannot write '\(path)': \(reason)" }
  }

  /// Creates each of `files` under the directory `root`, in order.
  public static func write(_ files: [GeneratedFile], under root: String) throws(Failure) {
    var written: [String] = []
    for file in files {
      let full = root + "/" + file.path
      do {
        try OutputFiles.makeDirectories(String(OutputTree.folder(of: full)))
        try OutputFiles.create(full, bytes: file.contents.utf8)
      } catch {
        throw Failure(path: error.path, reason: error.reason, written: written)
      }
      written.append(file.path)
    }
  }
}
