import Foundation

@testable import OrchgenKit

/// A generated GitHub Actions workflow read back from its YAML text, the way Actions reads it:
/// its jobs in file order with `needs:`, `if:`, `outputs:` and the env of the step that runs the
/// task. `ActionsExpression` evaluates the `if:` expressions.
struct ActionsWorkflowModel {
  struct Job {
    var id: String
    var needs: [String]
    /// The expression inside `${{ }}`, or nil (Actions' default is `success()`).
    var condition: String?
    /// Output name → the step output it reads (`steps.task.outputs.<name>`).
    var outputs: [String: String]
    /// The env of the step with `id: task`; empty for the final job.
    var env: [String: String]
  }

  var jobs: [Job]

  init(yaml text: String) throws {
    var diagnostics: [Diagnostic] = []
    guard let root = YAMLLoader.load(SourceFile(path: "workflow.yml", text: text), into: &diagnostics) else {
      throw ModelError(text: "the workflow does not load: \(diagnostics.map(\.message))")
    }
    guard case .mapping(let jobs, _)? = Self.value(root, "jobs") else { throw ModelError(text: "no jobs") }
    self.jobs = try jobs.map { pair in
      let node = pair.value
      var needs: [String] = []
      if case .sequence(let items, _)? = Self.value(node, "needs") { needs = items.compactMap(Self.string) }
      var condition = Self.value(node, "if").flatMap(Self.string)
      if let text = condition, text.hasPrefix("${{"), text.hasSuffix("}}") {
        condition = String(text.dropFirst(3).dropLast(2)).trimmingCharacters(in: .whitespaces)
      }
      var outputs: [String: String] = [:]
      if case .mapping(let pairs, _)? = Self.value(node, "outputs") {
        for output in pairs {
          let expression = Self.string(output.value) ?? ""
          let prefix = "${{ steps.task.outputs."
          guard expression.hasPrefix(prefix), expression.hasSuffix(" }}") else {
            throw ModelError(text: "output \(output.key.value) of \(pair.key.value) reads \(expression)")
          }
          outputs[output.key.value] = String(expression.dropFirst(prefix.count).dropLast(3))
        }
      }
      var env: [String: String] = [:]
      if case .sequence(let steps, _)? = Self.value(node, "steps") {
        for step in steps where Self.value(step, "id").flatMap(Self.string) == "task" {
          if case .mapping(let pairs, _)? = Self.value(step, "env") {
            for variable in pairs { env[variable.key.value] = Self.string(variable.value) ?? "" }
          }
        }
      }
      return Job(id: pair.key.value, needs: needs, condition: condition, outputs: outputs, env: env)
    }
  }

  struct ModelError: Error, CustomStringConvertible {
    var text: String
    var description: String { text }
  }

  static func value(_ node: YAMLNode, _ key: String) -> YAMLNode? {
    guard case .mapping(let pairs, _) = node else { return nil }
    return pairs.first { $0.key.value == key }?.value
  }

  static func string(_ node: YAMLNode) -> String? {
    if case .scalar(let scalar) = node { return scalar.value }
    return nil
  }
}

/// Evaluates the expression subset the generated `if:` and `env:` use: `!`, `&&`, `||`,
/// parentheses, `==`, `!=`, `'string'` literals, the status functions and `needs.<job>.result`
/// / `needs.<job>.outputs.<name>` paths. Anything else throws, so the test cannot pass on an
/// expression it does not understand.
struct ActionsExpression {
  enum Value: Equatable {
    case string(String)
    case bool(Bool)

    var truthy: Bool {
      switch self {
      case .bool(let value): value
      case .string(let text): !text.isEmpty
      }
    }

    var text: String {
      switch self {
      case .bool(let value): value ? "true" : "false"
      case .string(let text): text
      }
    }
  }

  struct Context {
    /// Direct needs: result (`success`, `failure`, `skipped`) and outputs.
    var results: [String: String]
    var outputs: [String: [String: String]]
    /// Over every ancestor job, as Actions' status functions are.
    var anyAncestorFailed: Bool
    var allAncestorsSucceeded: Bool
  }

  struct Unsupported: Error, CustomStringConvertible {
    var description: String
  }

  private var tokens: [String]
  private var position = 0
  private let context: Context

  static func evaluate(_ text: String, _ context: Context) throws -> Value {
    var parser = ActionsExpression(tokens: try tokenize(text), context: context)
    let value = try parser.or()
    guard parser.position == parser.tokens.count else { throw Unsupported(description: "trailing tokens in \(text)") }
    return value
  }

  private init(tokens: [String], context: Context) {
    self.tokens = tokens
    self.context = context
  }

  static func tokenize(_ text: String) throws -> [String] {
    var tokens: [String] = []
    let scalars = Array(text.unicodeScalars)
    var index = 0
    func isWord(_ c: Unicode.Scalar) -> Bool { CharacterSet.alphanumerics.contains(c) || c == "_" || c == "-" || c == "." }
    while index < scalars.count {
      let c = scalars[index]
      if c == " " { index += 1; continue }
      let two = index + 1 < scalars.count ? String(String.UnicodeScalarView(scalars[index...index + 1])) : ""
      if ["&&", "||", "==", "!="].contains(two) { tokens.append(two); index += 2; continue }
      if "()!".unicodeScalars.contains(c) { tokens.append(String(c)); index += 1; continue }
      if c == "'" {
        guard let end = scalars[(index + 1)...].firstIndex(of: "'") else { throw Unsupported(description: "open string in \(text)") }
        tokens.append(String(String.UnicodeScalarView(scalars[index...end])))
        index = end + 1
        continue
      }
      guard isWord(c) else { throw Unsupported(description: "character \(c) in \(text)") }
      var end = index
      while end < scalars.count, isWord(scalars[end]) { end += 1 }
      tokens.append(String(String.UnicodeScalarView(scalars[index..<end])))
      index = end
    }
    return tokens
  }

  private var peek: String? { position < tokens.count ? tokens[position] : nil }

  private mutating func take() throws -> String {
    guard let token = peek else { throw Unsupported(description: "unexpected end") }
    position += 1
    return token
  }

  private mutating func or() throws -> Value {
    var value = try and()
    while peek == "||" {
      position += 1
      let right = try and()
      value = value.truthy ? value : right
    }
    return value
  }

  private mutating func and() throws -> Value {
    var value = try comparison()
    while peek == "&&" {
      position += 1
      let right = try comparison()
      value = value.truthy ? right : value
    }
    return value
  }

  private mutating func comparison() throws -> Value {
    let left = try unary()
    guard let op = peek, op == "==" || op == "!=" else { return left }
    position += 1
    let right = try unary()
    // Actions compares strings case-insensitively.
    let equal = left.text.lowercased() == right.text.lowercased()
    return .bool(op == "==" ? equal : !equal)
  }

  private mutating func unary() throws -> Value {
    let token = try take()
    switch token {
    case "!": return .bool(!(try unary()).truthy)
    case "(":
      let value = try or()
      guard try take() == ")" else { throw Unsupported(description: "missing )") }
      return value
    default:
      if token.hasPrefix("'") { return .string(String(token.dropFirst().dropLast())) }
      if peek == "(" {
        position += 1
        guard try take() == ")" else { throw Unsupported(description: "arguments to \(token)") }
        switch token {
        case "cancelled": return .bool(false)
        case "failure": return .bool(context.anyAncestorFailed)
        case "success": return .bool(context.allAncestorsSucceeded)
        case "always": return .bool(true)
        default: throw Unsupported(description: "function \(token)")
        }
      }
      let path = token.split(separator: ".").map(String.init)
      guard path.count >= 3, path[0] == "needs", let result = context.results[path[1]] else {
        throw Unsupported(description: "path \(token) (not a direct need?)")
      }
      if path.count == 3, path[2] == "result" { return .string(result) }
      if path.count == 4, path[2] == "outputs" { return .string(context.outputs[path[1]]?[path[3]] ?? "") }
      throw Unsupported(description: "path \(token)")
    }
  }
}
