import ArgumentParser
#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
import OrchgenKit

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

struct InitCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "init",
    abstract: "Create a starter project that passes 'orchgen check' and builds.",
    discussion: """
      Writes config/orchgen.yaml, config/agents.yaml (a coordinator and four workers), a \
      starter workflow in config/workflows/, the agents' instructions in content/ and the \
      JSON Schemas in schemas/ that the YAML files point editors at. Never overwrites a file: \
      if any of them exists, it names them, writes nothing and exits 1.

      --targets picks the tools the build writes for (config/orchgen.yaml's targets:, which \
      can be edited later). Without it, init asks when standard input is a terminal and \
      otherwise writes targets: [opencode].

      Example:
        orchgen init my-team --targets opencode,claude
        orchgen check --root my-team --no-drift && orchgen build --root my-team
      """)

  @Argument(help: "The project directory, created if needed.", completion: .directory)
  var directory: String = "."

  @Option(
    help: ArgumentHelp(
      "The tools to build for, comma-separated: opencode, claude, agents-md (default: asked on a terminal, else opencode).",
      valueName: "list"))
  var targets: String?

  func validate() throws {
    if let targets {
      switch Self.parseTargets(targets) {
      case .success: break
      case .failure(let problem): throw ValidationError("--targets: \(problem.message)")
      }
    }
  }

  func run() throws {
    let root = URL(
      fileURLWithPath: directory, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    ).standardizedFileURL
    let files = ProjectScaffold.files(targets: try chosenTargets())
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
        + "next: orchgen check\(rootOption) --no-drift, then orchgen build\(rootOption)\n"
        + "(more targets: edit targets: in config/orchgen.yaml)\n")
  }

  /// `--targets`, else the answer to a question on a terminal, else the default.
  private func chosenTargets() throws -> [BuildTarget] {
    if let targets, case .success(let chosen) = Self.parseTargets(targets) { return chosen }
    guard isatty(STDIN_FILENO) != 0 else { return BuildTarget.defaults }
    let names = BuildTarget.allCases.map(\.rawValue).joined(separator: ", ")
    let defaults = BuildTarget.defaults.map(\.rawValue).joined(separator: ",")
    while true {
      Terminal.standardError("Tools to build for, comma-separated (\(names)) [\(defaults)]: ")
      // End of input takes the default, as an empty answer does.
      guard let line = readLine(), !line.allSatisfy(\.isWhitespace) else { return BuildTarget.defaults }
      switch Self.parseTargets(line) {
      case .success(let chosen): return chosen
      case .failure(let problem): Terminal.standardError("\(problem.message)\n")
      }
    }
  }

  struct TargetProblem: Error {
    var message: String
  }

  /// `opencode, claude`: known names, duplicates dropped, order kept; an unknown one gets the
  /// closest name.
  static func parseTargets(_ text: String) -> Result<[BuildTarget], TargetProblem> {
    let names = BuildTarget.allCases.map(\.rawValue)
    var chosen: [BuildTarget] = []
    for part in text.split(separator: ",", omittingEmptySubsequences: false) {
      let name = String(part.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
      guard let target = BuildTarget(rawValue: name) else {
        let known = "the targets are " + names.joined(separator: ", ")
        if name.isEmpty { return .failure(TargetProblem(message: "an empty target in '\(text)'; \(known)")) }
        let guess = EditDistance.closest(to: name, in: names).map { "did you mean '\($0)'? " } ?? ""
        return .failure(TargetProblem(message: "unknown target '\(name)'; \(guess)(\(known))"))
      }
      if !chosen.contains(target) { chosen.append(target) }
    }
    return .success(chosen)
  }
}
