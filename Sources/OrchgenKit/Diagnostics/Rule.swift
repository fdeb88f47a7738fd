/// Every check orchgen performs, by stable id. The raw value is what users see in `[rule-id]`,
/// what SARIF keys on, and what `orchgen explain` takes; never rename one.
public enum Rule: String, Sendable, Hashable, CaseIterable {
  // Input files and YAML structure.
  case ioError = "io-error"
  case yamlSyntax = "yaml-syntax"
  case yamlUnsupported = "yaml-unsupported"
  case duplicateKey = "duplicate-key"
  case unknownKey = "unknown-key"
  case wrongType = "wrong-type"
  case missingKey = "missing-key"
  case invalidValue = "invalid-value"
  case invalidID = "invalid-id"
  case duplicateID = "duplicate-id"
  case emptyWorkflow = "empty-workflow"
  case limitExceeded = "limit-exceeded"
  case outsideProject = "outside-project"
  // References.
  case unknownAgent = "unknown-agent"
  case unknownTask = "unknown-task"
  case unknownModel = "unknown-model"
  case selfDependency = "self-dependency"
  case duplicateNeed = "duplicate-need"
  case missingInstructions = "missing-instructions"
  case coordinatorNotPrimary = "coordinator-not-primary"
  // The workflow graph.
  case cycle = "cycle"
  case handoffUnproduced = "handoff-unproduced"
  case handoffNotUpstream = "handoff-not-upstream"
  case handoffMultipleProducers = "handoff-multiple-producers"
  case handoffUnconsumed = "handoff-unconsumed"
  case writeConflict = "write-conflict"
  case conditionSource = "condition-source"
  case loopUnbounded = "loop-unbounded"
  case maxConcurrent = "max-concurrent"
  case reviewerSameAgent = "reviewer-same-agent"
  case reviewOrder = "review-order"
  // The github-actions target.
  case actionsJobID = "actions-job-id"
  case actionsJobCollision = "actions-job-collision"
  // Agent fields, against OpenCode's and Claude Code's rules.
  case agentMode = "agent-mode"
  case agentModel = "agent-model"
  case agentSampling = "agent-sampling"
  case agentSteps = "agent-steps"
  case agentColor = "agent-color"
  case agentPermission = "agent-permission"
  case claudeTools = "claude-tools"
  case shadowedBuiltin = "shadowed-builtin"
  // Markdown instructions.
  case includeMissing = "include-missing"
  case includeCycle = "include-cycle"
  case unknownMention = "unknown-mention"
  case coordinatorMention = "coordinator-mention"
  case brokenLink = "broken-link"
  // Hygiene.
  case unusedAgent = "unused-agent"
  case orphanInstructions = "orphan-instructions"
  case taskNoDescription = "task-no-description"
  case taskUnverifiable = "task-unverifiable"
  case fixNoScope = "fix-no-scope"
  // Generated output.
  case outputStale = "output-stale"
  case outputMissing = "output-missing"
  case outputOrphaned = "output-orphaned"
  case outputNotOwned = "output-not-owned"
  // A run, after the fact (`orchgen audit`).
  case auditOutOfScope = "audit-out-of-scope"
  case auditOrder = "audit-order"
  case auditBounds = "audit-bounds"
  case auditAgent = "audit-agent"

  /// The severity a finding of this rule has unless the check says otherwise.
  public var defaultSeverity: Severity {
    switch self {
    case .handoffUnconsumed, .unusedAgent, .orphanInstructions, .shadowedBuiltin, .taskNoDescription, .taskUnverifiable,
      .coordinatorMention, .fixNoScope:
      .warning
    default: .error
    }
  }

  /// One line saying what the rule checks.
  public var summary: String {
    switch self {
    case .ioError: "a project file cannot be read"
    case .yamlSyntax: "a YAML file is not well-formed"
    case .yamlUnsupported: "a YAML file uses a tag (!!str, !custom), which orchgen does not read"
    case .duplicateKey: "a mapping names the same key twice"
    case .unknownKey: "a key orchgen does not know (usually a typo)"
    case .wrongType: "a value has the wrong YAML type"
    case .missingKey: "a required key is missing"
    case .invalidValue: "a value is outside the allowed set or format"
    case .invalidID: "an agent, task or workflow id is not a safe lowercase name"
    case .duplicateID: "two tasks of one workflow expand to the same id"
    case .emptyWorkflow: "a workflow defines no task"
    case .limitExceeded: "an input exceeds one of orchgen's size limits"
    case .outsideProject: "an input file or folder is a link that leads outside the project"
    case .unknownAgent: "a task, coordinator or reviewer names an agent that is not defined"
    case .unknownTask: "a needs entry names a task that does not exist"
    case .unknownModel: "a model is neither provider/model nor a defined alias"
    case .selfDependency: "a task needs itself"
    case .duplicateNeed: "a needs list names the same task twice"
    case .missingInstructions: "an agent's instruction file does not exist"
    case .coordinatorNotPrimary: "a workflow's coordinator is not a primary agent"
    case .cycle: "tasks depend on each other in a cycle"
    case .handoffUnproduced: "a consumed artifact is produced by no task"
    case .handoffNotUpstream: "a consumed artifact's producer does not run before the consumer"
    case .handoffMultipleProducers: "an artifact is produced by more than one task"
    case .handoffUnconsumed: "a produced artifact is consumed by no task"
    case .writeConflict: "two tasks that may run at the same time can write the same files"
    case .conditionSource: "a condition is not decided by a task that runs before it"
    case .loopUnbounded: "a retry or fix loop has no finite bound"
    case .maxConcurrent: "max_concurrent is not an integer of at least 1"
    case .reviewerSameAgent: "a task is reviewed by the agent that did it"
    case .reviewOrder: "a review does not run after the task it reviews"
    case .actionsJobID: "a task's GitHub Actions job id is not a valid job id"
    case .actionsJobCollision: "two tasks' runs get the same GitHub Actions job id"
    case .agentMode: "an agent's mode is not primary, subagent or all"
    case .agentModel: "a model is not in provider/model form (under claude:, not a Claude model)"
    case .agentSampling: "temperature or top_p is out of range"
    case .agentSteps: "steps or maxTurns is not a positive integer"
    case .agentColor: "color is not a colour OpenCode (hex or theme) or Claude Code (name) accepts"
    case .agentPermission: "a permission key or action is not one OpenCode accepts"
    case .claudeTools: "a Claude Code tools entry is malformed or misspells a tool"
    case .shadowedBuiltin: "a generated agent or command replaces a built-in of an enabled target"
    case .includeMissing: "an include directive names a file that does not exist"
    case .includeCycle: "instruction files include each other in a cycle"
    case .unknownMention: "an @mention names no defined agent"
    case .coordinatorMention: "a workflow's coordinator instructions @mention an agent outside that workflow"
    case .brokenLink: "a relative link points to a file that does not exist"
    case .unusedAgent: "an agent is used by no workflow"
    case .orphanInstructions: "an instruction file belongs to no agent"
    case .taskNoDescription: "a task has no description, so its task file says only its id"
    case .taskUnverifiable: "a task states no success criteria, artifact or decision"
    case .fixNoScope: "a fix loop's fixer may change no file: neither the checked task nor any task before it has writes"
    case .outputStale: "a generated file differs from what build would write"
    case .outputMissing: "a file build would write is missing"
    case .outputOrphaned: "a previously generated file is no longer generated"
    case .outputNotOwned: "build would overwrite a file it did not generate"
    case .auditOutOfScope: "a run changed a file outside the write scopes of the tasks that ran"
    case .auditOrder: "a task of a run started before a task it needs had finished"
    case .auditBounds: "a task of a run ran beyond its retries or fix-loop rounds"
    case .auditAgent: "a task of a run was dispatched to another agent than its own"
    }
  }
}
