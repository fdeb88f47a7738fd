import CLibYAML

/// Composes a YAML file into a located `YAMLNode` tree, turning every YAML error into a
/// `yaml-syntax` diagnostic at the position libyaml reports.
///
/// The tree is built straight from libyaml's events (the vendored `CLibYAML` module): no
/// intermediate tree and no tag resolution. Scalars are typed later by the core schema from
/// how they are written (`YAMLScalar`), so an explicit tag is reported (`yaml-unsupported`)
/// rather than silently ignored; merge keys (`<<`) are applied as each mapping ends. The
/// events carry where each scalar starts and ends, so spans need no re-scan of the source line.
public enum YAMLLoader {
  /// The most nodes one file may compose to, aliases expanded. Guards against alias bombs.
  public static let maxNodes = 2_000_000
  /// The deepest nesting of collections a file may have.
  public static let maxDepth = 256

  /// Parses `file`; returns nil (and diagnostics) when the file is not usable YAML.
  /// An empty or comment-only file composes to nil without diagnostics.
  public static func load(_ file: SourceFile, into diagnostics: inout [Diagnostic]) -> YAMLNode? {
    // Config files are plain block YAML, which the fast parser composes to the same tree in a
    // fraction of libyaml's time; anything else, errors included, takes the libyaml path.
    if let parsed = FastYAMLParser.parse(file) { return parsed.root }
    return loadWithLibyaml(file, into: &diagnostics)
  }

  /// `load` through libyaml only: the reference `FastYAMLParser` is held to.
  static func loadWithLibyaml(_ file: SourceFile, into diagnostics: inout [Diagnostic]) -> YAMLNode? {
    if let depthError = NestingScanner.firstExcess(in: file, limit: maxDepth) {
      diagnostics.append(depthError)
      return nil
    }
    var text = file.text
    let result = text.withUTF8 { bytes in
      var composer = Composer(file: file)
      return composer.compose(bytes)
    }
    switch result {
    case .failure(let error):
      diagnostics.append(diagnostic(for: error, in: file))
      return nil
    case .success(let composed):
      guard let composed else { return nil }
      if composed.nodes > maxNodes {
        diagnostics.append(
          Diagnostic(
            .limitExceeded,
            "'\(file.path)' expands to more than \(maxNodes) YAML nodes",
            at: .file(file.path),
            help: "YAML aliases multiply nodes; write the values out or use fewer aliases"))
        return nil
      }
      diagnostics.append(contentsOf: composed.diagnostics)
      // A tag changes what a value means; read without it, the file would mean something else.
      if composed.diagnostics.contains(where: { $0.rule == .yamlUnsupported }) { return nil }
      return composed.root
    }
  }

  /// A libyaml error (or a composer error of ours), with 1-based marks.
  struct LoadError: Error {
    enum Kind { case reader, syntax, limit, other }
    var kind: Kind
    var problem: String
    var line: Int
    var column: Int
    var context: (text: String, line: Int, column: Int)?
  }

  private static func diagnostic(for error: LoadError, in file: SourceFile) -> Diagnostic {
    switch error.kind {
    case .syntax:
      var notes: [Diagnostic.Note] = []
      if let context = error.context {
        notes.append(
          .init(context.text, at: SourceLocation(file: file.path, line: context.line, column: context.column)))
      }
      return Diagnostic(
        .yamlSyntax, error.problem,
        at: SourceLocation(file: file.path, line: error.line, column: error.column),
        notes: notes, help: help(for: error, in: file))
    case .limit:
      return Diagnostic(
        .limitExceeded, error.problem, at: SourceLocation(file: file.path, line: error.line, column: error.column),
        help: "orchgen accepts at most \(maxDepth) levels of nesting; flatten this structure")
    case .reader, .other:
      return Diagnostic(.yamlSyntax, error.problem, at: .file(file.path))
    }
  }

  /// A fix for the libyaml errors people hit most; libyaml's own words say what, not how.
  private static func help(for error: LoadError, in file: SourceFile) -> String? {
    let problem = error.problem
    let line = file.line(error.line).unicodeScalars
    let offender = line.dropFirst(max(error.column - 1, 0)).first
    if problem.contains("tab") || offender == "\t" {
      return "indent with spaces; YAML does not allow tabs for indentation"
    }
    if problem.hasPrefix("mapping values are not allowed") {
      return "quote a value that contains ': ', or check the indentation of this line"
    }
    if let context = error.context {
      let opened = "line \(context.line)"
      if context.text.contains("quoted scalar") { return "close the quoted string opened on \(opened)" }
      if context.text.contains("flow sequence") { return "close the list opened on \(opened) with ']', or separate its items with ','" }
      if context.text.contains("flow mapping") { return "close the mapping opened on \(opened) with '}', or separate its entries with ','" }
    }
    return nil
  }

  /// The composed document: its root, the nodes it expands to (aliases counted in full, as the
  /// consumers of the tree would walk them; scalar keys not counted) and the findings made
  /// while composing.
  struct Composed {
    var root: YAMLNode
    var nodes: Int
    var diagnostics: [Diagnostic]
  }

  /// Reads libyaml's events into the tree with an explicit stack, so nesting costs no recursion.
  struct Composer {
    let file: SourceFile
    var diagnostics: [Diagnostic] = []
    /// Anchor name → node, its expanded node count and nesting height; a later anchor of the
    /// same name wins.
    var anchors: [String: (node: YAMLNode, count: Int, height: Int)] = [:]

    init(file: SourceFile) { self.file = file }

    /// A collection being composed.
    struct Frame {
      var isMapping: Bool
      var location: SourceLocation
      var anchor: String?
      /// Where this collection's children start on the shared `items` or `pairs` stack.
      var start: Int
      /// A mapping's key, waiting for its value (nil: the next node is a key).
      var key: YAMLNode? = nil
      /// Nodes counted so far: the collection itself plus its placed children.
      var count = 1
      /// Collections nested in this one, itself included, aliases expanded. Bounded by
      /// `maxDepth`, so releasing or walking the tree cannot exhaust the stack.
      var height = 1
    }

    /// Open collections, innermost last.
    private var stack: [Frame] = []
    /// Children of every open collection, innermost last; a finished collection moves its own
    /// out into an array of exactly their number (no growth, no copies, no slack).
    private let items = MoveStack<YAMLNode>()
    private let pairs = MoveStack<YAMLPair>()
    private var root: (node: YAMLNode, count: Int)? = nil

    mutating func compose(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<Composed?, LoadError> {
      var parser = yaml_parser_t()
      guard yaml_parser_initialize(&parser) == 1 else {
        return .failure(LoadError(kind: .other, problem: "out of memory", line: 1, column: 1))
      }
      defer { yaml_parser_delete(&parser) }
      yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
      yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count)

      var event = yaml_event_t()
      var documents = 0
      while true {
        guard yaml_parser_parse(&parser, &event) == 1 else { return .failure(Self.error(of: parser)) }
        defer { yaml_event_delete(&event) }
        // Each finished node is placed straight into its parent: no per-event wrapper value.
        switch event.type {
        case YAML_STREAM_END_EVENT:
          guard let root else { return .success(nil) }
          return .success(Composed(root: root.node, nodes: root.count, diagnostics: diagnostics))
        case YAML_DOCUMENT_START_EVENT:
          documents += 1
          if documents > 1 {
            return .failure(
              LoadError(
                kind: .syntax, problem: "but found another document", line: Int(event.start_mark.line) + 1,
                column: Int(event.start_mark.column) + 1,
                context: ("expected a single document in the stream", 1, 1)))
          }
        case YAML_SCALAR_EVENT:
          let value = scalar(event)
          rejectTag(event.data.scalar.tag, event, scalar: value.value)
          let node = YAMLNode.scalar(value)
          if let anchor = Self.string(event.data.scalar.anchor) { anchors[anchor] = (node, 1, 0) }
          place(node, count: 1, height: 0, isScalar: true)
        case YAML_ALIAS_EVENT:
          let name = Self.string(event.data.alias.anchor) ?? ""
          guard let target = anchors[name] else {
            return .failure(
              LoadError(
                kind: .syntax, problem: "found undefined alias", line: Int(event.start_mark.line) + 1,
                column: Int(event.start_mark.column) + 1))
          }
          if stack.count + target.height > YAMLLoader.maxDepth {
            return .failure(Self.tooDeep(event, what: "alias '*\(name)' nests collections"))
          }
          var isScalar = false
          if case .scalar = target.node { isScalar = true }
          place(target.node, count: target.count, height: target.height, isScalar: isScalar)
        case YAML_SEQUENCE_START_EVENT where stack.count >= YAMLLoader.maxDepth,
          YAML_MAPPING_START_EVENT where stack.count >= YAMLLoader.maxDepth:
          return .failure(Self.tooDeep(event, what: "collections nested"))
        case YAML_SEQUENCE_START_EVENT:
          rejectTag(event.data.sequence_start.tag, event)
          stack.append(
            Frame(
              isMapping: false, location: start(event.start_mark), anchor: Self.string(event.data.sequence_start.anchor),
              start: items.count))
        case YAML_MAPPING_START_EVENT:
          rejectTag(event.data.mapping_start.tag, event)
          stack.append(
            Frame(
              isMapping: true, location: start(event.start_mark), anchor: Self.string(event.data.mapping_start.anchor),
              start: pairs.count))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
          guard let frame = stack.popLast() else { continue }
          let node: YAMLNode =
            frame.isMapping
            ? .mapping(merged(pairs.popArray(from: frame.start)), frame.location)
            : .sequence(items.popArray(from: frame.start), frame.location)
          if let anchor = frame.anchor { anchors[anchor] = (node, frame.count, frame.height) }
          place(node, count: frame.count, height: frame.height, isScalar: false)
        default:
          continue  // stream and document boundaries
        }
      }
    }

    /// Puts a finished node where it belongs: the root, a sequence item, a mapping key (held
    /// until its value comes) or a mapping value.
    private mutating func place(_ node: YAMLNode, count: Int, height: Int, isScalar: Bool) {
      guard !stack.isEmpty else {
        root = (node, count)
        return
      }
      let top = stack.count - 1
      if height + 1 > stack[top].height { stack[top].height = height + 1 }
      guard stack[top].isMapping else {
        stack[top].count = Self.add(stack[top].count, count)
        items.push(node)
        return
      }
      guard let key = stack[top].key else {
        // Scalar keys are not counted; a collection used as a key is.
        if !isScalar { stack[top].count = Self.add(stack[top].count, count) }
        stack[top].key = node
        return
      }
      stack[top].key = nil
      guard case .scalar(let keyScalar) = key else {
        // The entry is dropped, so its value is not counted.
        diagnostics.append(
          Diagnostic(.wrongType, "mapping keys must be plain names, found \(key.typeName)", at: key.location))
        return
      }
      stack[top].count = Self.add(stack[top].count, count)
      pairs.push(YAMLPair(key: keyScalar, value: node))
    }

    private static func tooDeep(_ event: yaml_event_t, what: String) -> LoadError {
      LoadError(
        kind: .limit, problem: "\(what) deeper than \(YAMLLoader.maxDepth) levels",
        line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
    }

    /// Saturating, so an alias bomb cannot overflow the count.
    private static func add(_ a: Int, _ b: Int) -> Int {
      let (sum, overflow) = a.addingReportingOverflow(b)
      return overflow || sum > YAMLLoader.maxNodes ? YAMLLoader.maxNodes + 1 : sum
    }

    private func start(_ mark: yaml_mark_t) -> SourceLocation {
      SourceLocation(file: file.path, line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }

    private func scalar(_ event: yaml_event_t) -> YAMLScalar {
      let data = event.data.scalar
      let bytes = UnsafeBufferPointer(start: data.value, count: Int(data.length))
      let value = String(decoding: bytes, as: UTF8.self)
      let line = Int(event.start_mark.line) + 1
      let column = Int(event.start_mark.column) + 1
      let style = data.style
      let width: Int
      if style == YAML_PLAIN_SCALAR_STYLE, !bytes.contains(UInt8(ascii: "\n")) {
        // A plain scalar without line breaks reads as written (folded lines included).
        var scalars = 0
        for byte in bytes where byte & 0xC0 != 0x80 { scalars += 1 }
        width = scalars
      } else if style == YAML_SINGLE_QUOTED_SCALAR_STYLE || style == YAML_DOUBLE_QUOTED_SCALAR_STYLE,
        event.end_mark.line == event.start_mark.line
      {
        width = Int(event.end_mark.column) - Int(event.start_mark.column)
      } else {
        width = ScalarSpan.width(of: value, style: ScalarSpan.Style(style), line: file.line(line), column: column)
      }
      return YAMLScalar(
        value: value, isPlain: style == YAML_PLAIN_SCALAR_STYLE,
        location: SourceLocation(file: file.path, line: line, column: column, endColumn: column + max(width, 1)))
    }

    static func string(_ pointer: UnsafeMutablePointer<UInt8>?) -> String? {
      guard let pointer else { return nil }
      return String(cString: pointer)
    }

    private static func error(of parser: yaml_parser_t) -> LoadError {
      let problem = parser.problem.map { String(cString: $0) } ?? "unknown YAML error"
      switch parser.error {
      case YAML_READER_ERROR:
        return LoadError(kind: .reader, problem: problem, line: 1, column: 1)
      case YAML_SCANNER_ERROR, YAML_PARSER_ERROR, YAML_COMPOSER_ERROR:
        let context = parser.context.map {
          (String(cString: $0), Int(parser.context_mark.line) + 1, Int(parser.context_mark.column) + 1)
        }
        return LoadError(
          kind: .syntax, problem: problem, line: Int(parser.problem_mark.line) + 1,
          column: Int(parser.problem_mark.column) + 1, context: context)
      case YAML_MEMORY_ERROR:
        return LoadError(kind: .other, problem: "Memory error", line: 1, column: 1)
      default:
        return LoadError(kind: .other, problem: problem, line: 1, column: 1)
      }
    }
  }
}
