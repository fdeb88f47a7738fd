/// A directed graph's adjacency in compressed rows: the targets of row `r` are
/// `targets[offsets[r]..<offsets[r + 1]]`.
///
/// One flat array instead of an array per task: at 100,000 tasks, per-task arrays cost more in
/// allocation than every planning pass together.
struct PlanAdjacency {
  private(set) var offsets: [Int] = [0]
  private(set) var targets: [Int] = []

  /// An empty adjacency to fill row by row with `append` and `endRow`.
  init(reservingRows rows: Int = 0, edges: Int = 0) {
    offsets.reserveCapacity(rows + 1)
    targets.reserveCapacity(edges)
  }

  /// Number of rows ended so far.
  var rowCount: Int { offsets.count - 1 }

  /// Number of targets of `row`.
  func degree(_ row: Int) -> Int { offsets[row + 1] - offsets[row] }

  /// The targets of `row`, in the order they were appended.
  subscript(row: Int) -> ArraySlice<Int> { targets[offsets[row]..<offsets[row + 1]] }

  /// Adds a target to the row being filled.
  mutating func append(_ target: Int) { targets.append(target) }

  /// Closes the row being filled; the next `append` starts the next row.
  mutating func endRow() { offsets.append(targets.count) }

  /// The reverse edges, each row in ascending order (a counting sort over the targets).
  func transposed() -> PlanAdjacency {
    let rows = rowCount
    var reversed = PlanAdjacency()
    var starts = [Int](repeating: 0, count: rows + 1)
    for target in targets { starts[target + 1] += 1 }
    for row in 0..<rows { starts[row + 1] += starts[row] }
    var cursor = starts
    var sources = [Int](repeating: 0, count: targets.count)
    for row in 0..<rows {
      for index in offsets[row]..<offsets[row + 1] {
        let target = targets[index]
        sources[cursor[target]] = row
        cursor[target] += 1
      }
    }
    reversed.offsets = starts
    reversed.targets = sources
    return reversed
  }
}
