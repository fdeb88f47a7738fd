/// The order the plan numbers agents in: Kahn's algorithm that always takes the ready task
/// declared first.
///
/// The validator reports cycles, but the planner may still be called on such a graph (for
/// `build --force`, or a plan shown next to the errors). Instead of failing, once nothing is
/// ready the task declared first among those left is taken as if its needs were met; every need
/// that then points forward in the order is a cycle edge the plan ignores. Acyclic tasks are
/// therefore all placed before anything a cycle blocks.
struct TopologicalOrder {
  /// Task indices (into `TaskGraph.tasks`) in plan order.
  let sequence: [Int]
  /// Task index → position in `sequence`.
  let position: [Int]

  /// - Parameters:
  ///   - predecessors: for each task, the indices of the tasks it needs.
  ///   - successors: for each task, the indices of the tasks that need it (the same edges).
  ///   - orderKeys: for each task, its declaration order; the tie-breaker.
  init(predecessors: PlanAdjacency, successors: PlanAdjacency, orderKeys: [Int]) {
    let count = predecessors.rowCount
    var remaining = (0..<count).map(predecessors.degree)
    // 0 waiting for needs, 1 in the ready heap, 2 placed.
    var state = [UInt8](repeating: 0, count: count)
    let precedes: (Int, Int) -> Bool = { lhs, rhs in
      orderKeys[lhs] != orderKeys[rhs] ? orderKeys[lhs] < orderKeys[rhs] : lhs < rhs
    }
    var ready = PlanHeap<Int>(capacity: min(count, 1024), precedes: precedes)
    for index in 0..<count where remaining[index] == 0 {
      state[index] = 1
      ready.push(index)
    }
    // Declaration order, for picking the task to force when a cycle blocks everything left;
    // sorted only when a cycle is met.
    var byDeclaration: [Int] = []
    var forceCursor = 0
    var sequence: [Int] = []
    sequence.reserveCapacity(count)
    var position = [Int](repeating: 0, count: count)

    while sequence.count < count {
      if ready.isEmpty {
        if byDeclaration.isEmpty { byDeclaration = (0..<count).sorted(by: precedes) }
        while state[byDeclaration[forceCursor]] != 0 { forceCursor += 1 }
        let forced = byDeclaration[forceCursor]
        state[forced] = 1
        ready.push(forced)
      }
      guard let next = ready.pop() else { break }
      state[next] = 2
      position[next] = sequence.count
      sequence.append(next)
      for successor in successors[next] where state[successor] == 0 {
        remaining[successor] -= 1
        if remaining[successor] == 0 {
          state[successor] = 1
          ready.push(successor)
        }
      }
    }
    self.sequence = sequence
    self.position = position
  }
}
