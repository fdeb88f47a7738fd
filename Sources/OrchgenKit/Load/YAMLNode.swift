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

  /// The integer a plain decimal scalar denotes.
  public var int: Int? {
    guard isPlain else { return nil }
    var digits = Substring(value)
    if digits.first == "+" { digits = digits.dropFirst() }
    return Int(digits)
  }

  /// The number a plain int or float scalar denotes (`.inf` and `.nan` are not numbers here).
  public var double: Double? {
    guard isPlain, let first = value.first, first.isNumber || "+-.".contains(first) else { return nil }
    guard let number = Double(value), number.isFinite else { return nil }
    return number
  }

  var typeName: String {
    if isNull { return "null" }
    if bool != nil { return "a boolean" }
    if int != nil { return "an integer" }
    if double != nil { return "a number" }
    return "a string"
  }
}
