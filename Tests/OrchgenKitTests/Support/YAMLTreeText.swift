@testable import OrchgenKit

/// Located YAML trees as text, and the crafted YAML samples, for the parser tests: a tree
/// rendered with every line, column and span end reads well in a failure, and the samples
/// cover every YAML form orchgen's files could hold (and several they should not).
enum YAMLTreeText {
  /// A tree as text with every location, so a difference reads well in the failure.
  static func render(_ node: YAMLNode?) -> String {
    guard let node else { return "nil" }
    var out = ""
    func location(_ l: OrchgenKit.SourceLocation) -> String { "@\(l.line):\(l.column)-\(l.endLine):\(l.endColumn)" }
    func walk(_ node: YAMLNode, _ indent: String) {
      switch node {
      case .scalar(let s): out += "\(indent)\(s.isPlain ? "plain" : "quoted") \(s.value.debugDescription) \(location(s.location))\n"
      case .sequence(let items, let l):
        out += "\(indent)seq \(location(l))\n"
        for item in items { walk(item, indent + "  ") }
      case .mapping(let pairs, let l):
        out += "\(indent)map \(location(l))\n"
        for pair in pairs {
          out += "\(indent)  key \(pair.key.value.debugDescription) \(location(pair.key.location))\n"
          walk(pair.value, indent + "    ")
        }
      }
    }
    walk(node, "")
    return out
  }

  static let samples: [String] = [
    "",
    "# only a comment\n",
    "---\n",
    "a: 1\n",
    "plain: hello world  # comment\nsingle: 'it''s here'\ndouble: \"tab\\tand \\\"quote\\\"\"\nempty:\nnull: ~\n",
    "folded: >\n  one\n  two\nliteral: |\n  line 1\n  line 2\nkeep: |+\n  x\n\n",
    "multi: this plain scalar\n  continues here\n  and here\nnext: 1\n",
    "para: first\n\n  second after a blank\n",
    "quoted: 'spans\n  two lines'\ndq: \"also\n  two\"\nend: x\n",
    "unicode: héllo wörld ✓\n'ключ': \"значение ✓\"\nemoji: 🎉 party\n",
    "flow: { a: 1, b: [x, 'y', \"z\"], c: {} }\nlist: [ ]\n",
    "seq:\n  - one\n  - two: 2\n    three: 3\n  - - nested\n    - list\n",
    "base: &b { x: 1, y: [1, 2] }\nuse: *b\nscalar: &s value\nagain: *s\n*s : key from alias\n",
    "? [complex, key]\n: value\n? { a: 1 }\n: other\nok: yes\n",
    "dup: 1\ndup: 2\n",
    "a: 1\n---\nb: 2\n",
    "a: *missing\n",
    "a: [1, 2\nb: 3\n",
    "a: b: c\n",
    "a:\n\t- tab\n",
    "a: 'unclosed\n",
    "key: \"bad \\q escape\"\n",
    "- top\n- level\n- list\n",
    "just a scalar\n",
    "tasks:\n  t1: { agent: coder, needs: [a, b], writes: [\"src/**\"] }\n  t2:\n    agent: coder\n    description: >-\n      folded\n      text\n",
    "a: !!str 123\nb: !custom tagged\nc: &anchor !!int 5\nd: *anchor\n",
    "\u{FEFF}a: 1\n",
    "a: 1\r\nb: 'two'\r\nc: \"three\"\r\n",
    "x: &a [&b 1, *b]\ny: &c [*a, *a]\nz: [*c, *c]\n",
    "a: %invalid\n",
    "{ a: 1 }: map key\n",
  ]
}
