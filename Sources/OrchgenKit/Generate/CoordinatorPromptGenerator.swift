/// The coordinator prompt of a workflow: the coordinator agent's own instructions, then the
/// plan, the dispatch rules, the checkpoint conventions that let a run survive interruption,
/// the merge strategy and the completion gate.
public enum CoordinatorPromptGenerator {
  /// The tool whose subagent-starting tool the dispatch rules name.
  public enum Tool: Sendable {
    /// OpenCode's task tool; also the tool-agnostic wording of `coordinator.md`.
    case openCode
    /// Claude Code's Agent tool (formerly Task), with `subagent_type`.
    case claudeCode
  }

  /// The prompt; `sections` are the plan's, when the caller has built them already.
  public static func prompt(
    graph: TaskGraph, plan: WorkflowPlan, coordinatorInstructions: Instructions?, outputLabel: String,
    tool: Tool = .openCode, sections: PlanSections? = nil
  ) -> String {
    let name = graph.name
    let taskDirectory = "\(outputLabel)/workflows/\(name)/agent_tasks"
    var out = ""
    if let own = coordinatorInstructions?.body.trimmingTrailingWhitespace(), !own.isEmpty {
      out += own + "\n\n"
    }
    out += "# Workflow: \(name)\n\n\(graph.workflow.description?.value ?? "")\n\n"
    out += "You coordinate this workflow. You do not do the tasks yourself: you dispatch each task to its agent, track state on disk, and merge the results.\n\n"
    out += "## Master Plan\n\n" + (sections ?? PlanSections(graph: graph, plan: plan)).rendered(headingLevel: 3)
    out += dispatchRules(graph: graph, plan: plan, taskDirectory: taskDirectory, tool: tool)
    out += conditionsAndLoops(graph: graph, plan: plan)
    out += checkpointConventions(name: name, outputLabel: outputLabel)
    out += aggregation(graph: graph, plan: plan)
    out += completionGate()
    return out
  }

  public static func file(graph: TaskGraph, prompt: String) -> GeneratedFile {
    GeneratedFile(path: "workflows/\(graph.name)/coordinator.md", contents: prompt)
  }

  private static func dispatchRules(graph: TaskGraph, plan: WorkflowPlan, taskDirectory: String, tool: Tool) -> String {
    let first = plan.tasks.filter { $0.needs.isEmpty }.sorted { $0.agentNumber < $1.agentNumber }
    let call: String
    let subagentType: String
    let finished: String
    switch tool {
    case .openCode:
      call = "one task tool call per task"
      subagentType = "Use the task's agent as the subagent type."
      finished = " (the task tool's output)"
    case .claudeCode:
      call = "one Agent tool call per task"
      subagentType = "Set `subagent_type` to the task's agent (its id in `.claude/agents/`)."
      finished = " (the Agent tool's result or, when Claude Code ran the subagent in the background, the `<result>` of its task notification)"
    }
    return """
      ## Dispatch Rules

      1. A task is **ready** when every task it needs is `completed` or `skipped` and it is still `pending`.
      2. Keep at most **\(plan.maxConcurrent)** tasks running at once. Whenever a slot is free, start ready tasks in priority order: P0 first, then P1, P2, P3; within a priority, the earlier planned start (the schedule table above) first.
      3. Start every task you can start **in one message**: \(call), all in the same reply, so they run in parallel. Never wait for one subagent before launching another ready one.
      4. Give each subagent the full content of its task file, `\(taskDirectory)/agent-NN.md`, plus the user's request and the paths of the result files listed under its Dependencies. \(subagentType)
      5. When a subagent finishes, its final message is its result\(finished): write that message, unchanged, to `.orchestrator/results/agent-NN-result.md`. You are the only writer of run state; subagents do not write result files. The task is completed only if its result says `Status: completed`; otherwise (or when it returned no result) treat it as failed (see the failure policy in its task file and below).
      6. Record every state change (see Checkpoints) before you dispatch anything else.

      The first batch to start: \(first.map { "\($0.agentID) `\($0.id)`" }.joined(separator: ", ")).


      """
  }

  private static func conditionsAndLoops(graph: TaskGraph, plan: WorkflowPlan) -> String {
    var out = "## Conditions, Reviews and Fix Loops\n\n"
    out += "- Retries: when a task fails, re-dispatch it while its attempts stay within `1 + retries` (see the Retries column); after that mark it `failed` and stop dispatching its dependents.\n"
    out += "- A task that decides flags ends its result with `## Decisions` lines such as `- schema_needed: true`. Copy them into `decisions` of that task in the checkpoint and into `.orchestrator/discovery.json` as `\"<task>.<flag>\": true|false` before dispatching anything that depends on them.\n"
    var lines: [String] = []
    for index in graph.tasks.indices {
      // Only conditional tasks and gates get a line; the rest are skipped without a copy.
      switch graph.tasks[index].kind {
      case .work, .fanOutItem: if graph.tasks[index].condition == nil { continue }
      default: break
      }
      let task = graph.tasks[index]
      guard let planned = plan.task(task.id) else { continue }
      if let condition = task.condition {
        let runsWhen = condition.negated ? "false" : "true"
        lines.append("- \(planned.agentID) `\(task.id)` runs only if `\(condition.text)` is \(runsWhen); otherwise mark it `skipped` with the reason. A `skipped` task satisfies its dependents.")
      }
      switch task.kind {
      case .review(let reviewed):
        lines.append("- \(planned.agentID) `\(task.id)` reviews " + reviewed.map { "`\($0)`" }.joined(separator: ", ") + " with agent `\(task.agent)`; its findings go to the result file, and what follows waits for it.")
      case .validation(let validated):
        lines.append("- \(planned.agentID) `\(task.id)` is the validation gate of `\(validated)`: nothing that needs `\(validated)` starts before it passes.")
      case .fix(let failing, let rounds):
        lines.append("- \(planned.agentID) `\(task.id)` is the fix loop of `\(failing)`: when `\(failing)` reports `failed: true`, run `\(task.id)`, then run `\(failing)` again; repeat at most \(rounds) round\(rounds == 1 ? "" : "s") (count them in `fix_rounds`). If it still fails, mark the run `failed` and report it. If `\(failing)` passes, mark `\(task.id)` `skipped`.")
      default:
        break
      }
    }
    if !lines.isEmpty { out += "\nFor this workflow:\n\n" + lines.joined(separator: "\n") + "\n" }
    return out + "\n"
  }

  private static func checkpointConventions(name: String, outputLabel: String) -> String {
    """
    ## Checkpoints and Resuming

    All run state lives in `.orchestrator/` at the repository root:

    - `.orchestrator/checkpoint.json`: the current state (schema: `\(outputLabel)/\(StateSchemaGenerator.checkpointPath)`): `workflow: "\(name)"`, `plan_hash` (SHA-256 of `\(outputLabel)/workflows/\(name)/plan.json`), `phases_complete` (`batch-1`, `batch-2`, … → true once every task of the batch is done), `tasks` (per task id: `agent_id`, `status`, `attempts`, `fix_rounds`, `started_at`, `finished_at`, `result`, `decisions`), `agents_active` (`"Agent-NN: task-id"` for every running task). **Rewrite the whole file after every state change**: a task started, completed, failed, skipped or retried.
    - `.orchestrator/discovery.json`: what the run learned (schema: `\(outputLabel)/\(StateSchemaGenerator.discoveryPath)`), including every decided flag.
    - `.orchestrator/task-status.md`: an append-only log. For every state change append a timestamped entry such as `### [2025-01-12 14:30:15] Batch #1 Started` followed by `- Agent-01 started executing discovery`. Never rewrite earlier entries.
    - `.orchestrator/master_plan.md`: a copy of `\(outputLabel)/workflows/\(name)/master_plan.md` whose status table you keep current (Status, Start, End, Retries).
    - `.orchestrator/results/agent-NN-result.md`: one result file per task, written by you from the subagent's final message.

    **On start**, if `.orchestrator/checkpoint.json` exists and names this workflow, resume instead of starting over: tasks marked `completed` or `skipped` stay done (check that their result files exist; re-run any that is missing), tasks marked `running` were interrupted — set them back to `pending` and count the attempt —, then continue with the Dispatch Rules. If `plan_hash` differs from the current plan, tell the user the plan changed and ask before resuming. If there is no checkpoint, create `.orchestrator/`, write the initial checkpoint (every task `pending`), copy the master plan, and log `Initialization`.


    """
  }

  private static func aggregation(graph: TaskGraph, plan: WorkflowPlan) -> String {
    let order = plan.positionsByAgentNumber.map { "\(plan.tasks[$0].agentID)" }.joined(separator: ", ")
    let strategy: String
    switch graph.workflow.merge {
    case .concatenate:
      strategy = "**Simple concatenation**: `# Final Report`, then one `## <Agent-NN>: <task>` section per completed task in plan order (\(order)), each holding that task's result summary and outputs. `skipped` tasks get one line saying why."
    case .structured:
      strategy = "**Structured merge**: start with `## Overview` (one bullet per task with its key numbers, e.g. issues found, files changed, each tagged with its Agent-NN), then `## Detailed Findings` with one subsection per topic, merging the detailed content of the results that cover it. Keep every finding; cite the Agent-NN it came from."
    case .ai:
      strategy = "**Intelligent merge**: read every result file and write one coherent report: preserve all key information, remove duplicates, organise it in logical order, and open with an executive summary."
    }
    return """
      ## Aggregation

      When every task is `completed` or `skipped`, verify that each expected result file exists (list any missing one and re-run its task), then write `.orchestrator/final_output.md` using \(strategy)

      Set `final_output` in the checkpoint and log `Result Aggregation Completed`.


      """
  }

  private static func completionGate() -> String {
    """
    ## Completion Gate

    The run is finished only when all of these hold; until then keep working, and never tell the user it is done:

    - [ ] every task is `completed`, or `skipped` because its condition was false (or its fix loop was not needed);
    - [ ] every result file exists and says `Status: completed`;
    - [ ] every item of every task's success criteria and agent checklist is satisfied;
    - [ ] `.orchestrator/final_output.md` is written and the checkpoint and task log are current.

    Then reply with a short summary and the path of `final_output.md`.

    """
  }
}
