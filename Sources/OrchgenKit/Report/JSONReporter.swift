/// Renders diagnostics as a JSON array, one object per finding, with the fields of the text
/// report (the shape is documented in the README under "JSON output"):
///
///     {
///       "severity": "error",            // error | warning | note
///       "rule": "write-conflict",
///       "message": "…",
///       "file": "config/workflows/cleanup.yaml",   // null when the finding has no location
///       "line": 36, "column": 14,       // 1-based; column in Unicode scalars
///       "end_line": 36, "end_column": 22,          // end column is exclusive
///       "notes": [{ "message": "…", "file": "…", "line": 27, "column": 14 }],
///       "help": "…"                     // null when there is no fix to suggest
///     }
///
/// Keys always appear, in this order, so consumers need no optional-key handling; the output
/// is byte-deterministic (two-space indent, trailing newline).
public struct JSONReporter: Sendable {
  public init() {}

  /// The whole array; `[]` when there is no finding.
  public func report(_ diagnostics: [Diagnostic]) -> String {
    document(diagnostics).rendered()
  }

  /// The array as a JSON value, for callers that embed it.
  public func document(_ diagnostics: [Diagnostic]) -> JSONValue {
    .array(diagnostics.map(finding))
  }

  private func finding(_ diagnostic: Diagnostic) -> JSONValue {
    let location = diagnostic.location
    return .object([
      ("severity", .string(diagnostic.severity.rawValue)),
      ("rule", .string(diagnostic.rule.rawValue)),
      ("message", .string(diagnostic.message)),
      ("file", location.map { .string($0.file) } ?? .null),
      ("line", location.map { .integer($0.line) } ?? .null),
      ("column", location.map { .integer($0.column) } ?? .null),
      ("end_line", location.map { .integer($0.endLine) } ?? .null),
      ("end_column", location.map { .integer($0.endColumn) } ?? .null),
      ("notes", .array(diagnostic.notes.map(note))),
      ("help", diagnostic.help.map { .string($0) } ?? .null),
    ])
  }

  private func note(_ note: Diagnostic.Note) -> JSONValue {
    .object([
      ("message", .string(note.message)),
      ("file", note.location.map { .string($0.file) } ?? .null),
      ("line", note.location.map { .integer($0.line) } ?? .null),
      ("column", note.location.map { .integer($0.column) } ?? .null),
    ])
  }
}
