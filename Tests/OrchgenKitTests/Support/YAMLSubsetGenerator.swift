/// Random YAML documents built from the forms `FastYAMLParser` covers, nested and combined in
/// ways hand-written samples miss: indentation widths, indentless and compact sequences, flow
/// collections, every scalar style with awkward content, comments, blank lines and block
/// scalars with every chomping. Some come out invalid or ambiguous on purpose (a value that
/// looks like a key, a hash without a space); the tests only require agreement with libyaml.
struct YAMLSubsetGenerator {
  var random: PlanTestRandom
  var lines: [String] = []

  init(seed: UInt64) { random = PlanTestRandom(seed: seed) }

  mutating func document() -> String {
    lines = []
    if chance(4) { lines.append("# header comment") }
    if chance(6) {
      sequence(indent: 0, depth: 0)
    } else {
      mapping(indent: chance(10) ? 2 : 0, depth: 0)
    }
    if chance(4) { lines.append(pick(["", "# trailer", "   "])) }
    return lines.joined(separator: "\n") + "\n"
  }

  private mutating func chance(_ one: Int) -> Bool { Int.random(in: 0..<one, using: &random) == 0 }
  private mutating func pick<T>(_ options: [T]) -> T { options[Int.random(in: 0..<options.count, using: &random)] }
  private func pad(_ count: Int) -> String { String(repeating: " ", count: count) }

  private mutating func mapping(indent: Int, depth: Int, first: String? = nil) {
    for index in 0..<Int.random(in: 1...4, using: &random) {
      let prefix = index == 0 ? (first ?? pad(indent)) : pad(indent)
      value(prefix: prefix + key() + pick([":", ":", "  :"]), indent: indent, depth: depth, inMapping: true)
      if chance(8) { lines.append(pick(["", pad(indent) + "# between", "  ", pad(indent + 4) + "# deeper"])) }
    }
  }

  private mutating func sequence(indent: Int, depth: Int) {
    for _ in 0..<Int.random(in: 1...3, using: &random) {
      let dash = pad(indent) + pick(["-", "-", "-  "])
      if depth < 4, chance(4) {
        let keyIndent = dash.count + 1
        mapping(indent: keyIndent, depth: depth + 1, first: dash + " ")
      } else {
        value(prefix: dash, indent: indent, depth: depth, inMapping: false)
      }
    }
  }

  /// `prefix` ends with the ':' or '-' whose value this writes.
  private mutating func value(prefix: String, indent: Int, depth: Int, inMapping: Bool) {
    let roll = Int.random(in: 0..<10, using: &random)
    if depth < 4, roll < 3 {
      lines.append(prefix + pick(["", " # note", "  "]))
      if inMapping, chance(3) {
        sequence(indent: indent, depth: depth + 1)
      } else if chance(2) {
        mapping(indent: indent + pick([1, 2, 4]), depth: depth + 1)
      } else {
        sequence(indent: indent + pick([1, 2]), depth: depth + 1)
      }
    } else if roll < 4 {
      lines.append(prefix + pick(["", " ", " # empty"]))
    } else if roll < 5 {
      blockScalar(prefix: prefix, indent: indent)
    } else if roll < 7 {
      lines.append(prefix + " " + flow(depth: 0) + pick(["", " # c", "  "]))
    } else {
      lines.append(prefix + " " + scalar(flow: false) + pick(["", " # c", "  ", "#x"]))
    }
  }

  private mutating func blockScalar(prefix: String, indent: Int) {
    lines.append(prefix + " " + pick(["|", ">", "|-", ">-", "|+", ">+"]) + pick(["", " # c", "  "]))
    let body = indent + pick([1, 2, 2, 4])
    if chance(5) { lines.append(pick(["", pad(body + 2)])) }
    for _ in 0..<Int.random(in: 1...4, using: &random) {
      switch Int.random(in: 0..<6, using: &random) {
      case 0: lines.append("")
      case 1: lines.append(pad(body + 2) + "more indented")
      case 2: lines.append(pad(body) + "# not a comment")
      default: lines.append(pad(body) + pick(["text", "two words", "a: b", "- item", "ünï ✓", "x  "]))
      }
    }
    if chance(3) { lines.append(pick(["", pad(body), pad(indent) + "# after"])) }
  }

  private mutating func key() -> String {
    pick(["a", "key", "agent", "needs", "k-1", "x_y", "\"q k\"", "'s k'", "ключ", "a b", "dup", "dup", "\"\"", "1"])
  }

  private mutating func scalar(flow: Bool) -> String {
    let plain = [
      "value", "two words", "a:b", "http://x/y", "a#b", "-1", "0.5", "~", "null", "true", "é ✓ 🎉", "x, y",
      "[a]", "a - b", "x  y", "P0",
    ]
    let flowPlain = ["value", "two words", "-1", "é ✓", "x  y", "a#b", "src/**"]
    switch Int.random(in: 0..<4, using: &random) {
    case 0: return "'" + pick(["", "it''s", "a: b", "# no", "ü ", " x "]) + "'"
    case 1: return "\"" + pick(["", "a\\\"b", "\\t\\n", "\\x41\\u00e9", "\\U0001F389", "src/**", "\\\\", "\\/ \\_"]) + "\""
    default: return pick(flow ? flowPlain : plain)
    }
  }

  private mutating func flow(depth: Int) -> String {
    let spaced = chance(2)
    let (open, close) = spaced ? ("[ ", " ]") : ("[", "]")
    var items: [String] = []
    for _ in 0..<Int.random(in: 0...3, using: &random) {
      items.append(depth < 2 && chance(5) ? flow(depth: depth + 1) : scalar(flow: true))
    }
    if chance(2) { return open + items.joined(separator: pick([", ", ",", " , "])) + close }
    let pairs = items.map { key() + ": " + $0 }
    return (spaced ? "{ " : "{") + pairs.joined(separator: ", ") + (spaced ? " }" : "}")
  }
}
