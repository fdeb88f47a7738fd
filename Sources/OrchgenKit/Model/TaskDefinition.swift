/// One task as written in a workflow file, before pattern sugar is expanded.
public struct TaskDefinition: Sendable {
  public var id: Located<String>
  public var agent: Located<String>?
  public var description: Located<String>?
  public var needs: [Located<String>] = []
  public var produces: [Located<String>] = []
  public var consumes: [Located<String>] = []
  public var decides: [Located<String>] = []
  /// Runs only if the condition holds (`when:`) or does not hold (`unless:`).
  public var condition: Condition?
  public var writes: [Located<String>] = []
  public var retries: Located<Int>?
  public var estimate: Located<Int>?
  public var priority: Located<String>?
  /// Agents that review this task's work once it is done (pattern: primary with reviewers).
  public var reviewers: [Located<String>] = []
  /// Tasks this task reviews (an explicit review task).
  public var reviews: [Located<String>] = []
  /// A validator that gates what follows (pattern: incremental with validation).
  public var validate: ValidationGate? {
    get { validateBox?.value }
    set { validateBox = newValue.map(Box.init) }
  }
  /// A bounded fix loop run when this task reports failure.
  public var fix: FixLoop? {
    get { fixBox?.value }
    set { fixBox = newValue.map(Box.init) }
  }
  // The two are rare and large (about 560 bytes inline): boxed, a task is half the size, which
  // halves the memory of a 10,000-task workflow's definitions.
  private var validateBox: Box<ValidationGate>?
  private var fixBox: Box<FixLoop>?
  /// Fan-out items: the task runs once per item (pattern: fan-out/fan-in).
  public var forEach: [Located<String>] = []
  /// Index of the stage the task was declared in, if any.
  public var stage: Int?
  /// Success criteria, written into the task file.
  public var success: [Located<String>] = []

  public init(id: Located<String>) { self.id = id }
}

/// A run-time condition `task.flag`, decided by an upstream task.
public struct Condition: Sendable, Hashable {
  public var task: String
  public var flag: String
  /// True for `unless:`: the task runs when the flag is false.
  public var negated: Bool
  public var location: SourceLocation

  public var text: String { "\(task).\(flag)" }
}

/// `validate: { agent: tester, fix: {...} }` on a task.
public struct ValidationGate: Sendable {
  public var agent: Located<String>
  public var description: Located<String>?
  public var fix: FixLoop?
  public var location: SourceLocation
}

/// `fix: { agent: fixer, max_rounds: 2 }`: on failure, the fixer runs and the task re-runs.
public struct FixLoop: Sendable {
  public var agent: Located<String>
  public var maxRounds: Located<Int>?
  public var location: SourceLocation
}

/// An immutable heap box for a rarely set, large value.
final class Box<Value: Sendable>: Sendable {
  let value: Value
  init(_ value: Value) { self.value = value }
}
