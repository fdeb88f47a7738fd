/// A binary min-heap under a caller-given strict order.
///
/// The planner needs four (topological order, ready tasks, running tasks, free slots); the
/// standard library has none, and a sorted array would make the simulation quadratic.
struct PlanHeap<Element> {
  private var storage: [Element] = []
  private let precedes: (Element, Element) -> Bool

  /// `precedes(a, b)` is true when `a` must come out before `b`; it must be a strict total order
  /// over the elements pushed, or the output order is unspecified.
  init(capacity: Int = 0, precedes: @escaping (Element, Element) -> Bool) {
    self.precedes = precedes
    storage.reserveCapacity(capacity)
  }

  var isEmpty: Bool { storage.isEmpty }
  var count: Int { storage.count }

  /// The element that `pop()` would return.
  var top: Element? { storage.first }

  mutating func push(_ element: Element) {
    storage.append(element)
    var child = storage.count - 1
    while child > 0 {
      let parent = (child - 1) / 2
      guard precedes(storage[child], storage[parent]) else { break }
      storage.swapAt(child, parent)
      child = parent
    }
  }

  mutating func pop() -> Element? {
    guard let first = storage.first else { return nil }
    let last = storage.removeLast()
    guard !storage.isEmpty else { return first }
    storage[0] = last
    var parent = 0
    let count = storage.count
    while true {
      let left = 2 * parent + 1
      guard left < count else { break }
      let right = left + 1
      var best = left
      if right < count, precedes(storage[right], storage[left]) { best = right }
      guard precedes(storage[best], storage[parent]) else { break }
      storage.swapAt(best, parent)
      parent = best
    }
    return first
  }
}
