/// A composed YAML node that keeps where every scalar, key and collection came from.
///
/// orchgen reads YAML into this tree instead of `[String: Any]` so that every diagnostic can
/// point at the exact key or entry, and so that duplicate keys survive to be reported.
public enum YAMLNode: Sendable {
  case scalar(YAMLScalar)
  case sequence([YAMLNode], SourceLocation)
  case mapping([YAMLPair], SourceLocation)

  /// Where the node starts; for a scalar, its whole span.
  public var location: SourceLocation {
    switch self {
    case .scalar(let scalar): scalar.location
    case .sequence(_, let location), .mapping(_, let location): location
    }
  }

  /// The YAML type name used in `wrong-type` messages.
  public var typeName: String {
    switch self {
    case .scalar(let scalar): scalar.typeName
    case .sequence: "a list"
    case .mapping: "a mapping"
    }
  }
}

/// A key/value pair of a mapping; keys are scalars (orchgen never accepts complex keys).
public struct YAMLPair: Sendable {
  public var key: YAMLScalar
  public var value: YAMLNode
}

/// A scalar with its source span and whether it was quoted (quoted scalars are always strings).
public struct YAMLScalar: Sendable, Hashable {
  public var value: String
  public var isPlain: Bool
  public var location: SourceLocation

  /// True for `~`, `null` and an empty plain scalar.
  public var isNull: Bool {
    guard isPlain else { return false }
    // No string of another length is canonically equal to these ASCII words, and the length
    // is far cheaper than a string comparison (this runs for every value decoded).
    switch value.utf8.count {
    case 0: return true
    case 1: return value == "~"
    case 4: return value == "null" || value == "Null" || value == "NULL"
    default: return false
    }
  }

  /// The boolean a plain `true`/`false` scalar denotes.
  public var bool: Bool? {
    guard isPlain else { return nil }
    switch value {
    case "true", "True", "TRUE": return true
    case "false", "False", "FALSE": return false
    default: return nil
    }
  }

  /// The integer a plain scalar denotes under the YAML 1.2 core schema: decimal with an
  /// optional sign, `0o` octal or `0x` hexadecimal.
  public var int: Int? {
    guard isPlain else { return nil }
    let bytes = value.utf8
    if bytes.count > 2, bytes.first == UInt8(ascii: "0") {
      let marker = bytes[bytes.index(after: bytes.startIndex)]
      let radix = marker == UInt8(ascii: "x") ? 16 : marker == UInt8(ascii: "o") ? 8 : 0
      if radix != 0 {
        // `Int(_:radix:)` would also take a sign after the prefix, which the schema does not.
        let digits = value.dropFirst(2)
        guard let first = digits.utf8.first, first != UInt8(ascii: "+"), first != UInt8(ascii: "-") else { return nil }
        return Int(digits, radix: radix)
      }
    }
    var digits = Substring(value)
    if digits.first == "+" { digits = digits.dropFirst() }
    return Int(digits)
  }

  /// The number a plain int or float scalar denotes under the YAML 1.2 core schema (`.inf`
  /// and `.nan` are not numbers here). Only the schema's float form is read: Swift's
  /// `Double(String)` would also take hexadecimal floats (`0x1p-1`) and `infinity`, which no
  /// YAML schema does.
  public var double: Double? {
    guard isPlain, let first = value.utf8.first,
      (first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9")) || first == UInt8(ascii: "+")
        || first == UInt8(ascii: "-") || first == UInt8(ascii: ".")
    else { return nil }
    if let int { return Double(int) }
    guard Self.isCoreFloat(value.utf8), let number = Double(value), number.isFinite else { return nil }
    return number
  }

  /// `[-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?`: the core schema's
  /// finite float.
  static func isCoreFloat(_ text: String.UTF8View) -> Bool {
    var index = text.startIndex
    func digits() -> Int {
      var count = 0
      while index < text.endIndex, text[index] >= UInt8(ascii: "0"), text[index] <= UInt8(ascii: "9") {
        count += 1
        index = text.index(after: index)
      }
      return count
    }
    func skip(_ byte: UInt8) -> Bool {
      guard index < text.endIndex, text[index] == byte else { return false }
      index = text.index(after: index)
      return true
    }
    if !skip(UInt8(ascii: "+")) { _ = skip(UInt8(ascii: "-")) }
    let whole = digits()
    if skip(UInt8(ascii: ".")) {
      let fraction = digits()
      guard whole > 0 || fraction > 0 else { return false }
    } else if whole == 0 {
      return false
    }
    if skip(UInt8(ascii: "e")) || skip(UInt8(ascii: "E")) {
      if !skip(UInt8(ascii: "+")) { _ = skip(UInt8(ascii: "-")) }
      guard digits() > 0 else { return false }
    }
    return index == text.endIndex
  }

  var typeName: String {
    if isNull { return "null" }
    if bool != nil { return "a boolean" }
    if int != nil { return "an integer" }
    if double != nil { return "a number" }
    return "a string"
  }
}
