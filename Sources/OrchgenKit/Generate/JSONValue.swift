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
    switch self {
    case .string(let text): JSONText.append(text, to: &out)
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
      let inner = Self.pad(indent + 1)
      for index in items.indices {
        out += inner
        items[index].write(into: &out, indent: indent + 1)
        out += index == items.count - 1 ? "\n" : ",\n"
      }
      out += Self.pad(indent)
      out += "]"
    case .object(let pairs):
      if pairs.isEmpty {
        out += "{}"
        return
      }
      out += "{\n"
      let inner = Self.pad(indent + 1)
      for index in pairs.indices {
        out += inner
        JSONText.append(pairs[index].0, to: &out)
        out += ": "
        pairs[index].1.write(into: &out, indent: indent + 1)
        out += index == pairs.count - 1 ? "\n" : ",\n"
      }
      out += Self.pad(indent)
      out += "}"
    }
  }

  /// Indents are made once: `status --format json` writes one per member of a 1,000-task run.
  private static let pads = (0..<16).map { String(repeating: "  ", count: $0) }
  private static func pad(_ level: Int) -> String { level < pads.count ? pads[level] : String(repeating: "  ", count: level) }
}
