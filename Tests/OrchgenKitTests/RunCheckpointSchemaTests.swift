import Foundation
import Testing

@testable import OrchgenKit

/// Every checkpoint the run-state engine writes is valid against the checkpoint schema orchgen
/// generates (`output/schemas/checkpoint.schema.json`): a run of the repository's
/// parallel-feature workflow through `RunStore`, one snapshot per state change.
@Suite(.enabled(if: SchemaValidator.isAvailable, Comment(rawValue: SchemaValidator.unavailableReason)))
struct RunCheckpointSchemaTests {
  @Test func everyCheckpointOfARunValidates() throws {
    let graph = try #require(RunEngineTests.repository.graph(named: "parallel-feature"))
    let plan = RunPlan(graph: graph, plan: Planner.plan(graph))
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("orchgen-checkpoint-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
    let store = RunStore(directory: directory.appendingPathComponent(".orchestrator"), masterPlanTemplate: nil)
    let schema = directory.appendingPathComponent("checkpoint.schema.json")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    try Data(StateSchemaGenerator.checkpoint.rendered().utf8).write(to: schema)

    var snapshots: [URL] = []
    func snapshot(_ state: RunState, _ events: [RunEngine.Event]) throws {
      try store.save(state, plan: plan, events: events, now: "2026-12-04T10:00:00Z")
      let copy = directory.appendingPathComponent("checkpoint-\(snapshots.count).json")
      try FileManager.default.copyItem(at: directory.appendingPathComponent(".orchestrator/checkpoint.json"), to: copy)
      snapshots.append(copy)
    }
    var state = RunState(plan: plan, request: "add a role field", now: "2026-12-04T10:00:00Z", baseCommit: String(repeating: "a", count: 40))
    try snapshot(state, [])
    for step in 0..<200 {
      let (next, events) = RunEngine.next(&state, plan: plan, now: "2026-12-04T10:\(10 + step % 50):00Z")
      try snapshot(state, events)
      guard case .start(let ids) = next else { break }
      for id in ids {
        let task = try #require(plan.task(id))
        // Every decision false; the integrity check fails once, so the fix loop runs a round.
        var text = "Status: completed\n## Decisions\n"
        for flag in task.decides { text += "- \(flag): \(flag == "failed" && state.task(id).attempts == 1)\n" }
        let events = try RunEngine.done(&state, plan: plan, task: id, result: RunResult(parsing: text), resultPath: "r", now: "2026-12-04T11:00:00Z")
        try snapshot(state, events)
      }
    }
    #expect(state.status == .completed, "\(state.failure ?? "")")
    #expect(state.count(.skipped) > 0 && state.tasks.values.contains { $0.fixRounds == 1 })
    if let failure = SchemaValidator.validate(snapshots, against: schema) { Issue.record(Comment(rawValue: failure)) }
  }
}
