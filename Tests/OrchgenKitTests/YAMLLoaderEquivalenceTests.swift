import Foundation
import Testing
import Yams

@testable import OrchgenKit

/// `YAMLLoader` reads libyaml's events directly. These tests compose the same files through
/// Yams' `Node` tree the way the loader used to, and require the same located tree and the same
/// findings: every span, every position, every message.
@Suite struct YAMLLoaderEquivalenceTests {
  /// The loader as it was: Yams composes, a converter walks the tree and measures spans.
  enum Reference {
    static func load(_ file: SourceFile) -> (YAMLNode?, [Diagnostic]) {
      var diagnostics: [Diagnostic] = []
      if let depthError = NestingScanner.firstExcess(in: file, limit: YAMLLoader.maxDepth) { return (nil, [depthError]) }
      let root: Node?
      do {
        let parser = try Parser(yaml: file.text, resolver: .basic, constructor: .default, encoding: .utf8)
        root = try parser.singleRoot()
      } catch let error as YamlError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
          .composer(let context, let problem, let mark, _):
          let notes: [Diagnostic.Note] = context.map {
            [.init($0.text, at: SourceLocation(file: file.path, line: $0.mark.line, column: $0.mark.column))]
          } ?? []
          // The help text is the loader's own; compare it through the loader's output instead.
          return (nil, [Diagnostic(.yamlSyntax, problem, at: SourceLocation(file: file.path, line: mark.line, column: mark.column), notes: notes)])
        case .reader(let problem, _, _, _):
          return (nil, [Diagnostic(.yamlSyntax, problem, at: .file(file.path))])
        default:
          return (nil, [Diagnostic(.yamlSyntax, "\(error)", at: .file(file.path))])
        }
      } catch {
        return (nil, [Diagnostic(.yamlSyntax, "\(error)", at: .file(file.path))])
      }
      guard let root else { return (nil, []) }
      var converter = Converter(file: file)
      let node = converter.convert(root)
      if converter.budgetExceeded {
        return (nil, [Diagnostic(.limitExceeded, "'\(file.path)' expands to more than \(YAMLLoader.maxNodes) YAML nodes", at: .file(file.path))])
      }
      diagnostics += converter.diagnostics
      return (node, diagnostics)
    }

    struct Converter {
      let file: SourceFile
      var diagnostics: [Diagnostic] = []
      var budget = YAMLLoader.maxNodes
      var budgetExceeded = false

      mutating func convert(_ node: Node) -> YAMLNode {
        budget -= 1
        if budget < 0 {
          budgetExceeded = true
          return .sequence([], .file(file.path))
        }
        switch node {
        case .scalar(let scalar):
          return .scalar(self.scalar(scalar))
        case .sequence(let sequence):
          var items: [YAMLNode] = []
          for item in sequence {
            items.append(convert(item))
            if budgetExceeded { break }
          }
          return .sequence(items, start(sequence.mark))
        case .mapping(let mapping):
          var pairs: [YAMLPair] = []
          for (key, value) in mapping {
            guard case .scalar(let keyScalar) = key else {
              diagnostics.append(
                Diagnostic(.wrongType, "mapping keys must be plain names, found \(convert(key).typeName)", at: start(key.mark)))
              continue
            }
            pairs.append(YAMLPair(key: scalar(keyScalar), value: convert(value)))
            if budgetExceeded { break }
          }
          return .mapping(pairs, start(mapping.mark))
        }
      }

      func start(_ mark: Mark?) -> OrchgenKit.SourceLocation {
        guard let mark else { return .file(file.path) }
        return SourceLocation(file: file.path, line: mark.line, column: mark.column)
      }

      func scalar(_ scalar: Node.Scalar) -> YAMLScalar {
        let location = start(scalar.mark)
        let style: ScalarSpan.Style =
          switch scalar.style {
          case .plain: .plain
          case .singleQuoted: .singleQuoted
          case .doubleQuoted: .doubleQuoted
          default: .block
          }
        let width = ScalarSpan.width(
          of: scalar.string, style: style, line: file.line(location.line), column: location.column)
        return YAMLScalar(
          value: scalar.string, isPlain: scalar.style == .plain,
          location: SourceLocation(
            file: file.path, line: location.line, column: location.column, endColumn: location.column + max(width, 1)))
      }
    }
  }

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

  static func compareAll(_ files: [SourceFile]) {
    for file in files {
      let (expectedNode, expectedDiagnostics) = Reference.load(file)
      var diagnostics: [Diagnostic] = []
      let node = YAMLLoader.load(file, into: &diagnostics)
      #expect(render(node) == render(expectedNode), "\(file.path): \(file.text.debugDescription)")
      // The loader adds help texts; the reference's findings have none.
      let stripped = diagnostics.map { Diagnostic($0.rule, $0.message, at: $0.location, notes: $0.notes) }
      #expect(stripped.sorted() == expectedDiagnostics.sorted(), "\(file.path): \(file.text.debugDescription)")
    }
  }

  @Test func crafted() {
    Self.compareAll(Self.samples.enumerated().map { SourceFile(path: "sample-\($0.offset).yaml", text: $0.element) })
  }

  @Test func everyYAMLFileOfTheRepositoryAndTheRuleFixtures() throws {
    let root = Fixtures.directory.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    var files: [SourceFile] = []
    let config = root.appendingPathComponent("config")
    if let enumerator = FileManager.default.enumerator(atPath: config.path) {
      while let path = enumerator.nextObject() as? String {
        guard path.hasSuffix(".yaml") else { continue }
        files.append(SourceFile(path: path, text: try String(contentsOf: config.appendingPathComponent(path), encoding: .utf8)))
      }
    }
    let rules = Fixtures.directory.appendingPathComponent("rules")
    for name in try FileManager.default.contentsOfDirectory(atPath: rules.path).sorted() where name.hasSuffix(".txt") {
      // The alias bomb is compared by the rule fixture itself; the reference would take seconds.
      guard !name.hasPrefix("limit-exceeded") else { continue }
      let project = FixtureProject(parsing: try String(contentsOf: rules.appendingPathComponent(name), encoding: .utf8))
      for (path, text) in project.files where path.hasSuffix(".yaml") || path.hasSuffix(".yml") {
        files.append(SourceFile(path: "\(name)/\(path)", text: text))
      }
    }
    #expect(files.count > 50)
    Self.compareAll(files)
  }
}
