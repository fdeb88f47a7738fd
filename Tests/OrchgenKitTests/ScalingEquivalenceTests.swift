import Foundation
import Testing

@testable import OrchgenKit

/// The fast paths written for large projects (issue 7) against the straightforward algorithms
/// they replaced, on many random inputs. No timing here: only that the answers are the same.
@Suite struct ScalingEquivalenceTests {
  // MARK: Reachability

  /// A random graph with back edges, so that some tasks sit in cycles.
  static func randomGraph(_ random: inout PlanTestRandom, writes: Bool = false) -> TaskGraph {
    let count = Int.random(in: 1...60, using: &random)
    let density = Double.random(in: 0...0.2, using: &random)
    let backEdges = Int.random(in: 0...3, using: &random) == 0 ? Double.random(in: 0...0.03, using: &random) : 0
    let file = "config/workflows/random.yaml"
    var tasks: [ExpandedTask] = []
    let globs = [
      "src/**", "src/a/**", "src/a/*.ts", "src/b/", "src/*/x.ts", "**/x.ts", "docs/*.md", "docs/a.md", "./src/a/b.ts",
      "src/a?/**", "src", "srcx/**", "*.md", "lib/[ab]/y", "lib/a/y", "src/**/x.ts",
    ]
    for index in 0..<count {
      var needs: [ExpandedTask.Need] = []
      for other in 0..<count where other != index {
        let chance = other < index ? density : backEdges
        if Double.random(in: 0..<1, using: &random) < chance {
          needs.append(.init(task: "t\(other)", location: .file(file), explicit: true))
        }
      }
      var written: [Located<String>] = []
      if writes, Int.random(in: 0..<3, using: &random) == 0 {
        for _ in 0..<Int.random(in: 1...3, using: &random) {
          let glob = globs[Int.random(in: 0..<globs.count, using: &random)]
          written.append(Located(glob, at: SourceLocation(file: file, line: index + 1, column: written.count + 1)))
        }
      }
      var condition: Condition? = nil
      if writes, Int.random(in: 0..<6, using: &random) == 0 {
        condition = Condition(
          task: "t0", flag: "f", negated: Bool.random(using: &random), location: .file(file))
      }
      tasks.append(
        ExpandedTask(
          id: "t\(index)", agent: "worker", agentLocation: .file(file), description: "", kind: .work, needs: needs,
          produces: [], consumes: [], decides: [], condition: condition, writes: written, retries: 0, estimate: 60,
          priority: nil, success: [], location: SourceLocation(file: file, line: index + 1, column: 1), order: index,
          stage: nil))
    }
    return TaskGraph(
      workflow: WorkflowDefinition(name: "random", file: file), tasks: tasks, maxConcurrent: 2, coordinator: nil)
  }

  /// Every task reachable from `task` by following needs.
  static func ancestors(of task: Int, _ predecessors: [[Int]]) -> Set<Int> {
    var seen = Set<Int>()
    var pending = predecessors[task]
    while let next = pending.popLast() {
      if seen.insert(next).inserted { pending += predecessors[next] }
    }
    return seen
  }

  @Test("isAncestor agrees with a full walk on random graphs with cycles", arguments: 0..<4)
  func reachability(batch: Int) {
    var random = PlanTestRandom(seed: 0xA11C_E570 + UInt64(batch))
    for _ in 0..<50 {
      let graph = Self.randomGraph(&random)
      var structure = GraphStructure(graph)
      let predecessors = graph.predecessorIndices()
      for task in graph.tasks.indices {
        let expected = Self.ancestors(of: task, predecessors)
        for other in graph.tasks.indices {
          #expect(structure.isAncestor(other, of: task) == (other != task && expected.contains(other)))
        }
      }
    }
  }

  // MARK: Write conflicts

  /// The comparison of every pair of globs that `WriteConflictValidator` used to make.
  static func referenceWriteConflicts(_ graph: TaskGraph) -> [Diagnostic] {
    var structure = GraphStructure(graph)
    var diagnostics: [Diagnostic] = []
    let tasks = graph.tasks
    let writers = tasks.indices.filter { !tasks[$0].writes.isEmpty }
    guard writers.count > 1 else { return [] }
    var buckets: [Substring: [(task: Int, glob: Located<String>)]] = [:]
    var wild: [(task: Int, glob: Located<String>)] = []
    for index in writers {
      for glob in tasks[index].writes {
        let prefix = GlobOverlap.literalPrefix(glob.value)
        if let slash = prefix.firstIndex(of: "/") {
          buckets[prefix[..<slash], default: []].append((index, glob))
        } else {
          wild.append((index, glob))
        }
      }
    }
    var reported = Set<Int>()
    func compare(_ a: (task: Int, glob: Located<String>), _ b: (task: Int, glob: Located<String>)) {
      guard a.task != b.task else { return }
      let (first, second) = a.task < b.task ? (a, b) : (b, a)
      let pairKey = first.task * tasks.count + second.task
      guard !reported.contains(pairKey),
        !WriteConflictValidator.areExclusive(tasks[first.task], tasks[second.task]),
        GlobOverlap.overlap(first.glob.value, second.glob.value),
        !structure.areOrdered(first.task, second.task)
      else { return }
      reported.insert(pairKey)
      let one = tasks[first.task].id
      let two = tasks[second.task].id
      let overlapText = first.glob.value == second.glob.value
        ? "both write '\(first.glob.value)'"
        : "write overlapping globs '\(second.glob.value)' and '\(first.glob.value)'"
      diagnostics.append(
        Diagnostic(.writeConflict, "tasks '\(two)' and '\(one)' may run at the same time and \(overlapText)",
          at: second.glob.location, notes: [.init("'\(one)' writes '\(first.glob.value)' here", at: first.glob.location)],
          help: "add '\(one)' to 'needs' of '\(two)' (or the reverse), or narrow the globs so they cannot match the same file"))
    }
    let sortedKeys = buckets.keys.sorted()
    for key in sortedKeys {
      let list = buckets[key]!
      for i in list.indices {
        for j in list.indices where j > i { compare(list[i], list[j]) }
      }
    }
    for (position, entry) in wild.enumerated() {
      for other in wild[(position + 1)...] { compare(entry, other) }
      for key in sortedKeys { for other in buckets[key]! { compare(entry, other) } }
    }
    return diagnostics
  }

  @Test("write conflicts are the pairwise comparison's, pair for pair", arguments: 0..<4)
  func writeConflicts(batch: Int) {
    var random = PlanTestRandom(seed: 0x3A17_E000 + UInt64(batch))
    var found = 0
    for _ in 0..<80 {
      let graph = Self.randomGraph(&random, writes: true)
      var structure = GraphStructure(graph)
      var diagnostics: [Diagnostic] = []
      WriteConflictValidator.validate(&structure, &diagnostics)
      let expected = Self.referenceWriteConflicts(graph)
      #expect(diagnostics.sorted() == expected.sorted())
      found += expected.count
    }
    #expect(found > 0)
  }

  @Test func durationsParsedOnBytesAsOnCharacters() {
    var random = PlanTestRandom(seed: 0xD0_0A71)
    let pieces = ["1", "0", "30", "90", "1234567", "h", "m", "s", "x", " ", "", "é", "٣", "45", "2h", "15m"]
    var texts = ["45m", "1h30m", "90s", "2h", "1h30m15s", "30m1h", "1h1h", "m", "1", "", "1234567m", "123456m", "1h 30m"]
    for _ in 0..<2_000 {
      texts.append((0..<Int.random(in: 1...4, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined())
    }
    for text in texts {
      #expect(ValueReader.parseDuration(text) == ValueReader.parseAnyDuration(text), "\(text.debugDescription)")
    }
  }

  @Test func literalPrefixStopsAtTheFirstWildcard() {
    for (glob, prefix) in [("src/**", "src/"), ("./a/b?c", "a/b"), ("lib/[ab]/x", "lib/"), ("plain/path", "plain/path"), ("*.md", ""), ("./", "")] {
      #expect(GlobOverlap.literalPrefix(glob) == prefix[...])
    }
  }

  @Test func asciiSearchFindsWhatFoundationFinds() {
    let texts = ["---\nmode: all\n---\nbody", "no marker", "\n---\n", "a\n--\n---\n", "é\n---\nü", "---\n---\n---\n", ""]
    for text in texts {
      let ours = text.firstRange(ofASCII: "\n---\n").map { text.distance(from: text.startIndex, to: $0.lowerBound) }
      let foundation = text.range(of: "\n---\n").map { text.distance(from: text.startIndex, to: $0.lowerBound) }
      #expect(ours == foundation, "\(text.debugDescription)")
    }
  }

  @Test func globOverlapOnTokensMatchesStrings() {
    let globs = ["src/**", "src/a/*.ts", "**/x.ts", "src/a/x.ts", "src/?/x.ts", "lib/[ab]/y", "lib/a/y", "src/", "./src/a/"]
    for a in globs {
      for b in globs {
        #expect(GlobOverlap.overlap(GlobOverlap.tokens(a), GlobOverlap.tokens(b)) == GlobOverlap.overlap(a, b))
      }
    }
  }

  // MARK: Concurrent task decoding

  /// A workflow of `count` tasks with every kind of finding a task can raise: duplicates (near
  /// and far), invalid ids, a task that is not a mapping, unknown and missing keys, bad values.
  static func awkwardWorkflow(_ count: Int, seed: UInt64) -> String {
    var random = PlanTestRandom(seed: seed)
    var lines = ["description: Many tasks", "tasks:"]
    for index in 0..<count {
      let id: String
      switch Int.random(in: 0..<40, using: &random) {
      case 0: id = "t\(Int.random(in: 0..<max(1, index), using: &random))"
      case 1: id = "Bad_Id\(index)"
      default: id = "t\(index)"
      }
      switch Int.random(in: 0..<30, using: &random) {
      case 0:
        lines.append("  \(id): not a mapping")
        continue
      case 1:
        lines += ["  \(id):", "    description: no agent", "    agnet: typo"]
      case 2:
        lines += ["  \(id):", "    agent: coder", "    needs: { a: b }", "    estimate: soon", "    retries: 99"]
      default:
        lines += ["  \(id):", "    agent: coder", "    needs: [t\(max(0, index - 1))]", "    writes: [\"src/\(index)/**\"]"]
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  @Test("tasks decoded on all cores are the sequential loop's, finding for finding", arguments: 0..<3)
  func concurrentTaskDecoding(batch: Int) {
    let file = SourceFile(path: "config/workflows/many.yaml", text: Self.awkwardWorkflow(700 + 300 * batch, seed: UInt64(batch)))
    var parseFindings: [Diagnostic] = []
    guard let node = YAMLLoader.load(file, into: &parseFindings) else {
      Issue.record("the workflow does not parse: \(parseFindings)")
      return
    }
    var sequential: [Diagnostic] = []
    var concurrent: [Diagnostic] = []
    let expected = WorkflowDecoder.decode(node, name: "many", file: file.path, concurrentFrom: .max, diagnostics: &sequential)
    let actual = WorkflowDecoder.decode(node, name: "many", file: file.path, concurrentFrom: 2, diagnostics: &concurrent)
    #expect(actual.tasks.count == expected.tasks.count)
    #expect(String(describing: actual.tasks) == String(describing: expected.tasks))
    #expect(concurrent.count == sequential.count)
    if let index = concurrent.indices.first(where: { $0 < sequential.count && concurrent[$0] != sequential[$0] }) {
      Issue.record("finding \(index) differs: \(concurrent[index]) instead of \(sequential[index])")
    }
    #expect(Set(sequential.map(\.rule)).count >= 5, "the workflow raises too few kinds of findings")
  }
}
