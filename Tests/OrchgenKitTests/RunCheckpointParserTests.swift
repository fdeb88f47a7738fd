import Foundation
import Testing

@testable import OrchgenKit

/// `checkpoint.json` is read by orchgen's own JSON parser and written by its own writer (for
/// speed); both are held here to Foundation's `JSONDecoder` with `RunState`'s `Codable`
/// description, on every state of real runs and on documents a person or a tool might write.
@Suite struct RunCheckpointParserTests {
  /// Every state of a run of each repository workflow (random results and decisions).
  static func states() throws -> [(RunPlan, RunState)] {
    var states: [(RunPlan, RunState)] = []
    for (index, name) in RunEngineTests.repositoryWorkflows.enumerated() {
      let plan = try RunEngineTests.repositoryPlan(name)
      for run in 0..<4 {
        var random = PlanTestRandom(seed: UInt64(index * 10 + run))
        var state = RunState(
          plan: plan, request: "a \"quoted\" request\twith tab, é and 🚀",
          now: "2026-12-04T10:00:00Z", baseCommit: nil)
        states.append((plan, state))
        for _ in 0..<200 {
          let (next, _) = RunEngine.next(&state, plan: plan, now: "2026-12-04T10:01:00Z")
          states.append((plan, state))
          guard case .start(let ids) = next else { break }
          for id in ids where state.status == .running {
            let task = try #require(plan.task(id))
            var text =
              Int.random(in: 0..<6, using: &random) > 0
              ? "Status: completed\n## Decisions\n" : "Status: failed\n"
            for flag in task.decides { text += "- \(flag): \(Bool.random(using: &random))\n" }
            _ = try RunEngine.done(
              &state, plan: plan, task: id, result: RunResult(parsing: text),
              resultPath: "r/\(id).md", now: "2026-12-04T10:02:00Z")
            states.append((plan, state))
          }
        }
      }
    }
    return states
  }

  @Test func everyStateOfRealRunsReadsBackTheSameBothWays() throws {
    let states = try Self.states()
    #expect(states.count > 200)
    #expect(
      states.contains { $0.1.status == .failed } && states.contains { $0.1.status == .completed })
    for (plan, state) in states {
      let text = state.checkpointJSON(plan: plan)
      let fast = try RunState.checkpoint(Array(text.utf8))
      let foundation = try JSONDecoder().decode(RunState.self, from: Data(text.utf8))
      #expect(fast == state)
      #expect(foundation == state)
      // The writer keeps the format every JSON file of orchgen has (`JSONValue`'s).
      #expect(try JSONParser.parse(Array(text.utf8)).rendered() == text)
    }
  }

  static let minimal = """
    {"workflow": "w", "plan_hash": "h", "request": "", "status": "running", "started_at": "s", "updated_at": "u",
     "phases_complete": {}, "agents_active": [], "events": 0,
     "tasks": {"a": {"agent_id": "Agent-01", "agent": "coder", "status": "pending", "attempts": 0, "failures": 0,
                     "fix_rounds": 0, "decisions": {}}}}
    """

  /// Documents both readers take, with the same result: optional keys absent, unknown keys,
  /// escapes, surrogate pairs, numbers written as 2.0, duplicate keys (the first wins).
  @Test(arguments: [
    minimal,
    minimal.replacingOccurrences(
      of: "\"events\": 0", with: "\"events\": 2.0, \"extra\": [1, {\"x\": null}]"),
    minimal.replacingOccurrences(
      of: "\"request\": \"\"", with: #""request": "caf\u00e9 \ud83d\ude80 \"q\" \\ \/ \b\f\n\r\t""#),
    minimal.replacingOccurrences(
      of: "\"status\": \"running\"",
      with: "\"status\": \"running\", \"status\": \"failed\", \"failure\": null"),
    minimal.replacingOccurrences(
      of: "\"decisions\": {}",
      with: "\"decisions\": {\"ok\": true, \"no\": false}, \"error\": \"boom\""),
    minimal.replacingOccurrences(
      of: "\"agents_active\": []",
      with: "\"agents_active\": [\"coder\"], \"base_commit\": \"abc\", \"final_output\": null"),
  ])
  func acceptsWhatJSONDecoderAccepts(_ text: String) throws {
    let fast = try RunState.checkpoint(Array(text.utf8))
    let foundation = try JSONDecoder().decode(RunState.self, from: Data(text.utf8))
    #expect(fast == foundation)
  }

  /// Documents both readers refuse.
  @Test(arguments: [
    "", "{", "[]", "null", minimal + " x",
    minimal.replacingOccurrences(of: "\"workflow\": \"w\", ", with: ""),
    minimal.replacingOccurrences(of: "\"attempts\": 0", with: "\"attempts\": \"0\""),
    minimal.replacingOccurrences(of: "\"attempts\": 0", with: "\"attempts\": 0.5"),
    minimal.replacingOccurrences(of: "\"attempts\": 0", with: "\"attempts\": 01"),
    minimal.replacingOccurrences(of: "\"status\": \"pending\"", with: "\"status\": \"paused\""),
    minimal.replacingOccurrences(of: "\"decisions\": {}", with: "\"decisions\": {\"ok\": 1}"),
    minimal.replacingOccurrences(of: "\"agents_active\": []", with: "\"agents_active\": [1]"),
    minimal.replacingOccurrences(of: "\"request\": \"\"", with: #""request": "\x""#),
    minimal.replacingOccurrences(of: "\"request\": \"\"", with: #""request": "\ud83d""#),
    minimal.replacingOccurrences(of: "\"request\": \"\"", with: "\"request\": \"a\u{01}b\""),
    minimal.replacingOccurrences(of: "\"request\": \"\"", with: "\"request\": \"unterminated}"),
    minimal.replacingOccurrences(
      of: "\"events\": 0",
      with: "\"events\": 0, \"deep\": " + String(repeating: "[", count: 600)
        + String(repeating: "]", count: 600)),
    minimal.replacingOccurrences(of: "\"tasks\": {", with: "\"tasks\": {\"b\": 3, "),
    minimal.replacingOccurrences(of: "\"events\": 0", with: "\"events\": tru"),
  ])
  func refusesWhatJSONDecoderRefuses(_ text: String) {
    #expect(throws: (any Error).self) { try RunState.checkpoint(Array(text.utf8)) }
    #expect(throws: (any Error).self) {
      try JSONDecoder().decode(RunState.self, from: Data(text.utf8))
    }
  }

  @Test func invalidUTF8IsRefused() {
    var bytes = Array(Self.minimal.utf8)
    let at = bytes.firstIndex(of: UInt8(ascii: "w"))!
    bytes[at] = 0xFF
    #expect(throws: (any Error).self) { try RunState.checkpoint(bytes) }
  }

  /// A refusal names what is wrong and where.
  @Test func refusalNamesThePlace() {
    let text = Self.minimal.replacingOccurrences(
      of: "\"fix_rounds\": 0", with: "\"fix_rounds\": null")
    #expect(throws: RunState.CheckpointError.self) { try RunState.checkpoint(Array(text.utf8)) }
    do {
      _ = try RunState.checkpoint(Array(text.utf8))
    } catch {
      #expect("\(error)" == "'fix_rounds' of tasks.a is not an integer")
    }
  }
}
