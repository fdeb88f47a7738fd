import ArgumentParser
#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
import OrchgenKit

struct NextCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "next",
    abstract: "Start a workflow's run (if none is active) and print the tasks that may start now.",
    discussion: """
      Marks every task that may start now as running (at most max_concurrent at once, critical \
      tasks first) and prints each with its Agent-NN, agent and task file. When tasks run but \
      none can start, says to wait; when the run is finished, says so and writes \
      .orchestrator/final_output.md (concatenate and structured merges); when it failed, says \
      which task and why, and starts nothing. State: .orchestrator/checkpoint.json, \
      master_plan.md and task-status.md, under a lock. Exit status: 0; 1 when the run failed \
      or the call is refused (another workflow's run is active, the plan changed).

      Examples:
        orchgen next parallel-feature --request 'add a role field to users'
        orchgen next parallel-feature --format json
      """)

  enum Format: String, ExpressibleByArgument, CaseIterable {
    /// For people and coordinators.
    case text
    case json
    /// One line per item, tab-separated, for shell runners.
    case lines

    var report: NextReport.Format {
      switch self {
      case .text: .text
      case .json: .json
      case .lines: .lines
      }
    }
  }

  @Argument(help: "The workflow: a file name under config/workflows/ without .yaml.", completion: WorkflowCompletion.kind)
  var workflow: String

  @Option(help: "The user's request, recorded when the run starts.")
  var request: String = ""

  @Option(help: "Output format.")
  var format: Format = .text

  @Flag(help: "Discard the run state in the state folder and start a new run.")
  var restart = false

  @Flag(help: "Tasks still marked running were interrupted (their driver stopped): start them again.")
  var interrupted = false

  @Flag(name: .customLong("no-ai-merge"), help: "Write final_output.md by concatenation even when the workflow's merge is ai (runners have no model to merge with).")
  var noAIMerge = false

  @OptionGroup var options: RunOptions

  func validate() throws { try options.project.validateRoot() }

  func run() throws {
    let (plan, store) = try options.open(workflow)
    let now = RunOptions.now()
    let outcome: RunEngine.Next
    let state: RunState
    do {
      (outcome, state) = try store.locked { () throws -> (RunEngine.Next, RunState) in
        var events: [RunEngine.Event] = []
        var current: RunState
        let planHash = plan.planHash
        if let existing = try store.load(), !restart {
          if existing.workflow != workflow, existing.status == .running {
            throw RunRefusal(
              description: "a run of '\(existing.workflow)' is active in \(options.state) (\(existing.count(.running)) running, \(existing.count(.pending)) pending); finish it, start over with --restart, or keep this run's state elsewhere with --state DIR")
          }
          if existing.workflow == workflow, existing.planHash != planHash {
            throw RunRefusal(
              description: "the plan of '\(workflow)' changed since its run started (plan hash \(existing.planHash.prefix(12)) → \(planHash.prefix(12))); rebuild and start over with --restart, or restore the workflow")
          }
          current = existing.workflow == workflow ? existing : RunState(plan: plan, request: request, now: now, baseCommit: options.gitHead(), planHash: planHash)
          if existing.workflow != workflow { events.append(.init(text: "Run started (request: \(request.isEmpty ? "none" : request))")) }
        } else {
          current = RunState(plan: plan, request: request, now: now, baseCommit: options.gitHead(), planHash: planHash)
          events.append(.init(text: "Run started (request: \(request.isEmpty ? "none" : request))"))
        }
        // The engine counts its own events; "Run started" is the command's.
        current.events += events.count
        if interrupted { events += RunEngine.reclaim(&current, plan: plan, now: now) }
        let (next, more) = RunEngine.next(&current, plan: plan, now: now)
        events += more
        if next == .finished, current.finalOutput == nil {
          var results: [String: String] = [:]
          for task in plan.tasks { results[task.id] = store.readResult(task) }
          var merged = plan
          if noAIMerge, merged.merge == .ai { merged.merge = .concatenate }
          if let text = RunFinalOutput.render(current, plan: merged, results: results) {
            try store.write(Data(text.utf8), to: store.directory.appendingPathComponent("final_output.md"))
            current.finalOutput = "\(options.state)/final_output.md"
            events.append(.init(text: "Result Aggregation Completed: \(options.state)/final_output.md (\(merged.merge.rawValue))"))
            current.events += 1
          }
        }
        if !events.isEmpty { try store.save(current, plan: plan, events: events, now: now) }
        return (next, current)
      }
    } catch let refusal as RunRefusal {
      throw RunRefusal.exit(refusal.description)
    } catch let failure as RunStore.Failure {
      throw RunRefusal.exit(failure.description)
    }
    Terminal.standardOutput(NextReport(plan: plan, state: state, stateFolder: options.state).render(outcome, format: format.report))
    if case .failed = outcome { throw ExitCode.failure }
  }
}
