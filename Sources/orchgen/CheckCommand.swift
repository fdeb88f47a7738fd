import ArgumentParser
import Foundation
import OrchgenKit

struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Validate agents, instructions and workflows; never writes a file.",
    discussion: """
      Reports every problem at once, each with its file, line and column, the source line, \
      the rule id and a fix. Exit status: 0 without errors (warnings allowed unless --strict), \
      1 with errors, 64 on a usage error.

      Example:
        orchgen check --root path/to/project --strict
      """)

  @OptionGroup var project: ProjectOptions

  @Flag(help: "Treat warnings as errors.")
  var strict = false

  func validate() throws {
    try project.validateRoot()
  }

  func run() throws {
    let compilation = Compiler.check(root: project.rootURL)
    Terminal.printDiagnostics(compilation.diagnostics, sources: compilation.project.sources)
    let failing = compilation.diagnostics.hasErrors || (strict && compilation.diagnostics.warningCount > 0)
    if failing { throw ExitCode.failure }
  }
}
