import Foundation
import Testing

/// The project root is a boundary (`outside-project`): a committed symlink to a file of the
/// machine — here a "secret" next to the project, holding `token` — is refused wherever orchgen
/// would read it, and the token reaches no file under `output/` and no output of `check` or
/// `build` in any `--format`. Each secret is a valid file of its kind, so reading it would have
/// put the token into the generated files. Links that stay inside the project keep working.
extension CorpusSpecialCases {
  static let token = "SECRET-TOKEN-4f9c2e71b8"

  /// A file outside the project (next to it, in the sandbox) holding `text`; its absolute path.
  static func secret(_ sandbox: Sandbox, _ name: String, _ text: String) throws -> String {
    let url = sandbox.base.appendingPathComponent("outside").appendingPathComponent(name)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
    return url.path
  }

  static func link(_ sandbox: Sandbox, _ path: String, to destination: String) throws {
    try? FileManager.default.removeItem(at: sandbox.url(path))
    try FileManager.default.createDirectory(at: sandbox.url(path).deletingLastPathComponent(), withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(atPath: sandbox.url(path).path, withDestinationPath: destination)
  }

  static let secretMarkdown = "# Leaked\n\nThe token is \(token).\n"
  static let coderIncluding = "# Coder\n\n<!-- include: partials/leak.md -->\n"

  /// The token is in no output of `check` and `build` in every format (each exiting `exit`)
  /// and in no file under `output/`.
  static func tokenNeverLeaks(exit: Int32) -> @Sendable (Sandbox, OrchgenProcess.Result) throws -> Void {
    { sandbox, first in
      #expect(!first.stdout.contains(token) && !first.stderr.contains(token), "the first run showed the token")
      for command in ["check", "build"] {
        for format in ["text", "gnu", "github", "sarif", "json"] {
          let result = try sandbox.run([command, "--format", format, "--root", sandbox.root.path])
          #expect(result.status == exit, "\(command) --format \(format): \(result)")
          #expect(!result.stdout.contains(token), "\(command) --format \(format) printed the token")
          #expect(!result.stderr.contains(token), "\(command) --format \(format) printed the token")
        }
      }
      let output = sandbox.url("output")
      for path in (try? FileManager.default.subpathsOfDirectory(atPath: output.path)) ?? [] {
        guard let bytes = FileManager.default.contents(atPath: output.appendingPathComponent(path).path) else { continue }
        #expect(!String(decoding: bytes, as: UTF8.self).contains(token), "output/\(path) holds the token")
      }
    }
  }

  static let outside: [Case] = [
    Case(
      name: "outside-link-as-partial", exit: 1,
      first: "content/instructions/coder.md:3:15: error: included file 'partials/leak.md' leads outside the project through a symbolic link; orchgen does not read it [outside-project]",
      setup: { sandbox in
        try project(sandbox)
        try sandbox.write("content/instructions/coder.md", coderIncluding)
        try link(sandbox, "content/partials/leak.md", to: secret(sandbox, "token.md", secretMarkdown))
      },
      verify: { sandbox, result in
        // The exact report: the directive, and nothing of the file behind the link.
        #expect(
          result.stderr == """
            content/instructions/coder.md:3:15: error: included file 'partials/leak.md' leads outside the project through a symbolic link; orchgen does not read it [outside-project]
              |
            3 | <!-- include: partials/leak.md -->
              |               ^~~~~~~~~~~~~~~~
              = help: include a file inside content/: replace the link with a copy of the file it points to
            1 error
            build stopped: nothing was written

            """)
        try tokenNeverLeaks(exit: 1)(sandbox, result)
      }),
    Case(
      name: "outside-link-as-instructions", exit: 1,
      first: "config/agents.yaml:7:19: error: instruction file 'content/agents/coder.md' of agent 'coder' leads outside the project through a symbolic link; orchgen does not read it [outside-project]",
      setup: { sandbox in
        try project(sandbox)
        try sandbox.write("config/agents.yaml", agents + "    instructions: content/agents/coder.md\n")
        try FileManager.default.removeItem(at: sandbox.url("content/instructions/coder.md"))
        try link(sandbox, "content/agents/coder.md", to: secret(sandbox, "token.md", secretMarkdown))
      },
      verify: tokenNeverLeaks(exit: 1)),
    Case(
      name: "outside-link-as-workflow", exit: 1,
      first: "config/workflows/leak.yaml:1:1: error: 'config/workflows/leak.yaml' leads outside the project through a symbolic link; orchgen does not read it [outside-project]",
      setup: { sandbox in
        try project(sandbox)
        let workflow = "description: \(token)\ntasks:\n  leak:\n    agent: coder\n    description: \(token)\n"
        try link(sandbox, "config/workflows/leak.yaml", to: secret(sandbox, "token.yaml", workflow))
      },
      verify: tokenNeverLeaks(exit: 1)),
    Case(
      name: "outside-link-as-agents-file", exit: 1,
      first: "config/agents.yaml:1:1: error: 'config/agents.yaml' leads outside the project through a symbolic link; orchgen does not read it [outside-project]",
      setup: { sandbox in
        try project(sandbox)
        let agents = agents.replacingOccurrences(of: "Writes code", with: token)
        try link(sandbox, "config/agents.yaml", to: secret(sandbox, "agents.yaml", agents))
      },
      verify: tokenNeverLeaks(exit: 1)),
    Case(
      name: "outside-link-chain", exit: 1,
      first: "content/instructions/coder.md:3:15: error: included file 'partials/leak.md' leads outside the project through a symbolic link; orchgen does not read it [outside-project]",
      setup: { sandbox in
        // partial → a link in the project → a link next to it → the secret.
        try project(sandbox)
        try sandbox.write("content/instructions/coder.md", coderIncluding)
        try link(sandbox, "content/partials/leak.md", to: "../../links/one.md")
        try link(sandbox, "links/one.md", to: "two.md")
        try link(sandbox, "links/two.md", to: secret(sandbox, "token.md", secretMarkdown))
      },
      verify: tokenNeverLeaks(exit: 1)),
    Case(
      name: "outside-link-to-directory", exit: 1,
      first: "content/instructions/coder.md:3:15: error: included file 'partials/leak.md' leads outside the project through a symbolic link; orchgen does not read it [outside-project]",
      setup: { sandbox in
        try project(sandbox)
        try sandbox.write("content/instructions/coder.md", coderIncluding)
        let folder = URL(fileURLWithPath: try secret(sandbox, "partials/leak.md", secretMarkdown)).deletingLastPathComponent()
        try link(sandbox, "content/partials", to: folder.path)
      },
      verify: tokenNeverLeaks(exit: 1)),
    Case(
      name: "outside-link-as-workflows-folder", exit: 1,
      first: "config/workflows:1:1: error: 'config/workflows' leads outside the project through a symbolic link; orchgen reads nothing in it [outside-project]",
      setup: { sandbox in
        try project(sandbox)
        let workflow = "description: \(token)\ntasks:\n  leak:\n    agent: coder\n"
        let folder = URL(fileURLWithPath: try secret(sandbox, "workflows/feature.yaml", workflow)).deletingLastPathComponent()
        try FileManager.default.removeItem(at: sandbox.url("config/workflows"))
        try link(sandbox, "config/workflows", to: folder.path)
      },
      verify: tokenNeverLeaks(exit: 1)),
    Case(
      name: "inside-links-keep-working", exit: 0, first: "wrote 14 files, removed 0, 0 unchanged in output/",
      setup: { sandbox in
        // A partial and an instruction file that are links (relative and absolute) to files
        // elsewhere in the project, one through a linked folder; the secret sits unlinked.
        try project(sandbox)
        _ = try secret(sandbox, "token.md", secretMarkdown)
        try sandbox.write("shared/conventions.md", "Shared conventions, kept outside content/.\n")
        try sandbox.write("team/coder.md", "# Coder\n\n<!-- include: partials/conventions.md -->\n")
        try link(sandbox, "content/partials/conventions.md", to: "../../shared/conventions.md")
        try link(sandbox, "docs", to: sandbox.url("team").path)
        try sandbox.write("config/agents.yaml", agents + "    instructions: docs/coder.md\n")
        try FileManager.default.removeItem(at: sandbox.url("content/instructions/coder.md"))
      },
      verify: { sandbox, result in
        let agent = try String(contentsOf: sandbox.url("output/opencode/agents/coder.md"), encoding: .utf8)
        #expect(agent.contains("Shared conventions, kept outside content/."), "the linked partial was not included")
        try tokenNeverLeaks(exit: 0)(sandbox, result)
      }),
  ]
}
