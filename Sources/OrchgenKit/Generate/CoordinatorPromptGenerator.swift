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
    out += "You coordinate this workflow. You do not do the tasks yourself: you start each task's agent, hand every result to orchgen, and report. orchgen keeps the run's state and decides what starts when.\n\n"
    out += "## Master Plan\n\n" + (sections ?? PlanSections(graph: graph, plan: plan)).rendered(headingLevel: 3)
    out += runningWithOrchgen(graph: graph, plan: plan, taskDirectory: taskDirectory, tool: tool)
    out += conditionsAndLoops(graph: graph, plan: plan)
    out += aggregation(graph: graph, plan: plan)
    out += completionGate(name: name)
    return out
  }

  public static func file(graph: TaskGraph, prompt: String) -> GeneratedFile {
    GeneratedFile(path: "workflows/\(graph.name)/coordinator.md", contents: prompt)
  }

  private static func runningWithOrchgen(graph: TaskGraph, plan: WorkflowPlan, taskDirectory: String, tool: Tool) -> String {
    let name = graph.name
    let call: String
    let finished: String
    switch tool {
    case .openCode:
      call = "one task tool call per task, all in the same message, so they run in parallel (the subagent type is the task's agent)"
      finished = "the task tool's output"
    case .claudeCode:
      call = "one Agent tool call per task, all in the same message, so they run in parallel (`subagent_type` is the task's agent, its id in `.claude/agents/`)"
      finished = "the Agent tool's result or, when Claude Code ran the subagent in the background, the `<result>` of its task notification"
    }
    return """
      ## Running the Workflow

      orchgen keeps this run's state: `.orchestrator/checkpoint.json`, the status table of `.orchestrator/master_plan.md`, the log `.orchestrator/task-status.md` and the result files in `.orchestrator/results/`. Never write those yourself. Drive the run with these commands (a shell, from the repository root) and do what they print:

      1. `orchgen next \(name) --request '<the user's request>'` starts the run. In a new session, resume an earlier run with `orchgen next \(name) --interrupted` (tasks it left running start again). It prints the tasks to start now, each with its Agent-NN, agent and task file (`\(taskDirectory)/agent-NN.md`).
      2. Start exactly the tasks it printed, \(call). Give each subagent the full content of its task file and the user's request. Start no other agent and no task orchgen did not print.
      3. When a subagent finishes, its final message (\(finished)) is its result: write it, unchanged, to `.orchestrator/inbox/<task>.md`, then run `orchgen done \(name) <task> --result .orchestrator/inbox/<task>.md`. orchgen records it and applies retries, conditions and fix loops.
      4. After each `orchgen done`, run `orchgen next \(name)` and start what it prints. `Wait` means the tasks it names are still running: wait for them. `Finished` ends the run. `Failed` names the task that failed and why: start nothing more, and report it.
      5. `orchgen status \(name)` shows the status table, progress and the critical path at any time.

      Hand-offs: \(HandoffConvention.rule)


      """
  }

  private static func conditionsAndLoops(graph: TaskGraph, plan: WorkflowPlan) -> String {
    var out = "## Conditions, Reviews and Fix Loops\n\n"
    out += "orchgen applies these when you record results; they are here so you can explain the run. A failed task is started again within its retries (the Retries column)."
    // An example from this workflow's own flags, or none: another workflow's names would mislead.
    if let flag = graph.tasks.lazy.flatMap(\.decides).first?.value {
      out += " A task that decides flags ends its result with `## Decisions` lines such as `- \(flag): true`; a missing decision is not false."
    }
    out += "\n"
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
        lines.append("- \(planned.agentID) `\(task.id)` runs only if `\(condition.text)` is \(runsWhen); otherwise orchgen skips it. A skipped task satisfies its dependents.")
      }
      switch task.kind {
      case .review(let reviewed):
        lines.append("- \(planned.agentID) `\(task.id)` reviews " + reviewed.map { "`\($0)`" }.joined(separator: ", ") + " with agent `\(task.agent)`; its findings go to the result file, and what follows waits for it.")
      case .validation(let validated):
        lines.append("- \(planned.agentID) `\(task.id)` is the validation gate of `\(validated)`: nothing that needs `\(validated)` starts before it passes.")
      case .fix(let failing, let rounds):
        lines.append("- \(planned.agentID) `\(task.id)` is the fix loop of `\(failing)`: when `\(failing)` reports `failed: true`, orchgen starts `\(task.id)`, then `\(failing)` again, at most \(rounds) round\(rounds == 1 ? "" : "s"); still failing fails the run. If `\(failing)` passes, `\(task.id)` is skipped.")
      default:
        break
      }
    }
    if !lines.isEmpty { out += "\nFor this workflow:\n\n" + lines.joined(separator: "\n") + "\n" }
    return out + "\n"
  }

  private static func aggregation(graph: TaskGraph, plan: WorkflowPlan) -> String {
    switch graph.workflow.merge {
    case .concatenate, .structured:
      return "## Aggregation\n\nWhen the run finishes, orchgen writes `.orchestrator/final_output.md` itself (merge: \(graph.workflow.merge.rawValue)).\n\n"
    case .ai:
      return """
        ## Aggregation

        This workflow's merge is `ai`: when `orchgen next` says `Finished`, it lists the result files. Read every one and write `.orchestrator/final_output.md`: one coherent report that opens with an executive summary, preserves all key information, removes duplicates, is in logical order and cites the Agent-NN of each finding.


        """
    }
  }

  private static func completionGate(name: String) -> String {
    """
    ## Completion Gate

    The run is finished only when `orchgen next \(name)` says `Finished` (and, for an `ai` merge, you wrote `.orchestrator/final_output.md`); until then keep going, and never tell the user it is done. Then reply with a short summary: the outcome, what was skipped and why, and the path of `.orchestrator/final_output.md`. If it says `Failed`, report the failed task and the reason it gives.

    """
  }
}
