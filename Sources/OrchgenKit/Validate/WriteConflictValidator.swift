/// Finds tasks that may run at the same time (neither needs the other, directly or not) and
/// can write the same files.
///
/// Two globs can only match a common path when the literal prefix of one (the text before its
/// first wildcard) is a prefix of the other's, so the globs are sorted by literal prefix and each
/// is compared only with the globs whose prefix leads to its own: linear in the number of globs
/// plus the pairs that really share a directory, where comparing every pair was quadratic.
enum WriteConflictValidator {
  private struct Entry {
    var task: Int
    var glob: Located<String>
    var prefix: [UInt8]
    /// Index of the first path segment of the literal prefix among all such segments (sorted),
    /// or nil when the prefix holds no `/`.
    var bucket: Int?
    /// Position among the entries of the same bucket (or among the prefixes without `/`).
    var position: Int
  }

  static func validate(_ structure: inout GraphStructure, _ diagnostics: inout [Diagnostic]) {
    let tasks = structure.graph.tasks
    let writers = tasks.indices.filter { !tasks[$0].writes.isEmpty }
    guard writers.count > 1 else { return }
    var entries: [Entry] = []
    var keys: [Substring: Int] = [:]
    for index in writers {
      for glob in tasks[index].writes {
        let prefix = GlobOverlap.literalPrefix(glob.value)
        var bucket: Int? = nil
        if let slash = prefix.firstIndex(of: "/") {
          let key = prefix[..<slash]
          if keys[key] == nil { keys[key] = keys.count }
          bucket = keys[key]
        }
        entries.append(Entry(task: index, glob: glob, prefix: Array(prefix.utf8), bucket: bucket, position: 0))
      }
    }
    // Number buckets in sorted key order and entries within each, as the reported pair of two
    // tasks is the first overlapping pair in that order.
    var rankOfKey = [Int](repeating: 0, count: keys.count)
    for (rank, key) in keys.keys.sorted().enumerated() { rankOfKey[keys[key]!] = rank }
    var counts = [Int](repeating: 0, count: keys.count + 1)
    for index in entries.indices {
      let slot = entries[index].bucket.map { rankOfKey[$0] } ?? keys.count
      entries[index].bucket = entries[index].bucket.map { rankOfKey[$0] }
      entries[index].position = counts[slot]
      counts[slot] += 1
    }

    // Sweep the globs in prefix order, keeping the chain of prefixes that lead to the current one.
    let order = entries.indices.sorted { entries[$0].prefix.lexicographicallyPrecedes(entries[$1].prefix) }
    var chain: [Int] = []
    var candidates: [(pair: Int, rank: (Int, Int, Int, Int), first: Int, second: Int)] = []
    for current in order {
      let prefix = entries[current].prefix
      while let top = chain.last, !prefix.starts(with: entries[top].prefix) { chain.removeLast() }
      for other in chain where entries[other].task != entries[current].task {
        let (first, second) = entries[other].task < entries[current].task ? (other, current) : (current, other)
        let pair = entries[first].task * tasks.count + entries[second].task
        candidates.append((pair, rank(entries[first], entries[second]), first, second))
      }
      chain.append(current)
    }
    guard !candidates.isEmpty else { return }
    candidates.sort { ($0.pair, $0.rank.0, $0.rank.1, $0.rank.2, $0.rank.3) < ($1.pair, $1.rank.0, $1.rank.1, $1.rank.2, $1.rank.3) }

    var tokens: [Int: [GlobOverlap.Token]] = [:]
    func tokenized(_ entry: Int) -> [GlobOverlap.Token] {
      if let known = tokens[entry] { return known }
      let result = GlobOverlap.tokens(entries[entry].glob.value)
      tokens[entry] = result
      return result
    }
    // The items of one fan-out share their globs: n items writing the same written glob make
    // n(n-1)/2 pairs, reported once at the glob (the first pair), with a note counting the rest.
    var fanOutFindings: [FanOutGlob: (index: Int, pairs: Int)] = [:]
    var start = 0
    while start < candidates.count {
      var end = start + 1
      while end < candidates.count, candidates[end].pair == candidates[start].pair { end += 1 }
      defer { start = end }
      let one = entries[candidates[start].first].task
      let two = entries[candidates[start].second].task
      guard !areExclusive(tasks[one], tasks[two]) else { continue }
      guard
        let hit = candidates[start..<end].first(where: {
          GlobOverlap.overlap(tokenized($0.first), tokenized($0.second))
        }),
        !structure.areOrdered(one, two)
      else { continue }
      let first = entries[hit.first].glob
      let second = entries[hit.second].glob
      let oneID = tasks[one].id
      let twoID = tasks[two].id
      if case .fanOutItem(let parent, _) = tasks[one].kind, case .fanOutItem(parent, _) = tasks[two].kind {
        let key = FanOutGlob(parent: parent, first: first.location, second: second.location)
        if let known = fanOutFindings[key] {
          fanOutFindings[key] = (known.index, known.pairs + 1)
          continue
        }
        fanOutFindings[key] = (diagnostics.count, 1)
      }
      let overlapText = first.value == second.value
        ? "both write '\(first.value)'"
        : "write overlapping globs '\(second.value)' and '\(first.value)'"
      diagnostics.append(
        Diagnostic(.writeConflict, "tasks '\(twoID)' and '\(oneID)' may run at the same time and \(overlapText)",
          at: second.location, notes: [.init("'\(oneID)' writes '\(first.value)' here", at: first.location)],
          help: help(tasks[one], tasks[two], sameGlob: first.value == second.value)))
    }
    for (key, found) in fanOutFindings where found.pairs > 1 {
      diagnostics[found.index].notes.append(
        .init("\(found.pairs) pairs of the items of '\(key.parent)' conflict here; one '{item}' glob fixes them all"))
    }
  }

  /// A glob (or two) written in one fan-out task, where its items conflict.
  private struct FanOutGlob: Hashable {
    var parent: String
    var first: SourceLocation?
    var second: SourceLocation?
  }

  /// The fix. Items of one `for_each` task cannot be ordered (a `needs` entry names the whole
  /// fan-out, not one item), so for them the fix is a glob that differs per item.
  private static func help(_ one: ExpandedTask, _ two: ExpandedTask, sameGlob: Bool) -> String {
    if case .fanOutItem(let parent, _) = one.kind, case .fanOutItem(parent, _) = two.kind {
      let what = sameGlob ? "put '{item}' in the 'writes' glob" : "make the 'writes' globs differ per item with '{item}'"
      return "'\(one.id)' and '\(two.id)' are items of the fan-out '\(parent)', which 'needs' cannot order: "
        + "\(what) of '\(parent)' (e.g. 'docs/{item}/**') so that each item writes only its own files"
    }
    return "add '\(one.id)' to 'needs' of '\(two.id)' (or the reverse), or narrow the globs so they cannot match the same file"
  }

  /// Where the pair comes in the order the globs were always compared in: same-bucket pairs by
  /// bucket, then for each glob without a `/` in its prefix, the later such globs, then every
  /// bucket in order.
  private static func rank(_ a: Entry, _ b: Entry) -> (Int, Int, Int, Int) {
    switch (a.bucket, b.bucket) {
    case (let x?, _?): (0, x, min(a.position, b.position), max(a.position, b.position))
    case (nil, let y?): (1, a.position, 1 + y, b.position)
    case (let x?, nil): (1, b.position, 1 + x, a.position)
    case (nil, nil): (1, min(a.position, b.position), 0, max(a.position, b.position))
    }
  }

  /// Branches of one decision (`when: a.f` and `unless: a.f`) never both run, so they cannot
  /// write at the same time.
  static func areExclusive(_ a: ExpandedTask, _ b: ExpandedTask) -> Bool {
    guard let x = a.condition, let y = b.condition else { return false }
    return x.task == y.task && x.flag == y.flag && x.negated != y.negated
  }
}
