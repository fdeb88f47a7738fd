/// Reads one YAML mapping against a fixed set of keys, reporting duplicates, unknown keys
/// (with the closest valid key) and missing required keys, all at their exact positions.
struct MappingReader {
  let pairs: [YAMLPair]
  let location: SourceLocation
  /// What the mapping is, for messages: "agent 'coordinator'", "task 'backend'".
  let subject: String
  private let keys: Keys
  /// For each of `keys`, the position of its first pair, or -1: a lookup is then a search of
  /// `keys` by signature (or a slot given by the caller), not a search of the pairs comparing
  /// strings. A fixed-size vector, so a mapping read allocates nothing for it.
  private var firstPositions = SIMD32<Int32>(repeating: -1)

  /// Returns nil, with a `wrong-type` diagnostic, when `node` is not a mapping.
  init?(_ node: YAMLNode, subject: String, keys: [String], diagnostics: inout [Diagnostic]) {
    self.init(node, subject: subject, keys: Keys(keys), diagnostics: &diagnostics)
  }

  /// Returns nil, with a `wrong-type` diagnostic, when `node` is not a mapping.
  init?(_ node: YAMLNode, subject: String, keys: Keys, diagnostics: inout [Diagnostic]) {
    guard case .mapping(let pairs, let location) = node else {
      diagnostics.append(
        Diagnostic(
          .wrongType, "\(subject) must be a mapping, found \(node.typeName)", at: node.location,
          help: "write \(subject) as indented 'key: value' lines" + (keys.names.first.map { ", starting with '\($0):'" } ?? "")))
      return nil
    }
    self.pairs = pairs
    self.location = location
    self.subject = subject
    self.keys = keys
    /// Unknown keys → their first position; they are rare, so this is only filled for them.
    var unknown: [String: Int] = [:]
    for position in pairs.indices {
      let key = pairs[position].key
      let first: Int?
      let slot = keys.slot(of: key.value)
      if let slot {
        first = firstPositions[slot] >= 0 ? Int(firstPositions[slot]) : nil
        if first == nil { firstPositions[slot] = Int32(position) }
      } else {
        first = unknown[key.value]
        if first == nil { unknown[key.value] = position }
      }
      if let first {
        diagnostics.append(
          Diagnostic(
            .duplicateKey, "duplicate key '\(key.value)' in \(subject)", at: key.location,
            notes: [.init("first defined here", at: pairs[first].key.location)],
            help: "remove one of the two '\(key.value)' entries; orchgen does not pick one for you"))
        continue
      }
      if slot == nil {
        diagnostics.append(Self.unknownKey(key, subject: subject, keys: keys.names))
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

  /// The value of the key at `slot` of the reader's keys (the first occurrence when duplicated).
  func value(slot: Int) -> YAMLNode? {
    firstPositions[slot] >= 0 ? pairs[Int(firstPositions[slot])].value : nil
  }

  /// Position of the first occurrence of `key`.
  private func position(of key: String) -> Int? {
    if let slot = keys.slot(of: key) { return firstPositions[slot] >= 0 ? Int(firstPositions[slot]) : nil }
    return pairs.firstIndex { $0.key.value == key }
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

  /// A fixed list of key names (ASCII), with what matching them needs computed once.
  struct Keys {
    let names: [String]
    /// Each name's UTF-8 length and first byte: most keys differ in them, which is cheaper
    /// to compare than the strings.
    private let signatures: [Int]

    init(_ names: [String]) {
      precondition(names.count <= 32, "MappingReader.Keys holds at most 32 names")
      self.names = names
      signatures = names.map(Self.signature)
    }

    private static func signature(_ key: String) -> Int {
      key.utf8.count << 8 | Int(key.utf8.first ?? 0)
    }

    /// The index of `key` in `names`. Strings of different lengths can still be equal
    /// (canonical equivalence, as in `K` and the Kelvin sign), so a key that matches no name
    /// by signature is compared in full when it is not ASCII.
    func slot(of key: String) -> Int? {
      let signature = Self.signature(key)
      for index in signatures.indices where signatures[index] == signature && names[index] == key { return index }
      guard !key.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
      return names.firstIndex(of: key)
    }
  }
}
