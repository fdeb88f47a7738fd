/// What `orchgen next` prints: for a coordinator or a person (`text`), for tools (`json`), or
/// one tab-separated line per item for shell runners (`lines`).
public struct NextReport {
  public enum Format: Sendable {
    case text, json, lines
  }

  public var plan: RunPlan
  public var state: RunState
  /// The state folder as the user named it (`.orchestrator`).
  public var stateFolder: String

  public init(plan: RunPlan, state: RunState, stateFolder: String) {
    self.plan = plan
    self.state = state
    self.stateFolder = stateFolder
  }

  public func render(_ next: RunEngine.Next, format: Format) -> String {
    switch format {
    case .text: text(next)
    case .json: json(next).rendered()
    case .lines: lines(next)
    }
  }

  private func resultFile(_ task: RunPlan.Task) -> String { "\(stateFolder)/\(task.resultName)" }

  private func text(_ next: RunEngine.Next) -> String {
    let name = plan.workflow
    switch next {
    case .start(let ids):
      var out = "Start \(ids.count) task\(ids.count == 1 ? "" : "s") of \(name) now, each with its own agent, given its task file's content and the request:\n"
      for task in ids.compactMap(plan.task) {
        out += "- \(task.id): \(task.agentID), agent \(task.agent), task file \(task.taskFile)\n"
      }
      out += "When one finishes, record its final message as its result: orchgen done \(name) <task> --result <file> (or the result on standard input). Then run orchgen next \(name) again.\n"
      return out
    case .wait(let running):
      let list = running.compactMap(plan.task).map { "\($0.agentID) \($0.id)" }.joined(separator: ", ")
      return "Wait: \(running.count) task\(running.count == 1 ? " is" : "s are") running (\(list)) and no other can start until one finishes. Record each with orchgen done \(name) <task>, then run orchgen next \(name).\n"
    case .finished:
      let counts = "\(state.count(.completed)) completed, \(state.count(.skipped)) skipped"
      if let output = state.finalOutput {
        return "Finished: the run of \(name) completed (\(counts)). Final output: \(output).\n"
      }
      let files = plan.tasks.filter { state.task($0.id).status == .completed }.map(resultFile).joined(separator: ", ")
      return "Finished: the run of \(name) completed (\(counts)). Merge the results (\(files)) into \(stateFolder)/final_output.md: one coherent report that opens with an executive summary, keeps every key finding, removes duplicates and cites the Agent-NN of each.\n"
    case .failed(let reason):
      return "Failed: the run of \(name) failed: \(reason). Nothing more starts; see \(stateFolder)/task-status.md.\n"
    }
  }

  private func lines(_ next: RunEngine.Next) -> String {
    switch next {
    case .start(let ids):
      return ids.compactMap(plan.task).map { "start\t\($0.id)\t\($0.number)\t\($0.agent)\t\($0.taskFile)\n" }.joined()
    case .wait(let running):
      return "wait\t" + running.joined(separator: ",") + "\n"
    case .finished:
      return "finished\t" + (state.finalOutput ?? "-") + "\n"
    case .failed(let reason):
      return "failed\t" + reason.split(separator: "\n").joined(separator: " ") + "\n"
    }
  }

  private func json(_ next: RunEngine.Next) -> JSONValue {
    func task(_ task: RunPlan.Task) -> JSONValue {
      .object([
        ("task", .string(task.id)), ("agent_id", .string(task.agentID)), ("agent", .string(task.agent)),
        ("task_file", .string(task.taskFile)), ("result_file", .string(resultFile(task))),
      ])
    }
    var fields: [(String, JSONValue)] = [("workflow", .string(plan.workflow))]
    switch next {
    case .start(let ids):
      fields += [("action", .string("start")), ("tasks", .array(ids.compactMap(plan.task).map(task)))]
    case .wait(let running):
      fields += [("action", .string("wait")), ("running", .array(running.compactMap(plan.task).map(task)))]
    case .finished:
      fields += [("action", .string("finished")), ("final_output", state.finalOutput.map(JSONValue.string) ?? .null)]
    case .failed(let reason):
      fields += [("action", .string("failed")), ("reason", .string(reason))]
    }
    return .object(fields)
  }
}
