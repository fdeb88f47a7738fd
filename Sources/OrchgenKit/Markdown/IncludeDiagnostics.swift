/// Checks and messages for include directives, kept next to each other so the wording of every
/// include finding can be read (and tested) in one place.
enum IncludeDiagnostics {
  /// The project-relative file `path` names, or nil after reporting why it cannot be included.
  /// `candidates` are the markdown files under `content/`, relative to it, for suggestions.
  /// `leadsOutside` tells a file (or folder on its way) that leads outside the project; the
  /// directive is then reported and `outsideTarget` set to the file.
  static func check(
    _ path: String, at location: SourceLocation, files: [String: SourceFile], candidates: [String],
    leadsOutside: (String) -> Bool, outsideTarget: inout String?, _ diagnostics: inout [Diagnostic]
  ) -> String? {
    let folder = IncludeGraph.contentFolder
    guard !path.isEmpty else {
      diagnostics.append(
        Diagnostic(.includeMissing, "include directive names no file", at: location,
          help: "write the path relative to \(folder)/, e.g. '<!-- include: partials/conventions.md -->'"))
      return nil
    }
    guard PathSafety.isSafeRelative(path), let resolved = PathSafety.resolve(path, against: folder),
      resolved.hasPrefix(folder + "/")
    else {
      diagnostics.append(
        Diagnostic(.includeMissing, "include path '\(path)' must stay inside \(folder)/", at: location,
          help: "write the path relative to \(folder)/, without a leading '/' or '..'"))
      return nil
    }
    if files[resolved] == nil, leadsOutside(resolved) {
      outsideTarget = resolved
      diagnostics.append(OutsideProject.include(path, at: location))
      return nil
    }
    guard files[resolved] != nil else {
      let written = String(resolved.dropFirst(folder.count + 1))
      let help =
        EditDistance.closest(to: written, in: candidates).map { "did you mean '\($0)'?" }
        ?? "create '\(resolved)', or fix the path (it is relative to \(folder)/)"
      diagnostics.append(
        Diagnostic(.includeMissing, "included file '\(path)' does not exist in \(folder)/", at: location, help: help))
      return nil
    }
    return resolved
  }

  /// One cycle, reported at the directive that closes it; `chain` is every directive of the
  /// cycle in order, the closing one last.
  static func cycle(_ chain: [IncludeGraph.Edge]) -> Diagnostic {
    let names = [chain[0].from] + chain.map(\.target)
    let closing = chain[chain.count - 1]
    return Diagnostic(
      .includeCycle, "include cycle: \(names.map(display).joined(separator: " → "))", at: closing.location,
      notes: chain.map { .init("'\(display($0.from))' includes '\(display($0.target))' here", at: $0.location) },
      help: "remove one of the include directives in the cycle")
  }

  static func tooDeep(_ edge: IncludeGraph.Edge) -> Diagnostic {
    Diagnostic(
      .limitExceeded, "includes nest more than \(IncludeGraph.maxDepth) levels deep here", at: edge.location,
      help: "include the deeper files directly from a shallower one")
  }

  static func tooLarge(_ path: String) -> Diagnostic {
    let mebibytes = IncludeGraph.maxExpandedBytes / 1024 / 1024
    return Diagnostic(
      .limitExceeded,
      "'\(path)' grows past \(mebibytes) MiB or \(IncludeGraph.maxExpansions) includes once includes are resolved",
      at: .file(path), help: "include each partial once instead of nesting repeated includes")
  }

  /// Paths under `content/` are shown relative to it, the way directives write them.
  private static func display(_ path: String) -> String {
    let prefix = IncludeGraph.contentFolder + "/"
    return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
  }
}
