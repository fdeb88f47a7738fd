import CLibYAML

/// The two node properties the composer gives meaning to: tags, which orchgen reports rather
/// than ignores, and merge keys, which it applies.
extension YAMLLoader.Composer {
  /// Reports an explicit tag (`!!str 45`, `!local`): orchgen reads values by the core
  /// schema from how they are written, and ignoring a tag would read `!!str 45` as the
  /// number 45. libyaml starts a tagged node's event at its properties (anchor, tag), so the
  /// tag is found on that line.
  /// `scalar` is the tagged scalar's text (nil for a list or mapping): the fix quotes it.
  mutating func rejectTag(_ tag: UnsafeMutablePointer<UInt8>?, _ event: yaml_event_t, scalar: String? = nil) {
    guard let tag = Self.string(tag) else { return }
    let line = Int(event.start_mark.line) + 1
    var column = Int(event.start_mark.column) + 1
    let text = Array(file.line(line).unicodeScalars)
    while column - 1 < text.count, text[column - 1] != "!" { column += 1 }
    var end = column
    while end - 1 < text.count, text[end - 1] != " ", text[end - 1] != "\t" { end += 1 }
    if column - 1 >= text.count {
      column = Int(event.start_mark.column) + 1
      end = column + 1
    }
    let written = column - 1 < text.count ? String(String.UnicodeScalarView(text[(column - 1)..<(end - 1)])) : tag
    diagnostics.append(
      Diagnostic(
        .yamlUnsupported, "YAML tags are not supported, found '\(written)'",
        at: SourceLocation(file: file.path, line: line, column: column, endColumn: max(end, column + 1)),
        help: Self.tagHelp(tag: tag, scalar: scalar)))
  }

  /// The fix for a tag, about the value it is on: `!!str null` is the string "null", never 45.
  static func tagHelp(tag: String, scalar: String?) -> String {
    guard let scalar else { return "remove the tag: lists and mappings are read as they are written" }
    let plain = scalar.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0 != "\"" && $0 != "\\" } && scalar.count <= 40
    let quoted = plain ? "'\"\(scalar)\"'" : "in double quotes"
    if tag == "tag:yaml.org,2002:str" { return "remove the tag and quote the string instead: \(quoted)" }
    return "remove the tag and write the value as it is meant: \(quoted) for a string"
      + (plain ? ", '\(scalar)' unquoted for a number, true/false or null" : ", unquoted for a number, true/false or null")
  }

  /// A mapping's pairs with YAML merge keys applied: each plain `<<` entry, whose value is a
  /// mapping or a list of mappings (usually aliases, `<<: *base`), is replaced by the pairs of
  /// those mappings whose keys the mapping does not set itself, the first mapping of a list
  /// winning over later ones. The merged pairs keep their own locations (in the anchored
  /// mapping), so findings about them point where they are written.
  mutating func merged(_ pairs: [YAMLPair]) -> [YAMLPair] {
    func isMerge(_ key: YAMLScalar) -> Bool { key.isPlain && key.value == "<<" }
    guard pairs.contains(where: { isMerge($0.key) }) else { return pairs }
    var taken = Set(pairs.lazy.filter { !isMerge($0.key) }.map(\.key.value))
    var result: [YAMLPair] = []
    for pair in pairs {
      guard isMerge(pair.key) else {
        result.append(pair)
        continue
      }
      var sources: [[YAMLPair]] = []
      switch pair.value {
      case .mapping(let entries, _):
        sources = [entries]
      case .sequence(let items, _):
        for item in items {
          guard case .mapping(let entries, _) = item else {
            diagnostics.append(mergeError(item, listEntry: true))
            continue
          }
          sources.append(entries)
        }
      case .scalar:
        diagnostics.append(mergeError(pair.value, listEntry: false))
      }
      for entries in sources {
        for entry in entries where taken.insert(entry.key.value).inserted { result.append(entry) }
      }
    }
    return result
  }

  private func mergeError(_ node: YAMLNode, listEntry: Bool) -> Diagnostic {
    Diagnostic(
      .wrongType,
      (listEntry ? "each entry of merge key '<<'" : "merge key '<<'")
        + " must be a mapping or a list of mappings, found \(node.typeName)",
      at: node.location,
      help: "merge an anchored mapping, e.g. '<<: *defaults' after 'defaults: &defaults { agent: coder }'")
  }
}
