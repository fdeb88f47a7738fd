/// The include directives of every markdown file as a graph: each directive is checked once,
/// each cycle is reported once, and expansion never nests deeper than `maxDepth`, so a hostile
/// tree can neither loop nor exhaust the stack.
struct IncludeGraph {
  /// The deepest include chain expanded.
  static let maxDepth = 32
  /// The most text one agent's resolved instructions may hold, so nested includes cannot
  /// multiply a small tree into gigabytes.
  static let maxExpandedBytes = FileReader.maxFileSize
  /// The most directives expanded for one agent (a chain of empty files costs no bytes).
  static let maxExpansions = 100_000
  /// Include paths are relative to this folder.
  static let contentFolder = "content"

  /// One valid directive: `from` includes `target` at `location`.
  struct Edge: Hashable {
    var from: String
    var target: String
    var location: SourceLocation
  }

  private struct Budget {
    var bytes = IncludeGraph.maxExpandedBytes
    var expansions = IncludeGraph.maxExpansions
    var exhausted: Bool { bytes < 0 || expansions < 0 }
  }

  private let files: [String: SourceFile]
  /// Valid directives of each file, in document order.
  private(set) var edges: [String: [Edge]] = [:]
  /// Directives that close a cycle; expansion leaves them as written.
  private var cut: Set<Edge> = []
  /// The directives expansion follows, by file and line (all valid ones except `cut`).
  private var followed: [String: [Int: Edge]] = [:]
  /// Each file split into lines once, however often it is included.
  private var lineCache: [String: [Substring]] = [:]
  private var reportedTooDeep: Set<SourceLocation> = []
  /// Files that directives name but that lead outside the project (reported at the directive).
  private(set) var outsideTargets: Set<String> = []

  /// Checks every directive of `documents` (parsed from `files`) and reports cycles;
  /// `leadsOutside` tells which paths lead outside the project (`Project.leadsOutside`).
  init(
    files: [String: SourceFile], documents: [String: MarkdownDocument], leadsOutside: (String) -> Bool,
    diagnostics: inout [Diagnostic]
  ) {
    self.files = files
    let prefix = Self.contentFolder + "/"
    let candidates = files.keys.filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }.sorted()
    for path in files.keys.sorted() {
      for include in documents[path]?.includes ?? [] {
        let location = SourceLocation(
          file: path, line: include.line, column: include.column,
          endColumn: include.column + max(include.path.unicodeScalars.count, 1))
        var outside: String?
        if let target = IncludeDiagnostics.check(
          include.path, at: location, files: files, candidates: candidates, leadsOutside: leadsOutside,
          outsideTarget: &outside, &diagnostics)
        {
          edges[path, default: []].append(Edge(from: path, target: target, location: location))
        }
        if let outside { outsideTargets.insert(outside) }
      }
    }
    findCycles(&diagnostics)
    for (path, list) in edges {
      let kept = list.filter { !cut.contains($0) }.map { ($0.location.line, $0) }
      followed[path] = Dictionary(kept) { first, _ in first }
    }
  }

  /// Depth-first search with an explicit stack; every edge back to a file still on the stack
  /// closes a cycle, reported at that directive and cut from expansion.
  private mutating func findCycles(_ diagnostics: inout [Diagnostic]) {
    enum State { case onStack, done }
    var state: [String: State] = [:]
    for root in edges.keys.sorted() where state[root] == nil {
      // Each frame: the file, the edge that reached it, and the index of its next edge.
      var stack: [(path: String, via: Edge?, next: Int)] = [(root, nil, 0)]
      state[root] = .onStack
      while let top = stack.last {
        let outgoing = edges[top.path] ?? []
        guard top.next < outgoing.count else {
          state[top.path] = .done
          stack.removeLast()
          continue
        }
        stack[stack.count - 1].next += 1
        let edge = outgoing[top.next]
        switch state[edge.target] {
        case nil:
          state[edge.target] = .onStack
          stack.append((edge.target, edge, 0))
        case .onStack:
          let start = stack.lastIndex { $0.path == edge.target }!
          let chain = stack[(start + 1)...].compactMap(\.via) + [edge]
          cut.insert(edge)
          diagnostics.append(IncludeDiagnostics.cycle(chain))
        case .done:
          break
        }
      }
    }
  }

  /// Files reachable from `roots` through directives (the roots included).
  func reachable(from roots: [String]) -> Set<String> {
    var seen = Set(roots)
    var pending = roots
    while let path = pending.popLast() {
      for edge in edges[path] ?? [] where seen.insert(edge.target).inserted { pending.append(edge.target) }
    }
    return seen
  }

  /// `path`'s text with every valid directive line replaced by the included file's expanded
  /// text; directives that are missing, unsafe, cyclic or too deep stay as written.
  mutating func expand(_ path: String, diagnostics: inout [Diagnostic]) -> String {
    var budget = Budget()
    let text = expand(path, depth: 0, budget: &budget, diagnostics: &diagnostics)
    if budget.exhausted { diagnostics.append(IncludeDiagnostics.tooLarge(path)) }
    return text
  }

  private mutating func expand(
    _ path: String, depth: Int, budget: inout Budget, diagnostics: inout [Diagnostic]
  ) -> String {
    guard let file = files[path] else { return "" }
    guard let directives = followed[path], !directives.isEmpty else {
      budget.bytes -= file.text.utf8.count
      return file.text
    }
    let lines = lineCache[path] ?? MarkdownSyntax.lines(of: file.text)
    lineCache[path] = lines
    var out = ""
    for (index, line) in lines.enumerated() {
      if let edge = directives[index + 1], !budget.exhausted {
        if depth + 1 > Self.maxDepth {
          if reportedTooDeep.insert(edge.location).inserted {
            diagnostics.append(IncludeDiagnostics.tooDeep(edge))
          }
        } else {
          budget.expansions -= 1
          let included = expand(edge.target, depth: depth + 1, budget: &budget, diagnostics: &diagnostics)
          out += Self.embed(included, replacing: line)
          continue
        }
      }
      out += line
      budget.bytes -= line.utf8.count + 1
      if index < lines.count - 1 { out += "\n" }
    }
    return out
  }

  /// The included text, ending in exactly one newline, with the directive line's container
  /// prefix (`> `, list indentation) repeated on each line so it stays inside the same block.
  private static func embed(_ included: String, replacing directiveLine: Substring) -> String {
    var text = Substring(included)
    while let last = text.last, last == "\n" || last == "\r" || last == "\r\n" { text.removeLast() }
    guard !text.isEmpty else { return "" }
    let opener = directiveLine.firstRange(of: "<!--")?.lowerBound ?? directiveLine.startIndex
    let first = String(directiveLine[..<opener])
    if first.isEmpty { return text + "\n" }
    let rest = String(first.map { $0 == ">" || $0 == " " || $0 == "\t" ? $0 : " " })
    var out = ""
    for (index, line) in MarkdownSyntax.lines(of: String(text)).enumerated() {
      let prefix = index == 0 ? first : rest
      if line.isEmpty || line == "\r" {
        var trimmed = Substring(prefix)
        while let last = trimmed.last, last == " " || last == "\t" { trimmed.removeLast() }
        out += trimmed + line + "\n"
      } else {
        out += prefix + line + "\n"
      }
    }
    return out
  }
}
