/// A stack whose top elements can be moved out into an array without copying them: the
/// children of the collections a YAML composer has open. A finished collection moves its own
/// out into an array of exactly their number (no growth, no copies, no slack).
///
/// Not shared between threads: a parser fills it on one, and its elements may be moved out on
/// another once that parser is done (hence the unchecked `Sendable`).
final class MoveStack<Element>: @unchecked Sendable {
  private var base: UnsafeMutablePointer<Element>
  private var capacity = 256
  private(set) var count = 0

  init() { base = .allocate(capacity: capacity) }

  deinit {
    base.deinitialize(count: count)
    base.deallocate()
  }

  func push(_ element: consuming Element) {
    if count == capacity {
      let grown = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
      grown.moveInitialize(from: base, count: count)
      base.deallocate()
      base = grown
      capacity *= 2
    }
    (base + count).initialize(to: element)
    count += 1
  }

  /// The elements from `start` to the top, moved into an array of exactly their number.
  func popArray(from start: Int) -> [Element] {
    let moved = count - start
    let result = [Element](unsafeUninitializedCapacity: moved) { buffer, initialized in
      if moved > 0 { buffer.baseAddress!.moveInitialize(from: base + start, count: moved) }
      initialized = moved
    }
    count = start
    return result
  }

  /// Moves every element to `destination` (uninitialized room for `count` elements), leaving
  /// the stack empty; returns how many were moved.
  func moveAll(to destination: UnsafeMutablePointer<Element>) -> Int {
    let moved = count
    if moved > 0 { destination.moveInitialize(from: base, count: moved) }
    count = 0
    return moved
  }
}
