/// Typed reads of YAML values, each reporting `wrong-type` or `invalid-value` at the value.
enum ValueReader {
  static func string(_ node: YAMLNode, _ what: String, _ diagnostics: inout [Diagnostic]) -> Located<String>? {
    string(node, { what }, &diagnostics)
  }

  /// `what` is only built for a finding, so a list's entries do not each format their name.
  private static func string(
    _ node: YAMLNode, _ describe: () -> String, _ diagnostics: inout [Diagnostic]
  ) -> Located<String>? {
    if case .scalar(let scalar) = node, !scalar.isNull { return Located(scalar.value, at: scalar.location) }
    let what = describe()
    let help =
      switch node {
      case .scalar: "give \(what) a value"
      case .sequence: "write \(what) as one string; for several lines use a block scalar ('|')"
      case .mapping: "quote \(what) if it contains ': ', which otherwise starts a mapping"
      }
    diagnostics.append(
      Diagnostic(.wrongType, "\(what) must be a string, found \(node.typeName)", at: node.location, help: help))
    return nil
  }

  static func int(_ node: YAMLNode, _ what: String, _ diagnostics: inout [Diagnostic]) -> Located<Int>? {
    guard case .scalar(let scalar) = node, let value = scalar.int else {
      diagnostics.append(
        Diagnostic(.wrongType, "\(what) must be an integer, found \(node.typeName)", at: node.location,
          help: "write a whole number without quotes, e.g. 3"))
      return nil
    }
    return Located(value, at: scalar.location)
  }

  static func double(_ node: YAMLNode, _ what: String, _ diagnostics: inout [Diagnostic]) -> Located<Double>? {
    guard case .scalar(let scalar) = node, let value = scalar.double else {
      diagnostics.append(
        Diagnostic(.wrongType, "\(what) must be a number, found \(node.typeName)", at: node.location,
          help: "write a number without quotes, e.g. 0.2"))
      return nil
    }
    return Located(value, at: scalar.location)
  }

  static func bool(_ node: YAMLNode, _ what: String, _ diagnostics: inout [Diagnostic]) -> Located<Bool>? {
    guard case .scalar(let scalar) = node, let value = scalar.bool else {
      diagnostics.append(
        Diagnostic(
          .wrongType, "\(what) must be true or false, found \(node.typeName)", at: node.location,
          help: "write true or false without quotes"))
      return nil
    }
    return Located(value, at: scalar.location)
  }

  /// A list of strings; a single scalar is read as a one-element list (`needs: discovery`).
  static func stringList(_ node: YAMLNode, _ what: String, _ diagnostics: inout [Diagnostic]) -> [Located<String>] {
    switch node {
    case .scalar(let scalar) where scalar.isNull:
      return []
    case .scalar:
      return string(node, what, &diagnostics).map { [$0] } ?? []
    case .sequence(let items, _):
      var strings: [Located<String>] = []
      strings.reserveCapacity(items.count)
      // The common case matched in place: passing each item on copied (retained) it.
      for index in items.indices {
        if case .scalar(let scalar) = items[index], !scalar.isNull {
          strings.append(Located(scalar.value, at: scalar.location))
        } else if let string = string(items[index], { "each entry of \(what)" }, &diagnostics) {
          strings.append(string)
        }
      }
      return strings
    case .mapping:
      diagnostics.append(
        Diagnostic(.wrongType, "\(what) must be a list of strings, found a mapping", at: node.location,
          help: "write a list such as [a, b], or one '- item' per line"))
      return []
    }
  }

  /// An id that becomes a file name: `^[a-z][a-z0-9-]*$`, at most 64 characters.
  static func isValidID(_ id: String) -> Bool {
    // Every accepted character is ASCII, so the UTF-8 bytes decide (and count characters):
    // any other byte rejects.
    guard let first = id.utf8.first, first >= UInt8(ascii: "a"), first <= UInt8(ascii: "z"), id.utf8.count <= 64
    else { return false }
    return id.utf8.allSatisfy {
      ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z")) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9"))
        || $0 == UInt8(ascii: "-")
    }
  }

  /// Reports `invalid-id` unless `id` is a valid id; returns whether it is.
  @discardableResult
  static func checkID(_ id: Located<String>, kind: String, _ diagnostics: inout [Diagnostic]) -> Bool {
    guard !isValidID(id.value) else { return true }
    let suggestion = suggestedID(id.value)
    diagnostics.append(
      Diagnostic(
        .invalidID, "\(kind) id '\(id.value)' is not a valid id", at: id.location,
        notes: [.init("ids become file names: lowercase letters, digits and '-', starting with a letter, at most 64 characters")],
        help: suggestion.map { "rename it to '\($0)'" } ?? "rename it using only a-z, 0-9 and '-'"))
    return false
  }

  private static func suggestedID(_ id: String) -> String? {
    var out = ""
    var previous: Unicode.Scalar = " "
    for scalar in id.unicodeScalars {
      defer { previous = scalar }
      if ("A"..."Z").contains(scalar) {
        // A camelCase word boundary becomes '-': CodeReviewer → code-reviewer, API → api.
        if ("a"..."z").contains(previous) || ("0"..."9").contains(previous) { out.append("-") }
        out.unicodeScalars.append(Unicode.Scalar(UInt8(scalar.value) + 32))
      } else if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
        out.unicodeScalars.append(scalar)
      } else if !out.isEmpty, out.last != "-" {
        out.append("-")
      }
    }
    while out.last == "-" { out.removeLast() }
    while let first = out.unicodeScalars.first, !("a"..."z").contains(first) { out.removeFirst() }
    return isValidID(out) ? out : nil
  }

  /// A duration such as `90s`, `15m`, `2h`, `1h30m`, or a bare integer of minutes; in seconds.
  static func duration(_ node: YAMLNode, _ what: String, _ diagnostics: inout [Diagnostic]) -> Located<Int>? {
    guard case .scalar(let scalar) = node, !scalar.isNull else {
      diagnostics.append(
        Diagnostic(.wrongType, "\(what) must be a duration, found \(node.typeName)", at: node.location))
      return nil
    }
    // An integer ends in a digit: `45m` needs no attempt at reading one.
    if let last = scalar.value.utf8.last, last >= UInt8(ascii: "0"), last <= UInt8(ascii: "9"),
      let minutes = scalar.int, minutes >= 0
    {
      return Located(minutes * 60, at: scalar.location)
    }
    guard let seconds = parseDuration(scalar.value) else {
      diagnostics.append(
        Diagnostic(
          .invalidValue, "\(what) '\(scalar.value)' is not a duration", at: scalar.location,
          help: "write it like 90s, 15m, 2h or 1h30m"))
      return nil
    }
    return Located(seconds, at: scalar.location)
  }

  static func parseDuration(_ text: String) -> Int? {
    // The common forms (`45m`, `1h30m`) on bytes; anything unusual (non-ASCII) the slow way.
    if text.utf8.allSatisfy({ $0 < 0x80 }) { return parseASCIIDuration(text) }
    return parseAnyDuration(text)
  }

  /// `parseAnyDuration` for ASCII text: digits, then `h`, `m` or `s`, units largest first.
  private static func parseASCIIDuration(_ text: String) -> Int? {
    var total = 0
    var number = 0
    var digits = 0
    var lastUnit = -1
    for byte in text.utf8 {
      if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
        digits += 1
        if digits <= 6 { number = number * 10 + Int(byte - UInt8(ascii: "0")) }
        continue
      }
      guard digits > 0, digits <= 6 else { return nil }
      let (rank, unit): (Int, Int)
      switch byte {
      case UInt8(ascii: "h"): (rank, unit) = (0, 3600)
      case UInt8(ascii: "m"): (rank, unit) = (1, 60)
      case UInt8(ascii: "s"): (rank, unit) = (2, 1)
      default: return nil
      }
      guard rank > lastUnit else { return nil }
      lastUnit = rank
      total += number * unit
      number = 0
      digits = 0
    }
    return digits == 0 && lastUnit >= 0 ? total : nil
  }

  static func parseAnyDuration(_ text: String) -> Int? {
    var total = 0
    var number = ""
    var seenUnits = ""
    for character in text {
      if character.isASCII, character.isNumber {
        number.append(character)
        continue
      }
      guard let value = Int(number), number.count <= 6 else { return nil }
      let unit: Int
      switch character {
      case "h": unit = 3600
      case "m": unit = 60
      case "s": unit = 1
      default: return nil
      }
      // Units must appear once each, largest first: 1h30m, not 30m1h.
      if let last = seenUnits.last, "hms".firstIndex(of: last)! >= "hms".firstIndex(of: character)! {
        return nil
      }
      seenUnits.append(character)
      total += value * unit
      number = ""
    }
    return number.isEmpty && !seenUnits.isEmpty ? total : nil
  }
}
