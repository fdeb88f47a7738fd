import FoundationEssentials

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// What the last clean build depended on and what it left in the output directory, so that the
/// next build can tell "nothing changed" without loading, checking or generating anything.
///
/// It keeps the tool (`ToolIdentity`), every question the loader asked of the project and a
/// digest of each answer (`InputQuery`), and for each generated file its hash and its `lstat`
/// stamp (device, inode, size, modification and change times). A build is up to date when the
/// same tool gets the same answers and every generated file still has its stamp. Like git's
/// index, a file whose change time is not older than the record itself could have been edited
/// within the same clock tick after it was stamped; such files are hashed instead.
///
/// The record lives in the output directory (`.orchgen-build-record`, local state like the
/// staging folder; the generated `.gitignore` keeps it out of commits). It is written only after
/// a build without findings (findings must be shown again), deleted before the writer changes
/// anything, and ignored whenever it cannot be read, so it can make a build faster but never
/// different.
public struct BuildRecord: Sendable {
  /// The record's name in the output directory.
  public static let fileName = ".orchgen-build-record"
  static let header = "orchgen build record 1"

  struct Output: Sendable {
    var path: String
    var hash: String
    var stamp: FileStamp
  }

  var tool: String
  var outputLabel: String
  var inputs: [InputQuery]
  var outputs: [Output]

  /// The number of generated files when the build into `outputDirectory` would change nothing:
  /// same tool, same answers to every recorded question about the project at `root`, every
  /// generated file as it was left. Nil whenever that cannot be shown.
  public static func upToDateFileCount(root: URL, outputDirectory: URL, outputLabel: String) -> Int? {
    guard let tool = ToolIdentity.current, let (record, recordStamp) = read(outputDirectory.path + "/" + fileName),
      record.tool == tool
    else { return nil }
    return record.verify(
      root: root, outputDirectory: outputDirectory, outputLabel: outputLabel, recordedAt: recordStamp.changed)
  }

  /// `upToDateFileCount` for this record, written at `recordedAt` (its file's change time).
  func verify(root: URL, outputDirectory: URL, outputLabel: String, recordedAt: FileStamp.Time) -> Int? {
    let record = self
    guard record.outputLabel == outputLabel, !record.inputs.isEmpty, !record.outputs.isEmpty else { return nil }
    let source = DiskFileSource(root: root)
    for query in record.inputs where !query.holds(in: source) { return nil }
    // One lstat per file, on one thread: starting threads cost more than the calls.
    let base = outputDirectory.path + "/"
    var racy: [Output] = []
    for output in record.outputs {
      guard let stamp = FileStamp(lstatAt: base + output.path), stamp == output.stamp else { return nil }
      // Stamped within the record's clock tick: only the content can tell.
      if !(stamp.changed < recordedAt) { racy.append(output) }
    }
    let toHash = racy
    let contentHolds = Parallel.map(toHash.count) { index -> Bool in
      OutputState.readFile(base + toHash[index].path).map { SHA256.hex($0) == toHash[index].hash } ?? false
    }
    return contentHolds.allSatisfy { $0 } ? record.outputs.count : nil
  }

  /// Records a build without findings that left `files` in `outputDirectory`. Best effort: a
  /// record that cannot be written only means the next build runs in full.
  public static func write(
    inputs: InputRecord, files: [GeneratedFile], outputDirectory: URL, outputLabel: String
  ) {
    guard let tool = ToolIdentity.current, !inputs.isEmpty,
      let manifest = files.first(where: { $0.path == ManifestGenerator.path }),
      let hashes = ManifestGenerator.parse(manifest.contents)
    else { return }
    // Each stamp is tied to the content it vouches for: stat, read and compare with what was
    // generated, stat again. Something that rewrote a file after the writer (or after the
    // comparison of a build that wrote nothing) and before this point leaves no record.
    let base = outputDirectory.path + "/"
    let stamped = Parallel.map(files.count) { index -> Output? in
      let file = files[index]
      let hash = file.path == ManifestGenerator.path ? SHA256.hex(file.contents) : hashes[file.path]
      guard let hash, let before = FileStamp(lstatAt: base + file.path),
        let bytes = OutputState.readFile(base + file.path), OutputState.same(bytes, file.contents),
        let after = FileStamp(lstatAt: base + file.path), after == before
      else { return nil }
      return Output(path: file.path, hash: hash, stamp: after)
    }
    guard stamped.allSatisfy({ $0 != nil }) else { return }
    let record = BuildRecord(tool: tool, outputLabel: outputLabel, inputs: inputs.queries, outputs: stamped.map { $0! })
    let path = outputDirectory.path + "/" + fileName
    let temporary = path + ".tmp"
    try? OutputFiles.unlink(temporary)
    do {
      try OutputFiles.create(temporary, bytes: record.rendered().utf8)
      try OutputFiles.rename(temporary, to: path)
    } catch {
      try? OutputFiles.unlink(temporary)
    }
  }

  /// Deletes the record (before the writer changes the output directory). A record that
  /// cannot be deleted is harmless: the writer's changes show in the stamps.
  public static func remove(outputDirectory: URL) {
    try? OutputFiles.unlink(outputDirectory.path + "/" + fileName)
    try? OutputFiles.unlink(outputDirectory.path + "/" + fileName + ".tmp")
  }
}
