import Foundation
import Testing

/// Shell completion: folders after `--root` and `--output`, workflow names after the commands
/// that take one, listed by orchgen itself from the project the command would use (issue 14).
@Suite struct CompletionTests {
  static let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  static let workflowCommands = ["plan", "graph", "next", "done", "status", "audit"]

  /// The repository's workflows, as files under config/workflows/.
  static func repositoryWorkflows() throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: repositoryRoot.appendingPathComponent("config/workflows").path)
      .filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
  }

  @Test func bashScriptCompletesFoldersAndCallsBackForWorkflows() throws {
    let result = try OrchgenProcess.run(["--generate-completion-script", "bash"])
    #expect(result.status == 0, "\(result)")
    let script = result.stdout
    for option in ["--root", "--output"] {
      #expect(script.contains("    '\(option)')\n        __orchgen_add_completions -d\n"), "\(option) completes no folder")
    }
    for command in Self.workflowCommands {
      #expect(
        script.contains("__orchgen_custom_complete ---completion \(command) -- positional@0 "),
        "'\(command)' does not complete workflow names")
    }
  }

  /// The call the shell makes: `orchgen ---completion <command> -- positional@0 <word index>
  /// <cursor index> <words…>`, from a subdirectory of the project.
  @Test(arguments: workflowCommands)
  func customCompletionListsTheRepositoryWorkflows(command: String) throws {
    let expected = try Self.repositoryWorkflows()
    #expect(expected.count >= 10)
    let all = try OrchgenProcess.run(
      ["---completion", command, "--", "positional@0", "2", "0", "orchgen", command, ""],
      in: Self.repositoryRoot.appendingPathComponent("content/partials"))
    #expect(all.status == 0, "\(all)")
    #expect(all.stdout.split(separator: "\n").map(String.init) == expected, "\(all)")

    let prefixed = try OrchgenProcess.run(
      ["---completion", command, "--", "positional@0", "2", "9", "orchgen", command, "pattern-s"],
      in: Self.repositoryRoot.appendingPathComponent("config"))
    #expect(prefixed.stdout == "pattern-sequential-handoff\npattern-sync-points\n", "\(prefixed)")
  }

  @Test func customCompletionFollowsRoot() throws {
    let elsewhere = FileManager.default.temporaryDirectory
    let result = try OrchgenProcess.run(
      ["---completion", "plan", "--", "positional@0", "4", "0", "orchgen", "plan", "--root", Self.repositoryRoot.path, ""],
      in: elsewhere)
    #expect(result.stdout.split(separator: "\n").map(String.init) == (try Self.repositoryWorkflows()), "\(result)")

    // Outside any project: nothing to offer, and no error.
    let none = try OrchgenProcess.run(["---completion", "plan", "--", "positional@0", "2", "0", "orchgen", "plan", ""], in: elsewhere)
    #expect(none.status == 0 && none.stdout.isEmpty, "\(none)")
  }
}
