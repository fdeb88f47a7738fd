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

/// Options and set-up the run-state commands (`next`, `done`, `status`) share: the project, the
/// state folder, and the workflow's plan as the engine sees it.
struct RunOptions: ParsableArguments {
  @OptionGroup var project: ProjectOptions

  @Option(name: .long, help: "The run-state folder, relative to the project root.")
  var state: String = ".orchestrator"

  var stateURL: URL { URL(fileURLWithPath: state, relativeTo: project.rootURL).standardizedFileURL }

  /// The checked workflow's plan as the engine needs it, and the store of its run state.
  func open(_ workflow: String) throws -> (plan: RunPlan, store: RunStore) {
    let output = project.rootURL.appendingPathComponent("output")
    let plan: RunPlan
    if let cached = RunPlanCache.load(workflow: workflow, root: project.rootURL, outputDirectory: output) {
      plan = cached
    } else {
      let (graph, inputs) = try PlanCommand.checkedGraph(named: workflow, project: project, recordingInputs: true)
      plan = RunPlan(graph: graph, plan: Planner.plan(graph))
      RunPlanCache.store(plan, inputs: inputs, outputDirectory: output)
    }
    let template = project.rootURL.appendingPathComponent("output/workflows/\(workflow)/master_plan.md")
    let store = RunStore(
      directory: stateURL,
      masterPlanTemplate: FileManager.default.fileExists(atPath: template.path) ? template : nil, root: project.rootURL)
    return (plan, store)
  }

  /// Now, in ISO 8601 (UTC, whole seconds).
  static func now() -> String {
    Date.now.formatted(.iso8601)
  }

  /// `git rev-parse HEAD` in the project, or nil outside a repository: read from the
  /// repository's files when their layout is the plain one, else asked of git.
  func gitHead() -> String? {
    switch GitHead.read(from: project.rootURL.path) {
    case .commit(let commit): return commit
    case .noRepository: return nil
    case .unknown: break
    }
    let quoted = project.rootURL.path.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''")
    let command = "git -C '\(quoted)' rev-parse --verify -q HEAD 2>/dev/null"
    guard let pipe = popen(command, "r") else { return nil }
    var buffer = [CChar](repeating: 0, count: 128)
    let line = fgets(&buffer, 128, pipe) != nil ? String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : ""
    pclose(pipe)
    let head = String(line.prefix { $0.isHexDigit })
    return GitHead.isObjectName(head) ? head : nil
  }
}

/// A run-state command refused: the reason goes to stderr, exit 1, nothing changed.
struct RunRefusal: Error, CustomStringConvertible {
  var description: String
}

extension RunRefusal {
  static func exit(_ message: String) -> ExitCode {
    Terminal.standardError("orchgen: \(message)\n")
    return ExitCode.failure
  }
}
