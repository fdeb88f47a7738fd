import ArgumentParser
import OrchgenKit

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
}
