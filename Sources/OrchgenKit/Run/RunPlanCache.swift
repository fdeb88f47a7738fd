#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Each workflow's `RunPlan` as the last checked call made it, so that `next`, `done` and
/// `status`, called once per task by every driver, need not load and check the whole project
/// each time.
///
/// A cached plan is used only on proof, like `BuildRecord`: the same orchgen (`ToolIdentity`)
/// and the same answers to every question the load asked that can change a plan or its checks:
/// every file read, and every folder listing and file kind under `config/` and `content/`. The
/// rest of the project walk (which files exist elsewhere, for link checks) is left out: a run
/// changes the work tree all the time, and no such answer changes a plan. A plan is stored only
/// after a call whose checks passed for that workflow, so a cached plan never skips an error
/// that would have stopped the call.
///
/// The cache lives in the output folder (`.orchgen-run-plans/<workflow>`, kept out of commits by
/// the generated `.gitignore`), beside what the build made from the same inputs, and outlives
/// runs. It is best effort both ways: one that is missing, unreadable, foreign or stale means
/// the call checks the project in full; one that cannot be written is not an error.
public enum RunPlanCache {
  /// The cache folder's name in the output folder.
  public static let folderName = ".orchgen-run-plans"
  static let header = "orchgen run plan 1"

  /// The questions a cached plan depends on (see the type's comment).
  static func key(_ inputs: InputRecord) -> [InputQuery] {
    inputs.queries.filter { query in
      if case .read = query.kind { return true }
      let path = query.path
      return path == "config" || path == "content" || path.hasPrefix("config/") || path.hasPrefix("content/")
    }
  }

  /// The cached plan of `workflow`, when it holds for the project at `root`; nil otherwise.
  public static func load(workflow: String, root: URL, outputDirectory: URL, outputLabel: String = "output") -> RunPlan? {
    guard isFileName(workflow), let tool = ToolIdentity.current,
      let bytes = OutputState.readFile(outputDirectory.path + "/\(folderName)/\(workflow)")
    else { return nil }
    var reader = RunPlan.RecordReader(outputLabel: outputLabel)
    var recordedTool: String?
    var inputs: [InputQuery] = []
    var ended = false
    let whole = bytes.withUnsafeBufferPointer { buffer in
      RecordText.forEachLine(buffer, header: header) { fields in
        guard !ended else { return false }
        let kind = RecordText.unescape(fields[0])
        switch (kind, fields.count) {
        case ("tool", 2):
          guard recordedTool == nil else { return false }
          recordedTool = RecordText.unescape(fields[1])
        case ("input", 4):
          guard
            let query = InputQuery(
              recordKind: RecordText.unescape(fields[1]), path: RecordText.unescape(fields[2]),
              answer: RecordText.unescape(fields[3]))
          else { return false }
          inputs.append(query)
        case ("end", 3):
          guard RecordText.number(fields[1]) == inputs.count, RecordText.number(fields[2]) == reader.taskCount else {
            return false
          }
          ended = true
        default:
          return reader.take(kind, fields)
        }
        return true
      }
    }
    guard whole, ended, recordedTool == tool, !inputs.isEmpty, let plan = reader.plan, plan.workflow == workflow
    else { return nil }
    let source = DiskFileSource(root: root)
    for query in inputs where !query.holds(in: source) { return nil }
    return plan
  }

  /// Stores `plan`, checked from the answers in `inputs`, in `outputDirectory` when that is a
  /// folder (never through a link, never creating the output folder itself). Best effort.
  public static func store(_ plan: RunPlan, inputs: InputRecord, outputDirectory: URL) {
    let queries = key(inputs)
    guard isFileName(plan.workflow), let tool = ToolIdentity.current, !queries.isEmpty,
      OutputFiles.kind(outputDirectory.path) == .directory
    else { return }
    let folder = outputDirectory.path + "/" + folderName
    if OutputFiles.kind(folder) == nil { _ = mkdir(folder, 0o777) }
    guard OutputFiles.kind(folder) == .directory else { return }
    var lines = [header, "tool\t" + RecordText.escape(tool)]
    for query in queries {
      lines.append("input\t\(query.recordKind)\t\(RecordText.escape(query.path))\t\(RecordText.escape(query.answer))")
    }
    lines += plan.recordLines()
    // The counts close the record: one cut at a line boundary is not a record.
    lines.append("end\t\(queries.count)\t\(plan.tasks.count)")
    let path = folder + "/" + plan.workflow
    // One temporary name per process: parallel callers each write their own, the last rename wins.
    let temporary = path + ".\(getpid()).tmp"
    try? OutputFiles.unlink(temporary)
    do {
      try OutputFiles.create(temporary, bytes: (lines.joined(separator: "\n") + "\n").utf8)
      try OutputFiles.rename(temporary, to: path)
    } catch {
      try? OutputFiles.unlink(temporary)
    }
  }

  /// A workflow name that is one plain file name (workflow names are file stems).
  static func isFileName(_ name: String) -> Bool {
    !name.isEmpty && !name.contains("/") && !name.hasPrefix(".") && PathSafety.isSafeRelative(name)
  }
}
