/// The simulated run under a concurrency cap: Graham's list scheduling with critical-path
/// priority.
///
/// Whenever a slot is free, the ready task with the longest remaining path (its tail) starts,
/// ties by declaration order, in the lowest free slot. A slot never idles while a task is ready,
/// which is what bounds the makespan by sequential ÷ m + critical path × (1 − 1/m).
/// Completions at the same instant are all processed before anything starts, so every task
/// they release competes for the freed slots on its tail.
struct ListScheduler {
  /// Start time per position.
  private(set) var start: [Int]
  /// 1-based slot per position.
  private(set) var slot: [Int]
  private(set) var makespan = 0

  /// - Parameters:
  ///   - predecessors / successors: edges between positions (lower to higher).
  ///   - durations: seconds per position, never negative.
  ///   - tails: longest remaining path per position, the priority.
  ///   - orderKeys: declaration order per position, the tie-breaker.
  ///   - capacity: slots, at least 1.
  init(
    predecessors: PlanAdjacency, successors: PlanAdjacency, durations: [Int], tails: [Int], orderKeys: [Int],
    capacity: Int
  ) {
    let count = durations.count
    let slots = max(capacity, 1)
    start = [Int](repeating: 0, count: count)
    slot = [Int](repeating: 0, count: count)
    var remaining = (0..<count).map(predecessors.degree)
    var ready = PlanHeap<Int>(capacity: min(count, 1024)) { lhs, rhs in
      if tails[lhs] != tails[rhs] { return tails[lhs] > tails[rhs] }
      return orderKeys[lhs] != orderKeys[rhs] ? orderKeys[lhs] < orderKeys[rhs] : lhs < rhs
    }
    // (finish, position): finish first, then position so that equal finishes pop deterministically.
    var running = PlanHeap<(finish: Int, position: Int)>(capacity: min(slots, 1024)) { lhs, rhs in
      lhs.finish != rhs.finish ? lhs.finish < rhs.finish : lhs.position < rhs.position
    }
    // Slots are handed out fresh from 1 upwards and recycled through a heap, so a huge
    // max_concurrent costs nothing.
    var freedSlots = PlanHeap<Int>(precedes: <)
    var nextFreshSlot = 1
    for position in 0..<count where remaining[position] == 0 { ready.push(position) }

    var now = 0
    while true {
      while running.count < slots, let next = ready.pop() {
        start[next] = now
        if let reused = freedSlots.pop() {
          slot[next] = reused
        } else {
          slot[next] = nextFreshSlot
          nextFreshSlot += 1
        }
        running.push((now + durations[next], next))
      }
      guard let earliest = running.top else { break }
      now = earliest.finish
      makespan = max(makespan, now)
      while let done = running.top, done.finish == now {
        _ = running.pop()
        freedSlots.push(slot[done.position])
        for dependent in successors[done.position] {
          remaining[dependent] -= 1
          if remaining[dependent] == 0 { ready.push(dependent) }
        }
      }
    }
  }
}
