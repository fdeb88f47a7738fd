/// Reads one YAML mapping against a fixed set of keys, reporting duplicates, unknown keys
/// (with the closest valid key) and missing required keys, all at their exact positions.
struct MappingReader {
  let pairs: [YAMLPair]
  let location: SourceLocation
  /// What the mapping is, for messages: "agent 'coordinator'", "task 'backend'".
  let subject: String
  /// Key → position of its first occurrence, for large mappings only: the small ones every
  /// task and agent is are searched linearly, which is faster than hashing each key.
  private var index: [String: Int] = [:]
  private let isLarge: Bool
  static let linearLimit = 16

  /// Returns nil, with a `wrong-type` diagnostic, when `node` is not a mapping.
  init?(
    _ node: YAMLNode, subject: String, keys: [String], diagnostics: inout [Diagnostic]
  ) {
    guard case .mapping(let pairs, let location) = node else {
      diagnostics.append(
        Diagnostic(
          .wrongType, "\(subject) must be a mapping, found \(node.typeName)", at: node.location,
          help: "write \(subject) as indented 'key: value' lines" + (keys.first.map { ", starting with '\($0):'" } ?? "")))
      return nil
    }
    self.pairs = pairs
    self.location = location
    self.subject = subject
    isLarge = pairs.count > Self.linearLimit
    for (position, pair) in pairs.enumerated() {
      let key = pair.key.value
      let first: Int?
      if isLarge {
        first = index[key]
        if first == nil { index[key] = position }
      } else {
        first = pairs[..<position].firstIndex { $0.key.value == key }
      }
      if let first {
        diagnostics.append(
          Diagnostic(
            .duplicateKey, "duplicate key '\(key)' in \(subject)", at: pair.key.location,
            notes: [.init("first defined here", at: pairs[first].key.location)],
            help: "remove one of the two '\(key)' entries; orchgen does not pick one for you"))
        continue
      }
      if !keys.contains(key) {
        diagnostics.append(Self.unknownKey(pair.key, subject: subject, keys: keys))
      }
    }
  }

  static func unknownKey(_ key: YAMLScalar, subject: String, keys: [String]) -> Diagnostic {
    let help: String
    if let suggestion = EditDistance.closest(to: key.value, in: keys) {
      help = "did you mean '\(suggestion)'?"
    } else {
      help = "valid keys are: " + keys.joined(separator: ", ")
    }
    return Diagnostic(.unknownKey, "unknown key '\(key.value)' in \(subject)", at: key.location, help: help)
  }

  /// The value of `key`, if present (the first occurrence when duplicated).
  func value(_ key: String) -> YAMLNode? {
    position(of: key).map { pairs[$0].value }
  }

  /// Position of the first occurrence of `key`.
  private func position(of key: String) -> Int? {
    isLarge ? index[key] : pairs.firstIndex { $0.key.value == key }
  }

  /// The location of `key` itself, for findings about the entry as a whole.
  func keyLocation(_ key: String) -> SourceLocation? {
    position(of: key).map { pairs[$0].key.location }
  }

  /// Reports `missing-key` when `key` is absent, at `owner` (the key that names the mapping,
  /// such as the task id) when given, else at the mapping's first entry.
  func require(_ key: String, help: String? = nil, at owner: SourceLocation? = nil, diagnostics: inout [Diagnostic]) {
    guard position(of: key) == nil else { return }
    diagnostics.append(
      Diagnostic(
        .missingKey, "\(subject) is missing required key '\(key)'", at: owner ?? location,
        help: help ?? "add '\(key):'"))
  }
}
