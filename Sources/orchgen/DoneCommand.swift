import ArgumentParser
#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
import OrchgenKit

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

struct DoneCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "done",
    abstract: "Record a running task's result: its status, decisions, and what follows from them.",
    discussion: """
      Writes the result to .orchestrator/results/agent-NN-result.md and reads its Status: line \
      and ## Decisions. A failed result (or one missing a decision the task decides: a missing \
      decision is not false) is retried within the task's retries, else the run fails. A \
      completed one records its decisions, skips the tasks whose condition they decide against, \
      and runs fix loops (the checked task again after its fixer) up to max_rounds. Exit \
      status: 0; 1 when the call is refused (the task is not running, no run is active) and \
      nothing changes.

      Examples:
        orchgen done parallel-feature discovery --result discovery.md
        claude -p --agent discovery < task.md | orchgen done parallel-feature discovery
      """)

  @Argument(help: "The workflow.", completion: WorkflowCompletion.kind)
  var workflow: String

  @Argument(help: "The task id, as orchgen next printed it.")
  var task: String

  @Option(help: "The file holding the task's result (default: standard input).")
  var result: String?

  @OptionGroup var options: RunOptions

  func validate() throws { try options.project.validateRoot() }

  func run() throws {
    let text = try readResult()
    let (plan, store) = try options.open(workflow)
    let now = RunOptions.now()
    let outcome: (RunState, [RunEngine.Event])
    do {
      outcome = try store.locked(creating: false) { () throws -> (RunState, [RunEngine.Event]) in
        guard var state = try store.load(), state.workflow == workflow else {
          throw RunRefusal(description: "no run of '\(workflow)' in \(options.state): start one with orchgen next \(workflow)")
        }
        guard state.planHash == plan.planHash else {
          throw RunRefusal(description: "the plan of '\(workflow)' changed since its run started; start over with orchgen next \(workflow) --restart")
        }
        guard let planned = plan.task(task) else {
          throw RunRefusal(description: "workflow '\(workflow)' has no task '\(task)'")
        }
        let path = "\(options.state)/\(planned.resultName)"
        let before = state
        let events: [RunEngine.Event]
        do {
          events = try RunEngine.done(&state, plan: plan, task: task, result: RunResult(parsing: text), resultPath: path, now: now)
        } catch let illegal as RunEngine.IllegalTransition {
          throw RunRefusal(description: illegal.description)
        }
        _ = try store.writeResult(text, task: planned)
        try store.writeSkipped(before: before, after: &state, plan: plan, stateFolder: options.state)
        try store.save(state, plan: plan, events: events, now: now)
        return (state, events)
      }
    } catch let refusal as RunRefusal {
      throw RunRefusal.exit(refusal.description)
    } catch let failure as RunStore.Failure {
      throw RunRefusal.exit(failure.description)
    }
    var out = outcome.1.map { "\($0.text)\n" }.joined()
    out += outcome.0.status == .failed
      ? "The run failed; orchgen next \(workflow) says why.\n" : "Next: orchgen next \(workflow)\n"
    Terminal.standardOutput(out)
  }

  private func readResult() throws -> String {
    if let result {
      let url = URL(fileURLWithPath: result, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
      guard let data = try? Data(contentsOf: url) else {
        throw ValidationError("cannot read the result file '\(result)'")
      }
      return String(decoding: data, as: UTF8.self)
    }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
      let count = read(0, &buffer, buffer.count)
      if count < 0, errno == EINTR { continue }
      if count <= 0 { break }
      bytes += buffer[0..<count]
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}
