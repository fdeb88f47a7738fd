/// Finds tasks that may run at the same time (neither needs the other, directly or not) and
/// can write the same files.
enum WriteConflictValidator {
  static func validate(_ structure: inout GraphStructure, _ diagnostics: inout [Diagnostic]) {
    let tasks = structure.graph.tasks
    let writers = tasks.indices.filter { !tasks[$0].writes.isEmpty }
    guard writers.count > 1 else { return }
    // Bucket globs by the first path segment of their literal prefix; globs starting with a
    // wildcard go in the catch-all bucket compared with everything.
    var buckets: [Substring: [(task: Int, glob: Located<String>)]] = [:]
    var wild: [(task: Int, glob: Located<String>)] = []
    for index in writers {
      for glob in tasks[index].writes {
        let prefix = GlobOverlap.literalPrefix(glob.value)
        if let slash = prefix.firstIndex(of: "/") {
          buckets[prefix[..<slash], default: []].append((index, glob))
        } else {
          wild.append((index, glob))
        }
      }
    }
    var reported = Set<Int>()
    func compare(_ a: (task: Int, glob: Located<String>), _ b: (task: Int, glob: Located<String>), _ structure: inout GraphStructure) {
      guard a.task != b.task else { return }
      let (first, second) = a.task < b.task ? (a, b) : (b, a)
      let pairKey = first.task * tasks.count + second.task
      guard !reported.contains(pairKey), !areExclusive(tasks[first.task], tasks[second.task]),
        GlobOverlap.overlap(first.glob.value, second.glob.value),
        !structure.areOrdered(first.task, second.task)
      else { return }
      reported.insert(pairKey)
      let one = tasks[first.task].id
      let two = tasks[second.task].id
      let overlapText = first.glob.value == second.glob.value
        ? "both write '\(first.glob.value)'"
        : "write overlapping globs '\(second.glob.value)' and '\(first.glob.value)'"
      diagnostics.append(
        Diagnostic(.writeConflict, "tasks '\(two)' and '\(one)' may run at the same time and \(overlapText)",
          at: second.glob.location, notes: [.init("'\(one)' writes '\(first.glob.value)' here", at: first.glob.location)],
          help: "add '\(one)' to 'needs' of '\(two)' (or the reverse), or narrow the globs so they cannot match the same file"))
    }
    let sortedKeys = buckets.keys.sorted()

    for key in sortedKeys {
      let list = buckets[key]!
      for i in list.indices {
        for j in list.indices where j > i { compare(list[i], list[j], &structure) }
      }
    }
    for (position, entry) in wild.enumerated() {
      for other in wild[(position + 1)...] { compare(entry, other, &structure) }
      for key in sortedKeys { for other in buckets[key]! { compare(entry, other, &structure) } }
    }
  }

  /// Branches of one decision (`when: a.f` and `unless: a.f`) never both run, so they cannot
  /// write at the same time.
  static func areExclusive(_ a: ExpandedTask, _ b: ExpandedTask) -> Bool {
    guard let x = a.condition, let y = b.condition else { return false }
    return x.task == y.task && x.flag == y.flag && x.negated != y.negated
  }
}
