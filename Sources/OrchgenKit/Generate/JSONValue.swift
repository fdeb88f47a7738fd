/// A JSON document with ordered object keys, printed the same way every time (two-space
/// indent, `": "`, trailing newline), so generated JSON is byte-deterministic.
public indirect enum JSONValue: Sendable, Hashable {
  case string(String)
  case number(Double)
  case integer(Int)
  case bool(Bool)
  case null
  case array([JSONValue])
  /// Keys in the order they should be written.
  case object([(String, JSONValue)])

  public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool { lhs.rendered() == rhs.rendered() }
  public func hash(into hasher: inout Hasher) { hasher.combine(rendered()) }

  /// The document, pretty-printed, ending with a newline.
  public func rendered() -> String {
    var out = ""
    write(into: &out, indent: 0)
    return out + "\n"
  }

  private func write(into out: inout String, indent: Int) {
    let pad = String(repeating: "  ", count: indent)
    switch self {
    case .string(let text): out += JSONText.string(text)
    case .number(let value): out += YAMLEmitter.number(value)
    case .integer(let value): out += String(value)
    case .bool(let value): out += value ? "true" : "false"
    case .null: out += "null"
    case .array(let items):
      if items.isEmpty {
        out += "[]"
        return
      }
      out += "[\n"
      for (index, item) in items.enumerated() {
        out += pad + "  "
        item.write(into: &out, indent: indent + 1)
        out += index == items.count - 1 ? "\n" : ",\n"
      }
      out += pad + "]"
    case .object(let pairs):
      if pairs.isEmpty {
        out += "{}"
        return
      }
      out += "{\n"
      for (index, (key, value)) in pairs.enumerated() {
        out += pad + "  " + JSONText.string(key) + ": "
        value.write(into: &out, indent: indent + 1)
        out += index == pairs.count - 1 ? "\n" : ",\n"
      }
      out += pad + "}"
    }
  }
}
