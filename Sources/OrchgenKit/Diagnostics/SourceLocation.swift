/// A span in a project file, 1-based, with an exclusive end column.
///
/// Paths are relative to the project root so that diagnostics and generated files read the
/// same on every machine.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
  /// Path relative to the project root, with `/` separators.
  public var file: String
  /// 1-based line of the first character.
  public var line: Int
  /// 1-based column (in Unicode scalars) of the first character.
  public var column: Int
  /// 1-based line of the last character.
  public var endLine: Int
  /// Column one past the last character, so `endColumn - column` is the span width on one line.
  public var endColumn: Int

  public init(file: String, line: Int, column: Int, endLine: Int? = nil, endColumn: Int? = nil) {
    self.file = file
    self.line = max(line, 1)
    self.column = max(column, 1)
    self.endLine = max(endLine ?? line, self.line)
    self.endColumn = max(endColumn ?? (column + 1), self.endLine == self.line ? self.column + 1 : 1)
  }

  /// A location that names a whole file (line 1, column 1).
  public static func file(_ path: String) -> SourceLocation {
    SourceLocation(file: path, line: 1, column: 1)
  }

  public var description: String { "\(file):\(line):\(column)" }

  public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
    (lhs.file, lhs.line, lhs.column, lhs.endLine, lhs.endColumn)
      < (rhs.file, rhs.line, rhs.column, rhs.endLine, rhs.endColumn)
  }
}
