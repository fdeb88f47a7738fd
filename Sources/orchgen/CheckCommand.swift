import ArgumentParser
#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
import OrchgenKit

struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Validate agents, instructions, workflows and the generated output; never writes a file.",
    discussion: """
      Reports every problem at once, each with its file, line and column, the source line, \
      the rule id and a fix. Also compares the output directory with what 'orchgen build' \
      would write (skip with --no-drift). Exit status: 0 without errors (warnings allowed \
      unless --strict), 1 with errors, 64 on a usage error.

      With --format the findings go to standard output as gnu (file:line:col lines for \
      editors), github (GitHub Actions annotations plus the text report), sarif (SARIF 2.1.0 \
      for code scanning) or json; drift findings are reported in every format.

      Example:
        orchgen check --root path/to/project --strict
        orchgen check --format sarif > orchgen.sarif
      """)

  @OptionGroup var project: ProjectOptions
  @OptionGroup var output: OutputOptions

  @Option(help: ReportFormat.help)
  var format: ReportFormat = .text

  @Flag(help: "Treat warnings as errors.")
  var strict = false

  @Flag(name: .customLong("no-drift"), help: "Do not compare the output directory with a fresh build.")
  var noDrift = false

  func validate() throws {
    try project.validateRoot()
  }

  func run() throws {
    let root = project.rootURL
    let compilation = Compiler.check(root: root)
    keptUntilExit.append(compilation)
    var diagnostics = compilation.diagnostics
    var sources = compilation.project.sources
    if !noDrift, !diagnostics.hasErrors {
      let label = output.label(root: root)
      let generated = Compiler.generate(compilation, outputLabel: label)
      keptUntilExit.append(generated.files)
      let drift = Compiler.drift(generated.files, outputDirectory: output.outputURL(root: root), outputLabel: label)
      diagnostics = (diagnostics + drift.diagnostics).sorted()
      sources.merge(drift.sources) { first, _ in first }
    }
    Terminal.report(diagnostics, sources: sources, format: format, root: root)
    if diagnostics.hasErrors || (strict && diagnostics.warningCount > 0) { throw ExitCode.failure }
  }
}
