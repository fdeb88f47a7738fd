/// The list of changes a build commits to the output directory, written to
/// `<output>/.orchgen-staging/journal` once every new file is staged. Its presence is the
/// commit point: a build interrupted before it leaves the output untouched (the staging is
/// rolled back), one interrupted after it is finished by the next build (rolled forward).
///
/// The format is line-based: a header, one `write <path>` or `remove <path>` per change in
/// the order they are applied (the manifest last), and `end <count>`. A journal without its
/// end line, or with a path that is not a safe relative path, is not a journal.
struct OutputJournal: Equatable, Sendable {
  enum Entry: Equatable, Sendable {
    /// Move the staged file into place.
    case write(String)
    /// Delete a file the previous build generated.
    case remove(String)

    var path: String {
      switch self {
      case .write(let path), .remove(let path): path
      }
    }
  }

  static let header = "orchgen-journal 1"

  var entries: [Entry]

  /// The journal for `plan`: writes (manifest excluded), removals, then the manifest.
  init(plan: WritePlan) {
    let manifest = plan.writes.filter { $0.path == ManifestGenerator.path }
    entries =
      plan.writes.filter { $0.path != ManifestGenerator.path }.map { .write($0.path) }
      + plan.removals.map { .remove($0) }
      + manifest.map { .write($0.path) }
  }

  init(entries: [Entry]) { self.entries = entries }

  func rendered() -> String {
    var out = Self.header + "\n"
    for entry in entries {
      switch entry {
      case .write(let path): out += "write \(path)\n"
      case .remove(let path): out += "remove \(path)\n"
      }
    }
    return out + "end \(entries.count)\n"
  }

  /// The journal in `text`; nil if it is incomplete or malformed.
  static func parse(_ text: String) -> OutputJournal? {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    guard lines.first == Substring(header), lines.last == "" else { return nil }
    lines.removeFirst()
    lines.removeLast()
    guard let last = lines.popLast(), last.hasPrefix("end "), let count = Int(last.dropFirst(4)), count == lines.count
    else { return nil }
    var entries: [Entry] = []
    for line in lines {
      if line.hasPrefix("write ") {
        entries.append(.write(String(line.dropFirst(6))))
      } else if line.hasPrefix("remove ") {
        entries.append(.remove(String(line.dropFirst(7))))
      } else {
        return nil
      }
      guard PathSafety.isSafeRelative(entries[entries.count - 1].path) else { return nil }
    }
    return OutputJournal(entries: entries)
  }
}
