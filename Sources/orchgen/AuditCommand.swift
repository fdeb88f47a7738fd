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

struct AuditCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "audit",
    abstract: "Check what a run did against its workflow: write scopes, dependency order, bounds, agents.",
    discussion: """
      Compares the files changed in the git work tree since the run started (its base commit, \
      or --base REV), new untracked files included, with the write scopes of the tasks that \
      ran, and reports each change outside them at the closest task's writes: line; also any \
      task that started before a task it needs finished, ran beyond its retries or fix rounds, \
      or ran as another agent. Works during and after a run. Exit status: 0 without findings, \
      1 with any, 64 on a usage error.

      Examples:
        orchgen audit parallel-feature
        orchgen audit parallel-feature --base main --format sarif > audit.sarif
      """)

  @Argument(help: "The workflow whose run to audit.", completion: WorkflowCompletion.kind)
  var workflow: String

  @Option(help: "The git revision to compare the work tree with (default: HEAD when the run started).")
  var base: String?

  @Option(help: "Output format, as for check.")
  var format: ReportFormat = .text

  @OptionGroup var options: RunOptions

  func validate() throws { try options.project.validateRoot() }

  func run() throws {
    let store = RunStore(directory: options.stateURL, masterPlanTemplate: nil, root: options.project.rootURL)
    let state: RunState
    do {
      guard let loaded = try store.load(), loaded.workflow == workflow else {
        throw RunRefusal.exit("no run of '\(workflow)' in \(options.state): nothing to audit")
      }
      state = loaded
    } catch let failure as RunStore.Failure {
      throw RunRefusal.exit(failure.description)
    }
    guard let revision = base ?? state.baseCommit else {
      throw RunRefusal.exit("the run of '\(workflow)' started outside a git repository (no base commit); pass --base REV")
    }
    let compilation = Compiler.check(root: options.project.rootURL)
    guard let graph = compilation.graph(named: workflow) else {
      Terminal.printDiagnostics(compilation.diagnostics, sources: compilation.project.sources)
      throw ExitCode.failure
    }
    let plan = RunPlan(graph: graph, plan: Planner.plan(graph))
    guard state.planHash == plan.planHash else {
      throw RunRefusal.exit("the plan of '\(workflow)' changed since its run started: audit it against the workflow it ran (restore it first)")
    }
    guard let changed = Self.changedFiles(root: options.project.rootURL, base: revision) else {
      throw RunRefusal.exit("git could not list the changes since '\(revision)' in \(options.project.rootURL.path)")
    }
    let findings = RunAudit.findings(state, plan: plan, changed: changed, stateFolder: options.state)
    Terminal.report(findings, sources: compilation.project.sources, format: format, root: options.project.rootURL)
    if !findings.isEmpty { throw ExitCode.failure }
    if format == .text { Terminal.standardError("audit: the run of \(workflow) stayed within its workflow (\(changed.count) changed files checked)\n") }
  }

  /// Files changed since `base` (staged or not) and untracked files, relative to `root`.
  static func changedFiles(root: URL, base: String) -> [String]? {
    let quoted = { (text: String) in "'" + text.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'" }
    let directory = quoted(root.path)
    guard let diff = run("git -C \(directory) diff --name-only -z --relative \(quoted(base)) --"),
      let untracked = run("git -C \(directory) ls-files --others --exclude-standard -z")
    else { return nil }
    let names = (diff + untracked).split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
    return Array(Set(names)).sorted()
  }

  private static func run(_ command: String) -> [UInt8]? {
    guard let pipe = popen(command + " 2>/dev/null", "r") else { return nil }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
      let count = fread(&buffer, 1, buffer.count, pipe)
      if count <= 0 { break }
      bytes += buffer[0..<count]
    }
    return pclose(pipe) == 0 ? bytes : nil
  }
}
