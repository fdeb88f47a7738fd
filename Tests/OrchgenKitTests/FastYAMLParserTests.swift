import Foundation
import Testing

@testable import OrchgenKit

/// `FastYAMLParser` against libyaml's composer (`YAMLLoader.loadWithLibyaml`): whenever the fast
/// parser accepts a file, the tree must be the same to the last span, and libyaml must have found
/// nothing to report. Declining is always allowed, except for the files orchgen is written for:
/// the repository's config and a project shaped like the benchmark's, which it must accept (or
/// the speed-up would silently vanish).
@Suite struct FastYAMLParserTests {
  /// Compares the two parsers on `file`; returns whether the fast parser accepted it.
  @discardableResult
  static func compare(_ file: SourceFile, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Bool {
    // Large mappings are parsed in pieces; pieces of one byte split every mapping of four keys
    // or more at each key, which must change nothing, accepted or declined.
    let inPieces = FastYAMLParser.parse(file, pieceBytes: 1)
    guard let fast = FastYAMLParser.parse(file) else {
      #expect(inPieces == nil, "\(file.path): accepted only in pieces", sourceLocation: sourceLocation)
      return false
    }
    #expect(
      YAMLTreeText.render(inPieces?.root) == YAMLTreeText.render(fast.root),
      "\(file.path): parsed differently in pieces", sourceLocation: sourceLocation)
    #expect(inPieces?.nodes == fast.nodes, "\(file.path): counted differently in pieces", sourceLocation: sourceLocation)
    var diagnostics: [Diagnostic] = []
    let reference = YAMLLoader.loadWithLibyaml(file, into: &diagnostics)
    let expected = YAMLTreeText.render(reference)
    let actual = YAMLTreeText.render(fast.root)
    #expect(actual == expected, "\(file.path): \(file.text.debugDescription)", sourceLocation: sourceLocation)
    #expect(diagnostics.isEmpty, "\(file.path): libyaml reports \(diagnostics)", sourceLocation: sourceLocation)
    return true
  }

  static var repositoryRoot: URL {
    Fixtures.directory.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  }

  /// Every `.yaml` and `.yml` file under the repository's `config/`.
  static func repositoryConfig() throws -> [SourceFile] {
    let config = repositoryRoot.appendingPathComponent("config")
    var files: [SourceFile] = []
    let enumerator = FileManager.default.enumerator(atPath: config.path)
    while let path = enumerator?.nextObject() as? String {
      guard path.hasSuffix(".yaml") || path.hasSuffix(".yml") else { continue }
      let text = try String(contentsOf: config.appendingPathComponent(path), encoding: .utf8)
      files.append(SourceFile(path: "config/\(path)", text: text))
    }
    return files.sorted { $0.path < $1.path }
  }

  /// Every YAML file of the one-file projects under `Fixtures/` (rules, corpus, build).
  static func fixtureFiles() throws -> [SourceFile] {
    var files: [SourceFile] = []
    for folder in ["rules", "corpus", "build"] {
      let directory = Fixtures.directory.appendingPathComponent(folder)
      for name in try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() where name.hasSuffix(".txt") {
        let project = FixtureProject(parsing: try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8))
        for (path, text) in project.files where path.hasSuffix(".yaml") || path.hasSuffix(".yml") {
          files.append(SourceFile(path: "\(folder)/\(name)/\(path)", text: text))
        }
      }
    }
    return files
  }

  @Test func acceptsAndMatchesTheRepositoryConfig() throws {
    let files = try Self.repositoryConfig()
    #expect(files.count >= 10)
    for file in files {
      #expect(Self.compare(file), "\(file.path) was declined")
    }
  }

  @Test func acceptsAndMatchesABenchmarkShapedProject() {
    let files = BenchmarkShapedProject.files(tasks: 400, seed: 7)
    for file in files {
      #expect(Self.compare(file), "\(file.path) was declined")
    }
  }

  @Test func matchesEveryFixtureItAccepts() throws {
    let files = try Self.fixtureFiles()
    #expect(files.count > 200)
    let accepted = files.filter { Self.compare($0) }.count
    // Most fixtures are well-formed block YAML; most of the rest are meant to fail.
    #expect(accepted * 2 > files.count, "accepted \(accepted) of \(files.count)")
  }

  @Test func matchesTheLoaderSamples() {
    for (index, text) in YAMLTreeText.samples.enumerated() {
      Self.compare(SourceFile(path: "sample-\(index).yaml", text: text))
    }
  }

  /// Forms the subset covers, each of which must be accepted and match.
  static let accepted: [String] = [
    "a: 1\n",
    "plain: hello world  # comment\nsingle: 'it''s here'\ndouble: \"esc \\\" \\\\ \\/ \\n \\x41 \\u00e9 \\U0001F389 \\0 \\_\"\n",
    "empty:\nnext: 1\nlast:\n",
    "empty:\n  # comment deeper\n\nafter: 1\n",
    "folded: >\n  one\n  two\n\n  three\n   indented\n  four\nliteral: |\n  line 1\n\n  line 2\nkeep: |+\n  x\n\n\nstrip: >-\n  y\n\nz: 1\n",
    "a:\n  b: |\n    deep\n      deeper\n    # not a comment\n  # a comment\n  c: 2\n",
    "block: |  # comment after the indicator\n  text\n",
    "list:\n- a\n- b: 1\n  c: 2\n-\n- [x, 'y']\nnext: 1\n",
    "seq:\n  - one\n  -   two: 2\n      three: 3\n  - 'q': v\n  -\n    nested: map\n  -\n  - last\n",
    "flow: { a: 1, b: [x, 'y', \"z\"], c: {}, d: [], 'e f': { g: [ [h] ] } }\nlist: [ ]\n",
    "writes: [\"services/svc-04/t00004/**\", \"docs/*.md\"]\nbash: { \"*\": ask, \"git diff*\": allow }\n",
    "unicode: héllo wörld ✓\n'ключ': \"значение ✓\"\nemoji: 🎉 party  # ünïcode comment\n",
    "spaced  : value\n'quoted key'   : v\n",
    "dup: 1\ndup: 2\nnested:\n  k: a\n  k: b\n",
    "  indented: root\n  second: 2\n",
    "- top\n- level\n- list\n",
    "colons: a:b::c http://x.y/z\nhash: a#b c#d\nbrackets: x [y] {z}, w\nneg: -1\ntilde: ~\n",
    "# header\n\n\nkey: value\n\n# trailer\n",
    "a: 'x' # c\nb: [1, 2] # c\nc: {k: v} # c\n",
  ]

  @Test func acceptsTheSubset() {
    for (index, text) in Self.accepted.enumerated() {
      #expect(Self.compare(SourceFile(path: "accepted-\(index).yaml", text: text)), "declined: \(text.debugDescription)")
    }
  }

  /// Forms outside the subset, some valid and some not: whatever the fast parser makes of them
  /// must match libyaml, and these in particular it must leave to libyaml.
  static let declined: [String] = [
    "", "# only a comment\n", "---\na: 1\n", "a: 1\n...\n", "a: 1", "a: 1\r\n", "a:\n\t- tab\n",
    "multi: this plain scalar\n  continues here\n", "q: 'spans\n  two lines'\n", "a: &x 1\nb: *x\n", "a: !!str 1\n",
    "? complex\n: key\n", "a: b: c\n", "a: [1, 2\nb: 3\n", "a: 'unclosed\n", "key: \"bad \\q escape\"\n",
    "a: \"\\uD800\"\n", "a:\n  - x\n  b: 1\n", "a:\n    b: 1\n  c: 2\n", "a: 1\n  b: 2\n", "a: x\n- y\n",
    "just a scalar\n", "- - nested\n", "a: |2\n   x\n", "a: [a: b]\n", "a: {b}\n", "a: [x,]\n", "a: 'x'#c\n",
    "\u{FEFF}a: 1\n", "a: \u{85}\n", "a: -\n", "a: @x\n", "%YAML 1.1\n---\na: 1\n", "a: [x # c\n  ]\n",
  ]

  @Test func declinesWhatItDoesNotCover() {
    for (index, text) in Self.declined.enumerated() {
      let file = SourceFile(path: "declined-\(index).yaml", text: text)
      #expect(FastYAMLParser.parse(file) == nil, "accepted: \(text.debugDescription)")
    }
  }

  /// Thousands of small random edits of real files (seeded, so a failure reproduces): every
  /// mutant is either declined or composed exactly as libyaml composes it.
  @Test(arguments: 0..<4)
  func mutantsMatchOrAreDeclined(batch: Int) throws {
    var seeds = try Self.repositoryConfig()
    seeds += BenchmarkShapedProject.files(tasks: 40, seed: 3)
    seeds += Self.accepted.enumerated().map { SourceFile(path: "accepted-\($0.offset).yaml", text: $0.element) }
    var random = PlanTestRandom(seed: 0x5EED_0000 + UInt64(batch))
    var accepted = 0
    let mutants = 2_500
    for index in 0..<mutants {
      let seed = seeds[Int.random(in: 0..<seeds.count, using: &random)]
      var bytes = Array(seed.text.utf8)
      for _ in 0..<Int.random(in: 1...3, using: &random) { YAMLMutator.mutate(&bytes, using: &random) }
      let file = SourceFile(path: "mutant-\(batch)-\(index).yaml", text: String(decoding: bytes, as: UTF8.self))
      if Self.compare(file) { accepted += 1 }
    }
    // Enough mutants stay inside the subset for the comparison to mean something.
    #expect(accepted * 5 > mutants, "accepted \(accepted) of \(mutants)")
  }

  /// Random documents of the subset's forms (seeded): each is declined or matches libyaml, and
  /// most are accepted.
  @Test(arguments: 0..<4)
  func generatedDocumentsMatchOrAreDeclined(batch: Int) {
    var generator = YAMLSubsetGenerator(seed: 0x6E4E_0000 + UInt64(batch))
    var accepted = 0
    let documents = 1_000
    for index in 0..<documents {
      let text = generator.document()
      if Self.compare(SourceFile(path: "generated-\(batch)-\(index).yaml", text: text)) { accepted += 1 }
    }
    #expect(accepted * 3 > documents, "accepted \(accepted) of \(documents)")
  }

  /// `YAMLSubset.check` reads eight bytes at a time; this is what it must decide, character by
  /// character.
  static func referenceCheck(_ text: String) -> Bool? {
    guard text.utf8.last == 0x0A else { return nil }
    for line in text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false) {
      if line.prefix(while: { $0 == 0x20 }).count > NestingScanner.maxIndent { return nil }
      if line.starts(with: "---".utf8) || line.starts(with: "...".utf8) { return nil }
    }
    var isASCII = true
    for scalar in text.unicodeScalars {
      switch scalar.value {
      case 0x0A, 0x20..<0x7F: continue
      case 0..<0x20, 0x7F...0x9F, 0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF: return nil
      default: isASCII = false
      }
    }
    return isASCII
  }

  @Test func subsetCheckMatchesACharacterByCharacterReading() {
    var random = PlanTestRandom(seed: 0xC4EC)
    let pieces = [
      "a", "key: value", " ", "        ", "\n", "\n", "\t", "\r", "\u{0}", "\u{1F}", "\u{7F}", "\u{80}", "\u{85}",
      "\u{9F}", "\u{A0}", "é", "✓", "🎉", "\u{2028}", "\u{2029}", "\u{FEFF}", "\u{FFFE}", "\u{FFFF}", "\u{FFFD}",
      "---", "...", "--", "#", "abcdefghijklmnop",
    ]
    for _ in 0..<5_000 {
      var text = ""
      for _ in 0..<Int.random(in: 0...24, using: &random) { text += pieces[Int.random(in: 0..<pieces.count, using: &random)] }
      if Bool.random(using: &random) { text += "\n" }
      var copy = text
      let verdict = copy.withUTF8 { YAMLSubset.check($0) }
      #expect(verdict == Self.referenceCheck(text), "\(text.debugDescription)")
    }
  }
}
