import ArgumentParser
import FoundationEssentials
import OrchgenKit

struct InitCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "init",
    abstract: "Create a starter project that passes 'orchgen check' and builds.",
    discussion: """
      Writes config/orchgen.yaml, config/agents.yaml (a coordinator and four workers), a \
      starter workflow in config/workflows/, the agents' instructions in content/ and the \
      JSON Schemas in schemas/ that the YAML files point editors at. Never overwrites a file: \
      if any of them exists, it names them, writes nothing and exits 1.

      Example:
        orchgen init my-team
        orchgen check --root my-team --no-drift && orchgen build --root my-team
      """)

  @Argument(help: "The project directory, created if needed.", completion: .directory)
  var directory: String = "."

  func run() throws {
    let root = URL(
      fileURLWithPath: directory, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    ).standardizedFileURL
    let files = ProjectScaffold.files()
    let manager = FileManager.default
    let existing = files.map(\.path).filter { manager.fileExists(atPath: root.appendingPathComponent($0).path) }
    guard existing.isEmpty else {
      Terminal.standardError(
        "orchgen: error: init would overwrite \(existing.count) existing file\(existing.count == 1 ? "" : "s") "
          + "in \(directory); nothing was written:\n" + existing.map { "  \($0)\n" }.joined()
          + "Run 'orchgen init' in an empty directory, or move these files away.\n")
      throw ExitCode.failure
    }
    do {
      try ScaffoldWriter.write(files, under: root.path)
    } catch {
      Terminal.standardError(
        "orchgen: error: \(error)\n"
          + (error.written.isEmpty ? "" : "written before the error:\n" + error.written.map { "  \($0)\n" }.joined()))
      throw ExitCode.failure
    }
    let rootOption = directory == "." ? "" : " --root \(directory)"
    Terminal.standardError(
      "created \(files.count) files in \(directory == "." ? "the current directory" : directory):\n"
        + files.map { "  \($0.path)\n" }.joined()
        + "next: orchgen check\(rootOption) --no-drift, then orchgen build\(rootOption)\n")
  }
}
