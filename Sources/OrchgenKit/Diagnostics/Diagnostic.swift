/// One finding: what is wrong, where, why it matters and how to fix it.
///
/// Diagnostics are plain values so that every stage can collect them and every reporter can
/// render the same list.
public struct Diagnostic: Hashable, Sendable {
  /// A secondary location that explains the finding (the other writer, one edge of a cycle).
  public struct Note: Hashable, Sendable {
    public var message: String
    public var location: SourceLocation?

    public init(_ message: String, at location: SourceLocation? = nil) {
      self.message = message
      self.location = location
    }
  }

  public var severity: Severity
  public var rule: Rule
  public var message: String
  public var location: SourceLocation?
  public var notes: [Note]
  /// The concrete fix, in the imperative ("add 'schema' to needs").
  public var help: String?

  public init(
    _ rule: Rule, _ message: String, at location: SourceLocation?,
    severity: Severity? = nil, notes: [Note] = [], help: String? = nil
  ) {
    self.rule = rule
    self.severity = severity ?? rule.defaultSeverity
    self.message = message
    self.location = location
    self.notes = notes
    self.help = help
  }
}

extension Diagnostic: Comparable {
  /// File, position, rule and message: the same order whatever order the checks ran in.
  public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
    let l = lhs.location ?? SourceLocation(file: "", line: 0, column: 0)
    let r = rhs.location ?? SourceLocation(file: "", line: 0, column: 0)
    if l != r { return l < r }
    if lhs.severity != rhs.severity { return lhs.severity < rhs.severity }
    if lhs.rule != rhs.rule { return lhs.rule.rawValue < rhs.rule.rawValue }
    return lhs.message < rhs.message
  }
}

extension Array where Element == Diagnostic {
  /// Number of findings with severity `error`.
  public var errorCount: Int { filter { $0.severity == .error }.count }
  /// Number of findings with severity `warning`.
  public var warningCount: Int { filter { $0.severity == .warning }.count }
  /// Whether any finding is an error.
  public var hasErrors: Bool { contains { $0.severity == .error } }
}
