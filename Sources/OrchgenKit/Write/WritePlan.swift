/// What a build will do to the output directory, decided before anything is written.
public struct WritePlan: Sendable {
  /// Files to create or replace (the manifest, if changed, is last).
  public var writes: [GeneratedFile] = []
  /// Paths whose content is already right; they are not touched, so their mtime stays.
  public var unchanged: [String] = []
  /// Files the previous build generated that this one does not; they are deleted.
  public var removals: [String] = []
  /// Files the build would overwrite although it did not generate them.
  public var conflicts: [Diagnostic] = []

  /// Whether the build would change nothing.
  public var isNoOp: Bool { writes.isEmpty && removals.isEmpty }

  /// Compares the generated files with the output directory's state.
  public static func make(_ files: [GeneratedFile], state: OutputState, outputLabel: String, force: Bool) -> WritePlan {
    var plan = WritePlan()
    if let reason = state.unusableReason {
      plan.conflicts.append(
        Diagnostic(.ioError, "cannot write output: \(reason)", at: nil,
          help: "move the file away or pass --output with a directory"))
      return plan
    }
    if let first = state.leftovers.first {
      plan.conflicts.append(
        Diagnostic(.outputStale, "'\(outputLabel)/\(first)' is left from an interrupted build", at: nil,
          help: "run 'orchgen build' again; it recovers the output directory first"))
      return plan
    }
    let generated = Set(files.map(\.path))
    for file in files.sorted(by: { $0.path < $1.path }) {
      let isManifest = file.path == ManifestGenerator.path
      if state.blocked.contains(file.path) {
        plan.conflicts.append(
          Diagnostic(.outputNotOwned, "'\(outputLabel)/\(file.path)' exists and is not a regular file", at: nil,
            help: "remove it; build needs to write a file there"))
        continue
      }
      guard let current = state.contents[file.path] else {
        plan.writes.append(file)
        continue
      }
      if OutputState.same(current, file.contents) {
        plan.unchanged.append(file.path)
        continue
      }
      if !isManifest, !state.owns(file.path), !force {
        plan.conflicts.append(
          Diagnostic(.outputNotOwned, "build would overwrite '\(outputLabel)/\(file.path)', which orchgen did not generate",
            at: nil, notes: [.init("the file is not listed in \(outputLabel)/\(ManifestGenerator.path)")],
            help: "move your file elsewhere, or run 'orchgen build --force' to let orchgen take it over"))
        continue
      }
      if isManifest, !state.hasManifest, !force {
        plan.conflicts.append(
          Diagnostic(.outputNotOwned, "'\(outputLabel)/\(file.path)' is not an orchgen manifest", at: nil,
            help: "remove it or run 'orchgen build --force'"))
        continue
      }
      plan.writes.append(file)
    }
    for path in state.manifest.keys.sorted() where !generated.contains(path) && state.contents[path] != nil {
      plan.removals.append(path)
    }
    // The manifest goes last so an interrupted build leaves the previous manifest in place.
    if let index = plan.writes.firstIndex(where: { $0.path == ManifestGenerator.path }) {
      plan.writes.append(plan.writes.remove(at: index))
    }
    return plan
  }
}
