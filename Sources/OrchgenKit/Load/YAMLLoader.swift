import Yams

/// Composes a YAML file into a located `YAMLNode` tree, turning every YAML error into a
/// `yaml-syntax` diagnostic at the position libyaml reports.
public enum YAMLLoader {
  /// The most nodes one file may compose to, aliases expanded. Guards against alias bombs.
  public static let maxNodes = 2_000_000
  /// The deepest nesting of collections a file may have.
  public static let maxDepth = 256

  /// Parses `file`; returns nil (and diagnostics) when the file is not usable YAML.
  /// An empty or comment-only file composes to nil without diagnostics.
  public static func load(_ file: SourceFile, into diagnostics: inout [Diagnostic]) -> YAMLNode? {
    if let depthError = NestingScanner.firstExcess(in: file, limit: maxDepth) {
      diagnostics.append(depthError)
      return nil
    }
    let root: Node?
    do {
      let parser = try Parser(yaml: file.text, resolver: .basic, constructor: .default, encoding: .utf8)
      root = try parser.singleRoot()
    } catch let error as YamlError {
      diagnostics.append(diagnostic(for: error, in: file))
      return nil
    } catch {
      diagnostics.append(Diagnostic(.yamlSyntax, "\(error)", at: .file(file.path)))
      return nil
    }
    guard let root else { return nil }
    var converter = Converter(file: file)
    let node = converter.convert(root)
    if converter.budgetExceeded {
      diagnostics.append(
        Diagnostic(
          .limitExceeded,
          "'\(file.path)' expands to more than \(maxNodes) YAML nodes",
          at: .file(file.path),
          help: "YAML aliases multiply nodes; write the values out or use fewer aliases"))
      return nil
    }
    diagnostics.append(contentsOf: converter.diagnostics)
    return node
  }

  private static func diagnostic(for error: YamlError, in file: SourceFile) -> Diagnostic {
    switch error {
    case .scanner(let context, let problem, let mark, _),
      .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      var notes: [Diagnostic.Note] = []
      if let context {
        notes.append(
          .init(
            context.text,
            at: SourceLocation(file: file.path, line: context.mark.line, column: context.mark.column)))
      }
      return Diagnostic(
        .yamlSyntax, problem,
        at: SourceLocation(file: file.path, line: mark.line, column: mark.column),
        notes: notes, help: help(for: problem, context: context, at: mark, in: file))
    case .reader(let problem, _, _, _):
      return Diagnostic(.yamlSyntax, problem, at: .file(file.path))
    default:
      return Diagnostic(.yamlSyntax, "\(error)", at: .file(file.path))
    }
  }

  /// A fix for the libyaml errors people hit most; libyaml's own words say what, not how.
  private static func help(
    for problem: String, context: YamlError.Context?, at mark: Mark, in file: SourceFile
  ) -> String? {
    let line = file.line(mark.line).unicodeScalars
    let offender = line.dropFirst(max(mark.column - 1, 0)).first
    if problem.contains("tab") || offender == "\t" {
      return "indent with spaces; YAML does not allow tabs for indentation"
    }
    if problem.hasPrefix("mapping values are not allowed") {
      return "quote a value that contains ': ', or check the indentation of this line"
    }
    if let context {
      let opened = "line \(context.mark.line)"
      if context.text.contains("quoted scalar") { return "close the quoted string opened on \(opened)" }
      if context.text.contains("flow sequence") { return "close the list opened on \(opened) with ']', or separate its items with ','" }
      if context.text.contains("flow mapping") { return "close the mapping opened on \(opened) with '}', or separate its entries with ','" }
    }
    return nil
  }

  /// Walks Yams' tree once, computing spans and counting nodes so aliases cannot explode it.
  private struct Converter {
    let file: SourceFile
    var diagnostics: [Diagnostic] = []
    var budget = YAMLLoader.maxNodes
    var budgetExceeded = false

    init(file: SourceFile) { self.file = file }

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
        items.reserveCapacity(sequence.count)
        for item in sequence {
          items.append(convert(item))
          if budgetExceeded { break }
        }
        return .sequence(items, start(sequence.mark))
      case .mapping(let mapping):
        var pairs: [YAMLPair] = []
        pairs.reserveCapacity(mapping.count)
        for (key, value) in mapping {
          guard case .scalar(let keyScalar) = key else {
            diagnostics.append(
              Diagnostic(
                .wrongType, "mapping keys must be plain names, found \(convert(key).typeName)",
                at: start(key.mark)))
            continue
          }
          pairs.append(YAMLPair(key: scalar(keyScalar), value: convert(value)))
          if budgetExceeded { break }
        }
        return .mapping(pairs, start(mapping.mark))
      }
    }

    private func start(_ mark: Mark?) -> SourceLocation {
      guard let mark else { return .file(file.path) }
      return SourceLocation(file: file.path, line: mark.line, column: mark.column)
    }

    private func scalar(_ scalar: Node.Scalar) -> YAMLScalar {
      let location = start(scalar.mark)
      let width = ScalarSpan.width(
        of: scalar.string, style: scalar.style, line: file.line(location.line),
        column: location.column)
      return YAMLScalar(
        value: scalar.string, isPlain: scalar.style == .plain,
        location: SourceLocation(
          file: file.path, line: location.line, column: location.column,
          endColumn: location.column + max(width, 1)))
    }
  }
}
