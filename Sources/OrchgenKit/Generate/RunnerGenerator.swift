/// The runners of a workflow: `workflows/<w>/run.mk` (GNU make) and `workflows/<w>/run.ps1`
/// (PowerShell). Both run the plan without a coordinator, as drivers of the run-state engine:
/// `orchgen next` says what may start (needs, conditions, retries, fix loops, `max_concurrent`),
/// each task runs as its own agent with the configured CLI, and `orchgen done` records it.
public enum RunnerGenerator {
  /// Both runner files of `workflow`.
  public static func files(_ workflow: WorkflowBuild, settings: ProjectSettings, outputLabel: String) -> [GeneratedFile] {
    let tasks = RunnerTask.tasks(of: workflow)
    let runner = settings.runner
    let ask = settings.runnerAsk
    return [
      GeneratedFile(
        path: "workflows/\(workflow.name)/run.mk",
        contents: MakeRunnerGenerator.makefile(workflow, tasks: tasks, runner: runner, ask: ask, outputLabel: outputLabel)),
      GeneratedFile(
        path: "workflows/\(workflow.name)/run.ps1",
        contents: PowerShellRunnerGenerator.script(workflow, runner: runner, ask: ask, outputLabel: outputLabel)),
    ]
  }
}

/// One task as a runner sees it, in plan order.
struct RunnerTask {
  /// A `when`/`unless` condition: the deciding task's number, the flag, and the value it must have.
  struct Condition {
    var task: String
    var flag: String
    var runsIf: Bool
    var text: String
  }

  /// The loop of a fix task: the failing task, re-run after each fix, at most `rounds` times.
  struct FixLoop {
    var failing: RunnerTask
    var rounds: Int
  }

  /// `01`: the digits of `agent-01.md` and `Agent-01`.
  var number: String
  var id: String
  var agent: String
  var retries: Int
  /// Numbers of the tasks it needs.
  var needs: [String]
  var condition: Condition?
  /// Boxed, so a fix task can hold the task it fixes.
  var fixBox: [FixLoop] = []

  var fix: FixLoop? { fixBox.first }

  static func tasks(of workflow: WorkflowBuild) -> [RunnerTask] {
    let planned = workflow.plan.tasks.sorted { $0.agentNumber < $1.agentNumber }
    var numbers: [String: String] = [:]
    for task in planned { numbers[task.id] = String(task.taskFile.dropFirst("agent-".count).dropLast(".md".count)) }
    func plain(_ id: String) -> RunnerTask? {
      guard let task = workflow.graph.task(id), let number = numbers[id], let plan = workflow.plan.task(id) else { return nil }
      var result = RunnerTask(
        number: number, id: id, agent: task.agent, retries: task.retries,
        needs: plan.needs.compactMap { numbers[$0] })
      if let condition = task.condition, let decider = numbers[condition.task] {
        result.condition = Condition(task: decider, flag: condition.flag, runsIf: !condition.negated, text: condition.text)
      }
      return result
    }
    return planned.compactMap { planned in
      guard var task = plain(planned.id), let expanded = workflow.graph.task(planned.id) else { return nil }
      if case .fix(let failing, let rounds) = expanded.kind, let failingTask = plain(failing) {
        task.fixBox = [FixLoop(failing: failingTask, rounds: rounds)]
      }
      return task
    }
  }
}
