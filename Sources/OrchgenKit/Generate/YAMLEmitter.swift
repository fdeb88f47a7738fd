/// Writes the small YAML subset frontmatter needs, quoting every string so that `*`, globs,
/// `#hex` colours and `key: value` text always load as the strings they are.
public enum YAMLEmitter {
  /// A double-quoted scalar; JSON string escaping is valid YAML double-quoted syntax.
  public static func quoted(_ text: String) -> String {
    JSONText.string(text)
  }

  /// A number without a trailing `.0` for whole values.
  public static func number(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
    return String(value)
  }
}

/// JSON string escaping shared by the YAML emitter and the JSON writers.
public enum JSONText {
  public static func string(_ text: String) -> String {
    var out = ""
    append(text, to: &out)
    return out
  }

  /// Appends `text` as a quoted JSON string; strings needing no escape are copied whole.
  public static func append(_ text: String, to out: inout String) {
    out += "\""
    let plain = !text.utf8.contains { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 >= 0x7F }
    if plain {
      out += text
      out += "\""
      return
    }
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case let c where c.value < 0x20 || c.value == 0x7F || (0x80...0x9F).contains(c.value) || c.value == 0x2028 || c.value == 0x2029:
        let hex = String(c.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(scalar)
      }
    }
    out += "\""
  }
}
