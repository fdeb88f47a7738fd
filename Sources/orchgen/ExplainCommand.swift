import ArgumentParser
import OrchgenKit

struct ExplainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "explain",
    abstract: "Explain a rule: what it checks, a failing example and the fix.",
    discussion: """
      Takes the rule id shown in brackets after each finding. Without an id, lists every rule \
      with its one-line summary. The same text is in docs/rules.md.

      Example:
        orchgen explain write-conflict
        orchgen explain
      """)

  @Argument(
    help: "A rule id, as shown in brackets after a finding (e.g. write-conflict).",
    completion: .list(Rule.allCases.map(\.rawValue)))
  var ruleID: String?

  func validate() throws {
    guard let ruleID, Rule(rawValue: ruleID) == nil else { return }
    if let closest = RuleExplanation.closestRule(to: ruleID) {
      throw ValidationError("unknown rule '\(ruleID)'; the closest rule id is '\(closest.rawValue)'")
    }
    throw ValidationError("unknown rule '\(ruleID)'; run 'orchgen explain' to list every rule")
  }

  func run() throws {
    guard let ruleID, let rule = Rule(rawValue: ruleID) else {
      let width = Rule.allCases.map(\.rawValue.count).max() ?? 0
      var out = ""
      for category in RuleExplanation.Category.allCases {
        out += "\(category.rawValue):\n"
        for entry in RuleExplanation.all where entry.category == category {
          let padding = String(repeating: " ", count: width - entry.rule.rawValue.count)
          out += "  \(entry.rule.rawValue)\(padding)  \(entry.summary)\n"
        }
      }
      Terminal.standardOutput(out)
      return
    }
    Terminal.standardOutput(RuleExplanation.for(rule).rendered())
  }
}
