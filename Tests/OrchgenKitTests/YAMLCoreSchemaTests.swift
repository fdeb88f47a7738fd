import Testing

@testable import OrchgenKit

/// Plain scalars are typed by the YAML 1.2 core schema (not by Swift's number parsers), tags are
/// reported rather than ignored, and merge keys merge.
@Suite struct YAMLCoreSchemaTests {
  static func plain(_ text: String) -> YAMLScalar {
    YAMLScalar(value: text, isPlain: true, location: SourceLocation(file: "f.yaml", line: 1, column: 1))
  }

  @Test func integersOfTheCoreSchema() {
    #expect(Self.plain("42").int == 42)
    #expect(Self.plain("+42").int == 42)
    #expect(Self.plain("-7").int == -7)
    #expect(Self.plain("0x3").int == 3)
    #expect(Self.plain("0xFf").int == 255)
    #expect(Self.plain("0o17").int == 15)
    #expect(Self.plain("0o17").typeName == "an integer")
    for text in ["0x", "0x-1", "0x+1", "0o8", "-0x3", "0b101", "1_000", "4.0", "0xG"] {
      #expect(Self.plain(text).int == nil, "\(text)")
    }
    let quoted = YAMLScalar(value: "0x3", isPlain: false, location: SourceLocation(file: "f.yaml", line: 1, column: 1))
    #expect(quoted.int == nil)
  }

  @Test func floatsOfTheCoreSchemaOnly() {
    #expect(Self.plain("0.5").double == 0.5)
    #expect(Self.plain(".5").double == 0.5)
    #expect(Self.plain("1.").double == 1)
    #expect(Self.plain("-1.5e3").double == -1500)
    #expect(Self.plain("2E-1").double == 0.2)
    #expect(Self.plain("0x3").double == 3)
    // Swift's Double(String) reads all of these; no YAML schema does.
    for text in ["0x1p-1", "0x1.8p1", "infinity", "nan", "1e", "e5", ".", "+.e1", "1.5.2", ".inf", "0x1P-1"] {
      #expect(Self.plain(text).double == nil, "\(text)")
      #expect(Self.plain(text).typeName == "a string", "\(text)")
    }
  }

  static func load(_ text: String) -> (YAMLNode?, [Diagnostic]) {
    var diagnostics: [Diagnostic] = []
    let node = YAMLLoader.load(SourceFile(path: "f.yaml", text: text), into: &diagnostics)
    return (node, diagnostics)
  }

  @Test func everyTagIsReportedAtTheTagAndTheFileIsNotUsed() {
    let (node, diagnostics) = Self.load("a: !!str 45\nb: !!int \"3\"\nc: !local x\nd: !!map {}\ne: &x !!seq []\n")
    #expect(node == nil)
    #expect(diagnostics.map(\.rule) == Array(repeating: .yamlUnsupported, count: 5))
    #expect(diagnostics.map { $0.message } == [
      "YAML tags are not supported, found '!!str'", "YAML tags are not supported, found '!!int'",
      "YAML tags are not supported, found '!local'", "YAML tags are not supported, found '!!map'",
      "YAML tags are not supported, found '!!seq'",
    ])
    #expect(diagnostics.map { $0.location?.column } == [4, 4, 4, 4, 7])
    // The fix is about the tagged value itself, never a fixed example (issue 14).
    #expect(diagnostics.map { $0.help } == [
      "remove the tag and quote the string instead: '\"45\"'",
      "remove the tag and write the value as it is meant: '\"3\"' for a string, '3' unquoted for a number, true/false or null",
      "remove the tag and write the value as it is meant: '\"x\"' for a string, 'x' unquoted for a number, true/false or null",
      "remove the tag: lists and mappings are read as they are written",
      "remove the tag: lists and mappings are read as they are written",
    ])
    let null = Self.load("a: !!str null\n").1
    #expect(null.map { $0.help } == ["remove the tag and quote the string instead: '\"null\"'"])
  }

  @Test func mergeKeysMergeWithTheMappingsOwnKeysWinning() {
    let text = """
      base: &base { agent: coder, estimate: 1h, writes: [a] }
      more: &more { estimate: 2h, priority: P1 }
      one:
        <<: *base
        agent: tester
      two:
        <<: [*more, *base]
      three:
        <<: { x: 1 }
        y: 2

      """
    let (node, diagnostics) = Self.load(text)
    #expect(diagnostics.isEmpty)
    guard case .mapping(let pairs, _)? = node else {
      Issue.record("not a mapping")
      return
    }
    func entries(_ key: String) -> [String] {
      guard case .mapping(let inner, _)? = pairs.first(where: { $0.key.value == key })?.value else { return [] }
      return inner.map { pair in
        if case .scalar(let scalar) = pair.value { return "\(pair.key.value)=\(scalar.value)@\(scalar.location.line)" }
        return "\(pair.key.value)=[…]@\(pair.value.location.line)"
      }
    }
    #expect(entries("one") == ["estimate=1h@1", "writes=[…]@1", "agent=tester@5"])
    #expect(entries("two") == ["estimate=2h@2", "priority=P1@2", "agent=coder@1", "writes=[…]@1"])
    #expect(entries("three") == ["x=1@9", "y=2@10"])
  }

  @Test func aQuotedMergeKeyIsAnOrdinaryKey() {
    let (node, diagnostics) = Self.load("a:\n  '<<': { x: 1 }\n")
    #expect(diagnostics.isEmpty)
    guard case .mapping(let pairs, _)? = node, case .mapping(let inner, _) = pairs[0].value else {
      Issue.record("not a mapping")
      return
    }
    #expect(inner.map(\.key.value) == ["<<"])
  }

  @Test func theFastParserLeavesMergeKeysToLibyaml() {
    for text in ["a:\n  <<: { x: 1 }\n", "<<: { x: 1 }\n", "- <<: { x: 1 }\n", "a: {<<: {x: 1}}\n"] {
      #expect(FastYAMLParser.parse(SourceFile(path: "f.yaml", text: text)) == nil, "\(text.debugDescription)")
      FastYAMLParserTests.compare(SourceFile(path: "f.yaml", text: text))
    }
  }
}
