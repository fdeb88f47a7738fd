/// Rules for paths written in config: they are relative to the project root and stay inside it.
public enum PathSafety {
  /// True for a relative path with no `..` component, no empty component, no backslash and no
  /// control character (so a path is always one line of a journal or a report).
  public static func isSafeRelative(_ path: String) -> Bool {
    if let verdict = asciiVerdict(path, emptyComponents: false) { return verdict }
    guard !path.isEmpty, !path.hasPrefix("/"), !path.hasPrefix("~"), !path.contains("\\"),
      !path.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F })
    else { return false }
    let parts = path.split(separator: "/", omittingEmptySubsequences: false)
    return !parts.contains { $0 == ".." || $0.isEmpty }
  }

  /// True for a write-scope glob that stays inside the project: relative, without `..` or
  /// `~`, backslashes or control characters (`*`, `**`, `?` and `{item}` are fine).
  public static func isSafeGlob(_ glob: String) -> Bool {
    if let verdict = asciiVerdict(glob, emptyComponents: true) { return verdict }
    guard !glob.isEmpty, !glob.hasPrefix("/"), !glob.hasPrefix("~"), !glob.contains("\\"),
      !glob.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F })
    else { return false }
    return !glob.split(separator: "/").contains("..")
  }

  /// `isSafeRelative` (`emptyComponents: false`) or `isSafeGlob` (`true`) in one pass over the
  /// bytes of an ASCII text (every generated path, nearly every glob), where each byte is a
  /// character; nil for any other text. The general rules go by `Character`, which costs a
  /// grapheme break per character: 37,000 instructions a path, a third of writing a
  /// 10,000-file build.
  private static func asciiVerdict(_ text: String, emptyComponents: Bool) -> Bool? {
    text.utf8.withContiguousStorageIfAvailable { bytes -> Bool? in
      guard let first = bytes.first else { return false }
      if first == UInt8(ascii: "/") || first == UInt8(ascii: "~") { return false }
      var safe = true
      var component = 0
      for index in 0...bytes.count {
        let byte = index < bytes.count ? bytes[index] : UInt8(ascii: "/")
        if byte >= 0x80 { return nil }
        if byte < 0x20 || byte == 0x7F || byte == UInt8(ascii: "\\") { safe = false }
        if byte == UInt8(ascii: "/") {
          let length = index - component
          if length == 0 && !emptyComponents
            || length == 2 && bytes[component] == UInt8(ascii: ".") && bytes[component + 1] == UInt8(ascii: ".")
          {
            safe = false
          }
          component = index + 1
        }
      }
      return safe
    } ?? nil
  }

  /// The `invalid-value` finding for a write scope that is not `isSafeGlob`.
  static func unsafeGlob(_ glob: Located<String>) -> Diagnostic {
    let what =
      glob.value.hasPrefix("/") || glob.value.hasPrefix("~")
      ? "is an absolute path" : glob.value.split(separator: "/").contains("..") ? "leaves the project with '..'" : "is not a relative glob"
    return Diagnostic(
      .invalidValue, "write scope '\(glob.value)' \(what)", at: glob.location,
      notes: [.init("write scopes are globs relative to the project root; a task may only change files inside it")],
      help: "write it relative to the project root, such as 'src/**' or 'docs/*.md'")
  }

  /// Joins a relative path onto a directory and normalises `.` components; nil if it would
  /// leave the directory.
  public static func resolve(_ path: String, against directory: String) -> String? {
    var parts = directory.split(separator: "/").map(String.init)
    for part in path.split(separator: "/", omittingEmptySubsequences: true) {
      switch part {
      case ".": continue
      case "..":
        guard !parts.isEmpty else { return nil }
        parts.removeLast()
      default: parts.append(String(part))
      }
    }
    return parts.joined(separator: "/")
  }
}
