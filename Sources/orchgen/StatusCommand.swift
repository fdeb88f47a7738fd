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

struct StatusCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "status",
    abstract: "Show a run's state: the status table, progress, time against the plan, the critical path.",
    discussion: """
      Reads .orchestrator/checkpoint.json, during or after a run, whichever driver runs it (a \
      coordinator or a runner). Exit status: 0; 1 when there is no run state.

      Examples:
        orchgen status
        orchgen status parallel-feature --format json
        orchgen status --watch
      """)

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case text, json
  }

  @Argument(help: "The workflow (default: the one whose run state is in the state folder).", completion: WorkflowCompletion.kind)
  var workflow: String?

  @Option(help: "Output format.")
  var format: Format = .text

  @Flag(help: "Redraw every second until the run ends.")
  var watch = false

  @OptionGroup var options: RunOptions

  func validate() throws { try options.project.validateRoot() }

  func run() throws {
    let probe = RunStore(directory: options.stateURL, masterPlanTemplate: nil, root: options.project.rootURL)
    let first: RunState
    do {
      guard let state = try probe.load() else { throw RunRefusal.exit("no run state in \(options.state): start a run with orchgen next <workflow>") }
      first = state
    } catch let failure as RunStore.Failure {
      throw RunRefusal.exit(failure.description)
    }
    if let workflow, workflow != first.workflow {
      throw RunRefusal.exit("the run state in \(options.state) is of '\(first.workflow)', not '\(workflow)'")
    }
    let (plan, store) = try options.open(first.workflow)
    guard first.planHash == plan.planHash else {
      throw RunRefusal.exit(
        "the plan of '\(first.workflow)' changed since its run started: this run's table no longer matches it; restore the workflow, or start over with orchgen next \(first.workflow) --restart")
    }
    var state = first
    while true {
      let report = RunStatusReport(plan: plan, state: state, elapsedSeconds: Self.elapsed(state))
      let text = format == .json ? report.json() : report.text()
      if watch, isatty(1) != 0 { Terminal.standardOutput("\u{1B}[H\u{1B}[2J") }
      Terminal.standardOutput(text)
      guard watch, state.status == .running else { break }
      sleep(1)
      if let fresh = try? store.load() { state = fresh }
    }
  }

  /// Seconds from the run's start to now, or to its last change once it has ended.
  static func elapsed(_ state: RunState) -> Int {
    let style = Date.ISO8601FormatStyle()
    guard let start = try? style.parse(state.startedAt) else { return 0 }
    let end = state.status == .running ? Date.now : ((try? style.parse(state.updatedAt)) ?? Date.now)
    return max(0, Int(end.timeIntervalSince(start)))
  }
}
