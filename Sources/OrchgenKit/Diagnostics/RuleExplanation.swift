/// The long form of a rule: what it checks and why, a failing example and the fix. The same
/// text is printed by `orchgen explain <rule-id>`, generated into `docs/rules.md` and used for
/// the SARIF rule descriptions.
///
/// The entries live in the `RuleExplanation+<Category>.swift` files, one per category.
public struct RuleExplanation: Sendable, Hashable {
  /// The groups rules are documented in, in documentation order.
  public enum Category: String, Sendable, CaseIterable {
    case input = "Input files and YAML structure"
    case references = "References"
    case graph = "The workflow graph"
    case actions = "The github-actions target"
    case agents = "Agent fields, against OpenCode's and Claude Code's rules"
    case markdown = "Markdown instructions"
    case hygiene = "Hygiene"
    case output = "Generated output"
    case audit = "Runs (orchgen audit)"
  }

  public var rule: Rule
  public var category: Category
  /// A paragraph: what is checked and why it matters.
  public var description: String
  /// The file the example is taken from; nil for a shell session.
  public var exampleFile: String?
  /// A failing example, exactly as a user would write it.
  public var example: String
  /// How to fix it, in the imperative.
  public var fix: String

  public init(
    _ rule: Rule, _ category: Category, description: String, exampleFile: String?, example: String, fix: String
  ) {
    self.rule = rule
    self.category = category
    self.description = description
    self.exampleFile = exampleFile
    self.example = example
    self.fix = fix
  }

  /// One line saying what the rule checks (`Rule.summary`).
  public var summary: String { rule.summary }

  /// The fenced-code language of the example: yaml, markdown or console.
  public var exampleLanguage: String {
    guard let exampleFile else { return "console" }
    return exampleFile.hasSuffix(".md") ? "markdown" : "yaml"
  }

  /// Every explanation, in documentation order (by category, then as the rules are declared).
  public static let all: [RuleExplanation] = {
    let entries = inputExplanations + referenceExplanations + graphExplanations + actionsExplanations + agentExplanations
      + markdownExplanations + hygieneExplanations + outputExplanations + auditExplanations
    let order = Dictionary(uniqueKeysWithValues: Rule.allCases.enumerated().map { ($1, $0) })
    let categories = Dictionary(uniqueKeysWithValues: Category.allCases.enumerated().map { ($1, $0) })
    return entries.sorted {
      (categories[$0.category]!, order[$0.rule]!) < (categories[$1.category]!, order[$1.rule]!)
    }
  }()

  private static let byRule: [Rule: RuleExplanation] = Dictionary(all.map { ($0.rule, $0) }) { first, _ in first }

  /// The explanation of `rule`; a test guarantees every rule has one.
  public static func `for`(_ rule: Rule) -> RuleExplanation {
    byRule[rule]
      ?? RuleExplanation(
        rule, .input, description: rule.summary, exampleFile: nil, example: "", fix: "see the message's help line")
  }

  /// The rule a mistyped id most likely meant: the closest id by edit distance, else the only
  /// id containing the text.
  public static func closestRule(to text: String) -> Rule? {
    let ids = Rule.allCases.map(\.rawValue)
    if let id = EditDistance.closest(to: text, in: ids) { return Rule(rawValue: id) }
    let containing = ids.filter { !text.isEmpty && $0.contains(text.lowercased()) }
    return containing.count == 1 ? Rule(rawValue: containing[0]) : nil
  }

  /// The explanation for a terminal: header, wrapped paragraphs and the indented example.
  public func rendered(width: Int = 80) -> String {
    var out = "\(rule.rawValue) (\(rule.defaultSeverity.rawValue)): \(summary)\n\n"
    out += Self.wrap(description, width: width) + "\n\n"
    out += "Failing example" + (exampleFile.map { " (\($0))" } ?? "") + ":\n\n"
    out += example.split(separator: "\n", omittingEmptySubsequences: false)
      .map { $0.isEmpty ? "" : "    \($0)" }.joined(separator: "\n") + "\n\n"
    out += Self.wrap("Fix: " + fix, width: width) + "\n"
    return out
  }

  /// `docs/rules.md`: every rule by category, with the same text as `orchgen explain`.
  public static func markdownDocument() -> String {
    var out = """
      # Validation rules

      <!-- Generated from Sources/OrchgenKit/Diagnostics/RuleExplanation*.swift: do not edit by hand.
           Regenerate with `ORCHGEN_RECORD=1 swift test --filter RuleExplanationTests`. -->

      Every finding of `orchgen check` and `orchgen build` names its rule in brackets, e.g.
      `[write-conflict]`. `orchgen explain <rule-id>` prints the same explanation in the terminal.
      All rules are errors except `handoff-unconsumed`, `shadowed-builtin`, `unused-agent`,
      `orphan-instructions`, `task-no-description`, `task-unverifiable`, `fix-no-scope` and
      `coordinator-mention`, which are warnings (errors with `--strict`).


      """
    for category in Category.allCases {
      out += "- \(category.rawValue): "
      out += all.filter { $0.category == category }.map { "[`\($0.rule.rawValue)`](#\($0.rule.rawValue))" }
        .joined(separator: ", ") + "\n"
    }
    for category in Category.allCases {
      out += "\n## \(category.rawValue)\n"
      for entry in all where entry.category == category {
        out += "\n### \(entry.rule.rawValue)\n\n"
        out += "**\(entry.rule.defaultSeverity.rawValue)** — \(entry.summary)\n\n"
        out += entry.description + "\n\n"
        out += "Failing example" + (entry.exampleFile.map { " (`\($0)`)" } ?? "") + ":\n\n"
        out += "```\(entry.exampleLanguage)\n\(entry.example)\n```\n\n"
        out += "**Fix:** \(entry.fix)\n"
      }
    }
    return out
  }

  /// Greedy word wrap; words longer than the width stay whole.
  static func wrap(_ text: String, width: Int) -> String {
    var lines: [String] = []
    var line = ""
    for word in text.split(separator: " ") {
      if !line.isEmpty, line.count + 1 + word.count > width {
        lines.append(line)
        line = ""
      }
      line += (line.isEmpty ? "" : " ") + word
    }
    if !line.isEmpty { lines.append(line) }
    return lines.joined(separator: "\n")
  }
}
