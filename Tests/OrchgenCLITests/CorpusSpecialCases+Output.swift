import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension CorpusSpecialCases {
  static let output: [Case] = [
    Case(
      name: "output-is-a-file", exit: 1,
      first: "orchgen: error: cannot write output: '<root>/output' is a file, not a directory [io-error]",
      setup: { sandbox in
        try project(sandbox)
        try sandbox.write("output", "not a folder\n")
      }),
    Case(
      name: "output-read-only", exit: 1,
      first: "orchgen: error: cannot write '<root>/output/.orchgen-staging': permission denied",
      needsDeniedPermissions: true,
      setup: { sandbox in
        try project(sandbox)
        try sandbox.write("output/NOTES.md", "kept\n")
        chmod(sandbox.url("output").path, 0o555)
      }),
    Case(
      name: "output-symlink-leading-outside", exit: 1,
      first: "orchgen: error: refusing to write 'opencode/agents/coder.md': it would leave the output directory",
      setup: { sandbox in
        try project(sandbox)
        let outside = sandbox.base.appendingPathComponent("outside")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: sandbox.url("output"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: sandbox.url("output/opencode").path, withDestinationPath: outside.path)
      },
      verify: { sandbox, _ throws in
        let outside = sandbox.base.appendingPathComponent("outside")
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside.path).isEmpty, "written through the symlink")
      }),
    Case(
      name: "output-symlinked-file", exit: 1,
      first: "orchgen: error: 'output/opencode/agents/coder.md' exists and is not a regular file [output-not-owned]",
      setup: { sandbox in
        try project(sandbox)
        let victim = sandbox.base.appendingPathComponent("victim.md")
        try Data("keep\n".utf8).write(to: victim)
        try FileManager.default.createDirectory(at: sandbox.url("output/opencode/agents"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
          atPath: sandbox.url("output/opencode/agents/coder.md").path, withDestinationPath: victim.path)
      },
      verify: { sandbox, _ throws in
        let victim = sandbox.base.appendingPathComponent("victim.md")
        #expect(try String(contentsOf: victim, encoding: .utf8) == "keep\n")
      }),
    Case(
      name: "hostile-manifest-names-paths-outside", exit: 0, first: "wrote 14 files, removed 0, 0 unchanged in output/",
      setup: { sandbox in
        try project(sandbox)
        try Data("keep\n".utf8).write(to: sandbox.base.appendingPathComponent("victim.txt"))
        let entries = ["../../victim.txt", "/etc/hostname", "opencode/../../../victim.txt", ".orchgen-staging/journal"]
        let files = entries.map { "    \"\($0)\": \"0\"" }.joined(separator: ",\n")
        try sandbox.write(
          "output/.orchgen-manifest.json", "{\n  \"generator\": \"orchgen\",\n  \"format\": 1,\n  \"files\": {\n\(files)\n  }\n}\n")
      },
      verify: { sandbox, _ throws in
        let victim = sandbox.base.appendingPathComponent("victim.txt")
        #expect(try String(contentsOf: victim, encoding: .utf8) == "keep\n", "a manifest entry deleted a file outside")
      }),
    Case(
      name: "check-reports-interrupted-build", command: ["check"], exit: 1,
      first: "orchgen: error: 'output/' holds an interrupted build ('output/.orchgen-staging') [output-stale]",
      setup: { sandbox in
        try project(sandbox)
        try sandbox.write("output/.orchgen-staging/files/opencode/agents/coder.md", "half\n")
      }),
  ]

  static let scale: [Case] = [
    Case(
      name: "task-text-amplified-by-for-each", command: ["check", "--no-drift"], exit: 1,
      first: "config/workflows/feature.yaml:2:1: error: workflow 'feature' expands to 286.1 MiB of task text; orchgen accepts at most 64 MiB in all workflows together [limit-exceeded]",
      setup: { sandbox in
        // A 1 MB description with {item}, for 300 items: 1.4 GB of output before the limit.
        let items = (0..<300).map { "i\($0)" }.joined(separator: ", ")
        let description = String(repeating: "x", count: 1_000_000) + "{item}"
        try project(
          sandbox, workflow: "description: Amplified\ntasks:\n  fan:\n    agent: coder\n    description: \"\(description)\"\n    for_each: [\(items)]\n")
      }),
    Case(
      name: "checklist-repeated-into-task-files", command: ["check", "--no-drift"], exit: 1,
      first: "config/workflows/feature.yaml:2:1: error: task files would repeat agents' checklists 101.0 MiB in all by workflow 'feature'; orchgen accepts at most 64 MiB [limit-exceeded]",
      setup: { sandbox in
        let items = (0..<1_000).map { "- item \($0) " + String(repeating: "x", count: 90) + "\n" }.joined()
        try project(sandbox, workflow: "description: Many tasks\ntasks:\n" + (0..<1_000).map { "  t\($0):\n    agent: coder\n" }.joined())
        try sandbox.write("content/instructions/coder.md", "# Coder\n\n## Checklist\n\n" + items)
      }),
    Case(
      name: "shared-instructions-over-limit", command: ["check", "--no-drift"], exit: 1,
      first: "config/agents.yaml:60:19: error: the instructions of all agents add up to more than 64 MiB once includes are resolved; agent 'w17' crosses it [limit-exceeded]",
      setup: { sandbox in
        // 20 agents sharing one 3.8 MB file would generate 76 MB of agent files.
        var agents = Self.agents
        for index in 0..<20 { agents += "  w\(index):\n    description: Worker\n    instructions: content/shared.md\n" }
        try project(sandbox, workflow: workflow + (0..<20).map { "  t\($0):\n    agent: w\($0)\n" }.joined())
        try sandbox.write("config/agents.yaml", agents)
        try sandbox.write("content/shared.md", "# Shared\n\n" + String(repeating: "word word word word word word word word\n", count: 95_000))
      }),
    Case(
      name: "tasks-100000", command: ["check", "--no-drift"], exit: 0, first: "no problems found",
      setup: { sandbox in
        var text = "description: A hundred thousand independent tasks\ntasks:\n"
        for index in 0..<100_000 { text += "  t\(index):\n    agent: coder\n    description: T\n    success: [ok]\n" }
        try project(sandbox, workflow: text)
      }),
    Case(
      name: "chain-100000", command: ["plan", "feature", "--format", "json"], exit: 0, first: "",
      setup: { sandbox in
        var text = "description: A chain of a hundred thousand tasks\ntasks:\n  t0:\n    agent: coder\n"
        for index in 1..<100_000 { text += "  t\(index):\n    agent: coder\n    needs: [t\(index - 1)]\n" }
        try project(sandbox, workflow: text)
      },
      verify: { _, result in
        #expect(result.stdout.hasPrefix("{"))
        #expect(result.stdout.contains("\"t99999\""))
      }),
    Case(
      name: "tasks-over-limit", command: ["check", "--no-drift"], exit: 1,
      first: "config/workflows/feature.yaml:2:1: error: workflow 'feature' expands to 200001 tasks; orchgen accepts at most 200000 per workflow [limit-exceeded]",
      setup: { sandbox in
        let items = (0...200_000).map { "i\($0)" }.joined(separator: ", ")
        try project(sandbox, workflow: "description: Too wide\ntasks:\n  fan:\n    agent: coder\n    for_each: [\(items)]\n")
      }),
    Case(
      name: "stage-dependencies-over-limit", command: ["check", "--no-drift"], exit: 1,
      first: "config/workflows/feature.yaml:2:1: error: workflow 'feature' expands to 2250000 dependencies; orchgen accepts at most 2000000 per workflow [limit-exceeded]",
      setup: { sandbox in
        var text = "description: Two wide stages\nstages:\n"
        for stage in 0..<2 {
          text += "  - stage: s\(stage)\n    tasks:\n"
          for index in 0..<1_500 { text += "      s\(stage)-t\(index):\n        agent: coder\n" }
        }
        try project(sandbox, workflow: text)
      }),
  ]
}
