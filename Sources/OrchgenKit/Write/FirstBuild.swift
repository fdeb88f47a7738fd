#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A build into an empty output directory, written in place: the previous build is nothing,
/// so there is nothing to keep while the new one is written, and staging every file only to
/// rename it doubled the cost of the biggest builds (a first build, a CI checkout, a fresh
/// `--output`).
///
/// 1. The list of files (`OutputJournal`, every entry a write) is written to
///    `<output>/.orchgen-staging/first-build` before any of them.
/// 2. Every file but the last is created in place, exclusively (`O_EXCL`), in any order.
/// 3. The last file (the manifest) is staged and renamed into place: the commit point. Recovery
///    that finds it in place only deletes the staging (the build is complete); otherwise it
///    rolls back, deleting the listed files and the folders they leave empty, which returns
///    the directory to empty.
/// 4. The journal, then the staging are deleted.
enum FirstBuild {
  /// The journal's name in the staging folder.
  static let journalName = "first-build"
  /// The last file's staged name.
  private static let lastName = "last"

  /// Writes `plan` (writes only) into the empty directory `tree`.
  static func write(_ plan: WritePlan, into tree: OutputTree, interruption: OutputWriter.Interruption) throws {
    guard let last = plan.writes.last else { return }
    let files = Array(plan.writes.dropLast())
    let journal = OutputJournal(entries: plan.writes.map { .write($0.path) })
    let stagingPath = tree.path + "/" + OutputWriter.stagingName
    var created: [Int] = []
    let staging: OutputTree
    do {
      try interruption.change()
      try OutputFiles.makeFolder(in: tree.root, OutputWriter.stagingName, path: stagingPath)
      staging = try OutputTree(in: tree, OutputWriter.stagingName)
      let temporary = journalName + ".tmp"
      try interruption.change()
      try OutputFiles.create(in: staging.root, temporary, contents: journal.rendered(), path: stagingPath + "/" + temporary)
      try interruption.change()
      try OutputFiles.rename(in: staging.root, temporary, to: staging.root, journalName, path: stagingPath + "/" + journalName)
      // Every folder first (a handful), then the files on two lanes: creating files in one
      // folder takes turns on the folder's lock in the kernel, but copying the bytes in and
      // closing do not, which took 6-10% off a 10,000-file build on two cores.
      let folders = try files.map { try tree.folder(containing: $0.path, creating: true)! }
      let allowed = interruption.changes(upTo: files.count)
      let directory = tree.path
      let lanes = Parallel.map(2) { lane in
        create(files, in: folders, at: stride(from: lane, to: allowed, by: 2), under: directory)
      }
      created = lanes.flatMap(\.created)
      if let failure = lanes.lazy.compactMap(\.failure).first { throw failure }
      if allowed < files.count { throw OutputWriter.Interruption.Stop() }
      try interruption.change()
      try OutputFiles.create(in: staging.root, lastName, contents: last.contents, path: stagingPath + "/" + lastName)
      let folder = try tree.folder(containing: last.path, creating: true)!
      try interruption.change()
      try OutputFiles.rename(
        in: staging.root, lastName, to: folder, OutputTree.name(of: last.path), path: tree.path + "/" + last.path)
    } catch let stop as OutputWriter.Interruption.Stop {
      throw stop
    } catch {
      // Not committed: back to the empty directory. Only files this build created are
      // deleted (one already there made its create fail), with the folders made for them;
      // if one cannot be, the journal stays for the next build's recovery.
      let paths = created.map { files[$0].path }
      if removeFiles(paths, pruning: plan.writes.map(\.path), in: tree) == paths.count {
        try? OutputFiles.removeTree(in: tree.root, OutputWriter.stagingName, path: stagingPath)
      }
      throw OutputWriter.WriteError(error)
    }
    do {
      try interruption.change()
      try OutputFiles.unlink(in: staging.root, journalName, path: stagingPath + "/" + journalName)
      try interruption.change()
      try OutputFiles.removeTree(in: tree.root, OutputWriter.stagingName, path: stagingPath)
    } catch let stop as OutputWriter.Interruption.Stop {
      throw stop
    } catch {
      let error = OutputWriter.WriteError(error)
      guard case .io(let path, let reason) = error else { throw error }
      throw OutputWriter.WriteError.io(path, reason + "; the next 'orchgen build' finishes this build")
    }
  }

  /// Creates `files[index]` in `folders[index]` for each of `indices`, stopping at the first
  /// failure; which it created, and the failure.
  private static func create(
    _ files: [GeneratedFile], in folders: [Int32], at indices: StrideTo<Int>, under directory: String
  ) -> (created: [Int], failure: OutputFiles.Failure?) {
    var created: [Int] = []
    for index in indices {
      do throws(OutputFiles.Failure) {
        try OutputFiles.create(
          in: folders[index], OutputTree.name(of: files[index].path), contents: files[index].contents,
          path: directory + "/" + files[index].path)
      } catch {
        return (created, error)
      }
      created.append(index)
    }
    return (created, nil)
  }

  /// Finishes an interrupted first build: complete if its last file is in place, otherwise
  /// rolled back to the empty directory. Safe to repeat.
  static func recover(_ journal: OutputJournal, in tree: OutputTree) throws -> OutputRecovery.Outcome {
    let paths = journal.entries.map(\.path)
    for path in paths where !OutputWriter.isWritable(path) { throw OutputWriter.WriteError.unsafePath(path) }
    var outcome = OutputRecovery.Outcome.rolledForward(paths.count)
    if let last = paths.last, try !isFile(last, in: tree) {
      outcome = .rolledBackFirstBuild(removeFiles(paths, pruning: paths, in: tree))
    }
    let stagingPath = tree.path + "/" + OutputWriter.stagingName
    do {
      let staging = try OutputTree(in: tree, OutputWriter.stagingName)
      try OutputFiles.unlink(in: staging.root, journalName, path: stagingPath + "/" + journalName)
      try OutputFiles.removeTree(in: tree.root, OutputWriter.stagingName, path: stagingPath)
    } catch {
      throw OutputWriter.WriteError(error)
    }
    return outcome
  }

  /// Deletes the regular files at `paths` (nothing else: not a folder, not a symlink), then
  /// the folders holding `pruning` that are left empty, deepest first. Returns how many files
  /// it deleted.
  private static func removeFiles(_ paths: [String], pruning: [String], in tree: OutputTree) -> Int {
    var removed = 0
    for path in paths {
      guard let folder = try? tree.folder(containing: path, creating: false) else { continue }
      let name = OutputTree.name(of: path)
      guard OutputFiles.kind(in: folder, name) == .file, unlinkat(folder, name, 0) == 0 else { continue }
      removed += 1
    }
    let folders = Set(pruning.map { String(OutputTree.folder(of: $0)) })
    for folder in folders.sorted(by: { $0.utf8.count > $1.utf8.count }) { tree.removeEmptyFolders(startingAt: folder) }
    return removed
  }

  private static func isFile(_ path: String, in tree: OutputTree) throws -> Bool {
    guard let folder = try tree.folder(containing: path, creating: false) else { return false }
    return OutputFiles.kind(in: folder, OutputTree.name(of: path)) == .file
  }
}
