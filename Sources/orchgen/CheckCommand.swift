import ArgumentParser
import OrchgenKit

struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "check")
  func run() throws {}
}
