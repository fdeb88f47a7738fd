/// Renders diagnostics as a SARIF 2.1.0 log (OASIS, errata 01) for GitHub code scanning and
/// other SARIF viewers.
///
/// What most linters get subtly wrong, done exactly: one run; `tool.driver` with name,
/// version, informationUri and a `rules` entry (id, name, short and full description, help,
/// default level) for every rule that fired, referenced by `ruleId` and `ruleIndex`; `level`
/// on every result, since SARIF's default is `warning`; `run.columnKind` set, since columns
/// count Unicode scalars; 1-based regions whose `endColumn` is one past the last character;
/// notes with a location as `relatedLocations`; and `partialFingerprints` that depend on the
/// rule, file and message but not the line, so a finding keeps its identity when lines move.
/// A finding without a location has no `locations` (SARIF forbids line 0).
public struct SARIFReporter: Sendable {
  /// The `$schema` written into the log: the published OASIS schema.
  public static let schemaURI =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
  /// Where the tool is documented; also the base of each rule's `helpUri`.
  public static let informationURI = "https://github.com/orchgen/orchgen"
  /// The base id relative artifact URIs resolve against (the checkout root in CI).
  public static let uriBaseID = "%SRCROOT%"
  /// The key of orchgen's fingerprint in `partialFingerprints`; bump the version if the
  /// fingerprint's recipe ever changes.
  public static let fingerprintKey = "orchgen/v1"

  public init() {}

  /// The whole log, pretty-printed and byte-deterministic.
  public func report(_ diagnostics: [Diagnostic]) -> String {
    document(diagnostics).rendered()
  }

  /// The log as a JSON value.
  public func document(_ diagnostics: [Diagnostic]) -> JSONValue {
    let sorted = diagnostics.sorted()
    let rules = Array(Set(sorted.map(\.rule))).sorted { $0.rawValue < $1.rawValue }
    var index: [Rule: Int] = [:]
    for (position, rule) in rules.enumerated() { index[rule] = position }
    let driver: JSONValue = .object([
      ("name", .string("orchgen")),
      ("version", .string(OrchgenVersion.current)),
      ("semanticVersion", .string(OrchgenVersion.current)),
      ("informationUri", .string(Self.informationURI)),
      ("rules", .array(rules.map(descriptor))),
    ])
    let run: JSONValue = .object([
      ("tool", .object([("driver", driver)])),
      ("columnKind", .string("unicodeCodePoints")),
      ("results", .array(sorted.map { result($0, ruleIndex: index[$0.rule] ?? 0) })),
    ])
    return .object([
      ("$schema", .string(Self.schemaURI)),
      ("version", .string("2.1.0")),
      ("runs", .array([run])),
    ])
  }

  /// A `reportingDescriptor` for one rule, from its explanation.
  private func descriptor(_ rule: Rule) -> JSONValue {
    let explanation = RuleExplanation.for(rule)
    return .object([
      ("id", .string(rule.rawValue)),
      ("name", .string(Self.pascalCase(rule.rawValue))),
      ("shortDescription", .object([("text", .string(rule.summary))])),
      ("fullDescription", .object([("text", .string(explanation.description))])),
      ("helpUri", .string("\(Self.informationURI)/blob/main/docs/rules.md#\(rule.rawValue)")),
      ("help", .object([("text", .string(explanation.fix))])),
      ("defaultConfiguration", .object([("level", .string(level(rule.defaultSeverity)))])),
    ])
  }

  private func result(_ diagnostic: Diagnostic, ruleIndex: Int) -> JSONValue {
    var text = diagnostic.message
    for note in diagnostic.notes where note.location == nil { text += "\nnote: \(note.message)" }
    if let help = diagnostic.help { text += "\nhelp: \(help)" }
    var pairs: [(String, JSONValue)] = [
      ("ruleId", .string(diagnostic.rule.rawValue)),
      ("ruleIndex", .integer(ruleIndex)),
      ("level", .string(level(diagnostic.severity))),
      ("message", .object([("text", .string(text))])),
    ]
    if let location = diagnostic.location {
      pairs.append(("locations", .array([.object([("physicalLocation", physical(location))])])))
    }
    let related = diagnostic.notes.compactMap { note in note.location.map { (note.message, $0) } }
    if !related.isEmpty {
      pairs.append(
        ("relatedLocations", .array(related.enumerated().map { position, item in
          .object([
            ("id", .integer(position + 1)),
            ("physicalLocation", physical(item.1)),
            ("message", .object([("text", .string(item.0))])),
          ])
        })))
    }
    pairs.append(("partialFingerprints", .object([(Self.fingerprintKey, .string(Self.fingerprint(diagnostic)))])))
    return .object(pairs)
  }

  private func physical(_ location: SourceLocation) -> JSONValue {
    .object([
      ("artifactLocation", .object([("uri", .string(Self.uri(location.file))), ("uriBaseId", .string(Self.uriBaseID))])),
      ("region", .object([
        ("startLine", .integer(location.line)),
        ("startColumn", .integer(location.column)),
        ("endLine", .integer(location.endLine)),
        ("endColumn", .integer(location.endColumn)),
      ])),
    ])
  }

  private func level(_ severity: Severity) -> String {
    switch severity {
    case .error: "error"
    case .warning: "warning"
    case .note: "note"
    }
  }

  /// SHA-256 over rule, file and message, separated by NUL so no two inputs collide.
  public static func fingerprint(_ diagnostic: Diagnostic) -> String {
    SHA256.hex("\(diagnostic.rule.rawValue)\u{0}\(diagnostic.location?.file ?? "")\u{0}\(diagnostic.message)")
  }

  /// A relative path as a URI reference: characters outside RFC 3986's unreserved set and `/`
  /// are percent-encoded as UTF-8.
  static func uri(_ path: String) -> String {
    var out = ""
    for byte in path.utf8 {
      let scalar = Unicode.Scalar(byte)
      if ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
        || "-._~/".unicodeScalars.contains(scalar)
      {
        out.unicodeScalars.append(scalar)
      } else {
        let hex = String(byte, radix: 16, uppercase: true)
        out += "%" + (hex.count == 1 ? "0" : "") + hex
      }
    }
    return out
  }

  /// `write-conflict` → `WriteConflict`, the conventional form of a SARIF rule name.
  static func pascalCase(_ id: String) -> String {
    id.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
  }
}
