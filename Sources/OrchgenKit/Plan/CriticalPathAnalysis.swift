/// Levels and the critical path method over a DAG given in topological positions.
///
/// Every array is indexed by position in the plan's topological order, and every edge goes from
/// a lower to a higher position, so each pass is one loop forwards or backwards: linear, and no
/// recursion for a deep chain to overflow.
struct CriticalPathAnalysis {
  /// 1 for tasks without needs, else 1 + the highest level among the needs.
  private(set) var level: [Int]
  private(set) var earliestStart: [Int]
  private(set) var earliestFinish: [Int]
  private(set) var latestStart: [Int]
  private(set) var latestFinish: [Int]
  /// Longest path from the task's start to the end, the task included.
  private(set) var tail: [Int]
  /// The unlimited-concurrency finish: the critical path's length.
  private(set) var length = 0
  /// Positions of the reported critical path, first task first.
  private(set) var path: [Int] = []

  /// - Parameters:
  ///   - predecessors / successors: edges between positions, each from a lower to a higher one.
  ///   - durations: seconds per position, never negative.
  ///   - orderKeys: declaration order per position, to break ties between longest paths.
  init(predecessors: PlanAdjacency, successors: PlanAdjacency, durations: [Int], orderKeys: [Int]) {
    let count = durations.count
    level = [Int](repeating: 1, count: count)
    earliestStart = [Int](repeating: 0, count: count)
    earliestFinish = [Int](repeating: 0, count: count)
    for position in 0..<count {
      var start = 0
      var depth = 0
      for need in predecessors[position] {
        start = max(start, earliestFinish[need])
        depth = max(depth, level[need])
      }
      level[position] = depth + 1
      earliestStart[position] = start
      earliestFinish[position] = start + durations[position]
      length = max(length, earliestFinish[position])
    }

    latestStart = [Int](repeating: 0, count: count)
    latestFinish = [Int](repeating: 0, count: count)
    tail = [Int](repeating: 0, count: count)
    for position in stride(from: count - 1, through: 0, by: -1) {
      var finish = length
      var after = 0
      for dependent in successors[position] {
        finish = min(finish, latestStart[dependent])
        after = max(after, tail[dependent])
      }
      latestFinish[position] = finish
      latestStart[position] = finish - durations[position]
      tail[position] = durations[position] + after
    }
    path = tracePath(predecessors: predecessors, successors: successors, orderKeys: orderKeys)
  }

  /// The lexicographically first (by declaration order) chain of zero-slack tasks, each starting
  /// exactly when the previous one finishes.
  ///
  /// A zero-slack task that finishes before the end always has such a successor (its latest
  /// finish is some successor's latest start), so the walk never strands and the chain's
  /// length is the critical path's.
  private func tracePath(predecessors: PlanAdjacency, successors: PlanAdjacency, orderKeys: [Int]) -> [Int] {
    func critical(_ position: Int) -> Bool { latestStart[position] == earliestStart[position] }
    var current: Int?
    for position in 0..<predecessors.rowCount where predecessors.degree(position) == 0 && critical(position) {
      if current.map({ orderKeys[position] < orderKeys[$0] }) ?? true { current = position }
    }
    var path: [Int] = []
    while let here = current {
      path.append(here)
      current = nil
      for dependent in successors[here]
      where critical(dependent) && earliestStart[dependent] == earliestFinish[here] {
        if current.map({ orderKeys[dependent] < orderKeys[$0] }) ?? true { current = dependent }
      }
    }
    return path
  }
}
