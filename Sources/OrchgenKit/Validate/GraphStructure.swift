/// Index-based adjacency of a `TaskGraph` with the graph algorithms validation needs. All
/// traversals are iterative so a 100,000-task chain cannot overflow the stack.
struct GraphStructure {
  let graph: TaskGraph
  /// `predecessors[i]`: indices task `i` needs.
  let predecessors: [[Int]]
  /// `successors[i]`: indices that need task `i`.
  let successors: [[Int]]
  /// Node index → strongly connected component id; components with more than one node are cycles.
  private(set) var component: [Int] = []
  private var stamp: [Int]
  private var epoch = 0

  init(_ graph: TaskGraph) {
    self.graph = graph
    let predecessors = graph.predecessorIndices()
    // The transpose, in declaration order as `successorIndices()` gives it, without hashing
    // every need a second time.
    var successors = [[Int]](repeating: [], count: predecessors.count)
    for (task, sources) in predecessors.enumerated() {
      for source in sources { successors[source].append(task) }
    }
    self.predecessors = predecessors
    self.successors = successors
    stamp = [Int](repeating: 0, count: graph.tasks.count)
    component = Self.stronglyConnectedComponents(successors)
  }

  /// Tarjan's algorithm with an explicit stack.
  private static func stronglyConnectedComponents(_ edges: [[Int]]) -> [Int] {
    let count = edges.count
    var index = [Int](repeating: -1, count: count)
    var low = [Int](repeating: 0, count: count)
    var onStack = [Bool](repeating: false, count: count)
    var component = [Int](repeating: -1, count: count)
    var stack: [Int] = []
    var nextIndex = 0
    var nextComponent = 0
    var work: [(node: Int, edge: Int)] = []
    for start in 0..<count where index[start] == -1 {
      work.append((start, 0))
      while let (node, edge) = work.popLast() {
        if edge == 0 {
          index[node] = nextIndex
          low[node] = nextIndex
          nextIndex += 1
          stack.append(node)
          onStack[node] = true
        } else {
          let child = edges[node][edge - 1]
          low[node] = min(low[node], low[child])
        }
        var descended = false
        var position = edge
        while position < edges[node].count {
          let next = edges[node][position]
          position += 1
          if index[next] == -1 {
            work.append((node, position))
            work.append((next, 0))
            descended = true
            break
          } else if onStack[next] {
            low[node] = min(low[node], index[next])
          }
        }
        if descended { continue }
        if low[node] == index[node] {
          while let member = stack.popLast() {
            onStack[member] = false
            component[member] = nextComponent
            if member == node { break }
          }
          nextComponent += 1
        }
      }
    }
    return component
  }

  /// Whether `ancestor` is reachable from `task` by following needs (i.e. runs before it).
  ///
  /// Tarjan numbers components in reverse topological order of the successor edges: along every
  /// path `a → … → t` the component ids never increase. So `ancestor` can only be reached if its
  /// component id is at least `task`'s, and the walk back from `task` never needs to enter a node
  /// whose component id exceeds `ancestor`'s. Both prunings keep the common queries (a direct
  /// need, or a task that runs later) constant-time instead of a walk over every ancestor.
  mutating func isAncestor(_ ancestor: Int, of task: Int) -> Bool {
    guard ancestor != task else { return false }
    let limit = component[ancestor]
    let target = component[task]
    if limit < target { return false }
    if limit == target { return true }  // one cycle: each reaches the other
    for next in predecessors[task] where next == ancestor { return true }
    epoch += 1
    var pending: [Int] = []
    for next in predecessors[task] where component[next] <= limit {
      stamp[next] = epoch
      pending.append(next)
    }
    while let node = pending.popLast() {
      for next in predecessors[node] {
        if next == ancestor { return true }
        if stamp[next] == epoch || component[next] > limit { continue }
        stamp[next] = epoch
        pending.append(next)
      }
    }
    return false
  }

  /// Whether both tasks are caught in the same dependency cycle. Which of them runs first is
  /// then undefined, so a finding about their order would only restate the cycle, which
  /// `CycleValidator` reports once with every edge.
  func inSameCycle(_ a: Int, _ b: Int) -> Bool {
    a != b && component[a] == component[b]
  }

  /// Whether the two tasks are ordered (one runs after the other) in every run.
  mutating func areOrdered(_ a: Int, _ b: Int) -> Bool {
    isAncestor(a, of: b) || isAncestor(b, of: a)
  }

  /// The members of every component that forms a cycle, each sorted by declaration order.
  func cycles() -> [[Int]] {
    var members: [Int: [Int]] = [:]
    for (node, id) in component.enumerated() { members[id, default: []].append(node) }
    return members.values.filter { $0.count > 1 }.map { $0.sorted() }.sorted { $0[0] < $1[0] }
  }

  /// The shortest cycle through `start` inside its component, as node indices in needs
  /// direction, starting and ending at `start`.
  func cyclePath(through start: Int) -> [Int] {
    let target = component[start]
    var parent: [Int: Int] = [:]
    var queue = [start]
    var head = 0
    while head < queue.count {
      let node = queue[head]
      head += 1
      for next in predecessors[node] where component[next] == target {
        if next == start {
          var path = [start]
          var cursor = node
          while cursor != start {
            path.append(cursor)
            cursor = parent[cursor]!
          }
          // `path` is start followed by the chain back from `node`; needs direction is reversed.
          return [start] + path.dropFirst().reversed() + [start]
        }
        if parent[next] == nil, next != start {
          parent[next] = node
          queue.append(next)
        }
      }
    }
    return [start, start]
  }
}
