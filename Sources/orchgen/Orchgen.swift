import ArgumentParser
import OrchgenKit

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

@main
struct Orchgen: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "orchgen",
    abstract: "Compile multi-agent workflows into configs for AI coding tools.",
    version: OrchgenVersion.current,
    subcommands: [
      CheckCommand.self, BuildCommand.self, PlanCommand.self, GraphCommand.self, InitCommand.self, ExplainCommand.self,
      NextCommand.self, DoneCommand.self, StatusCommand.self, AuditCommand.self,
    ],
    defaultSubcommand: nil
  )

  /// A mistyped subcommand (`orchgen buld`) gets the closest one, as a usage error (64);
  /// everything else is ArgumentParser's.
  static func main() {
    let arguments = Array(CommandLine.arguments.dropFirst())
    let names = configuration.subcommands.compactMap { $0.configuration.commandName } + ["help"]
    if let first = arguments.first, !first.hasPrefix("-"), !names.contains(first),
      let guess = EditDistance.closest(to: first, in: names)
    {
      Terminal.standardError("Error: unknown command '\(first)'; did you mean '\(guess)'?\nUsage: orchgen <subcommand>\n  See 'orchgen --help' for more information.\n")
      Self.exit(withError: ExitCode(64))
    }
    main(nil)
  }
}
