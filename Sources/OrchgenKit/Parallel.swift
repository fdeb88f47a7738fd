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

  /// Calls `body` with consecutive ranges that together cover `0..<count`, concurrently, or
  /// once with the whole range when `count` is below `threshold` (waking other threads would
  /// cost more than it saves). `body` must only touch what its range owns.
  static func forEachRange(_ count: Int, threshold: Int, _ body: @Sendable (Range<Int>) -> Void) {
    guard count >= threshold else { return body(0..<count) }
    // More ranges than cores, so that uneven ranges balance themselves.
    let ranges = 16
    DispatchQueue.concurrentPerform(iterations: ranges) { range in
      body(count * range / ranges..<count * (range + 1) / ranges)
    }
  }

  /// Frees values on another thread, one at a time. Freeing a 10,000-task workflow's YAML tree
  /// (100,000 nodes) takes a few milliseconds that the loading thread need not wait for: the
  /// other core is idle while a project loads. A value handed over while the previous one is
  /// still being freed waits for it, so trees cannot pile up (ten workflows of 10,000 tasks
  /// would otherwise hold several at once and raise the peak memory by a third).
  final class Releaser: @unchecked Sendable {
    private let group = DispatchGroup()

    func release<Value: Sendable>(_ value: consuming Value) {
      group.wait()
      // Moved into a holder that only the other thread empties: a copy captured by the
      // closure could be dropped there first, leaving the last release to this thread.
      let holder = Holder(value)
      group.enter()
      DispatchQueue.global().async { [group] in
        holder.empty()
        group.leave()
      }
    }
  }

  private final class Holder<Value: Sendable>: @unchecked Sendable {
    private var value: Value?
    init(_ value: consuming Value) { self.value = value }
    func empty() { value = nil }
  }
}
