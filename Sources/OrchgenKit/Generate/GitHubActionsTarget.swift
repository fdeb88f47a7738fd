/// The `github-actions` target: `github/workflows/<workflow>.yml` per workflow, a GitHub
/// Actions workflow with one job per task (`GitHubJobGraph`, `GitHubWorkflowGenerator`), and
/// `github/orchgen_job.py`, the steps every job runs (`GitHubJobScript`).
public struct GitHubActionsTarget: TargetGenerator {
  public init() {}

  /// The workflow file of `workflow`, relative to the output directory.
  public static func path(_ workflow: String) -> String { "github/workflows/\(workflow).yml" }

  public func files(_ context: BuildContext) -> [GeneratedFile] {
    var files = [GeneratedFile(path: GitHubJobScript.path, contents: GitHubJobScript.text)]
    for workflow in context.workflows {
      files.append(
        GeneratedFile(
          path: Self.path(workflow.name),
          contents: GitHubWorkflowGenerator.workflow(workflow, settings: context.settings, outputLabel: context.outputLabel)))
    }
    return files
  }

  /// Each workflow file keeps the promises its header makes: no `${{ }}` inside a `run:`
  /// script (user input reaches scripts through `env:` only), every action pinned to a commit,
  /// and write permissions only in the final job.
  public func violations(in files: [GeneratedFile]) -> [String] {
    var problems: [String] = []
    for file in files where file.path.hasPrefix("github/workflows/") {
      var inRun = false
      var runIndent = 0
      var job = ""
      for (number, line) in file.contents.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        let indent = line.prefix { $0 == " " }.count
        let text = line.dropFirst(indent)
        if inRun, indent > runIndent || text.isEmpty {
          if text.contains("${{") { problems.append("\(file.path):\(number + 1): '${{' inside a run script") }
          continue
        }
        inRun = false
        if indent == 2, text.hasSuffix(":"), !text.hasPrefix("#") { job = String(text.dropLast()) }
        if text.hasPrefix("run: ") || text.hasPrefix("- run: ") {
          if text.contains("${{") { problems.append("\(file.path):\(number + 1): '${{' inside a run script") }
          inRun = text.hasSuffix("|")
          runIndent = indent
        }
        if text.hasPrefix("uses: ") || text.hasPrefix("- uses: ") {
          let reference = text.split(separator: "@").dropFirst().first.map { $0.prefix { $0 != " " } } ?? ""
          if reference.count != 40 || !reference.allSatisfy(\.isHexDigit) {
            problems.append("\(file.path):\(number + 1): an action not pinned to a full commit SHA")
          }
        }
        if text.contains(": write"), job != GitHubJobGraph.finalJob {
          problems.append("\(file.path):\(number + 1): a write permission outside \(GitHubJobGraph.finalJob)")
        }
      }
    }
    return problems
  }
}
