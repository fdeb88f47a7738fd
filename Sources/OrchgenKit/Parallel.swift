import Dispatch

/// Runs independent pieces of work on all cores and returns their results in order, so the
/// output is the same as a sequential loop's. Each piece must be pure (no shared mutable state).
enum Parallel {
  /// `[body(0), body(1), …, body(count - 1)]`, computed concurrently.
  static func map<T>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
    guard count > 1 else { return (0..<count).map(body) }
    var results = [T?](repeating: nil, count: count)
    results.withUnsafeMutableBufferPointer { buffer in
      nonisolated(unsafe) let slots = buffer
      // concurrentPerform hands out indices one at a time, so uneven pieces balance themselves.
      DispatchQueue.concurrentPerform(iterations: count) { index in
        slots[index] = body(index)
      }
    }
    return results.map { $0! }
  }
}
